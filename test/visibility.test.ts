import assert from "node:assert/strict";
import { before, test } from "node:test";
import { sql } from "kysely";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { oldestVisible, whereListed, whereVisible } from "../src/db/visibility.ts";
import { ARTICLE_STATUSES, type Article, type ArticleInput } from "../src/domain/article.ts";
import { isVisible } from "../src/domain/article-path.ts";
import { forEachDatabase } from "./support/databases.ts";

const NOW = new Date("2026-11-28T12:00:00.000Z");

/** Every publication time that decides a case: none, long ago, just gone, now, just ahead, later. */
const TIMES: (string | null)[] = [
  null,
  "2020-01-01T00:00:00.000Z",
  new Date(NOW.getTime() - 1).toISOString(),
  NOW.toISOString(),
  new Date(NOW.getTime() + 1).toISOString(),
  "2030-01-01T00:00:00.000Z",
];

function input(n: number, overrides: Partial<ArticleInput>): ArticleInput {
  return {
    guid: `urn:visibility:${n}`,
    kind: "own",
    status: "published",
    headline: `Case ${n}`,
    standfirst: null,
    body: "<p>Text.</p>",
    byline: null,
    language: "en",
    section: { slug: "world", name: "World" },
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: null,
    ...overrides,
  };
}

forEachDatabase("visibility: whereVisible agrees with isVisible", ({ database }) => {
  const stored: { article: Article; duplicate: boolean }[] = [];

  before(async () => {
    const repo = createArticleRepository(database());
    let n = 0;
    for (const status of ARTICLE_STATUSES) {
      for (const publishedAt of TIMES) {
        for (const duplicate of [false, true]) {
          const { article } = await repo.save(input(++n, { status, publishedAt }));
          stored.push({ article, duplicate });
        }
      }
    }
    const original = stored[0]?.article.id ?? 0;
    const copies = stored.filter((s) => s.duplicate).map((s) => s.article.id);
    await database()
      .db.updateTable("articles")
      .set({ duplicate_of: original })
      .where("id", "in", copies)
      .execute();
  });

  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

  for (const now of [NOW, new Date("2019-06-01T00:00:00.000Z"), new Date("2031-01-01T00:00:00Z")]) {
    test(`the same articles at ${now.toISOString()}, in Kysely and in raw SQL`, async () => {
      const { db } = database();
      const visible = sorted(
        stored.filter((s) => isVisible(s.article, now)).map((s) => s.article.id),
      );
      const listed = sorted(
        stored.filter((s) => isVisible(s.article, now) && !s.duplicate).map((s) => s.article.id),
      );
      assert.ok(
        visible.length > 0 || now.getTime() < Date.parse("2020-01-01"),
        "cases on each side",
      );

      const built = await db.selectFrom("articles").select("id").where(whereVisible(now)).execute();
      assert.deepEqual(sorted(built.map((r) => Number(r.id))), visible);

      const raw = await sql<{ id: number }>`
        SELECT a.id FROM articles a WHERE ${whereVisible(now, "a")}`.execute(db);
      assert.deepEqual(sorted(raw.rows.map((r) => Number(r.id))), visible);

      const joined = await db
        .selectFrom("articles as x")
        .innerJoin("sections", "sections.id", "x.section_id")
        .select("x.id")
        .where(whereListed(now, "x"))
        .execute();
      assert.deepEqual(sorted(joined.map((r) => Number(r.id))), listed);

      const oldest = await sql<{ at: Date | string | null }>`
        SELECT ${oldestVisible(now)} AS at`.execute(db);
      const at = oldest.rows[0]?.at ?? null;
      const times = stored
        .filter((s) => isVisible(s.article, now))
        .map((s) => s.article.publishedAt);
      assert.equal(
        at === null ? null : new Date(at).toISOString(),
        times.length === 0 ? null : [...times].sort()[0],
        "oldestVisible: the oldest of the visible ones",
      );

      // Safe to negate: the predicate carries its own parentheses.
      const hidden = await sql<{ id: number }>`
        SELECT a.id FROM articles a WHERE NOT ${whereVisible(now, "a")}
          OR a.published_at IS NULL`.execute(db);
      assert.deepEqual(
        sorted(hidden.rows.map((r) => Number(r.id))),
        sorted(stored.filter((s) => !isVisible(s.article, now)).map((s) => s.article.id)),
      );
    });
  }

  test("the cases cover every status, both sides of now and no time at all", () => {
    const statuses = new Set(stored.map((s) => s.article.status));
    assert.deepEqual([...statuses].sort(), [...ARTICLE_STATUSES].sort());
    assert.ok(stored.some((s) => isVisible(s.article, NOW)));
    assert.ok(stored.some((s) => s.article.status !== "draft" && !isVisible(s.article, NOW)));
    assert.ok(stored.some((s) => s.article.publishedAt === null && s.article.status !== "draft"));
  });
});

forEachDatabase("the listing's partial index matches whereListed", ({ database }) => {
  // migration 018 writes the statuses out; were VISIBLE_STATUSES to change without it,
  // every list would go back to sorting all visible articles. Which plan wins depends on
  // the rows; this asks only whether the index CAN answer the lists' query.
  test("articles_listed can answer the newest listed articles in order", async () => {
    const { db, dialect } = database();
    const order = sql`ORDER BY a.published_at DESC, a.id DESC LIMIT 30`;
    if (dialect === "sqlite") {
      // INDEXED BY fails ("no query solution") when the index cannot serve the WHERE.
      await sql`SELECT a.id FROM articles a INDEXED BY articles_listed
        JOIN sections s ON s.id = a.section_id WHERE ${whereListed(NOW, "a")} ${order}`.execute(db);
      return;
    }
    await db.connection().execute(async (c) => {
      await sql`SET enable_sort = off`.execute(c);
      await sql`SET enable_seqscan = off`.execute(c);
      const plan = await sql<{ "QUERY PLAN": string }>`EXPLAIN SELECT a.id FROM articles a
        JOIN sections s ON s.id = a.section_id WHERE ${whereListed(NOW, "a")} ${order}`.execute(c);
      await sql`RESET ALL`.execute(c);
      const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
      assert.match(text, /articles_listed/, text);
    });
  });
});
