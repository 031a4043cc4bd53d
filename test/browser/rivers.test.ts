// Issue 14, "the home page in Chromium shows no story twice in its rivers": twenty stories,
// each reported by two to five outlets whose reports interleave in time (and, for some,
// cross sections), two top stories (pinned, boosted) whose reports are hours old, and
// reports that belong to no story, so that the rivers run to a second page
// (test/support/river-stories.ts). In Chromium: the home page's top stories and latest
// river, each page of the river, a section's river and a topic's stories and river list
// every story once, by one headline, with "and N more" leading to the story's page. Which
// report belongs to which story is read from the seed, not from the markup under test.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { RIVER_TOPIC, type RiverStories, seedRiverStories } from "../support/river-stories.ts";
import { type RunningServer, startServer } from "../support/server.ts";

/** One river item as the reader sees it. */
interface Item {
  dataStory: string | null;
  headline: string;
  href: string;
  more: { text: string; href: string } | null;
}

/** The items of the page's `ol.river` (within `scope`, a CSS selector), in order. */
function riverItems(page: Page, scope = "main"): Promise<Item[]> {
  return page.$$eval(`${scope} ol.river > li`, (lis) =>
    lis.map((li) => {
      const headline = li.querySelector("h2 a, h3 a");
      const more = li.querySelector<HTMLAnchorElement>("a.more");
      return {
        dataStory: li.getAttribute("data-story"),
        headline: headline?.textContent ?? "",
        href: headline?.getAttribute("href") ?? "",
        more: more ? { text: more.textContent ?? "", href: more.getAttribute("href") ?? "" } : null,
      };
    }),
  );
}

/** The stories a top-stories item's links lead to (its report or the story's page). */
function storiesLinked(seeded: RiverStories, links: readonly string[]): Set<number> {
  return new Set(
    links.flatMap((href) => {
      const byPath = seeded.storyByPath.get(href);
      const byLink = /^\/story\/(\d+)-/.exec(href)?.[1];
      return byPath !== undefined ? [byPath] : byLink ? [Number(byLink)] : [];
    }),
  );
}

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);

