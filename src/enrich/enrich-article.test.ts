import assert from "node:assert/strict";
import { test } from "node:test";
import { newsArticles, seedArticle } from "../../test/support/enrich-fixtures.ts";
import { StoryIndex } from "./cluster/story-index.ts";
import { ENRICH_STEPS, ENRICHMENT_VERSION, enrichArticle } from "./enrich-article.ts";
import { finishEnrichment, startEnrichment } from "./enriching-article.ts";
import { clusterStep } from "./steps/cluster-step.ts";
import { dedupeStep } from "./steps/dedupe-step.ts";
import { entitiesStep } from "./steps/entities-step.ts";
import { languageStep } from "./steps/language-step.ts";
import { lintStep } from "./steps/lint-step.ts";

test("the steps run in this order; the version stays what stored articles carry", () => {
  assert.deepEqual(ENRICH_STEPS, [languageStep, lintStep, entitiesStep, dedupeStep, clusterStep]);
  assert.equal(ENRICHMENT_VERSION, 1);
});

test("the seed story: English, its Spanish fragment, the repeated passage and the stray full stops", () => {
  const result = enrichArticle(seedArticle(), { index: new StoryIndex() });
  assert.equal(result.articleId, 1);
  assert.equal(result.language, "en");
  assert.deepEqual(
    result.fragments.map((f) => [f.language, f.text.slice(0, 25)]),
    [["es", "responsables de alrededor"]],
  );
  const found = (rule: string) =>
    result.findings.filter((f) => f.rule === rule).map((f) => f.text.slice(0, 40));
  assert.deepEqual(found("foreign-fragment"), ["responsables de alrededor del 50% del PI"]);
  assert.deepEqual(found("sentence-break"), ["relationship. between", "Vileika. and"]);
  assert.ok(
    found("repeated-passage").includes("Russia is Belarus’s main creditor, and t"),
    "the paragraph that repeats an earlier one",
  );
  const between = result.findings.find((f) => f.text === "relationship. between");
  assert.equal(between?.fix, "relationship between");
  // Every span points into the text it was found in.
  const { text } = seedArticle();
  for (const f of result.findings) assert.equal(text.slice(f.start, f.end), f.text);
  assert.deepEqual(
    result.findings.map((f) => f.start),
    [...result.findings.map((f) => f.start)].sort((a, b) => a - b),
    "findings in text order",
  );
  const slugs = result.entities.map((e) => `${e.kind}:${e.slug}`);
  for (const e of ["person:alexander-lukashenko", "person:vladimir-putin", "place:minsk"])
    assert.ok(slugs.includes(e), e);
  assert.equal(result.storyKey, "1", "a first report opens its own story");
  assert.equal(result.duplicateOf, null);
});

test("two outlets' reports share a story; a copy on a third points at the original", () => {
  const index = new StoryIndex();
  const [quake, match, quake2] = newsArticles(Date.parse("2026-03-01T12:00:00Z"));
  assert.ok(quake && match && quake2);
  const first = enrichArticle(quake, { index });
  const other = enrichArticle(match, { index });
  const second = enrichArticle(quake2, { index });
  assert.equal(first.storyKey, "11");
  assert.equal(other.storyKey, "12");
  assert.equal(second.storyKey, "11");
  assert.equal(second.duplicateOf, null);
  const copy = enrichArticle(
    { ...quake, id: 14, sourceId: 9, headline: "Turkey quake kills at least nine" },
    { index },
  );
  assert.equal(copy.duplicateOf, 11);
  assert.equal(copy.storyKey, "11");
  assert.equal(index.articleCount, 4);
  assert.equal(index.story("11")?.articleCount, 3);
});

test("enriching an indexed article again keeps its placement and adds nothing to the index", () => {
  const index = new StoryIndex();
  const [quake, , quake2] = newsArticles(Date.parse("2026-03-01T12:00:00Z"));
  assert.ok(quake && quake2);
  enrichArticle(quake, { index });
  const before = enrichArticle(quake2, { index });
  const again = enrichArticle({ ...quake2, headline: "Turkey quake: toll rises" }, { index });
  assert.equal(again.storyKey, before.storyKey);
  assert.equal(index.articleCount, 2);
});

test("running the steps by hand gives what enrichArticle gives", () => {
  const article = seedArticle({ id: 7 });
  let working = startEnrichment(article);
  const context = { index: new StoryIndex() };
  for (const step of [languageStep, lintStep, entitiesStep, dedupeStep, clusterStep])
    working = step(working, context);
  assert.deepEqual(finishEnrichment(working), enrichArticle(article, { index: new StoryIndex() }));
});
