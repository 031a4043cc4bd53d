import assert from "node:assert/strict";
import { test } from "node:test";
import { articlePath, isVisible } from "./article-path.ts";
import { slugify } from "./slug.ts";

test("slugify folds diacritics, drops apostrophes and keeps other scripts", () => {
  assert.equal(slugify("Belarus’ dependence on Moscow"), "belarus-dependence-on-moscow");
  assert.equal(slugify("Ñandú — café!"), "nandu-cafe");
  assert.equal(slugify("Лукашенко и Путин"), "лукашенко-и-путин");
  assert.equal(slugify("!!!"), "article");
});

test("slugify cuts long headlines on a word boundary", () => {
  const slug = slugify("word ".repeat(40), 30);
  assert.ok(slug.length <= 30);
  assert.ok(!slug.endsWith("-"));
  assert.match(slug, /^(word-)*word$/);
});

test("articlePath dates in UTC and is null before publication", () => {
  const base = { sectionSlug: "world", slug: "a-b" };
  assert.equal(
    articlePath({ ...base, publishedAt: "2026-01-02T23:30:00.000Z" }),
    "/world/2026/01/02/a-b",
  );
  assert.equal(articlePath({ ...base, publishedAt: null }), null);
});

test("isVisible hides drafts and embargoes until their time", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  assert.equal(isVisible({ status: "published", publishedAt: "2026-06-01T11:00:00Z" }, now), true);
  assert.equal(isVisible({ status: "scheduled", publishedAt: "2026-06-01T13:00:00Z" }, now), false);
  assert.equal(isVisible({ status: "scheduled", publishedAt: "2026-06-01T11:59:00Z" }, now), true);
  assert.equal(isVisible({ status: "draft", publishedAt: "2026-06-01T11:00:00Z" }, now), false);
});
