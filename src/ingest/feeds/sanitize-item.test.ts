import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_HTML_TAGS } from "../sanitize.ts";
import type { RawFeedItem } from "./raw-feed.ts";
import { cleanFeedHtml, sanitizeFeedItem } from "./sanitize-item.ts";
import { code } from "./testdata/fixtures.ts";

function raw(fields: Partial<RawFeedItem>): RawFeedItem {
  return {
    id: "urn:1",
    title: "T",
    url: "https://site.example/post/1",
    published: null,
    updated: null,
    author: null,
    summary: null,
    contentHtml: null,
    categories: [],
    image: null,
    enclosures: [],
    summaryHtml: null,
    base: "https://site.example/post/1",
    ...fields,
  };
}

const heavy = "<b>".repeat(MAX_HTML_TAGS + 1);

describe("sanitizeFeedItem", () => {
  it("makes the body's links absolute against the item's base, then cleans it", () => {
    const item = sanitizeFeedItem(
      raw({
        contentHtml:
          '<p onclick="x()">Hi <a href="../about" target="_blank">us</a></p><script>evil()</script>',
      }),
    );
    assert.equal(
      item.contentHtml,
      '<p>Hi <a href="https://site.example/about" rel="noopener noreferrer">us</a></p>',
    );
  });

  it("keeps every other field and gives a FeedItem's fields only", () => {
    const item = sanitizeFeedItem(raw({ categories: ["A"], summary: "S", author: "Ann" }));
    assert.deepEqual(Object.keys(item), [
      "id",
      "title",
      "url",
      "published",
      "updated",
      "author",
      "summary",
      "contentHtml",
      "categories",
      "image",
      "enclosures",
    ]);
    assert.equal(item.summary, "S");
    assert.deepEqual(item.categories, ["A"]);
  });

  it("takes the clean body's first image, then the summary's, when the feed names none", () => {
    assert.equal(
      sanitizeFeedItem(
        raw({ contentHtml: '<p><img src="/a.jpg"></p>', summaryHtml: '<img src="/b.jpg">' }),
      ).image,
      "https://site.example/a.jpg",
    );
    assert.equal(
      sanitizeFeedItem(raw({ contentHtml: "<p>no picture</p>", summaryHtml: '<img src="b.jpg">' }))
        .image,
      "https://site.example/post/b.jpg",
    );
    assert.equal(
      sanitizeFeedItem(raw({ contentHtml: '<img src="javascript:x">' })).image,
      null,
      "a refused source is no image",
    );
  });

  it("cleans the summary only when it is the last place left to look for a picture", () => {
    const named = raw({ image: "https://cdn.example/p.jpg", summaryHtml: heavy });
    assert.equal(sanitizeFeedItem(named).image, "https://cdn.example/p.jpg");
    const inBody = raw({ contentHtml: '<img src="/a.jpg">', summaryHtml: heavy });
    assert.equal(sanitizeFeedItem(inBody).image, "https://site.example/a.jpg");
    assert.throws(() => sanitizeFeedItem(raw({ summaryHtml: heavy })), code("html_too_complex"));
  });

  it("throws html_too_complex for a body beyond the sanitizer's limit", () => {
    assert.throws(() => sanitizeFeedItem(raw({ contentHtml: heavy })), code("html_too_complex"));
  });

  it("gives null for HTML that is empty once clean", () => {
    assert.equal(cleanFeedHtml("<script>x()</script>", null), null);
    assert.equal(cleanFeedHtml("   ", null), null);
    assert.equal(cleanFeedHtml(null, null), null);
  });
});
