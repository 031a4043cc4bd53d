import assert from "node:assert/strict";
import { test } from "node:test";
import { highlightHtml } from "../domain/highlight.ts";
import {
  collapseSpace,
  leadWords,
  MARK_END,
  MARK_START,
  parseMarked,
  plainText,
  unmarked,
} from "./search-snippet.ts";

const m = (word: string) => `${MARK_START}${word}${MARK_END}`;
/** What the site and the API make of engine output. */
const markedToHtml = (marked: string) => highlightHtml(parseMarked(marked));
const textToHtml = (text: string) => highlightHtml(plainText(text));

test("markers become ranges of the text without them", () => {
  assert.deepEqual(parseMarked(`Fish & ${m("chips")} and ${m("peas")}`), {
    text: "Fish & chips and peas",
    highlights: [
      [7, 12],
      [17, 21],
    ],
  });
  assert.deepEqual(parseMarked("no hits"), { text: "no hits", highlights: [] });
});

test("hits become <mark>, everything else is escaped text", () => {
  assert.equal(
    markedToHtml(`Fish & ${m("chips")} <script>alert("x")</script> 'here'`),
    "Fish &amp; <mark>chips</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;here&#39;",
  );
});

test("markup inside a hit is escaped too", () => {
  assert.equal(markedToHtml(m("<b>bold</b>")), "<mark>&lt;b&gt;bold&lt;/b&gt;</mark>");
});

test("stray markers in stored text never nest marks or leave one open", () => {
  assert.equal(markedToHtml(`${MARK_START}a${MARK_START}b`), "<mark>ab</mark>");
  assert.equal(markedToHtml(`a${MARK_END}b${MARK_END}`), "ab");
  assert.equal(markedToHtml(`${MARK_END}${MARK_START}x`), "<mark>x</mark>");
  // Kept as the engine gave it: an empty hit is an empty mark.
  assert.equal(
    markedToHtml(`${MARK_START}\u0001${MARK_END}a${MARK_START}`),
    "<mark></mark>a<mark></mark>",
  );
});

test("other control characters are dropped; tabs and newlines stay", () => {
  assert.equal(markedToHtml("a\u0000b\u0007c\u007fd\te\nf"), "abcd\te\nf");
  assert.deepEqual(parseMarked(`a\u0001${m("b")}`), { text: "ab", highlights: [[1, 2]] });
  assert.equal(textToHtml(`x ${m("y")} <z>`), "x y &lt;z&gt;");
  assert.equal(unmarked(`x ${m("y")}\u0001`), "x y");
});

test("lead words and spacing", () => {
  assert.equal(collapseSpace("  a\n\n b\t c "), "a b c");
  assert.equal(leadWords("one two three four", 2), "one two …");
  assert.equal(leadWords("one two", 5), "one two");
});
