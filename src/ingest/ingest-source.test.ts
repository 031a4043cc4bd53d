import assert from "node:assert/strict";
import { test } from "node:test";
import {
  createMemoryArticleStore,
  createMemorySourceStore,
  type MemoryArticleStore,
  type MemorySourceStore,
  memoryIngestStores,
} from "../../test/support/memory-stores.ts";
import { AppError } from "../domain/errors.ts";
import type { FeedItem } from "../domain/feed.ts";
import type { Source } from "../domain/source.ts";
import type { RawFeed, RawFeedItem } from "./feeds/raw-feed.ts";
import { type FeedResponse, type IngestDeps, ingestSource } from "./ingest-source.ts";
import { STORAGE_FAILED } from "./ingest-stores.ts";

const NOW = new Date("2026-11-28T12:00:00.000Z");
const LATER = new Date("2026-11-28T13:00:00.000Z");

function raw(n: number, overrides: Partial<RawFeedItem> = {}): RawFeedItem {
  return {
    id: `item-${n}`,
    title: `Headline ${n}`,
    url: `https://news.example/${n}`,
    published: "2026-11-28T08:00:00.000Z",
    updated: null,
    author: null,
    summary: `Summary of item ${n}.`,
    contentHtml: `<p>Body of item ${n}.</p>`,
    categories: [],
    image: null,
    enclosures: [],
    summaryHtml: null,
    base: null,
    ...overrides,
  };
}

function feedOf(items: RawFeedItem[], language: string | null = "en"): RawFeed {
  return { format: "rss", title: "Example News", link: "https://news.example/", language, items };
}

function response(overrides: Partial<FeedResponse> = {}): FeedResponse {
  return {
    notModified: false,
    url: "http://127.0.0.1:1/feed.xml",
    text: "<rss/>",
    contentType: "application/rss+xml",
    etag: '"v2"',
    lastModified: null,
    cacheMaxAgeSeconds: null,
    retryAfterSeconds: null,
    ...overrides,
  };
}

/** A fake feed behind the fetcher: `serve` sets what the next fetch returns. */
interface Harness {
  articles: MemoryArticleStore;
  sources: MemorySourceStore;
  source(): Source;
  deps: IngestDeps;
  serve(feed: RawFeed | Error, res?: Partial<FeedResponse>): void;
  sanitized: string[];
  fullTextFetched: string[];
  conditionals: { etag: string | null; lastModified: string | null }[];
}

function harness(
  source: Parameters<MemorySourceStore["add"]>[0] = {},
  options: { disableAfter?: number } = {},
): Harness {
  const articles = createMemoryArticleStore();
  const sources = createMemorySourceStore();
  const { id } = sources.add(source);
  let next: { feed: RawFeed | Error; res: Partial<FeedResponse> } = { feed: feedOf([]), res: {} };
  const sanitized: string[] = [];
  const fullTextFetched: string[] = [];
  const conditionals: Harness["conditionals"] = [];
  const deps: IngestDeps = {
    stores: memoryIngestStores(articles, sources),
    async fetchFeed(_url, conditional) {
      conditionals.push(conditional);
      if (next.feed instanceof Error) throw next.feed;
      return response(next.res);
    },
    readFeed: () => {
      if (next.feed instanceof Error) throw next.feed;
      return next.feed;
    },
    sanitizeItem(item): FeedItem {
      sanitized.push(item.id);
      if (item.contentHtml?.includes("<too-complex>")) {
        throw new AppError("html_too_complex", "the markup is too complex to sanitize");
      }
      const { summaryHtml: _s, base: _b, ...rest } = item;
      return { ...rest, contentHtml: item.contentHtml?.replace(/<script.*<\/script>/, "") ?? null };
    },
    async fetchFullText(url) {
      fullTextFetched.push(url);
      if (url.endsWith("/gone")) throw new AppError("http_error", "HTTP 404");
      return `<p>${"The whole story, at length. ".repeat(40)}</p>`;
    },
    defaultLanguage: "en",
    disableAfter: options.disableAfter ?? 3,
    random: () => 0.5,
  };
  return {
    articles,
    sources,
    source: () => sources.get(id),
    deps,
    serve(feed, res = {}) {
      next = { feed, res };
    },
    sanitized,
    fullTextFetched,
    conditionals,
  };
}

