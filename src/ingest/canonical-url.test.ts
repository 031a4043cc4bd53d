import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalUrl } from "./canonical-url.ts";

test("canonicalUrl strips tracking, fragments and default ports", () => {
  assert.equal(
    canonicalUrl(
      "HTTPS://News.Example.COM:443/a/b?utm_source=rss&id=7&utm_medium=feed&fbclid=x#top",
    ),
    "https://news.example.com/a/b?id=7",
  );
  assert.equal(canonicalUrl("http://example.com/story?utm_campaign=z"), "http://example.com/story");
  assert.equal(
    canonicalUrl("https://example.com/s?q=a%20b&page=2"),
    "https://example.com/s?q=a%20b&page=2",
  );
});

test("canonicalUrl refuses what is not an http(s) URL", () => {
  for (const bad of [
    null,
    "",
    "javascript:alert(1)",
    "ftp://example.com/x",
    "not a url",
    "mailto:a@b.c",
  ]) {
    assert.equal(canonicalUrl(bad), null);
  }
});
