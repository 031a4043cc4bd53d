import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ELECTION_ENGLISH_1 as ENGLISH_1,
  ELECTION_ENGLISH_2 as ENGLISH_2,
  ELECTION_GERMAN as GERMAN,
  OTHER_ELECTION_GERMAN as GERMAN_OTHER,
} from "../../../test/support/election-reports.ts";
import type { ClusterArticle } from "./cluster-article.ts";
import { withDetectedLanguage } from "./cluster-lines.ts";
import { FEATURES } from "./story-centroids.ts";
import { StoryIndex } from "./story-index.ts";

const feature = (features: ArrayLike<number>, name: (typeof FEATURES)[number]) =>
  features[FEATURES.indexOf(name)] as number;

test("a report in another language joins the story; another event in that language stays apart", () => {
  const index = new StoryIndex();
  const story = index.add(ENGLISH_1).story.id;
  assert.equal(index.add(ENGLISH_2).story.id, story);
  assert.equal(index.add(GERMAN).story.id, story);
  assert.notEqual(index.add(GERMAN_OTHER).story.id, story);
});

test("across languages the names-missing shares are weighed apart, and only there", () => {
  const index = new StoryIndex();
  const story = index.add(ENGLISH_1).story.id;
  index.add(ENGLISH_2);
  const against = (a: ClusterArticle) => {
    const found = index.candidates(index.analyze(a)).find((c) => c.story === story);
    assert.ok(found, `${a.id} is compared with the English story`);
    return found.features;
  };
  const across = against(GERMAN);
  assert.equal(feature(across, "acrossLanguages"), 1);
  assert.equal(feature(across, "frontNamesMissing"), 0);
  assert.ok(feature(across, "frontNamesMissingAcross") > 0.3, "German nouns read as names");
  // Not known, or the story has a report in that language: one language, as before.
  for (const a of [
    { ...GERMAN, language: undefined },
    { ...ENGLISH_2, id: "en-3" },
  ]) {
    const same = against(a);
    assert.equal(feature(same, "acrossLanguages"), 0);
    assert.equal(feature(same, "frontNamesMissingAcross"), 0);
    assert.equal(feature(same, "storyNamesMissingAcross"), 0);
  }
});

test("a line that names no language is given the one the portal would detect", () => {
  const line = { ...GERMAN, language: undefined };
  assert.equal(withDetectedLanguage(line).language, "de");
  assert.equal(withDetectedLanguage({ ...GERMAN, language: "sv" }).language, "sv");
  assert.equal(withDetectedLanguage(ENGLISH_1).language, "en");
});
