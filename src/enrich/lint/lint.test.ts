import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { bodyText } from "../../domain/body-text.ts";
import { lintArticle } from "./lint.ts";

const SEED = new URL("../../../test/fixtures/seed/article.ninjs.json", import.meta.url);

test("the seed: its language, its fragment and every planted defect, sorted by start", () => {
  const ninjs = JSON.parse(readFileSync(SEED, "utf8")) as { bodies: { value: string }[] };
  const text = bodyText(ninjs.bodies[0]?.value ?? "");
  const result = lintArticle({
    headline: "Lukashenko strengthens his turn",
    standfirst: null,
    text,
  });
  assert.equal(result.language, "en");
  assert.deepEqual(
    result.fragments.map((f) => f.language),
    ["es"],
  );
  assert.deepEqual(
    result.findings.map((f) => f.rule),
    [
      "sentence-break",
      "quote-balance",
      "sentence-break",
      "foreign-fragment",
      "quote-balance",
      "quote-balance",
      "repeated-passage",
      "repeated-passage",
    ],
  );
  const starts = result.findings.map((f) => f.start);
  assert.deepEqual(
    starts,
    [...starts].sort((a, b) => a - b),
  );
  for (const f of result.findings) assert.equal(text.slice(f.start, f.end), f.text);
});

test("clean copy has no findings; the declared language settles a text too short to tell", () => {
  const result = lintArticle({
    headline: "Council approves bike lanes",
    text: "The council voted 9-4 on Tuesday to approve 12 miles of bike lanes downtown.",
    language: "en-US",
  });
  assert.deepEqual(result, { language: "en", fragments: [], findings: [] });
});
