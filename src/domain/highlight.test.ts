import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml, highlightHtml } from "./highlight.ts";

test("each range becomes a <mark>; all text is escaped, inside marks too", () => {
  assert.equal(
    highlightHtml({ text: `Fish & chips <script>'x'</script>`, highlights: [[7, 12]] }),
    "Fish &amp; <mark>chips</mark> &lt;script&gt;&#39;x&#39;&lt;/script&gt;",
  );
  assert.equal(
    highlightHtml({ text: "<b>bold</b>", highlights: [[0, 11]] }),
    "<mark>&lt;b&gt;bold&lt;/b&gt;</mark>",
  );
  assert.equal(
    highlightHtml({
      text: "ab",
      highlights: [
        [0, 1],
        [1, 2],
      ],
    }),
    "<mark>a</mark><mark>b</mark>",
  );
});

test("no ranges is escaped text; bad ranges are cut to fit, never unbalanced", () => {
  assert.equal(highlightHtml({ text: `a "b"`, highlights: [] }), "a &quot;b&quot;");
  assert.equal(
    highlightHtml({
      text: "abcdef",
      highlights: [
        [1, 3],
        [2, 4],
        [5, 99],
        [9, 12],
        [0, 0],
      ],
    }),
    "a<mark>bc</mark><mark>d</mark>e<mark>f</mark>",
  );
  assert.equal(
    highlightHtml({
      text: "ab",
      highlights: [
        [1, 1],
        [2, 1],
      ],
    }),
    "a<mark></mark>b",
  );
  assert.equal(escapeHtml(`&<>"'`), "&amp;&lt;&gt;&quot;&#39;");
});
