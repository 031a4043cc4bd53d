import assert from "node:assert/strict";
import { test } from "node:test";
import { isAppError } from "./errors.ts";
import { searchTerms } from "./search-terms.ts";

test("words and quoted phrases become plain terms; operators are just words", () => {
  assert.deepEqual(searchTerms('Lukashenko "energy pacts"'), ["Lukashenko", "energy pacts"]);
  assert.deepEqual(searchTerms("NEAR(a b) x' -- headline:Lukashenko"), [
    "NEAR a",
    "b",
    "x",
    "headline Lukashenko",
  ]);
  assert.deepEqual(searchTerms('"unclosed phrase'), ["unclosed", "phrase"]);
  assert.equal(searchTerms("w ".repeat(40)).length, 16);
});

test("nothing but punctuation is a bad_query", () => {
  assert.throws(
    () => searchTerms('!!! ... ""'),
    (e) => isAppError(e) && e.code === "bad_query" && e.status === 400,
  );
});
