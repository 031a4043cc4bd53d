import assert from "node:assert/strict";
import { test } from "node:test";
import { parseClusterArticle } from "./cluster-article.ts";

const good = {
  id: "a1",
  title: "Storm hits coast",
  text: "Body",
  source: " Reuters ",
  published: "2025-03-10T02:05:00+02:00",
};

test("a valid record comes back typed, dates in UTC, unknown fields ignored", () => {
  const a = parseClusterArticle({
    ...good,
    story: "gold",
    entities: ["storm-hesper"],
    url: "https://x.example/a",
  });
  assert.deepEqual(a, {
    id: "a1",
    title: "Storm hits coast",
    text: "Body",
    source: "Reuters",
    published: "2025-03-10T00:05:00.000Z",
    entities: ["storm-hesper"],
    canonicalUrl: "https://x.example/a",
  });
  // No zone means UTC, whatever the machine's zone.
  assert.equal(
    parseClusterArticle({ ...good, published: "2025-03-10T02:05" }).published,
    "2025-03-10T02:05:00.000Z",
  );
  assert.equal(
    parseClusterArticle({ ...good, published: "2025-03-10" }).published,
    "2025-03-10T00:00:00.000Z",
  );
});

test("each kind of bad record has its own code and names the field", () => {
  const cases: [unknown, string, string | undefined][] = [
    [null, "invalid_article", undefined],
    [[good], "invalid_article", undefined],
    [{ ...good, id: undefined }, "missing_field", "id"],
    [{ ...good, id: "" }, "invalid_field", "id"],
    [{ ...good, title: 7 }, "invalid_field", "title"],
    [{ ...good, text: undefined }, "missing_field", "text"],
    [{ ...good, title: " ", text: "" }, "invalid_field", "title"],
    [{ ...good, source: "" }, "invalid_field", "source"],
    [{ ...good, published: "yesterday" }, "invalid_field", "published"],
    [{ ...good, published: "2025-13-45T00:00:00Z" }, "invalid_field", "published"],
    [{ ...good, entities: "x" }, "invalid_field", "entities"],
    [{ ...good, canonicalUrl: 5 }, "invalid_field", "canonicalUrl"],
    [{ ...good, language: 5 }, "invalid_field", "language"],
    [{ ...good, language: "Portuguese (Brazil)" }, "invalid_field", "language"],
  ];
  for (const [value, code, field] of cases) {
    assert.throws(
      () => parseClusterArticle(value),
      (error: { code?: string; context?: { field?: string } }) =>
        error.code === code && error.context?.field === field,
      JSON.stringify(value),
    );
  }
});

test("a language tag is read as its primary language; empty means not known", () => {
  assert.equal(parseClusterArticle({ ...good, language: "pt-BR" }).language, "pt");
  assert.equal(parseClusterArticle({ ...good, language: "DE" }).language, "de");
  assert.equal(parseClusterArticle({ ...good, language: "" }).language, undefined);
  assert.equal(parseClusterArticle(good).language, undefined);
});
