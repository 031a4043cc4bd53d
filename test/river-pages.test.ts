// Issue 14: a story appears once across the home page's top stories and every page of its
// river, across a section's pages, and across a topic page's stories and its river. The
// seed puts two top stories (one pinned, one boosted) below the river's first page, where
// an older page used to list them again; reports that arrive between one page and the
// next do not bring a story back either. Served over HTTP by the real app on both
// databases; which report belongs to which story is read from the seed, not the markup.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { createStoryRepository } from "../src/db/story-repository.ts";
import { articlePath } from "../src/domain/article-path.ts";
import { HOME_TAG, sectionTag } from "../src/site/cache-tags.ts";
import { forEachDatabase } from "./support/databases.ts";
import { RIVER_TOPIC, type RiverStories, seedRiverStories } from "./support/river-stories.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const RIVER = 30;

/** The HTML from the element with this id up to the next `<section` (or the end). */
function sectionHtml(html: string, headingId: string): string {
  const start = html.indexOf(`id="${headingId}"`);
  if (start < 0) return "";
  const end = html.indexOf("<section", start);
  return html.slice(start, end < 0 ? undefined : end);
}

interface Entry {
  href: string;
  more: { href: string; n: number } | null;
}

/** The items of the first `<ol class="river">` in `html`. */
function riverEntries(html: string): Entry[] {
  const start = html.search(/<ol class="river( continued)?">/);
  if (start < 0) return [];
  const list = html.slice(start, html.indexOf("</ol>", start));
  return [...list.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => {
    const item = m[1] ?? "";
    const more = /<a class="more" href="([^"]+)">and (\d+) more reports?<\/a>/.exec(item);
    return {
      href: /<h[23]><a href="([^"]+)"/.exec(item)?.[1] ?? "",
      more: more ? { href: more[1] ?? "", n: Number(more[2]) } : null,
    };
  });
}

/** The stories a top-stories list (`ol.stories`) links to, in order. */
function listedStories(html: string, seeded: RiverStories): number[] {
  const start = html.indexOf('<ol class="stories">');
  if (start < 0) return [];
  const list = html.slice(start, html.indexOf("</ol>", start));
  return [...list.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => {
    const href = /<h3><a href="([^"]+)"/.exec(m[1] ?? "")?.[1] ?? "";
    const story = seeded.storyByPath.get(href) ?? Number(/^\/story\/(\d+)-/.exec(href)?.[1]);
    assert.ok(Number.isSafeInteger(story), `a top story links a story: ${href}`);
    return story;
  });
}

function olderHref(html: string): string | null {
  return (
    /<a href="([^"]+)" rel="next">Older stories<\/a>/.exec(html)?.[1]?.replaceAll("&amp;", "&") ??
    null
  );
}

/**
 * Each story once in `shown` (where each was seen first), lone reports once each, every
 * "and N more" counting the story's other reports and linking its page.
 */
function checkOnce(
  seeded: RiverStories,
  entries: readonly Entry[],
  where: string,
  shown: Map<string, string>,
): void {
  for (const { href, more } of entries) {
    const story = seeded.storyByPath.get(href);
    if (story === undefined) {
      assert.ok(seeded.lone.has(href), `${where}: a known report: ${href}`);
      assert.equal(more, null, `${where}: a lone report has no "more"`);
      assert.ok(!shown.has(href), `${where}: ${href} again (first on ${shown.get(href)})`);
      shown.set(href, where);
      continue;
    }
    const key = `story ${story}`;
    assert.ok(!shown.has(key), `${where}: ${key} again (first on ${shown.get(key)})`);
    shown.set(key, where);
    const others = (seeded.reports.get(story) ?? 0) - 1;
    assert.ok(more, `${where}: ${key} has ${others} more reports`);
    assert.equal(more.n, others, `${where}: ${key}'s "and N more"`);
    assert.match(more.href, new RegExp(`^/story/${story}-`), `${where}: "more" links ${key}`);
  }
}

