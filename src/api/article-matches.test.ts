import assert from "node:assert/strict";
import { test } from "node:test";
import {
  MAX_PAGE_SIZE,
  MAX_RESULTS,
  type SearchHit,
  type SearchRepository,
  type SearchRequest,
} from "../db/search-repository.ts";
import type { ArticleKind } from "../domain/article.ts";
import { findMatches } from "./article-matches.ts";

function hit(id: number, kind: ArticleKind): SearchHit {
  return {
    id,
    kind,
    headline: `Story ${id}`,
    headlineHits: { text: `Story ${id}`, highlights: [] },
    snippet: { text: "", highlights: [] },
    path: `/world/2026/11/28/story-${id}`,
    externalUrl: null,
    sectionSlug: "world",
    sectionName: "World",
    source: null,
    language: "en",
    publishedAt: "2026-11-28T09:00:00.000Z",
  };
}

/** Pages over a ranked list as the search repository does, and remembers what was asked. */
function fakeSearch(ranked: SearchHit[], drop: Set<number> = new Set()) {
  const calls: Pick<SearchRequest, "page" | "pageSize">[] = [];
  const search: SearchRepository = {
    async search(request) {
      const { page, pageSize } = request;
      calls.push({ page, pageSize });
      const offset = (page - 1) * pageSize;
      assert.ok(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE, `page size ${pageSize}`);
      assert.ok(offset < MAX_RESULTS, `offset ${offset}`);
      assert.equal(request.sort, "relevance");
      return {
        hits: ranked.slice(offset, offset + pageSize).filter((h) => !drop.has(h.id)),
        total: ranked.length,
        totalExact: true,
        page,
        pageSize,
        hasNext: ranked.length > offset + pageSize && offset + pageSize < MAX_RESULTS,
      };
    },
  };
  return { search, calls };
}

const ranked = (n: number, kind: (i: number) => ArticleKind = () => "link") =>
  Array.from({ length: n }, (_, i) => hit(i + 1, kind(i + 1)));
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

test("a page of up to 50 aligned on its size is one search", async () => {
  const { search, calls } = fakeSearch(ranked(45));
  assert.deepEqual(await findMatches(search, { q: "x", offset: 0, limit: 20 }), {
    ids: range(1, 20),
    next: 20,
  });
  assert.deepEqual(await findMatches(search, { q: "x", offset: 40, limit: 20 }), {
    ids: range(41, 45),
    next: null,
  });
  assert.deepEqual(calls, [
    { page: 1, pageSize: 20 },
    { page: 3, pageSize: 20 },
  ]);
});

test("the last match filling the page exactly leaves no next page", async () => {
  const { search } = fakeSearch(ranked(40));
  assert.deepEqual(await findMatches(search, { q: "x", offset: 20, limit: 20 }), {
    ids: range(21, 40),
    next: null,
  });
});

test("a limit over the search's page size reads two pages", async () => {
  const { search, calls } = fakeSearch(ranked(250));
  const found = await findMatches(search, { q: "x", offset: 100, limit: 100 });
  assert.deepEqual(found, { ids: range(101, 200), next: 200 });
  assert.deepEqual(calls, [
    { page: 3, pageSize: 50 },
    { page: 4, pageSize: 50 },
  ]);
});

test("an offset off the page grid (the limit changed between requests) skips into a page", async () => {
  const { search } = fakeSearch(ranked(100));
  assert.deepEqual(await findMatches(search, { q: "x", offset: 7, limit: 10 }), {
    ids: range(8, 17),
    next: 17,
  });
  assert.deepEqual(await findMatches(search, { q: "x", offset: 33, limit: 60 }), {
    ids: range(34, 93),
    next: 93,
  });
});

test("kind passes over other kinds and pages on by position among all matches", async () => {
  // Every fifth match is own copy: 1 in 5.
  const { search, calls } = fakeSearch(ranked(120, (i) => (i % 5 === 0 ? "own" : "link")));
  const first = await findMatches(search, { q: "x", kind: "own", offset: 0, limit: 3 });
  assert.deepEqual(first, { ids: [5, 10, 15], next: 15 });
  const rest = await findMatches(search, { q: "x", kind: "own", offset: 15, limit: 100 });
  assert.deepEqual(rest, { ids: range(4, 24).map((i) => i * 5), next: null });
  assert.ok(calls.every((c) => c.pageSize === MAX_PAGE_SIZE));
});

test("a rare kind stops at the last pageable match, not at the end of the archive", async () => {
  const { search, calls } = fakeSearch(ranked(5000, (i) => (i === 4000 ? "own" : "link")));
  assert.deepEqual(await findMatches(search, { q: "x", kind: "own", offset: 0, limit: 20 }), {
    ids: [],
    next: null,
  });
  assert.equal(calls.length, MAX_RESULTS / MAX_PAGE_SIZE);
});

test("a cursor can never point past the pageable matches", async () => {
  const { search } = fakeSearch(ranked(5000));
  assert.deepEqual(await findMatches(search, { q: "x", offset: 990, limit: 10 }), {
    ids: range(991, 1000),
    next: null,
  });
  assert.deepEqual(await findMatches(search, { q: "x", offset: MAX_RESULTS, limit: 10 }), {
    ids: [],
    next: null,
  });
});

test("a short page (articles gone between ranking and reading) is read past, not stalled on", async () => {
  const { search } = fakeSearch(ranked(60), new Set([3, 4]));
  const found = await findMatches(search, { q: "x", offset: 0, limit: 5 });
  assert.deepEqual(found, { ids: [1, 2, 5, 6, 7], next: 7 });
  const next = await findMatches(search, { q: "x", offset: found.next ?? 0, limit: 5 });
  assert.deepEqual(next, { ids: range(8, 12), next: 12 });
});
