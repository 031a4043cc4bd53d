import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenize } from "./tokenize.ts";

test("possessives are stripped and marked, the word keeps its span", () => {
  const text = "Lukashenko’s weakness and Belarus’ dependence";
  const [lukashenko, , , belarus] = tokenize(text);
  assert.equal(lukashenko?.text, "Lukashenko");
  assert.equal(lukashenko?.possessive, true);
  assert.equal(text.slice(lukashenko?.start, lukashenko?.end), "Lukashenko");
  assert.equal(belarus?.text, "Belarus");
  assert.equal(belarus?.possessive, true);
});

test("keys fold case, accents, apostrophes and acronym dots", () => {
  const keys = tokenize("Łódź Erdoğan U.S. O’Brien São").map((t) => t.key);
  assert.deepEqual(keys, ["lodz", "erdogan", "us", "o'brien", "sao"]);
});

test("sentence starts, joins and abbreviations", () => {
  const tokens = tokenize("He met Mr. Smith. Then R. Politik, in Minsk.\n\nNew line");
  const byText = new Map(tokens.map((t) => [t.text, t]));
  assert.equal(byText.get("He")?.initial, true);
  assert.equal(byText.get("Smith")?.initial, false, "Mr. does not end a sentence");
  assert.equal(byText.get("Smith")?.joined, true);
  assert.equal(byText.get("Then")?.initial, true);
  assert.equal(byText.get("R.")?.text, "R.");
  assert.equal(byText.get("Politik")?.joined, true);
  assert.equal(byText.get("in")?.joined, false, "a comma separates");
  assert.equal(byText.get("New")?.initial, true);
});

test("capitals and acronyms", () => {
  const [nato, nato2, g7, paris] = tokenize("NATO Nato G7 paris");
  assert.equal(nato?.upper, true);
  assert.equal(nato2?.upper, false);
  assert.equal(nato2?.cap, true);
  assert.equal(g7?.upper, false, "one letter is no acronym");
  assert.equal(paris?.cap, false);
});

test("a hyphen or apostrophe joins only when a letter follows; marks and other scripts stay in the word", () => {
  const words = tokenize(
    "Guinea-Bissau re- elected the Smiths' e\u0301cole Zürich 𝐀lpha Москва A.b",
  ).map((t) => t.text);
  assert.deepEqual(words, [
    "Guinea-Bissau",
    "re",
    "elected",
    "the",
    "Smiths",
    "e\u0301cole",
    "Zürich",
    "𝐀lpha",
    "Москва",
    "A",
    "b",
  ]);
});
