import assert from "node:assert/strict";
import { test } from "node:test";
import type { ClusterArticle } from "./cluster-article.ts";
import { latinLetters } from "./cyrillic.ts";
import { StoryIndex } from "./story-index.ts";
import { Vocabulary } from "./vocabulary.ts";

test("a Cyrillic word is read in Latin letters; a Latin word is left as it is", () => {
  assert.equal(latinLetters("путин"), "putin");
  assert.equal(latinLetters("путін"), "putin");
  assert.equal(latinLetters("шольц"), "sholts");
  assert.equal(latinLetters("зеленський"), "zelenskiy");
  for (const w of ["putin", "zürich", "łódź", "2024"]) assert.equal(latinLetters(w), w);
  const v = new Vocabulary();
  assert.equal(v.word("путин"), v.word("putin"));
  assert.equal(v.word("путін"), v.word("путин"), "the Ukrainian spelling meets the Russian");
  assert.equal(v.word("турции"), v.word("turkey"), "and countries are read as the English ones");
});

// Written for this test: one earthquake as an English and a Russian link item, which share
// the toll and, read in Latin letters, the country; another earthquake the same day.
const ENGLISH: ClusterArticle = {
  id: "en",
  source: "wire.example",
  language: "en",
  published: "2025-03-01T08:00:00Z",
  title: "Earthquake in Turkey kills 36 people",
  text: "",
};
const RUSSIAN: ClusterArticle = {
  id: "ru",
  source: "gazeta.example",
  language: "ru",
  published: "2025-03-01T09:00:00Z",
  title: "Землетрясение в Турции унесло жизни 36 человек",
  text: "",
};
const OTHER: ClusterArticle = {
  id: "other",
  source: "agency.example",
  language: "en",
  published: "2025-03-01T10:00:00Z",
  title: "Earthquake in Italy kills 12 people",
  text: "",
};

test("reports of one event in two scripts join one story; another event stays apart", () => {
  const index = new StoryIndex();
  const first = index.add(ENGLISH);
  assert.equal(index.add(RUSSIAN).story.id, first.story.id);
  assert.notEqual(index.add(OTHER).story.id, first.story.id);
});
