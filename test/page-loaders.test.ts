import assert from "node:assert/strict";
import { before, test } from "node:test";
import { type ArticleRepository, createArticleRepository } from "../src/db/article-repository.ts";
import { createCorrectionRepository } from "../src/db/correction-repository.ts";
import { createLiveblogRepository } from "../src/db/liveblog-repository.ts";
import { createSourceRepository } from "../src/db/source-repository.ts";
import { createStoryRepository } from "../src/db/story-repository.ts";
import type { Article, ArticleInput } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import { loadAbout } from "../src/site/routes/about.tsx";
import { articlePageTags, loadArticle } from "../src/site/routes/article.tsx";
import { loadFeed } from "../src/site/routes/feeds.ts";
import { loadHome } from "../src/site/routes/home.tsx";
import type { PageDeps } from "../src/site/routes/html-page.tsx";
import { loadSection } from "../src/site/routes/section.tsx";
import {
  loadMonthSitemap,
  loadNewsSitemap,
  loadPagesSitemap,
  loadSitemapIndex,
} from "../src/site/routes/sitemaps.ts";
import { loadSource, loadSources } from "../src/site/routes/source.tsx";
import { loadStory } from "../src/site/routes/story.tsx";
import { loadTopic, topicPageTags } from "../src/site/routes/topic.tsx";
import { storyPath } from "../src/site/story-list.tsx";
import { forEachDatabase } from "./support/databases.ts";
import { TEST_SITE } from "./support/site.ts";

// Each page's loader on a real database, without HTTP: what it reads, what it returns,
// and when it answers "no such page" (null) or "moved" (the page's own address).

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

function input(overrides: Partial<ArticleInput>): ArticleInput {
  return {
    guid: null,
    kind: "own",
    status: "published",
    headline: "Headline",
    standfirst: null,
    body: "<p>Body.</p>",
    byline: null,
    language: "en",
    section: { slug: "world", name: "World" },
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: ago(1),
    ...overrides,
  };
}