describe("rivers in Chromium show each story once", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let seeded: RiverStories;

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    seeded = await seedRiverStories(db.database);
    server = await startServer(db.database);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  /**
   * Every item names the story its headline belongs to (data-story), each story once, each
   * "and N more" the story's other reports and a link to its page; returns the stories.
   */
  function checkItems(items: readonly Item[], where: string, seen = new Map<number, string>()) {
    for (const item of items) {
      const story = seeded.storyByPath.get(item.href);
      if (story === undefined) {
        assert.ok(seeded.lone.has(item.href), `${where}: a known report: ${item.href}`);
        assert.equal(item.dataStory, null, `${where}: a lone report names no story`);
        assert.equal(item.more, null);
        continue;
      }
      assert.equal(item.dataStory, String(story), `${where}: ${item.headline} is story ${story}`);
      assert.equal(
        seeded.storyByHeadline.get(item.headline),
        story,
        `${where}: the headline shown is one of the story's own`,
      );
      assert.ok(
        !seen.has(story),
        `${where}: story ${story} twice: "${seen.get(story)}" and "${item.headline}"`,
      );
      seen.set(story, `${where}: ${item.headline}`);
      const others = (seeded.reports.get(story) ?? 0) - 1;
      if (item.more) {
        assert.match(
          item.more.href,
          new RegExp(`^/story/${story}-`),
          `${where}: "more" links the story`,
        );
        assert.equal(item.more.text, `and ${others} more ${others === 1 ? "report" : "reports"}`);
      }
    }
    return seen;
  }

  test("home: top stories and every page of the latest river, each story once", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.base}/`);

    const topHrefs = await page.$$eval('section[aria-labelledby="top-heading"] li', (lis) =>
      lis.map((li) => [...li.querySelectorAll("a")].map((a) => a.getAttribute("href") ?? "")),
    );
    assert.ok(topHrefs.length >= 2, `top stories to compare (${topHrefs.length})`);
    const top = new Map<number, string>();
    for (const links of topHrefs) {
      const stories = storiesLinked(seeded, links);
      assert.equal(stories.size, 1, `a top story's links all lead to one story: ${links}`);
      const [story] = stories;
      assert.ok(story !== undefined && !top.has(story), `story ${story} twice in top stories`);
      top.set(story, "top stories");
    }

    const first = await riverItems(page, 'section[aria-labelledby="latest-heading"]');
    assert.ok(first.length >= 10, `a river to look at (${first.length} items)`);
    assert.ok(
      first.some((i) => i.more !== null),
      'some item stands for several reports ("and N more")',
    );
    // None of the top stories comes back in the river.
    const seen = checkItems(first, "home", new Map(top));

    // No story is named by a headline twice across the two rivers (top stories, latest).
    const headlines = await page.$$eval(
      'section[aria-labelledby="top-heading"] a, section[aria-labelledby="latest-heading"] a',
      (links) => links.map((a) => a.textContent ?? ""),
    );
    const named = new Map<number, string[]>();
    for (const text of headlines) {
      const story = seeded.storyByHeadline.get(text);
      if (story !== undefined) named.set(story, [...(named.get(story) ?? []), text]);
    }
    assert.ok(named.size >= 10, `headlines of stories on the page (${named.size})`);
    for (const [story, texts] of named) {
      assert.equal(
        texts.length,
        1,
        `story ${story} by ${texts.length} headlines: ${texts.join(" | ")}`,
      );
    }

    // A section's block below lists more: none of the top stories or the river's stories
    // and reports again, a story once.
    const riverLinks = new Set(first.map((i) => i.href));
    const blockLinks = await page.$$eval("main section.block li a", (links) =>
      links.map((a) => a.getAttribute("href") ?? ""),
    );
    assert.ok(blockLinks.length > 0, "section blocks to look at");
    const inBlocks = new Set<number>();
    for (const href of blockLinks) {
      assert.ok(!riverLinks.has(href), `a section block repeats the river's ${href}`);
      const story = seeded.storyByPath.get(href);
      if (story === undefined) continue;
      assert.ok(!seen.has(story), `story ${story} again in a section block: ${href}`);
      assert.ok(!inBlocks.has(story), `story ${story} twice in the section blocks: ${href}`);
      inBlocks.add(story);
    }
    assert.ok(inBlocks.size > 0, "blocks hold stories' reports");

    // Top stories whose reports are hours old, where the river's second page would be.
    assert.ok(top.has(seeded.pinned) && top.has(seeded.boosted), "old top stories");
    // The older page continues the river: none of the first page's stories again, top
    // stories included.
    await page.getByRole("link", { name: "Older stories" }).click();
    await page.waitForURL(/\?cursor=/);
    const second = await riverItems(page);
    assert.ok(second.length > 0, "a second page");
    checkItems(second, "home, page 2", seen);

    // "and N more" leads to the story, which lists every report.
    await page.goto(`${server.base}/`);
    const more = page.locator('section[aria-labelledby="latest-heading"] a.more').first();
    const href = (await more.getAttribute("href")) ?? "";
    const story = Number(/^\/story\/(\d+)-/.exec(href)?.[1]);
    await more.click();
    await page.waitForURL(`${server.base}${href}`);
    const coverage = await page.$$eval("ol.coverage li", (lis) => lis.length);
    assert.equal(coverage, seeded.reports.get(story), "the story page lists all its reports");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a section's river and a topic's river, each story once (phone width)", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.base}/section/world`);
    const world = await riverItems(page);
    assert.ok(world.length >= 10, `a section river (${world.length} items)`);
    const seen = checkItems(world, "world");
    await page.getByRole("link", { name: "Older stories" }).click();
    await page.waitForURL(/\?cursor=/);
    checkItems(await riverItems(page), "world, page 2", seen);

    // Stories reported under two sections are in both sections' rivers, once in each.
    await page.goto(`${server.base}/section/politics`);
    const politics = await riverItems(page);
    assert.ok(politics.length > 0);
    checkItems(politics, "politics");

    await page.goto(`${server.base}/topic/${RIVER_TOPIC}`);
    const topic = await riverItems(page);
    assert.ok(topic.length > 0, "a topic river");
    // The topic page's own story list above the river is left out of the river.
    const listed = await page.$$eval("main ol.stories > li", (lis) =>
      lis.map((li) => [...li.querySelectorAll("a")].map((a) => a.getAttribute("href") ?? "")),
    );
    assert.ok(listed.length > 0, "the topic's stories");
    const onTopic = new Map<number, string>();
    for (const links of listed)
      for (const story of storiesLinked(seeded, links)) onTopic.set(story, "stories");
    checkItems(topic, "topic", onTopic);
    await page.getByRole("link", { name: "Older stories" }).click();
    await page.waitForURL(/\/topic\/[^?]+\?cursor=/);
    const topic2 = await riverItems(page);
    assert.ok(topic2.length > 0, "a topic's second page");
    checkItems(topic2, "topic, page 2", onTopic);
    await page.getByRole("link", { name: "Newest stories" }).click();
    await page.waitForURL(`${server.base}/topic/${RIVER_TOPIC}`);
    await context.close();
  });
});
