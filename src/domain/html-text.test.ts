import assert from "node:assert/strict";
import { test } from "node:test";
import { htmlToText } from "./html-text.ts";

test("htmlToText keeps paragraphs and decodes the sanitizer's entities", () => {
  const html =
    "<h2>Navalni poisoning</h2>\n<p>Tom &amp; Jerry &lt;3 “quotes” &#8217;x&#x2019;</p><p>two<br>lines</p>";
  assert.equal(
    htmlToText(html),
    "Navalni poisoning\n\nTom & Jerry <3 “quotes” ’x’\n\ntwo\n\nlines",
  );
});

test("htmlToText leaves unknown entities alone", () => {
  assert.equal(htmlToText("<p>&bogus; &#0;</p>"), "&bogus; &#0;");
});
