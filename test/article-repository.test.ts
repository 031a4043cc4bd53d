import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { sql } from "kysely";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { MIGRATIONS, migrate } from "../src/db/migrate.ts";
import { createSearchRepository } from "../src/db/search-repository.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import { forEachDatabase } from "./support/databases.ts";

function input(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    guid: null,
    kind: "own",
    status: "published",
    headline: "Lukashenko strengthens his turn towards Russia",
    standfirst: "Minsk and Moscow",
    body: "<p>Aleksandr Lukashenko veers further towards Russia.</p><p>Protests continue.</p>",
    byline: "Staff",
    language: "en",
    section: { slug: "world", name: "World" },
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: "2026-11-01T10:00:00.000Z",
    ...overrides,
  };
}

forEachDatabase("article repository", ({ database }) => {
  beforeEach(async () => {
    const { db } = database();
    await db.deleteFrom("article_revisions").execute();
    await db.deleteFrom("articles").execute();
  });

  test("save creates, then the same guid updates with a new revision", async () => {
    const repo = createArticleRepository(database());
    const first = await repo.save(input({ guid: "urn:a" }));
    assert.equal(first.created, true);
    assert.equal(first.article.slug, "lukashenko-strengthens-his-turn-towards-russia");
    assert.equal(first.article.sectionSlug, "world");
    assert.equal(first.article.publishedAt, "2026-11-01T10:00:00.000Z");

    const same = await repo.save(input({ guid: "urn:a" }));
    assert.equal(same.created, false);
    assert.equal(same.revised, false);
    assert.equal(same.changed, false, "an unchanged item is not a write");
    assert.equal(same.article.updatedAt, first.article.updatedAt);

    const edited = await repo.save(
      input({ guid: "urn:a", headline: "Lukashenko turns to Moscow" }),
    );
    assert.equal(edited.created, false);
    assert.equal(edited.revised, true);
    assert.equal(edited.article.id, first.article.id);
    assert.equal(edited.article.slug, first.article.slug, "a published URL must not move");
    const revisions = await repo.revisions(first.article.id);
    assert.deepEqual(
      revisions.map((r) => [r.number, r.headline]),
      [
        [1, "Lukashenko strengthens his turn towards Russia"],
        [2, "Lukashenko turns to Moscow"],
      ],
    );
    assert.equal(await repo.count(), 1);
  });

  test("slugs stay unique within a section", async () => {
    const repo = createArticleRepository(database());
    const a = await repo.save(input({ guid: "1" }));
    const b = await repo.save(input({ guid: "2" }));
    const c = await repo.save(input({ guid: "3", section: { slug: "europe", name: "Europe" } }));
    assert.equal(b.article.slug, `${a.article.slug}-2`);
    assert.equal(c.article.slug, a.article.slug);
  });

  test("two saves of one headline at once both land, under different slugs", async () => {
    const repo = createArticleRepository(database());
    const saved = await Promise.all(
      ["a", "b", "c", "d"].map((guid) => repo.saveMany([input({ guid })])),
    );
    const slugs = new Set(saved.map((r) => r[0]?.article.slug));
    assert.equal(slugs.size, 4, `distinct slugs: ${[...slugs]}`);
    assert.equal(await repo.count(), 4);
  });

  test("listVisible pages newest first and hides drafts and embargoed articles", async () => {
    const repo = createArticleRepository(database());
    for (let i = 0; i < 5; i++) {
      await repo.save(
        input({
          guid: `p${i}`,
          headline: `Story ${i}`,
          publishedAt: `2026-11-0${i + 1}T08:00:00.000Z`,
        }),
      );
    }
    await repo.save(input({ guid: "d", headline: "Draft", status: "draft" }));
    await repo.save(
      input({
        guid: "e",
        headline: "Embargoed",
        status: "scheduled",
        publishedAt: "2099-01-01T00:00:00.000Z",
      }),
    );
    const now = new Date("2026-11-28T00:00:00Z");
    const first = await repo.listVisible({ limit: 2 }, now);
    assert.deepEqual(
      first.items.map((a) => a.headline),
      ["Story 4", "Story 3"],
    );
    assert.ok(first.next);
    const second = await repo.listVisible({ limit: 2, cursor: first.next }, now);
    assert.deepEqual(
      second.items.map((a) => a.headline),
      ["Story 2", "Story 1"],
    );
    const third = await repo.listVisible({ limit: 2, cursor: second.next ?? undefined }, now);
    assert.deepEqual(
      third.items.map((a) => a.headline),
      ["Story 0"],
    );
    assert.equal(third.next, null);
    // The embargo lifts by itself when its time comes.
    const later = await repo.listVisible({ limit: 10 }, new Date("2099-02-01T00:00:00Z"));
    assert.equal(later.items[0]?.headline, "Embargoed");
    assert.ok(!later.items.some((a) => a.headline === "Draft"));
  });

  test("listVisible filters by section slug", async () => {
    const repo = createArticleRepository(database());
    await repo.save(input({ guid: "w1", headline: "World one" }));
    await repo.save(
      input({ guid: "s1", headline: "Sport one", section: { slug: "sport", name: "Sport" } }),
    );
    await repo.save(
      input({
        guid: "s2",
        headline: "Sport draft",
        status: "draft",
        section: { slug: "sport", name: "Sport" },
      }),
    );
    const sport = await repo.listVisible({ limit: 10, section: "sport" });
    assert.deepEqual(
      sport.items.map((a) => a.headline),
      ["Sport one"],
    );
    const world = await repo.listVisible({ limit: 10, section: "world" });
    assert.deepEqual(
      world.items.map((a) => a.headline),
      ["World one"],
    );
    assert.equal((await repo.listVisible({ limit: 10, section: "nowhere" })).items.length, 0);
  });

  test("visiblePaths and visibleMonths list what a sitemap may show, by month", async () => {
    const repo = createArticleRepository(database());
    await repo.save(
      input({ guid: "a", headline: "October late", publishedAt: "2026-10-31T23:59:59.000Z" }),
    );
    await repo.save(
      input({ guid: "b", headline: "November first", publishedAt: "2026-11-01T00:00:00.000Z" }),
    );
    await repo.save(
      input({
        guid: "c",
        headline: "November link",
        kind: "link",
        publishedAt: "2026-11-20T12:00:00.000Z",
      }),
    );
    await repo.save(input({ guid: "d", headline: "November draft", status: "draft" }));
    await repo.save(
      input({
        guid: "e",
        headline: "December embargo",
        status: "scheduled",
        publishedAt: "2026-12-05T00:00:00.000Z",
      }),
    );
    const now = new Date("2026-11-28T00:00:00Z");
    const november = await repo.visiblePaths(
      new Date("2026-11-01T00:00:00Z"),
      new Date("2026-12-01T00:00:00Z"),
      now,
    );
    assert.deepEqual(
      november.map((p) => [p.headline, p.kind, p.sectionSlug, p.publishedAt]),
      [
        ["November first", "own", "world", "2026-11-01T00:00:00.000Z"],
        ["November link", "link", "world", "2026-11-20T12:00:00.000Z"],
      ],
    );
    assert.equal(november[0]?.slug, "november-first");
    assert.equal(november[0]?.language, "en");
    assert.match(november[0]?.updatedAt ?? "", /^\d{4}-\d{2}-\d{2}T/);
    const months = await repo.visibleMonths(now);
    assert.deepEqual(
      months.map((m) => [m.month, m.count]),
      [
        ["2026-10", 1],
        ["2026-11", 2],
      ],
    );
    // Once the embargo lifts, its month appears.
    const later = await repo.visibleMonths(new Date("2026-12-06T00:00:00Z"));
    assert.deepEqual(
      later.map((m) => m.month),
      ["2026-10", "2026-11", "2026-12"],
    );
  });

  /** Search lives in the search repository; these check it over what this one stores. */
  const searchGuids = async (
    guids: Map<number, string | null>,
    q: string,
    page = 1,
    pageSize = 10,
  ) => {
    const found = await createSearchRepository(database()).search({
      q,
      sort: "relevance",
      page,
      pageSize,
    });
    return { guids: found.hits.map((h) => guids.get(h.id)), hasNext: found.hasNext };
  };

  test("full-text search ranks headline matches first and ignores operator syntax", async () => {
    const repo = createArticleRepository(database());
    const guids = new Map<number, string | null>();
    const save = async (a: ArticleInput) => {
      const { article } = await repo.save(a);
      guids.set(article.id, article.guid);
    };
    await save(
      input({
        guid: "1",
        headline: "Weather report",
        body: "<p>Rain in Minsk; Lukashenko mentioned once.</p>",
      }),
    );
    await save(
      input({ guid: "2", headline: "Lukashenko meets Mishustin", body: "<p>Energy pacts.</p>" }),
    );
    await save(input({ guid: "3", headline: "Football", body: "<p>Nothing related.</p>" }));
    await save(input({ guid: "4", headline: "Lukashenko draft", status: "draft" }));
    const page = await searchGuids(guids, "Lukashenko");
    assert.deepEqual(page.guids, ["2", "1"]);
    const phrase = await searchGuids(guids, '"energy pacts"');
    assert.deepEqual(phrase.guids, ["2"]);
    const stemmed = await searchGuids(guids, "pact");
    assert.deepEqual(stemmed.guids, ["2"]);
    for (const hostile of ["NEAR(a b)", "a OR b:*", "x' --", "headline:Lukashenko", '"unclosed']) {
      await searchGuids(guids, hostile);
    }
    await assert.rejects(searchGuids(guids, "!!!"), { code: "bad_query" });
    const paged = await searchGuids(guids, "Lukashenko", 1, 1);
    assert.equal(paged.guids[0], "2");
    const next = await searchGuids(guids, "Lukashenko", 2, 1);
    assert.equal(next.guids[0], "1");
    assert.equal(next.hasNext, false);
  });

  test("search follows updates to the text", async () => {
    const repo = createArticleRepository(database());
    await repo.save(input({ guid: "u", headline: "Alpha", body: "<p>first words</p>" }));
    const { article } = await repo.save(
      input({ guid: "u", headline: "Alpha", body: "<p>second version</p>" }),
    );
    const guids = new Map([[article.id, article.guid]]);
    assert.equal((await searchGuids(guids, "first", 1, 5)).guids.length, 0);
    assert.equal((await searchGuids(guids, "second", 1, 5)).guids.length, 1);
  });

  test("byIds reads many articles in one query, in the order asked", async () => {
    const repo = createArticleRepository(database());
    const ids: number[] = [];
    for (const guid of ["b1", "b2", "b3"]) {
      ids.push((await repo.save(input({ guid, headline: `Headline ${guid}` }))).article.id);
    }
    const [a, b, c] = ids as [number, number, number];
    const read = await repo.byIds([c, 999_999, a, b]);
    assert.deepEqual(
      read.map((x) => x.guid),
      ["b3", "b1", "b2"],
    );
    assert.deepEqual(read[0], await repo.getById(c), "the same fields as getById");
    assert.deepEqual(await repo.byIds([]), []);
  });

  test("a bad cursor is a 400, not a crash", async () => {
    const repo = createArticleRepository(database());
    await assert.rejects(repo.listVisible({ limit: 5, cursor: "bm9wZQ" }), {
      code: "bad_cursor",
      status: 400,
    });
    await assert.rejects(repo.listVisible({ limit: 5, cursor: "../../etc" }), {
      code: "bad_cursor",
    });
  });

  test("migrate is idempotent", async () => {
    const again = await migrate(database());
    assert.deepEqual(again.applied, []);
    // Ids may leave gaps (numbers are reserved per feature); current is the highest applied.
    assert.equal(again.current, Math.max(...MIGRATIONS.map((m) => m.id)));
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM dispatch_migrations`.execute(
      database().db,
    );
    assert.equal(Number(r.rows[0]?.n), MIGRATIONS.length);
  });
});
