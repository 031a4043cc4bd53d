import assert from "node:assert/strict";
import { test } from "node:test";
import { bodyText } from "./body-text.ts";

test("bodyText keeps paragraphs and decodes the sanitizer's entities", () => {
  const html =
    "<h2>Navalni poisoning</h2>\n<p>Tom &amp; Jerry &lt;3 “quotes” &#8217;x&#x2019;</p><p>two<br>lines</p>";
  assert.equal(bodyText(html), "Navalni poisoning\n\nTom & Jerry <3 “quotes” ’x’\n\ntwo\n\nlines");
});

test("bodyText leaves unknown entities alone", () => {
  assert.equal(bodyText("<p>&bogus; &#0;</p>"), "&bogus; &#0;");
});
