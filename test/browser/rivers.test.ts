// Issue 14, "the home page in Chromium shows no story twice in its rivers": twenty stories,
// each reported by two to five outlets whose reports interleave in time (and, for some,
// cross sections), plus reports that belong to no story, so that the rivers run to a second
// page. In Chromium: the home page's top stories and latest river, each page of the river,
// a section's river and a topic's river list every story once, by one headline, with "and N
// more" leading to the story's page. Which report belongs to which story is read from the
// database, not from the markup under test.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createArticleRepository } from "../../src/db/article-repository.ts";
import { createSourceRepository } from "../../src/db/source-repository.ts";
import type { ArticleInput } from "../../src/domain/article.ts";
import { articlePath } from "../../src/domain/article-path.ts";
import { slugify } from "../../src/domain/slug.ts";
import { chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { type RunningServer, startServer } from "../support/server.ts";

const MINUTE = 60_000;
const STORIES = 20;
const LONE_REPORTS = 15;
const OUTLETS = [
  "Calder Courier",
  "Northgate Post",
  "Brigg Herald",
  "Valemouth Times",
  "Holt Wire",
];
const WORLD = { slug: "world", name: "World" };
const POLITICS = { slug: "politics", name: "Politics" };
const TOPIC = "harbour-commission";

interface Seeded {
  /** Story id by the path of each of its reports. */
  storyByPath: Map<string, number>;
  /** Story id by each report's headline. */
  storyByHeadline: Map<string, number>;
  /** Listed reports per story. */
  reports: Map<number, number>;
  /** Paths of the reports that belong to no story. */
  lone: Set<string>;
}

async function seed(db: TestDatabase): Promise<Seeded> {
  const database = db.database;
  const articles = createArticleRepository(database);
  const sources = createSourceRepository(database);
  const outlets: number[] = [];
  for (const [i, title] of OUTLETS.entries()) {
    const s = await sources.add({
      url: `http://127.0.0.1:9/outlet-${i}.xml`,
      mode: "link",
      title,
      section: WORLD,
    });
    outlets.push(s.id);
  }
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString();
  const input = (overrides: Partial<ArticleInput>): ArticleInput => ({
    guid: null,
    kind: "link",
    status: "published",
    headline: "Headline",
    standfirst: "What happened, in a sentence.",
    body: "<p>What happened, in a sentence.</p>",
    byline: null,
    language: "en",
    section: WORLD,
    slug: null,
    canonicalUrl: null,
    externalUrl: "http://127.0.0.1:9/elsewhere",
    publishedAt: at(1),
    ...overrides,
  });
  const out: Seeded = {
    storyByPath: new Map(),
    storyByHeadline: new Map(),
    reports: new Map(),
    lone: new Set(),
  };
  const entity = await database.db
    .insertInto("entities")
    .values({ kind: "organisation", name: "Harbour Commission", slug: TOPIC, created_at: at(600) })
    .returning("id")
    .executeTakeFirstOrThrow();

  for (let k = 0; k < STORIES; k++) {
    const count = 2 + (k % 4);
    const ids: number[] = [];
    const times: string[] = [];
    for (let j = 0; j < count; j++) {
      // Reports of one story spread over hours, between other stories' reports.
      const publishedAt = at(5 + k * 3 + j * 45);
      const outlet = OUTLETS[(k + j) % OUTLETS.length] ?? "";
      const saved = await articles.save(
        input({
          headline: `Story ${k}: ${["first word", "officials confirm", "what we know", "reaction", "the latest"][j]} (${outlet})`,
          sourceId: outlets[(k + j) % outlets.length] ?? null,
          // Every third story is reported under two sections.
          section: k % 3 === 0 && j % 2 === 1 ? POLITICS : WORLD,
          publishedAt,
        }),
      );
      ids.push(saved.article.id);
      times.push(publishedAt);
    }
    // The earliest report leads: not the one that places the story in a river.
    const lead = ids[ids.length - 1] ?? 0;
    const leadArticle = (await articles.byIds([lead]))[0];
    const story = await database.db
      .insertInto("stories")
      .values({
        key: `story-${k}`,
        title: leadArticle?.headline ?? `Story ${k}`,
        slug: slugify(leadArticle?.headline ?? `story-${k}`),
        lead_article_id: lead,
        article_count: count,
        source_count: count,
        velocity: count / (1 + k),
        first_seen_at: times[times.length - 1] ?? at(0),
        last_seen_at: times[0] ?? at(0),
        pinned: 0,
        boost: 0,
        updated_at: times[0] ?? at(0),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const storyId = Number(story.id);
    await database.db
      .updateTable("articles")
      .set({ story_id: storyId })
      .where("id", "in", ids)
      .execute();
    out.reports.set(storyId, count);
    for (const a of await articles.byIds(ids)) {
      out.storyByPath.set(articlePath(a) ?? "", storyId);
      out.storyByHeadline.set(a.headline, storyId);
    }
    // The topic names reports of the first eight stories, some of them twice a story.
    if (k < 8) {
      await database.db
        .insertInto("article_entities")
        .values(ids.map((id) => ({ article_id: id, entity_id: Number(entity.id), mentions: 1 })))
        .execute();
    }
  }
  for (let i = 0; i < LONE_REPORTS; i++) {
    const saved = await articles.save(
      input({
        headline: `A report of its own, number ${i}`,
        sourceId: outlets[i % outlets.length] ?? null,
        publishedAt: at(4 + i * 11),
      }),
    );
    out.lone.add(articlePath(saved.article) ?? "");
  }
  return out;
}

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

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);

describe("rivers in Chromium show each story once", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let seeded: Seeded;

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    seeded = await seed(db);
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
      const stories = new Set(
        links.flatMap((href) => {
          const byPath = seeded.storyByPath.get(href);
          const byLink = /^\/story\/(\d+)-/.exec(href)?.[1];
          return byPath !== undefined ? [byPath] : byLink ? [Number(byLink)] : [];
        }),
      );
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

    // The older page continues the river: none of the first page's stories again.
    await page.getByRole("link", { name: "Older stories" }).click();
    await page.waitForURL(/\?cursor=/);
    const second = await riverItems(page);
    assert.ok(second.length > 0, "a second page");
    const river = new Map([...seen].filter(([id]) => !top.has(id)));
    checkItems(second, "home, page 2", river);

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

    await page.goto(`${server.base}/topic/${TOPIC}`);
    const topic = await riverItems(page);
    assert.ok(topic.length > 0, "a topic river");
    const onTopic = new Map<number, string>();
    // The topic page's own story list above the river is left out of the river.
    checkItems(topic, "topic", onTopic);
    await context.close();
  });
});
