import assert from "node:assert/strict";
import { test } from "node:test";
import { paragraphSpans, sentenceSpans } from "./text-spans.ts";

const sentences = (text: string) =>
  paragraphSpans(text).flatMap((p) =>
    sentenceSpans(text, p).map((s) => text.slice(s.start, s.end)),
  );

test("paragraphs are the lines between blank lines, trimmed", () => {
  const text = "  One.  \n\nTwo\nThree";
  assert.deepEqual(
    paragraphSpans(text).map((p) => text.slice(p.start, p.end)),
    ["One.", "Two", "Three"],
  );
});

test("sentences end at a stop before a capital, a digit or an opening quote", () => {
  assert.deepEqual(sentences("It rained. Then it stopped! Did it? “Yes,” he said. 2024 was wet."), [
    "It rained.",
    "Then it stopped!",
    "Did it?",
    "“Yes,” he said.",
    "2024 was wet.",
  ]);
});

test("titles, initials and abbreviations do not end a sentence", () => {
  assert.deepEqual(
    sentences("Mr. Smith met J. K. Rowling at Apple Inc. headquarters in the U.S. capital."),
    ["Mr. Smith met J. K. Rowling at Apple Inc. headquarters in the U.S. capital."],
  );
  assert.deepEqual(sentences("Shares of Apple Inc. The company said it rose."), [
    "Shares of Apple Inc.",
    "The company said it rose.",
  ]);
  assert.deepEqual(sentences("He moved to the U.S. The move paid off."), [
    "He moved to the U.S.",
    "The move paid off.",
  ]);
});

test("a stop before a lower-case word stays inside the sentence", () => {
  assert.deepEqual(sentences("Two key portfolios in the relationship. between Minsk and Moscow."), [
    "Two key portfolios in the relationship. between Minsk and Moscow.",
  ]);
});

test("an ellipsis before a capital ends a sentence; the last one needs no stop", () => {
  assert.deepEqual(sentences("We waited… Nothing came\n\nNext"), [
    "We waited…",
    "Nothing came",
    "Next",
  ]);
});
