import assert from "node:assert/strict";
import { test } from "node:test";
import {
  collapseSpace,
  leadWords,
  MARK_END,
  MARK_START,
  markedToHtml,
  textToHtml,
  unmarked,
} from "./search-snippet.ts";

const m = (word: string) => `${MARK_START}${word}${MARK_END}`;

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
});

test("other control characters are dropped; tabs and newlines stay", () => {
  assert.equal(markedToHtml("a\u0000b\u0007c\u007fd\te\nf"), "abcd\te\nf");
  assert.equal(textToHtml(`x ${m("y")} <z>`), "x y &lt;z&gt;");
  assert.equal(unmarked(`x ${m("y")}\u0001`), "x y");
});

test("lead words and spacing", () => {
  assert.equal(collapseSpace("  a\n\n b\t c "), "a b c");
  assert.equal(leadWords("one two three four", 2), "one two …");
  assert.equal(leadWords("one two", 5), "one two");
});
