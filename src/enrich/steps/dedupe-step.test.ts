import assert from "node:assert/strict";
import { test } from "node:test";
import { newsArticles } from "../../../test/support/enrich-fixtures.ts";
import { StoryIndex } from "../cluster/story-index.ts";
import { startEnrichment, toClusterArticle } from "../enriching-article.ts";
import { dedupeStep } from "./dedupe-step.ts";

const [quake, match] = newsArticles(Date.parse("2026-03-01T12:00:00Z"));

test("a copy on another outlet is found, takes its original's story, and is not indexed yet", () => {
  assert.ok(quake);
  const index = new StoryIndex();
  index.add(toClusterArticle(quake, []));
  const copy = { ...quake, id: 30, sourceId: 9, headline: "Turkey quake kills at least nine" };
  const out = dedupeStep(startEnrichment(copy), { index });
  assert.equal(out.duplicateOf, quake.id);
  assert.equal(out.storyKey, String(quake.id));
  assert.ok(out.draft, "the index's reading waits for the cluster step");
  assert.equal(index.articleCount, 1);
});

test("an article that copies nothing leaves its story to clustering", () => {
  assert.ok(quake && match);
  const index = new StoryIndex();
  index.add(toClusterArticle(quake, []));
  const out = dedupeStep(startEnrichment(match), { index });
  assert.equal(out.duplicateOf, null);
  assert.equal(out.storyKey, null);
  assert.equal(out.draft?.article.id, String(match.id));
});

test("an article the index already holds keeps where it was placed", () => {
  assert.ok(quake);
  const index = new StoryIndex();
  index.restore(toClusterArticle(quake, []), { story: "stored-3" });
  const out = dedupeStep(startEnrichment({ ...quake, headline: "Revised" }), { index });
  assert.equal(out.storyKey, "stored-3");
  assert.equal(out.duplicateOf, null);
  assert.equal(out.draft, null);
});

test("a date that is not one is the step's error, before the index learns anything", () => {
  assert.ok(quake);
  const index = new StoryIndex();
  assert.throws(() => dedupeStep(startEnrichment({ ...quake, at: "soon" }), { index }), {
    code: "invalid_field",
  });
  assert.equal(index.articleCount, 0);
});