test("new items are stored with their hash, and the source's health recorded", async () => {
  const h = harness();
  h.serve(feedOf([raw(1), raw(2), raw(3)]));
  const report = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(report.status, "ok");
  assert.deepEqual([report.items, report.created, report.updated], [3, 3, 0]);
  assert.equal(report.changed.length, 3);
  assert.deepEqual(report.skipped, []);
  const stored = h.articles.byGuid.get(`source:${h.source().id}:item-1`);
  assert.equal(stored?.input.headline, "Headline 1");
  assert.match(stored?.itemHash ?? "", /^[\w-]{43}$/);
  const health = h.source().health;
  assert.equal(health.etag, '"v2"');
  assert.equal(health.lastSuccessAt, NOW.toISOString());
  assert.equal(health.nextFetchAt, report.nextFetchAt);
  assert.ok(Date.parse(report.nextFetchAt) > NOW.getTime());
  assert.equal(h.articles.calls.knownItems, 1, "one lookup for the whole feed");
});

test("changed, unchanged and new items: only what is not stored is sanitized", async () => {
  const h = harness();
  h.serve(feedOf([raw(1), raw(2), raw(3)]));
  await ingestSource(h.source(), h.deps, NOW);
  h.sanitized.length = 0;

  h.serve(feedOf([raw(1, { title: "Headline 1, corrected" }), raw(2), raw(3), raw(4)]));
  const report = await ingestSource(h.source(), h.deps, LATER);
  assert.equal(report.status, "ok");
  assert.deepEqual([report.items, report.created, report.updated], [4, 1, 1]);
  assert.deepEqual(h.sanitized, ["item-1", "item-4"], "known items are not sanitized");
  assert.deepEqual(
    report.changed.map((c) => c.articleId).sort(),
    [h.articles.byGuid.get(`source:${h.source().id}:item-1`)?.id, 4].sort(),
  );
  assert.equal(
    h.articles.byGuid.get(`source:${h.source().id}:item-1`)?.input.headline,
    "Headline 1, corrected",
  );
  assert.equal(h.articles.calls.knownItems, 2);

  h.sanitized.length = 0;
  const again = await ingestSource(h.source(), h.deps, LATER);
  assert.deepEqual([again.items, again.created, again.updated], [4, 0, 0]);
  assert.deepEqual(h.sanitized, []);
  assert.equal(h.articles.calls.saveMany, 2, "nothing to save is not a transaction");
});

test("not modified: nothing is read, the validators are kept", async () => {
  const h = harness({ health: { etag: '"v1"', lastModified: "Sat, 28 Nov 2026 08:00:00 GMT" } });
  h.serve(feedOf([raw(1)]), { notModified: true, etag: null, lastModified: null });
  const report = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(report.status, "not_modified");
  assert.deepEqual(h.conditionals, [
    { etag: '"v1"', lastModified: "Sat, 28 Nov 2026 08:00:00 GMT" },
  ]);
  assert.equal(h.source().health.etag, '"v1"');
  assert.equal(h.source().health.nextFetchAt, report.nextFetchAt);
  assert.equal(h.articles.calls.knownItems, undefined);
  assert.deepEqual(h.sanitized, []);
});

test("a fetch failure backs off, honours Retry-After and disables after the limit", async () => {
  const h = harness({}, { disableAfter: 2 });
  h.serve(new AppError("http_error", "HTTP 429", { context: { retryAfterSeconds: 7200 } }));
  const first = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(first.status, "failed");
  assert.deepEqual(first.error, { code: "http_error", message: "HTTP 429" });
  assert.equal(first.disabled, false);
  assert.ok(Date.parse(first.nextFetchAt) - NOW.getTime() >= 7200_000);
  assert.equal(h.source().health.consecutiveFailures, 1);
  assert.equal(h.source().health.lastErrorCode, "http_error");

  h.serve(new AppError("malformed_feed", "line 1: not XML"));
  const second = await ingestSource(h.source(), h.deps, LATER);
  assert.equal(second.disabled, true);
  assert.equal(h.source().enabled, false);
  assert.equal(h.source().health.consecutiveFailures, 2);
});

