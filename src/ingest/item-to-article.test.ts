import assert from "node:assert/strict";
import { test } from "node:test";
import type { FeedItem } from "../domain/feed.ts";
import { type ItemContext, itemToArticle } from "./item-to-article.ts";

const NOW = new Date("2026-11-28T12:00:00.000Z");

function item(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    id: "urn:item:1",
    title: "The dam opens after ten years",
    url: "https://news.example/dam?utm_source=rss",
    published: "2026-11-28T08:00:00.000Z",
    updated: null,
    author: " Ana Ruiz ",
    summary: "Engineers finished it after a decade of delays.",
    contentHtml: "<p>The full story of the dam.</p>",
    categories: ["Energy"],
    image: "https://news.example/dam.jpg",
    enclosures: [],
    ...overrides,
  };
}

function ctx(
  overrides: Partial<ItemContext["source"]> = {},
  feedLanguage: string | null = null,
): ItemContext {
  return {
    source: { id: 7, mode: "link", sectionSlug: "world", languageHint: null, ...overrides },
    sectionName: "World",
    feed: { language: feedLanguage },
    defaultLanguage: "en",
    now: NOW,
  };
}

function article(i: FeedItem, c: ItemContext) {
  const outcome = itemToArticle(i, c);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.article;
}

test("a link item keeps headline, summary, image and a clean link out", () => {
  const a = article(item(), ctx());
  assert.equal(a.guid, "source:7:urn:item:1");
  assert.equal(a.kind, "link");
  assert.equal(a.status, "published");
  assert.equal(a.headline, "The dam opens after ten years");
  assert.equal(a.standfirst, "Engineers finished it after a decade of delays.");
  assert.equal(a.body, "<p>Engineers finished it after a decade of delays.</p>");
  assert.equal(a.byline, "Ana Ruiz");
  assert.equal(a.canonicalUrl, "https://news.example/dam");
  assert.equal(a.externalUrl, a.canonicalUrl);
  assert.equal(a.publishedAt, "2026-11-28T08:00:00.000Z");
  assert.deepEqual(a.section, { slug: "world", name: "World" });
  assert.equal(a.sourceId, 7);
  assert.equal(a.imageUrl, "https://news.example/dam.jpg");
  assert.deepEqual(a.categories, ["Energy"]);
});

test("a full item republishes its content; the summary is escaped as text", () => {
  assert.equal(article(item(), ctx({ mode: "full" })).body, "<p>The full story of the dam.</p>");
  const noContent = article(
    item({ contentHtml: null, summary: "A < B & C" }),
    ctx({ mode: "full" }),
  );
  assert.equal(noContent.body, "<p>A &lt; B &amp; C</p>");
});

test("without a title the headline is the summary's first sentence", () => {
  const a = article(
    item({ title: null, summary: "Parliament votes tonight. The result is open." }),
    ctx(),
  );
  assert.equal(a.headline, "Parliament votes tonight.");
  assert.equal(itemToArticle(item({ title: " ", summary: null }), ctx()).ok, false);
});

test("a link item needs an http(s) URL; a full one does not", () => {
  const outcome = itemToArticle(item({ url: null }), ctx());
  assert.deepEqual(outcome, { ok: false, reason: "a link item needs an http(s) URL to link to" });
  assert.equal(itemToArticle(item({ url: null }), ctx({ mode: "full" })).ok, true);
});

test("dates: the item's own, else when first seen; a date from the future is not believed", () => {
  assert.equal(
    article(item({ published: null, updated: "2026-11-28T09:00:00.000Z" }), ctx()).publishedAt,
    "2026-11-28T09:00:00.000Z",
  );
  assert.equal(article(item({ published: null }), ctx()).publishedAt, NOW.toISOString());
  assert.equal(
    article(item({ published: "2026-11-28T12:04:00.000Z" }), ctx()).publishedAt,
    "2026-11-28T12:04:00.000Z",
    "a few minutes ahead is a clock's drift",
  );
  assert.equal(
    article(item({ published: "2026-11-29T12:00:00.000Z" }), ctx()).publishedAt,
    NOW.toISOString(),
  );
});

test("language: the feed's, else the source's hint, else the site's", () => {
  assert.equal(article(item(), ctx({ languageHint: "de" }, "fr-CA")).language, "fr");
  assert.equal(article(item(), ctx({ languageHint: "de-AT" }, "not a tag")).language, "de");
  assert.equal(article(item(), ctx()).language, "en");
});

test("long headlines and standfirsts are clipped at a word", () => {
  const long = "word ".repeat(100).trim();
  const a = article(item({ title: long, summary: `A ${long}` }), ctx());
  assert.ok(a.headline.length <= 300 && a.headline.endsWith("…"));
  assert.ok((a.standfirst ?? "").length <= 320 && a.standfirst?.endsWith("…"));
  assert.equal(article(item({ summary: item().title }), ctx()).standfirst, null);
});

test("the same item and context always give the same article", () => {
  assert.deepEqual(article(item(), ctx()), article(item(), ctx()));
});
