import assert from "node:assert/strict";
import { test } from "node:test";
import type { ClusterArticle } from "./cluster-article.ts";
import { englishPlace } from "./exonyms.ts";
import { StoryIndex } from "./story-index.ts";
import { Vocabulary } from "./vocabulary.ts";

test("a country named in another language is read as its English name", () => {
  for (const [foreign, english] of [
    ["griechenland", "greece"],
    ["grécia", "greece"],
    ["yunani", "greece"],
    ["kreikassa", "greece"],
    ["tiongkok", "china"],
    ["rosji", "russia"],
    ["storbritannien", "britain"],
    ["alemanha", "germany"],
  ] as const) {
    assert.equal(englishPlace(foreign), english, foreign);
  }
  const v = new Vocabulary();
  assert.equal(v.entryTerm(v.entry("griechenland")), v.entryTerm(v.entry("greece")));
});

test("English words are left alone, those spelled like a foreign form included", () => {
  for (const w of [
    "greece",
    "usa",
    "europa",
    "chili",
    "burma",
    "pole",
    "swede",
    "suisse",
    "italian",
    "jordan",
  ]) {
    assert.equal(englishPlace(w), w);
  }
});

// Two link items written for this test, one in Portuguese and one in English, about one train
// crash: they share only the toll, and the country once it is read in one language. A report
// of another crash the same day, worded like the English one, names another country.
const PORTUGUESE: ClusterArticle = {
  id: "pt",
  source: "publico.pt",
  published: "2025-03-01T08:00:00Z",
  title: "Acidente ferroviário na Grécia mata 36 pessoas",
  text: "",
};
const ENGLISH: ClusterArticle = {
  id: "en",
  source: "apnews.com",
  published: "2025-03-01T09:30:00Z",
  title: "Train crash in Greece kills 36 people",
  text: "",
};
const OTHER: ClusterArticle = {
  id: "other",
  source: "ansa.it",
  published: "2025-03-01T10:00:00Z",
  title: "Train crash in Italy kills 12 people",
  text: "",
};

test("reports of one event in two languages join one story; another event stays apart", () => {
  const index = new StoryIndex();
  const first = index.add(PORTUGUESE);
  const second = index.add(ENGLISH);
  const third = index.add(OTHER);
  assert.equal(second.story.id, first.story.id);
  assert.notEqual(third.story.id, first.story.id);
});