test("a storage failure is not counted against the source, and no stale ETag hides the items", async () => {
  const h = harness({}, { disableAfter: 1 });
  h.articles.failing.saveMany = new Error("SQLITE_BUSY: database is locked");
  h.serve(feedOf([raw(1), raw(2)]));
  const report = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(report.status, "failed");
  assert.equal(report.error?.code, STORAGE_FAILED);
  assert.match(report.error?.message ?? "", /database is locked/);
  assert.equal(report.disabled, false);
  assert.deepEqual([report.created, report.updated], [0, 0]);
  const source = h.source();
  assert.equal(source.enabled, true, "even with SOURCE_DISABLE_AFTER=1");
  assert.equal(source.health.consecutiveFailures, 0);
  assert.equal(source.health.etag, null, "the new ETag is not recorded");
  assert.equal(h.sources.calls.recordFailure, undefined);
  assert.equal(h.sources.calls.recordSuccess, undefined);
  assert.equal(h.sources.leases.has(source.id), false, "the lease is released");
  // Its normal schedule: the upper bound for a source that has published nothing yet.
  const seconds = (Date.parse(report.nextFetchAt) - NOW.getTime()) / 1000;
  assert.equal(seconds, 3600);
  assert.equal(source.health.nextFetchAt, report.nextFetchAt);

  h.articles.failing = {};
  const retry = await ingestSource(h.source(), h.deps, LATER);
  assert.deepEqual(h.conditionals.at(-1), { etag: null, lastModified: null });
  assert.equal(retry.status, "ok");
  assert.equal(retry.created, 2);
});

test("a failing lookup or health write is a storage failure too", async () => {
  const h = harness({}, { disableAfter: 1 });
  h.articles.failing.knownItems = new Error("connection terminated");
  h.serve(feedOf([raw(1)]));
  const lookup = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(lookup.error?.code, STORAGE_FAILED);
  assert.deepEqual(h.sanitized, []);

  h.articles.failing = {};
  h.sources.failing.recordSuccess = new Error("connection terminated");
  const health = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(health.error?.code, STORAGE_FAILED);
  assert.equal(health.created, 1, "the items did land: the report says so, for the caches");
  assert.equal(h.source().enabled, true);
  assert.equal(h.source().health.etag, null);

  h.sources.failing = { recordFailure: new Error("disk full") };
  h.serve(new AppError("http_error", "HTTP 500"));
  const both = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(both.status, "failed");
  assert.equal(both.error?.code, STORAGE_FAILED);
  assert.match(both.error?.message ?? "", /disk full.*http_error/);
});

test("known items cost nothing: no sanitizing, no full-text fetch", async () => {
  const h = harness({ mode: "full" });
  const teasers = [raw(1, { contentHtml: "<p>Short teaser.</p>" }), raw(2), raw(3)];
  h.serve(feedOf(teasers));
  const first = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(first.created, 3);
  assert.deepEqual(
    h.fullTextFetched,
    teasers.map((t) => t.url),
  );
  assert.match(
    h.articles.byGuid.get(`source:${h.source().id}:item-1`)?.input.body ?? "",
    /The whole story/,
  );

  h.fullTextFetched.length = 0;
  h.sanitized.length = 0;
  const again = await ingestSource(h.source(), h.deps, LATER);
  assert.equal(again.status, "ok");
  assert.deepEqual([again.items, again.created, again.updated], [3, 0, 0]);
  assert.deepEqual(h.fullTextFetched, [], "the full-text fetcher is not called");
  assert.deepEqual(h.sanitized, []);
});

test("a page that would not extract is tried again on the next fetch", async () => {
  const h = harness({ mode: "full" });
  h.serve(feedOf([raw(1, { url: "https://news.example/gone" }), raw(2)]));
  const first = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(first.created, 2);
  assert.deepEqual(first.skipped, [{ id: "item-1", reason: "full text not extracted: HTTP 404" }]);
  h.fullTextFetched.length = 0;
  const again = await ingestSource(h.source(), h.deps, LATER);
  assert.deepEqual(h.fullTextFetched, ["https://news.example/gone"]);
  assert.equal(again.updated, 0, "the teaser is still the same article");
});

test("items beyond the full-text budget get their page on a later fetch", async () => {
  const h = harness({ mode: "full" });
  const items = Array.from({ length: 12 }, (_, n) => raw(n, { contentHtml: "<p>Teaser.</p>" }));
  h.serve(feedOf(items));
  await ingestSource(h.source(), h.deps, NOW);
  assert.equal(h.fullTextFetched.length, 10);
  h.fullTextFetched.length = 0;
  const again = await ingestSource(h.source(), h.deps, LATER);
  assert.deepEqual(h.fullTextFetched, [items[10]?.url, items[11]?.url]);
  assert.equal(again.updated, 2, "their full text replaces the teaser");
});

