import assert from "node:assert/strict";
import { test } from "node:test";
import type { RawFeedItem } from "./feeds/raw-feed.ts";
import { type HashContext, itemHash } from "./item-hash.ts";

const NOW = new Date("2026-11-28T12:00:00.000Z");

const item: RawFeedItem = {
  id: "urn:item:1",
  title: "The dam opens",
  url: "https://news.example/dam",
  published: "2026-11-28T08:00:00.000Z",
  updated: null,
  author: null,
  summary: "After ten years.",
  contentHtml: '<p class="x">The story <script>track()</script></p>',
  categories: [],
  image: null,
  enclosures: [],
  summaryHtml: null,
  base: "https://news.example/",
};

const ctx: HashContext = {
  source: { mode: "link", sectionSlug: "world", languageHint: null },
  feedLanguage: "en",
  defaultLanguage: "en",
  now: NOW,
};

test("the same raw item in the same context has the same hash", () => {
  assert.equal(itemHash(item, ctx), itemHash({ ...item }, { ...ctx, now: new Date(NOW) }));
});

test("any change to the item or to what the mapping reads changes it", () => {
  const base = itemHash(item, ctx);
  const variants = [
    itemHash({ ...item, contentHtml: "<p>The story</p>" }, ctx),
    itemHash({ ...item, base: "https://other.example/" }, ctx),
    itemHash({ ...item, categories: ["Energy"] }, ctx),
    itemHash(item, { ...ctx, source: { ...ctx.source, mode: "full" } }),
    itemHash(item, { ...ctx, source: { ...ctx.source, sectionSlug: "business" } }),
    itemHash(item, { ...ctx, source: { ...ctx.source, languageHint: "de" } }),
    itemHash(item, { ...ctx, feedLanguage: "fr" }),
    itemHash(item, { ...ctx, defaultLanguage: "es" }),
    itemHash(item, { ...ctx, now: new Date("2026-11-28T07:00:00.000Z") }),
  ];
  for (const v of variants) assert.notEqual(v, base);
  assert.equal(new Set(variants).size, variants.length);
});

test("the clock only matters while the item's date is ahead of it", () => {
  const later = { ...ctx, now: new Date("2026-11-30T00:00:00.000Z") };
  assert.equal(itemHash(item, ctx), itemHash(item, later));
  const undated = { ...item, published: null };
  assert.equal(itemHash(undated, ctx), itemHash(undated, later));
});
