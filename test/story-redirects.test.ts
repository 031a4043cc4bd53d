// Stored merges at the repository, on both databases: reports move to the story readers
// have had longest, redirects stay one hop (A→B then B→C: A→C), a story's address never
// changes when its lead does, and an embargoed first report never names the address.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { createEnrichmentRepository } from "../src/db/enrichment-repository.ts";
import { createSourceRepository } from "../src/db/source-repository.ts";
import { createStoryRepository } from "../src/db/story-repository.ts";
import { createWireRepository } from "../src/db/wire-repository.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import { loadStory } from "../src/site/routes/story.tsx";
import { storyPath } from "../src/site/story-list.tsx";
import { forEachDatabase } from "./support/databases.ts";
import { storedEnrichment } from "./support/enrich-fixtures.ts";
import { TEST_SITE } from "./support/site.ts";

const world = { slug: "world", name: "World" };
const now = new Date("2026-11-28T12:00:00Z");

function input(guid: string, headline: string, over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    guid,
    kind: "link",
    status: "published",
    headline,
    standfirst: null,
    body: `<p>${headline}.</p>`,
    byline: null,
    language: "en",
    section: world,
    slug: null,
    canonicalUrl: null,
    externalUrl: `http://127.0.0.1:9/${guid}`,
    publishedAt: "2026-11-28T10:00:00.000Z",
    ...over,
  };
}