test("an item that cannot be sanitized, or appears twice, is skipped; the rest are stored", async () => {
  const h = harness();
  h.serve(
    feedOf([
      raw(1, { contentHtml: "<too-complex>" }),
      raw(2),
      raw(2, { title: "The same id again" }),
      raw(3, { title: null, summary: null }),
    ]),
  );
  const report = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(report.status, "ok");
  assert.equal(report.created, 1);
  assert.deepEqual(report.skipped, [
    { id: "item-2", reason: "the same id appears twice in the feed" },
    { id: "item-1", reason: "not stored: the markup is too complex to sanitize" },
    { id: "item-3", reason: "the item has neither a title nor any text" },
  ]);
  assert.equal(h.source().health.consecutiveFailures, 0);
});

test("the parser's warnings and the sanitizer's refusals land on the source's health", async () => {
  const h = harness();
  h.serve({
    ...feedOf([
      raw(1, { contentHtml: "<too-complex>" }),
      raw(2),
      raw(3, { contentHtml: "<too-complex>" }),
    ]),
    warnings: [
      { code: "truncated", message: "cut", line: 9, column: 1 },
      { code: "items_skipped", reason: "html_too_complex", count: 1, message: "1 item skipped" },
      { code: "items_skipped", reason: "empty_item", count: 2, message: "2 items skipped" },
    ],
  });
  const report = await ingestSource(h.source(), h.deps, NOW);
  assert.equal(report.status, "ok");
  const expected = [
    { code: "truncated", message: "cut", line: 9, column: 1 },
    {
      code: "items_skipped",
      reason: "html_too_complex",
      count: 3,
      message: "3 items skipped: markup too complex to clean",
    },
    {
      code: "items_skipped",
      reason: "empty_item",
      count: 2,
      message: "2 items skipped: no title, link, summary, body or media",
    },
  ];
  assert.deepEqual(report.warnings, expected);
  assert.deepEqual(h.source().health.warnings, expected);
  assert.equal(h.source().health.consecutiveFailures, 0, "warnings are not failures");

  // A 304 says nothing new: the warnings stand; a clean read clears them.
  h.serve(feedOf([]), { notModified: true });
  await ingestSource(h.source(), h.deps, LATER);
  assert.deepEqual(h.source().health.warnings, expected);
  h.serve(feedOf([raw(4)]));
  await ingestSource(h.source(), h.deps, LATER);
  assert.deepEqual(h.source().health.warnings, []);
});

test("an operator's change to the source maps its stored items again", async () => {
  const h = harness();
  h.serve(feedOf([raw(1), raw(2)]));
  await ingestSource(h.source(), h.deps, NOW);
  h.sources.byId.set(h.source().id, { ...h.source(), sectionSlug: "business" });
  h.sanitized.length = 0;
  const report = await ingestSource(h.source(), h.deps, LATER);
  assert.deepEqual(h.sanitized, ["item-1", "item-2"]);
  assert.equal(report.updated, 2);
  assert.equal(
    h.articles.byGuid.get(`source:${h.source().id}:item-1`)?.input.section.slug,
    "business",
  );
  // And the feed's own language, which the articles take.
  h.serve(feedOf([raw(1), raw(2)], "fr"));
  const french = await ingestSource(h.source(), h.deps, LATER);
  assert.equal(french.updated, 2);
});

test("an item dated ahead of the clock is mapped again once its date has come", async () => {
  const h = harness();
  const ahead = raw(1, { published: "2026-11-28T12:30:00.000Z" });
  h.serve(feedOf([ahead]));
  await ingestSource(h.source(), h.deps, NOW);
  const guid = `source:${h.source().id}:item-1`;
  assert.equal(h.articles.byGuid.get(guid)?.input.publishedAt, NOW.toISOString());
  const later = await ingestSource(h.source(), h.deps, LATER);
  assert.equal(later.updated, 1);
  assert.equal(h.articles.byGuid.get(guid)?.input.publishedAt, "2026-11-28T12:30:00.000Z");
});

test("the WebSub hub a feed advertises is reported after a good fetch", async () => {
  const h = harness();
  h.serve({ ...feedOf([raw(1)]), hub: "https://hub.example/", self: "https://news.example/feed" });
  const report = await ingestSource(h.source(), h.deps, NOW);
  assert.deepEqual(report.websub, {
    hub: "https://hub.example/",
    topic: "https://news.example/feed",
  });
});