/** The repository with a count of calls per method. */
function counting<T extends object = ArticleRepository>(
  articles: T,
): {
  articles: T;
  calls: Map<string, number>;
} {
  const calls = new Map<string, number>();
  const counted = new Proxy(articles, {
    get(target, name: string) {
      const value = target[name as keyof T];
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { articles: counted, calls };
}

forEachDatabase("page loaders", ({ database }) => {
  let deps: PageDeps;
  const world: Article[] = [];
  const sport: Article[] = [];
  let fromB: Article;
  let live: Article;
  let storyId = 0;
  let sourceA = 0;

  before(async () => {
    const db = database();
    const articles = createArticleRepository(db);
    const sources = createSourceRepository(db);
    deps = {
      site: TEST_SITE,
      articles,
      stories: createStoryRepository(db),
      sources,
      liveblogs: createLiveblogRepository(db),
      corrections: createCorrectionRepository(db),
    };
    const a = await sources.add({
      url: "http://127.0.0.1:9/a.xml",
      mode: "link",
      title: "Outlet A",
      section: { slug: "world", name: "World" },
    });
    const b = await sources.add({
      url: "http://127.0.0.1:9/b.xml",
      mode: "link",
      title: "Outlet B",
      section: { slug: "world", name: "World" },
    });
    sourceA = a.id;
    const save = async (i: ArticleInput) => (await articles.save(i)).article;
    for (let i = 0; i < 6; i++) {
      world.push(
        await save(
          input({ headline: `World report ${i}`, publishedAt: ago(2 + i), sourceId: a.id }),
        ),
      );
    }
    fromB = await save(
      input({ headline: "Outlet B's report", publishedAt: ago(3.5), sourceId: b.id }),
    );
    const sportSection = { slug: "sport", name: "Sport" };
    sport.push(
      await save(input({ headline: "Cup final", section: sportSection, publishedAt: ago(2) })),
    );
    sport.push(
      await save(input({ headline: "Transfer news", section: sportSection, publishedAt: ago(5) })),
    );
    const copy = await save(
      input({ headline: "Cup final (copy)", section: sportSection, publishedAt: ago(1) }),
    );
    // Hidden from every list: a draft (newest of all), an embargo, a duplicate copy, and a
    // section holding nothing but a draft.
    await save(input({ headline: "Secret draft", status: "draft", publishedAt: ago(0.5) }));
    await save(input({ headline: "Embargoed", status: "scheduled", publishedAt: ago(-24) }));
    await save(
      input({
        headline: "Culture draft",
        status: "draft",
        section: { slug: "culture", name: "Culture" },
      }),
    );
    await db.db
      .updateTable("articles")
      .set({ duplicate_of: sport[0]?.id ?? null })
      .where("id", "=", copy.id)
      .execute();

    const story = await db.db
      .insertInto("stories")
      .values({
        key: "k1",
        title: "World leaders meet",
        slug: "world-leaders-meet",
        lead_article_id: world[0]?.id ?? null,
        article_count: 2,
        source_count: 2,
        velocity: 1,
        first_seen_at: ago(3.5),
        last_seen_at: ago(2),
        pinned: 0,
        boost: 0,
        updated_at: ago(2),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    storyId = Number(story.id);
    await db.db
      .updateTable("articles")
      .set({ story_id: storyId })
      .where("id", "in", [world[0]?.id ?? 0, fromB.id])
      .execute();
    const entity = await db.db
      .insertInto("entities")
      .values({ kind: "place", name: "Minsk", slug: "minsk", created_at: ago(3) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.db
      .insertInto("article_entities")
      .values(
        [world[0]?.id ?? 0, fromB.id].map((id) => ({
          article_id: id,
          entity_id: Number(entity.id),
          mentions: 2,
        })),
      )
      .execute();

    live = await save(
      input({ kind: "liveblog", headline: "Storm: live updates", publishedAt: ago(10) }),
    );
    const start = Date.now() - 9 * HOUR;
    for (let i = 0; i < 35; i++) {
      await deps.liveblogs.add(live.id, {
        title: null,
        body: `<p>Update ${i}</p>`,
        byline: null,
        keyEvent: false,
        pinned: false,
        postedAt: new Date(start + i * 60_000).toISOString(),
      });
    }
  });

  test("latestBySection: each section's newest listed articles in one query", async () => {
    const latest = await deps.articles.latestBySection(["world", "sport", "culture", "nowhere"], 4);
    const own = (await deps.articles.listVisible({ limit: 4, section: "world" })).items;
    assert.equal(own.length, 4);
    assert.deepEqual(
      latest.get("world")?.map((a) => a.id),
      own.map((a) => a.id),
      "the same four the section's own list starts with, no draft",
    );
    assert.deepEqual(
      latest.get("sport")?.map((a) => a.headline),
      ["Cup final", "Transfer news"],
      "no duplicate copy",
    );
    assert.equal(latest.has("culture"), false, "a section of drafts only has no block");
    const without = await deps.articles.latestBySection(["world", "sport"], 4, new Date(), {
      stories: [storyId],
      articles: [world[1]?.id ?? 0, sport[0]?.id ?? 0],
    });
    assert.deepEqual(
      without.get("world")?.map((a) => a.id),
      world.slice(2, 6).map((a) => a.id),
      "the story's reports and the article shown above left out, the block still full",
    );
    assert.deepEqual(
      without.get("sport")?.map((a) => a.headline),
      ["Transfer news"],
    );
    assert.equal(latest.has("nowhere"), false);
    assert.equal((await deps.articles.latestBySection([], 4)).size, 0);
    for (const list of latest.values()) {
      const times = list.map((a) => a.publishedAt ?? "");
      assert.deepEqual(times, [...times].sort().reverse(), "newest first");
    }
  });

  test("home reads the sections once and every block in one query", async () => {
    const { articles, calls } = counting(deps.articles);
    const stories = counting(deps.stories);
    const props = await loadHome({ ...deps, articles, stories: stories.articles }, {});
    assert.equal(calls.get("sections"), 1, "sections read once, for masthead and blocks");
    // Issue 14: the river is the stories' river (each story once), no longer listVisible.
    assert.equal(stories.calls.get("river"), 1, "the river only: no query per section");
    assert.equal(calls.get("listVisible") ?? 0, 0);
    assert.equal(calls.get("latestBySection"), 1);
    assert.deepEqual(
      props.site.sections?.map((s) => s.slug),
      ["culture", "sport", "world"],
    );
    // Under 30 listed articles, the top stories and the river above show them all: a
    // block holds only what the page does not show already (test/browser/rivers.test.ts
    // has blocks of older reports).
    assert.deepEqual(props.sections, []);
    assert.ok(!props.entries.some((e) => /Secret|Embargoed|copy/.test(e.article.headline)));
    assert.ok(
      !props.entries.some((e) => e.article.storyId === storyId),
      "a top story is not in the latest river again",
    );
    assert.deepEqual(
      props.stories.map((s) => s.story.id),
      [storyId],
    );

    assert.equal(props.next, null, "under 30 listed articles: one page");
    const river = (await deps.stories.river({ limit: 30 })).entries;
    const cursor = (await deps.stories.river({ limit: 2 })).next ?? "";
    const older = await loadHome(deps, { cursor });
    assert.deepEqual(
      older.entries.map((e) => e.article.id),
      river.slice(2).map((e) => e.article.id),
      "an older page is the river from the cursor on",
    );
    assert.deepEqual([older.stories.length, older.sections.length], [0, 0]);
    assert.equal((await loadHome(deps, { cursor: "" })).stories.length, 1, "empty: the first page");
  });

  test("section, source, about and sources", async () => {
    assert.equal(await loadSection(deps, { slug: "nowhere" }), null);
    const section = await loadSection(deps, { slug: "sport" });
    assert.equal(section?.section.name, "Sport");
    assert.deepEqual(
      section?.entries.map((e) => e.article.headline),
      ["Cup final", "Transfer news"],
    );
    assert.equal(section?.site.sections?.length, 3);

    assert.equal(await loadSource(deps, { id: 999_999 }), null);
    const source = await loadSource(deps, { id: sourceA });
    assert.equal(source?.source.title, "Outlet A");
    assert.deepEqual(
      source?.articles.map((a) => a.id),
      world.map((a) => a.id),
    );
    assert.equal((await loadAbout(deps)).sourceCount, 2);
    assert.deepEqual(
      (await loadSources(deps)).sources.map((s) => s.title),
      ["Outlet A", "Outlet B"],
    );
  });

  test("topic: its stories and articles, tagged with the stories it lists", async () => {
    assert.equal(await loadTopic(deps, { slug: "nobody" }), null);
    const topic = await loadTopic(deps, { slug: "minsk" });
    assert.ok(topic);
    assert.equal(topic.entity.name, "Minsk");
    assert.deepEqual(
      topic.stories.map((s) => s.story.id),
      [storyId],
    );
    // Issue 14: both of its reports are one story, so one entry with one more in its river…
    const river = await deps.stories.river({ limit: 30, entityId: topic.entity.id });
    assert.deepEqual(
      river.entries.map((e) => [e.article.id, e.story?.id, e.more]),
      [[world[0]?.id, storyId, 1]],
    );
    // …and the page lists that story above its river already, so the river leaves it out.
    assert.deepEqual(topic.entries, []);
    assert.equal(topicPageTags(topic), `pages topic:minsk story:${storyId}`);
  });

  test("story: its own path, a move from any other, null when missing", async () => {
    const path = storyPath({ id: storyId, slug: "world-leaders-meet" });
    const story = await loadStory(deps, { id: storyId, path });
    assert.ok(story && "entry" in story);
    assert.equal(story.entry.articles.length, 2);
    assert.deepEqual(await loadStory(deps, { id: storyId, path: `/story/${storyId}` }), {
      movedTo: path,
    });
    assert.equal(await loadStory(deps, { id: 999_999, path: "/story/999999" }), null);
  });

  test("article: its page, its story, a move for a wrong date, live blog pages", async () => {
    const first = world[0];
    assert.ok(first);
    const path = articlePath(first) ?? "";
    const params = { section: "world", slug: first.slug, path };
    const props = await loadArticle(deps, params);
    assert.ok(props && "article" in props);
    assert.equal(props.story?.story.id, storyId);
    assert.deepEqual(
      props.topics?.map((t) => t.slug),
      ["minsk"],
    );
    assert.equal(props.live, null);
    assert.equal(articlePageTags(props), `pages article:${first.id} story:${storyId}`);

    const wrong = path.replace(/\/\d{4}\/\d{2}\/\d{2}\//, "/2001/01/01/");
    assert.deepEqual(await loadArticle(deps, { ...params, path: wrong }), { movedTo: path });
    assert.equal(await loadArticle(deps, { ...params, slug: "no-such-article" }), null);
    const draft = await loadArticle(deps, { section: "world", slug: "secret-draft", path: "/x" });
    assert.equal(draft, null, "a draft has no page");

    const livePath = articlePath(live) ?? "";
    const blog = await loadArticle(deps, { section: "world", slug: live.slug, path: livePath });
    assert.ok(blog && "live" in blog && blog.live);
    assert.equal(blog.live.entries.length, 30);
    assert.equal(articlePageTags(blog), `pages article:${live.id}`);
    const next = blog.live.older ?? "";
    const older = await loadArticle(deps, {
      section: "world",
      slug: live.slug,
      path: livePath,
      before: next,
    });
    assert.ok(older && "live" in older);
    assert.equal(older.live?.entries.length, 5);
    await assert.rejects(
      loadArticle(deps, { section: "world", slug: live.slug, path: livePath, before: "abc" }),
      (e: { status?: number }) => e.status === 400,
    );
  });

  test("feeds: what each scope shows; unknown sections and topics are null", async () => {
    const home = await loadFeed(deps, { kind: "home" });
    assert.ok(home);
    assert.equal(home.title, TEST_SITE.name);
    assert.ok(!home.items.some((a) => /Secret|Embargoed/.test(a.headline)));
    assert.equal((await loadFeed(deps, { kind: "section", slug: "sport" }))?.items.length, 2);
    assert.equal((await loadFeed(deps, { kind: "topic", slug: "minsk" }))?.items.length, 2);
    assert.equal(await loadFeed(deps, { kind: "section", slug: "nowhere" }), null);
    assert.equal(await loadFeed(deps, { kind: "topic", slug: "nobody" }), null);
  });

  test("sitemaps: months, pages, news, and no page past a month's articles", async () => {
    const { months } = await loadSitemapIndex(deps);
    assert.ok(months.length >= 1);
    assert.deepEqual((await loadPagesSitemap(deps)).sections, ["culture", "sport", "world"]);
    const news = await loadNewsSitemap(deps);
    assert.ok(news.paths.some((p) => p.slug === world[0]?.slug));
    const month = months.at(-1)?.month ?? "";
    const page = await loadMonthSitemap(deps, { name: `articles-${month}.xml` });
    assert.equal(page?.page, 1);
    assert.equal(await loadMonthSitemap(deps, { name: `articles-${month}-2.xml` }), null);
    assert.equal(await loadMonthSitemap(deps, { name: "articles-1999-01.xml" }), null);
    assert.equal(await loadMonthSitemap(deps, { name: "articles-2026-13.xml" }), null);
  });
});
