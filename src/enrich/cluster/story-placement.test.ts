import assert from "node:assert/strict";
import { test } from "node:test";
import {
  MATCH_TEXT,
  QUAKE_ALJAZEERA_TEXT,
  QUAKE_REUTERS_TEXT,
} from "../../../test/support/enrich-fixtures.ts";
import type { ClusterArticle } from "./cluster-article.ts";
import { StoryIndex } from "./story-index.ts";

const REUTERS: ClusterArticle = {
  id: "q1",
  source: "Reuters",
  published: "2025-03-10T02:05:00Z",
  title: "Magnitude 6.2 earthquake strikes eastern Turkey, at least 9 dead",
  text: QUAKE_REUTERS_TEXT,
};
const ALJAZEERA: ClusterArticle = {
  id: "q2",
  source: "Al Jazeera",
  published: "2025-03-10T03:40:00Z",
  title: "Deadly quake hits Turkey's Malatya, buildings collapse",
  text: QUAKE_ALJAZEERA_TEXT,
};
const MATCH: ClusterArticle = {
  id: "m1",
  source: "BBC Sport",
  published: "2025-03-09T18:40:00Z",
  title: "Arsenal 3-1 Aston Villa: Saka double keeps Gunners in title hunt",
  text: MATCH_TEXT,
};
const COPY: ClusterArticle = {
  ...REUTERS,
  id: "q1-copy",
  source: "Yahoo News",
  published: "2025-03-10T02:30:00Z",
};

test("analyze, findCopy and place, one after the other, are add", () => {
  const whole = new StoryIndex();
  const parts = new StoryIndex();
  for (const article of [REUTERS, MATCH, ALJAZEERA, COPY]) {
    const draft = parts.analyze(article);
    assert.deepEqual(parts.place(draft, parts.findCopy(draft)), whole.add(article));
  }
  assert.equal(parts.articleCount, 4);
});

test("findCopy names the first of a chain of copies and their story; placing twice indexes once", () => {
  const index = new StoryIndex();
  index.add(REUTERS);
  index.add(COPY);
  const again = index.analyze({ ...REUTERS, id: "q1-copy-2", source: "MSN" });
  const copy = index.findCopy(again);
  assert.deepEqual(copy, { duplicateOf: "q1", story: "q1" });
  const placed = index.place(again, copy);
  assert.equal(placed.duplicateOf, "q1");
  assert.deepEqual(index.place(again, copy), { ...placed, isNewStory: false });
  assert.equal(index.articleCount, 3);
  assert.deepEqual(index.placement("q1-copy-2")?.story.id, "q1");
  assert.equal(index.placement("unknown"), undefined);
});

test("the lead: an article we carry in full before a weightier outlet's link; a copy never", () => {
  const index = new StoryIndex({ sourceWeight: (s) => (s === "Al Jazeera" ? 2 : 1) });
  index.add(REUTERS);
  assert.equal(index.add(ALJAZEERA).story.leadArticleId, "q2", "weight leads among links");
  const ours = index.add({
    ...REUTERS,
    id: "own-1",
    source: "portal",
    hosted: true,
    published: "2025-03-10T05:00:00Z",
    title: "Turkey earthquake: rescuers search collapsed buildings in Malatya",
    text: `Rescue teams searched collapsed buildings in Malatya province in eastern Turkey through the night after a magnitude 6.2 earthquake killed at least nine people, AFAD said.\n\n${QUAKE_ALJAZEERA_TEXT}`,
  });
  assert.equal(ours.story.id, "q1");
  assert.equal(ours.story.leadArticleId, "own-1");
  assert.equal(
    ours.story.title,
    "Turkey earthquake: rescuers search collapsed buildings in Malatya",
  );

  const weighty = new StoryIndex({ sourceWeight: (s) => (s === "Yahoo News" ? 5 : 1) });
  weighty.add(REUTERS);
  const copied = weighty.add(COPY);
  assert.equal(copied.duplicateOf, "q1");
  assert.equal(copied.story.leadArticleId, "q1", "a copy never leads its original");
});

test("velocity counts the sources that joined in the last hours, copies left out", () => {
  const index = new StoryIndex({ velocityHours: 1 });
  index.add(REUTERS);
  assert.equal(index.add({ ...COPY, published: "2025-03-10T03:00:00Z" }).duplicateOf, "q1");
  // The hour up to 03:40: Al Jazeera joined; Reuters joined at 02:05; Yahoo's is a copy.
  assert.equal(index.add(ALJAZEERA).story.velocity, 1);
});