forEachDatabase("stored story merges and redirects", ({ database }) => {
  beforeEach(async () => {
    const { db } = database();
    await db.deleteFrom("events").execute();
    await db.deleteFrom("story_redirects").execute();
    await db.deleteFrom("article_entities").execute();
    await db.deleteFrom("article_revisions").execute();
    await db.updateTable("articles").set({ story_id: null, duplicate_of: null }).execute();
    await db.deleteFrom("articles").execute();
    await db.deleteFrom("stories").execute();
    await db.deleteFrom("sources").execute();
  });

  async function storyOf(articleId: number): Promise<number | null> {
    const row = await database()
      .db.selectFrom("articles")
      .select("story_id")
      .where("id", "=", articleId)
      .executeTakeFirstOrThrow();
    return row.story_id === null ? null : Number(row.story_id);
  }

  test("chains collapse: A into B, then B into C, and A redirects to C in one hop", async () => {
    const articles = createArticleRepository(database());
    const enrich = createEnrichmentRepository(database());
    const stories = createStoryRepository(database());
    const [c, b, a, joinsB, joinsC] = (
      await articles.saveMany([
        input("c1", "Harbour crane collapses at Port Talbot"),
        input("b1", "Port Talbot crane: two workers hurt"),
        input("a1", "Crane operator speaks of collapse", {
          section: { slug: "business", name: "Business" },
        }),
        input("b2", "Port Talbot crane inquiry opens"),
        input("c2", "Port Talbot reopens after crane collapse"),
      ])
    ).map((s) => s.article.id) as [number, number, number, number, number];
    // Three stories, opened in this order: C, B, A (their ids rise in that order).
    await enrich.save([storedEnrichment(c), storedEnrichment(b), storedEnrichment(a)], 1, now);
    const [sc, sb, sa] = [await storyOf(c), await storyOf(b), await storyOf(a)] as [
      number,
      number,
      number,
    ];
    assert.ok(sc < sb && sb < sa);

    // A report joins B and makes it read like A: A goes into B (B is older).
    const first = await enrich.save(
      [storedEnrichment(joinsB, { storyKey: String(b), mergedStoryKeys: [String(a)] })],
      1,
      now,
    );
    assert.equal(await stories.redirectOf(sa), sb);
    assert.equal(await storyOf(a), sb, "A's report moved to B");
    assert.equal(await stories.get(sa, now), null, "A's row is gone");
    assert.ok(first.sectionSlugs.includes("business"), "the moved report's section pages go");

    // Then B goes into C: A's redirect is pointed on, not chained.
    const change = await enrich.save(
      [storedEnrichment(joinsC, { storyKey: String(c), mergedStoryKeys: [String(b)] })],
      1,
      now,
    );
    assert.equal(await stories.redirectOf(sb), sc);
    assert.equal(await stories.redirectOf(sa), sc, "one hop: A → C");
    assert.equal(await stories.redirectOf(sc), null, "the survivor has no redirect");
    for (const id of [c, b, a, joinsB, joinsC]) assert.equal(await storyOf(id), sc);
    const survivor = await stories.get(sc, now);
    assert.equal(survivor?.story.articleCount, 5, "counts recomputed as for a join");
    assert.equal(survivor?.story.key, String(c));
    assert.ok(change.storyIds.includes(sb), "the absorbed story's pages are dropped");

    // The old addresses move, each straight to the survivor's own.
    const deps = { site: TEST_SITE, articles, stories };
    const path = storyPath(survivor?.story ?? { id: 0, slug: "" });
    for (const id of [sa, sb])
      assert.deepEqual(await loadStory(deps, { id, path: `/story/${id}-old-slug` }, now), {
        movedTo: path,
      });

    // A newsroom article started from a lead of a story merged since lands on the survivor.
    const [ours] = (
      await articles.saveMany([input("n1", "Our crane report", { kind: "own", externalUrl: null })])
    ).map((s) => s.article.id) as [number];
    await createWireRepository(database()).attachToStory(ours, sa);
    assert.equal(await storyOf(ours), sc);

    // Open pages hear of it on both stories' channels.
    const events = await database()
      .db.selectFrom("events")
      .select(["channel", "payload"])
      .where("type", "=", "story.merged")
      .orderBy("id")
      .execute();
    assert.deepEqual(
      events.map((e) => [e.channel, JSON.parse(e.payload)]),
      [
        [
          `story:${sa}`,
          { storyId: sa, into: sb, url: `/story/${sb}-port-talbot-crane-two-workers-hurt` },
        ],
        [
          `story:${sb}`,
          { storyId: sa, into: sb, url: `/story/${sb}-port-talbot-crane-two-workers-hurt` },
        ],
        [`story:${sb}`, { storyId: sb, into: sc, url: path }],
        [`story:${sc}`, { storyId: sb, into: sc, url: path }],
      ],
    );
  });

  test("a survivor the index opened with this very article: the stored story keeps its id and takes the key", async () => {
    const articles = createArticleRepository(database());
    const enrich = createEnrichmentRepository(database());
    const stories = createStoryRepository(database());
    const [stored, late] = (
      await articles.saveMany([
        input("s1", "Dam wall gives way above Derna"),
        input("l1", "Derna dam: a report filed hours earlier", {
          publishedAt: "2026-11-28T08:00:00.000Z",
        }),
      ])
    ).map((s) => s.article.id) as [number, number];
    await enrich.save([storedEnrichment(stored)], 1, now);
    const id = (await storyOf(stored)) as number;
    const before = await stories.get(id, now);
    // The late report is older: in the index its own new story survives the merge.
    await enrich.save(
      [storedEnrichment(late, { storyKey: String(late), mergedStoryKeys: [String(stored)] })],
      1,
      now,
    );
    assert.equal(await storyOf(late), id);
    const after = await stories.get(id, now);
    assert.equal(after?.story.key, String(late), "the index's key, on the story readers know");
    assert.equal(
      storyPath(after?.story ?? { id: 0, slug: "" }),
      storyPath(before?.story ?? { id: 0, slug: "x" }),
    );
    assert.equal(await stories.redirectOf(id), null);
    const rows = await database().db.selectFrom("stories").select("id").execute();
    assert.equal(rows.length, 1);
  });

  test("a story's address stays when a better lead changes its headline", async () => {
    const articles = createArticleRepository(database());
    const sources = createSourceRepository(database());
    const enrich = createEnrichmentRepository(database());
    const stories = createStoryRepository(database());
    const wire = await sources.add({ url: "http://127.0.0.1:9/w", mode: "link", section: world });
    const [link, own] = (
      await articles.saveMany([
        input("w1", "Ferry sinks off Bali", { sourceId: wire.id }),
        input("o1", "Lombok Strait ferry: what we know", {
          kind: "own",
          externalUrl: null,
          publishedAt: "2026-11-28T11:00:00.000Z",
        }),
      ])
    ).map((s) => s.article.id) as [number, number];
    await enrich.save([storedEnrichment(link)], 1, now);
    const id = (await storyOf(link)) as number;
    const first = await stories.get(id, now);
    assert.equal(first?.story.title, "Ferry sinks off Bali");
    const path = storyPath(first?.story ?? { id: 0, slug: "" });
    assert.equal(path, `/story/${id}-ferry-sinks-off-bali`);

    // Our own report leads over the outlet's link: the title follows, the address does not.
    await enrich.save([storedEnrichment(own, { storyKey: String(link) })], 1, now);
    const second = await stories.get(id, now);
    assert.equal(second?.story.title, "Lombok Strait ferry: what we know");
    assert.equal(second?.story.leadArticleId, own);
    assert.equal(storyPath(second?.story ?? { id: 0, slug: "" }), path);
    const page = await loadStory({ site: TEST_SITE, articles, stories }, { id, path }, now);
    assert.ok(page && "entry" in page, "the first address is still the page's own");
  });

  test("an embargoed first report never names the address: the first visible one does", async () => {
    const articles = createArticleRepository(database());
    const enrich = createEnrichmentRepository(database());
    const stories = createStoryRepository(database());
    const [embargoed, out] = (
      await articles.saveMany([
        input("e1", "Minister to resign on Friday", {
          kind: "own",
          externalUrl: null,
          status: "scheduled",
          publishedAt: "2026-11-29T09:00:00.000Z",
        }),
        input("p1", "Minister under pressure over contracts"),
      ])
    ).map((s) => s.article.id) as [number, number];
    await enrich.save([storedEnrichment(embargoed)], 1, now);
    await enrich.save([storedEnrichment(out, { storyKey: String(embargoed) })], 1, now);
    const id = (await storyOf(out)) as number;
    const entry = await stories.get(id, now);
    assert.equal(entry?.story.slug, "minister-under-pressure-over-contracts");
    // Once the embargo lifts, our report leads; the address stays.
    const later = new Date("2026-11-29T10:00:00Z");
    await enrich.save([storedEnrichment(out, { storyKey: String(embargoed) })], 1, later);
    const lifted = await stories.get(id, later);
    assert.equal(lifted?.story.title, "Minister to resign on Friday");
    assert.equal(lifted?.story.slug, "minister-under-pressure-over-contracts");
  });
});
