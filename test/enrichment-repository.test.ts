import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { createEnrichmentRepository } from "../src/db/enrichment-repository.ts";
import { createSourceRepository } from "../src/db/source-repository.ts";
import { createStoryRepository } from "../src/db/story-repository.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import { rankStories } from "../src/enrich/ranking.ts";
import { forEachDatabase } from "./support/databases.ts";
import { storedEnrichment } from "./support/enrich-fixtures.ts";

const world = { slug: "world", name: "World" };
const now = new Date("2026-11-28T12:00:00Z");

function input(guid: string, headline: string, over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    guid,
    kind: "link",
    status: "published",
    headline,
    standfirst: `${headline}, in brief.`,
    body: `<p>${headline}. More words about it.</p>`,
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

forEachDatabase("enrichment and stories", ({ database }) => {
  beforeEach(async () => {
    const { db } = database();
    await db.deleteFrom("article_entities").execute();
    await db.deleteFrom("article_revisions").execute();
    await db.updateTable("articles").set({ story_id: null, duplicate_of: null }).execute();
    await db.deleteFrom("articles").execute();
    await db.deleteFrom("stories").execute();
    await db.deleteFrom("entities").execute();
    await db.deleteFrom("sources").execute();
  });

  test("pending articles are enriched once; a stored story counts distinct sources and ranks", async () => {
    const articles = createArticleRepository(database());
    const sources = createSourceRepository(database());
    const enrich = createEnrichmentRepository(database());
    const stories = createStoryRepository(database());
    const a = await sources.add({ url: "http://127.0.0.1:9/a", mode: "link", section: world });
    const b = await sources.add({ url: "http://127.0.0.1:9/b", mode: "link", section: world });
    const saved = await articles.saveMany([
      input("a1", "Quake hits coast", { sourceId: a.id }),
      input("b1", "Coast quake: many hurt", {
        sourceId: b.id,
        publishedAt: "2026-11-28T10:05:00.000Z",
      }),
      input("b2", "Coast quake: many hurt (copy)", {
        sourceId: b.id,
        publishedAt: "2026-11-28T10:06:00.000Z",
      }),
      input("a2", "Budget passes", { sourceId: a.id, publishedAt: "2026-11-28T09:00:00.000Z" }),
    ]);
    const [q1, q2, copy, other] = saved.map((s) => s.article.id) as [
      number,
      number,
      number,
      number,
    ];

    assert.equal((await enrich.pending(1, 100)).length, 4);
    await enrich.save(
      [
        storedEnrichment(q1, {
          storyKey: "s-quake",
          entities: [{ kind: "place", name: "Chile", slug: "chile", mentions: 3 }],
          findings: [
            {
              rule: "sentence-break",
              severity: "warning",
              start: 4,
              end: 5,
              text: ".",
              message: "a full stop mid-sentence",
              fix: "",
            },
          ],
        }),
        storedEnrichment(q2, {
          storyKey: "s-quake",
          entities: [{ kind: "place", name: "Chile", slug: "chile", mentions: 1 }],
        }),
        storedEnrichment(copy, { storyKey: "s-quake", duplicateOf: q2 }),
        storedEnrichment(other, { storyKey: "s-budget" }),
      ],
      1,
      now,
    );
    assert.equal((await enrich.pending(1, 100)).length, 0);
    assert.equal((await enrich.pending(2, 100)).length, 4, "a new version enriches again");

    const top = await stories.top(10, rankStories, now);
    assert.deepEqual(
      top.map((t) => [t.story.title, t.story.sourceCount, t.articles.length]),
      [
        ["Quake hits coast", 2, 2],
        ["Budget passes", 1, 1],
      ],
      "the duplicate is not counted or listed; two sources beat one",
    );
    const listed = await articles.listVisible({ limit: 10 }, now);
    assert.ok(!listed.items.some((i) => i.id === copy), "duplicates are not listed");

    const chile = await stories.entity("chile");
    assert.equal(chile?.kind, "place");
    const about = await stories.articlesAbout(chile?.id ?? 0, 10, now);
    assert.deepEqual(
      about.map((x) => x.id),
      [q2, q1],
    );
    assert.deepEqual(
      (await stories.entitiesOf(q1)).map((e) => [e.slug, e.mentions]),
      [["chile", 3]],
    );
    const story = await stories.storyOf(q2, now);
    assert.equal(story?.story.leadArticleId, q1, "the earliest report leads");
    assert.equal(story?.sourceNames.size, 2);

    // Rebuild input: what the index needs at start, with story keys and entities.
    const rebuilt = await enrich.enrichedSince(new Date("2026-11-27T00:00:00Z"), 1);
    assert.equal(rebuilt.length, 4);
    assert.deepEqual(rebuilt.find((r) => r.id === q1)?.entitySlugs, ["chile"]);
    assert.equal(rebuilt.find((r) => r.id === copy)?.duplicateOf, q2);
  });

  test("a revised article is enriched again and can move story; empty stories go", async () => {
    const articles = createArticleRepository(database());
    const enrich = createEnrichmentRepository(database());
    const stories = createStoryRepository(database());
    const first = await articles.save(input("x1", "Old headline"));
    await enrich.save([storedEnrichment(first.article.id, { storyKey: "old" })], 1, now);
    await articles.save(input("x1", "New headline", { body: "<p>Other text.</p>" }));
    assert.deepEqual(
      (await enrich.pending(1, 10)).map((p) => p.id),
      [first.article.id],
    );
    await enrich.save([storedEnrichment(first.article.id, { storyKey: "new" })], 1, now);
    const keys = (await database().db.selectFrom("stories").select("key").execute()).map(
      (r) => r.key,
    );
    assert.deepEqual(keys, ["new"]);
    assert.equal((await stories.top(5, rankStories, now))[0]?.story.title, "New headline");
  });
});

forEachDatabase("a stored story's lead and velocity", ({ database }) => {
  test("ours leads over a weightier outlet's link; velocity counts the sources that joined in six hours", async () => {
    const articles = createArticleRepository(database());
    const sources = createSourceRepository(database());
    const enrich = createEnrichmentRepository(database());
    const stories = createStoryRepository(database());
    const wire = await sources.add({
      url: "http://127.0.0.1:9/wire",
      mode: "link",
      section: world,
      weight: 3,
    });
    const paper = await sources.add({
      url: "http://127.0.0.1:9/paper",
      mode: "link",
      section: world,
    });
    const saved = await articles.saveMany([
      // The wire first reported a day ago and updated an hour ago: it did not join lately.
      input("w1", "Port strike enters second day", {
        sourceId: wire.id,
        publishedAt: "2026-11-27T11:00:00.000Z",
      }),
      input("w2", "Port strike: talks resume", {
        sourceId: wire.id,
        publishedAt: "2026-11-28T11:00:00.000Z",
      }),
      input("p1", "Dockers walk out again", {
        sourceId: paper.id,
        publishedAt: "2026-11-28T08:00:00.000Z",
      }),
      input("own1", "What the port strike means for you", {
        kind: "own",
        externalUrl: null,
        publishedAt: "2026-11-28T11:30:00.000Z",
      }),
    ]);
    const ids = saved.map((s) => s.article.id);
    await enrich.save(
      ids.map((id) => storedEnrichment(id, { storyKey: "s-port" })),
      1,
      now,
    );
    const story = await stories.storyOf(ids[0] ?? 0, now);
    assert.equal(story?.story.leadArticleId, ids[3], "our own article leads");
    assert.equal(story?.story.title, "What the port strike means for you");
    assert.equal(story?.story.sourceCount, 3, "wire, paper and the portal");
    // Joined in the six hours before 12:00: the paper (08:00) and the portal (11:30).
    assert.equal(story?.story.velocity, 2 / 6);
  });

  test("a draft or an embargoed report never gives the story its title, lead or counts", async () => {
    const articles = createArticleRepository(database());
    const enrich = createEnrichmentRepository(database());
    const stories = createStoryRepository(database());
    const saved = await articles.saveMany([
      input("e-pub", "Dam talks stall", { publishedAt: "2026-11-28T09:00:00.000Z" }),
      // Ours would lead, but one is embargoed until after `now` and one is a draft.
      input("e-emb", "Embargoed: the dam deal is signed", {
        kind: "own",
        externalUrl: null,
        status: "scheduled",
        publishedAt: "2026-11-28T18:00:00.000Z",
      }),
      input("e-draft", "Draft: dam deal reached", {
        kind: "own",
        externalUrl: null,
        status: "draft",
        publishedAt: null,
      }),
    ]);
    const ids = saved.map((s) => s.article.id);
    await enrich.save(
      ids.map((id) => storedEnrichment(id, { storyKey: "s-dam" })),
      1,
      now,
    );
    const story = await stories.storyOf(ids[0] ?? 0, now);
    assert.equal(story?.story.title, "Dam talks stall");
    assert.equal(story?.story.leadArticleId, ids[0]);
    assert.equal(story?.story.sourceCount, 1, "the hidden reports are not counted");
  });
});
