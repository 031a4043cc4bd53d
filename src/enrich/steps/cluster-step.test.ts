import assert from "node:assert/strict";
import { test } from "node:test";
import { newsArticles } from "../../../test/support/enrich-fixtures.ts";
import { StoryIndex } from "../cluster/story-index.ts";
import { startEnrichment, toClusterArticle } from "../enriching-article.ts";
import { clusterStep } from "./cluster-step.ts";
import { dedupeStep } from "./dedupe-step.ts";

const [quake, match, quake2] = newsArticles(Date.parse("2026-03-01T12:00:00Z"));

test("after dedupe, another outlet's report joins the story and the index learns it", () => {
  assert.ok(quake && quake2);
  const index = new StoryIndex();
  index.add(toClusterArticle(quake, []));
  const out = clusterStep(dedupeStep(startEnrichment(quake2), { index }), { index });
  assert.equal(out.storyKey, String(quake.id));
  assert.equal(out.duplicateOf, null);
  assert.equal(out.draft, null);
  assert.equal(index.articleCount, 2);
  assert.equal(index.story(String(quake.id))?.sourceCount, 2);
});

test("a copy joins its original's story as a copy", () => {
  assert.ok(quake);
  const index = new StoryIndex();
  index.add(toClusterArticle(quake, []));
  const copy = { ...quake, id: 30, sourceId: 9, headline: "Turkey quake kills at least nine" };
  const out = clusterStep(dedupeStep(startEnrichment(copy), { index }), { index });
  assert.equal(out.storyKey, String(quake.id));
  assert.equal(out.duplicateOf, quake.id);
  assert.equal(index.story(String(quake.id))?.timeline[1]?.duplicateOf, String(quake.id));
});

test("alone, the cluster step reads the article and places it by similarity", () => {
  assert.ok(quake && match && quake2);
  const index = new StoryIndex();
  const context = { index };
  assert.equal(clusterStep(startEnrichment(quake), context).storyKey, String(quake.id));
  assert.equal(clusterStep(startEnrichment(match), context).storyKey, String(match.id));
  assert.equal(clusterStep(startEnrichment(quake2), context).storyKey, String(quake.id));
  assert.equal(index.articleCount, 3);
});

test("a placement dedupe found already stands: the step changes nothing", () => {
  assert.ok(quake);
  const index = new StoryIndex();
  const placed = { ...startEnrichment(quake), storyKey: "stored-3" };
  assert.equal(clusterStep(placed, { index }), placed);
  assert.equal(index.articleCount, 0);
});
