import assert from "node:assert/strict";
import { test } from "node:test";
import { seedArticle } from "../../../test/support/enrich-fixtures.ts";
import { StoryIndex } from "../cluster/story-index.ts";
import { startEnrichment } from "../enriching-article.ts";
import { languageStep } from "./language-step.ts";
import { lintStep } from "./lint-step.ts";

const context = { index: new StoryIndex() };

test("the lint step runs every rule over the language step's split, in text order", () => {
  const split = languageStep(startEnrichment(seedArticle()), context);
  const out = lintStep(split, context);
  assert.equal(out.passages, split.passages, "the split is reused, not made again");
  const rules = new Set(out.findings.map((f) => f.rule));
  for (const rule of ["foreign-fragment", "repeated-passage", "sentence-break"])
    assert.ok(rules.has(rule), rule);
  const starts = out.findings.map((f) => f.start);
  assert.deepEqual(
    starts,
    [...starts].sort((a, b) => a - b),
  );
});

test("alone, the lint step splits the text itself with the declared language", () => {
  const alone = lintStep(startEnrichment(seedArticle()), context);
  const after = lintStep(languageStep(startEnrichment(seedArticle()), context), context);
  assert.equal(alone.passages?.language, "en");
  assert.deepEqual(alone.findings, after.findings);
  assert.deepEqual(alone.fragments, [], "fragments are the language step's");
});