forEachDatabase("a story once across the rivers' pages", ({ database }) => {
  let server: RunningServer;
  let seeded: RiverStories;
  const get = async (path: string) => {
    const res = await fetch(`${server.base}${path}`);
    assert.equal(res.status, 200, path);
    return res.text();
  };

  before(async () => {
    seeded = await seedRiverStories(database());
    server = await startServer(database());
  });
  after(async () => {
    await server.stop();
  });

  test("the seed puts top stories where the river's second page would list them", async () => {
    const stories = createStoryRepository(database());
    const first = await stories.river({ limit: RIVER });
    const second = await stories.river({ limit: RIVER, cursor: first.next ?? undefined });
    const onSecond = new Set(second.entries.map((e) => e.story?.id));
    assert.ok(onSecond.has(seeded.pinned) && onSecond.has(seeded.boosted));
  });

  test("home: top stories, then every page of the river, each story once", async () => {
    const page1 = await get("/");
    const top = listedStories(sectionHtml(page1, "top-heading"), seeded);
    assert.ok(top.includes(seeded.pinned) && top.includes(seeded.boosted), `top: ${top}`);
    const shown = new Map<string, string>();
    for (const story of top) {
      assert.ok(!shown.has(`story ${story}`), `story ${story} twice in top stories`);
      shown.set(`story ${story}`, "top stories");
    }
    const river1 = riverEntries(sectionHtml(page1, "latest-heading"));
    checkOnce(seeded, river1, "page 1", shown);

    const next = olderHref(page1);
    if (!next?.startsWith("/?cursor=")) assert.fail(`an older page: ${next}`);
    const page2 = await get(next);
    assert.equal(listedStories(page2, seeded).length, 0, "an older page is the river alone");
    const river2 = riverEntries(page2);
    assert.ok(river2.length > 0, "a second page");
    assert.ok(
      river2.some((e) => e.more),
      'the second page has stories of its own ("and N more")',
    );
    checkOnce(seeded, river2, "page 2", shown);
    assert.equal(olderHref(page2), null, "two pages hold everything");
    assert.match(page2, /<a href="\/">Newest stories<\/a>/, "an older page links the newest");
    assert.match(page2, /<ol class="river continued">/, "an older page's river has no lead");
    assert.match(page1, /<ol class="river">/);
    assert.equal(river1.length, RIVER, "leaving the top stories out still fills the page");
    // Nothing is lost either: every story and lone report is on one of the two pages.
    assert.equal(shown.size, seeded.reports.size + seeded.lone.size);
  });

  test("a report arriving between the pages does not bring its story back", async () => {
    const page1 = await get("/");
    const river1 = riverEntries(sectionHtml(page1, "latest-heading"));
    const next = olderHref(page1);
    assert.ok(next);
    // A story on the first page gets a new report now, another a late one dated before
    // anything on the page (an outlet's backdated copy); neither may turn up on page 2.
    const onPage1 = river1.flatMap((e) => {
      const story = seeded.storyByPath.get(e.href);
      return story === undefined ? [] : [story];
    });
    const [fresh, late] = onPage1;
    assert.ok(fresh !== undefined && late !== undefined);
    const articles = createArticleRepository(database());
    for (const [story, minutesAgo] of [
      [fresh, 0],
      [late, 600],
    ] as const) {
      const saved = await articles.save({
        guid: null,
        kind: "link",
        status: "published",
        headline: `Story ${story} again, ${minutesAgo} minutes ago`,
        standfirst: "More of the same.",
        body: "<p>More of the same.</p>",
        byline: null,
        language: "en",
        section: { slug: "world", name: "World" },
        slug: null,
        canonicalUrl: null,
        externalUrl: "http://127.0.0.1:9/again",
        publishedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      });
      await database()
        .db.updateTable("articles")
        .set({ story_id: story })
        .where("id", "=", saved.article.id)
        .execute();
      seeded.storyByPath.set(articlePath(saved.article) ?? "", story);
      seeded.reports.set(story, (seeded.reports.get(story) ?? 0) + 1);
    }
    // As a fetch that stored them would: the pages showing the section and home go.
    server.dispatch.cache.invalidate([HOME_TAG, sectionTag("world")]);
    const river2 = riverEntries(await get(next));
    const again = river2.filter((e) => {
      const story = seeded.storyByPath.get(e.href);
      return story !== undefined && onPage1.includes(story);
    });
    assert.deepEqual(again, [], "no story of the first page on the second");
  });

  test("a section: each story once across its pages", async () => {
    const page1 = await get("/section/world");
    const shown = new Map<string, string>();
    checkOnce(seeded, riverEntries(page1), "world", shown);
    const next = olderHref(page1);
    if (!next?.startsWith("/section/world?cursor=")) assert.fail(`an older page: ${next}`);
    checkOnce(seeded, riverEntries(await get(next)), "world, page 2", shown);
  });

  test("a topic: its stories, then its river, each story once", async () => {
    const html = await get(`/topic/${RIVER_TOPIC}`);
    const shown = new Map<string, string>();
    const stories = listedStories(html, seeded);
    assert.ok(stories.length > 0, "the topic's stories");
    for (const story of stories) shown.set(`story ${story}`, "the topic's stories");
    const river = riverEntries(html);
    assert.ok(river.length > 0, "the topic's river");
    checkOnce(seeded, river, "the topic's river", shown);
    assert.ok(!html.includes("Newest stories"), "the first page links no newer one");

    const next = olderHref(html);
    if (!next?.startsWith(`/topic/${RIVER_TOPIC}?cursor=`)) assert.fail(`an older page: ${next}`);
    const page2 = await get(next);
    assert.equal(listedStories(page2, seeded).length, 0, "an older page is the river alone");
    const river2 = riverEntries(page2);
    assert.ok(river2.length > 0, "the topic's second page");
    checkOnce(seeded, river2, "the topic's river, page 2", shown);
    assert.match(page2, new RegExp(`<a href="/topic/${RIVER_TOPIC}">Newest stories</a>`));
    assert.equal(olderHref(page2), null, "two pages hold everything");
    // Every report naming the topic is on one of the pages: 8 stories, 3 older, 30 alone.
    assert.equal(shown.size, 8 + 3 + seeded.lone.size);
  });
});
