import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { createSourceRepository } from "../src/db/source-repository.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import { forEachDatabase } from "./support/databases.ts";

const world = { slug: "world", name: "World" };

function item(sourceId: number, n: number, overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    guid: `source:${sourceId}:item-${n}`,
    kind: "link",
    status: "published",
    headline: `Item ${n} of the feed`,
    standfirst: null,
    body: `<p>Summary ${n}</p>`,
    byline: null,
    language: "en",
    section: world,
    slug: null,
    canonicalUrl: `https://example.com/${n}`,
    externalUrl: `https://example.com/${n}`,
    publishedAt: "2026-11-01T10:00:00.000Z",
    sourceId,
    itemHash: `hash-${n}`,
    ...overrides,
  };
}

forEachDatabase("known items", ({ database }) => {
  beforeEach(async () => {
    const { db } = database();
    await db.deleteFrom("article_revisions").execute();
    await db.deleteFrom("articles").execute();
    await db.deleteFrom("sources").execute();
  });

  async function twoSources() {
    const sources = createSourceRepository(database());
    const a = await sources.add({ url: "http://127.0.0.1:1/a.xml", mode: "link", section: world });
    const b = await sources.add({ url: "http://127.0.0.1:1/b.xml", mode: "link", section: world });
    return [a.id, b.id] as const;
  }

  test("an item is known only with its own guid, source and hash", async () => {
    const repo = createArticleRepository(database());
    const [a, b] = await twoSources();
    await repo.saveMany([item(a, 1), item(a, 2), item(a, 3, { itemHash: null })]);
    const known = await repo.knownItems(a, [
      { guid: `source:${a}:item-1`, hash: "hash-1" },
      { guid: `source:${a}:item-2`, hash: "hash-2-edited" },
      { guid: `source:${a}:item-3`, hash: "hash-3" },
      { guid: `source:${a}:item-4`, hash: "hash-4" },
    ]);
    assert.deepEqual([...known], [`source:${a}:item-1`]);
    assert.equal(
      (await repo.knownItems(b, [{ guid: `source:${a}:item-1`, hash: "hash-1" }])).size,
      0,
      "another source's article is not this source's item",
    );
    assert.equal((await repo.knownItems(a, [])).size, 0);
  });

  test("a hash is stored on an unchanged save without counting as a change", async () => {
    const repo = createArticleRepository(database());
    const [a] = await twoSources();
    const [first] = await repo.saveMany([item(a, 1, { itemHash: undefined })]);
    const probe = [{ guid: `source:${a}:item-1`, hash: "hash-1" }];
    assert.equal((await repo.knownItems(a, probe)).size, 0);
    const [again] = await repo.saveMany([item(a, 1)]);
    assert.equal(again?.changed, false);
    assert.equal(again?.article.updatedAt, first?.article.updatedAt);
    assert.equal((await repo.knownItems(a, probe)).size, 1);
    // An edit from elsewhere (no hash) means the stored article is no longer that item.
    const [edited] = await repo.saveMany([
      item(a, 1, { headline: "Edited by hand", itemHash: undefined }),
    ]);
    assert.equal(edited?.revised, true);
    assert.equal((await repo.knownItems(a, probe)).size, 0);
  });

  test("one lookup answers for a whole large feed", async () => {
    const repo = createArticleRepository(database());
    const [a] = await twoSources();
    const stored = Array.from({ length: 300 }, (_, n) => item(a, n));
    await repo.saveMany(stored);
    // More guids than SQLite's or PostgreSQL's parameter limit would allow one by one.
    const probe = Array.from({ length: 70_000 }, (_, n) => ({
      guid: `source:${a}:item-${n}`,
      hash: `hash-${n}`,
    }));
    const known = await repo.knownItems(a, probe);
    assert.equal(known.size, 300);
  });
});
