import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { isAppError } from "../../domain/errors.ts";
import type { ImportOptions } from "./options.ts";
import { parsePlainText } from "./plain-text.ts";

const options: ImportOptions = {
  siteName: "24/7 Live News Portal",
  defaultLanguage: "en",
  now: new Date("2020-09-03T12:00:00Z"),
};
const seed = new URL("../../../test/fixtures/seed/article.txt", import.meta.url);

function code(expected: string) {
  return (error: unknown) => isAppError(error) && error.code === expected && error.status === 400;
}

describe("parsePlainText", () => {
  it("reads the seed story: masthead skipped, one subheading, paragraphs in order", () => {
    const text = readFileSync(seed, "utf8");
    const article = parsePlainText(text, options);
    assert.equal(
      article.headline,
      "Lukashenko strengthens his turn towards Russia in the middle of the crisis",
    );
    assert.deepEqual(article.body.match(/<h2>[^<]*<\/h2>/g), ["<h2>Navalni poisoning</h2>"]);

    const sourceParagraphs = text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== "")
      .slice(2) // masthead, headline
      .filter((p) => p !== "Navalni poisoning");
    const bodyParagraphs = [...article.body.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1]);
    assert.equal(bodyParagraphs.length, sourceParagraphs.length);
    assert.equal(bodyParagraphs.length, 13);
    // Typographic quotes and dashes survive byte for byte; nothing else needed escaping.
    assert.deepEqual(bodyParagraphs, sourceParagraphs);
    assert.ok(article.body.includes("“Russia, as a sister country"));
    assert.ok(article.body.includes("Belarus’ dependence"));
    assert.ok(article.body.includes("Vileika. and a radar station in Baranovichi — and"));
    assert.equal(article.guid?.startsWith("text:"), true);
    assert.equal(article.status, "published");
    assert.equal(article.publishedAt, "2020-09-03T12:00:00.000Z");
    assert.equal(article.language, "en");
    assert.equal(article.standfirst, null);
    assert.deepEqual(article.section, { slug: "news", name: "News" });
  });

  it("uses a guid derived from the headline, so re-imports update the same story", () => {
    const a = parsePlainText("Same headline\n\nFirst version.", options);
    const b = parsePlainText("Same headline\n\nCorrected version.", options);
    const c = parsePlainText("Other headline\n\nFirst version.", options);
    assert.equal(a.guid, b.guid);
    assert.notEqual(a.guid, c.guid);
    assert.match(a.guid ?? "", /^text:[0-9a-f]{64}$/);
  });

  it("takes the first line as headline when there is no masthead", () => {
    const article = parsePlainText("\n\n  A headline  \n\nBody text.", options);
    assert.equal(article.headline, "A headline");
    assert.equal(article.body, "<p>Body text.</p>");
  });

  it("matches the masthead case-insensitively", () => {
    const article = parsePlainText("24/7 LIVE news portal\n\nHeadline\n\nBody.", options);
    assert.equal(article.headline, "Headline");
  });

  it("escapes HTML in the text", () => {
    const article = parsePlainText(
      'Headline\n\n<script>alert("x")</script> & <b>bold</b>.\n\nEnd.',
      options,
    );
    assert.equal(
      article.body,
      '<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;.</p>\n<p>End.</p>',
    );
  });

  it("normalises CRLF, strips the BOM and joins hard-wrapped lines", () => {
    const article = parsePlainText(
      "\uFEFFHeadline\r\n\r\nA wrapped\r\nparagraph.\r\n\r\nNext one.\r\n",
      options,
    );
    assert.equal(article.headline, "Headline");
    assert.equal(article.body, "<p>A wrapped paragraph.</p>\n<p>Next one.</p>");
  });

  it("treats each line as a paragraph when the file has no blank lines", () => {
    const article = parsePlainText("Headline\nFirst paragraph.\nSecond paragraph.", options);
    assert.equal(article.body, "<p>First paragraph.</p>\n<p>Second paragraph.</p>");
  });

  it("does not make subheadings of punctuated, long, last or multi-line paragraphs", () => {
    const article = parsePlainText(
      [
        "Headline",
        "A question?",
        "He said “no”",
        "One two three four five six seven eight nine ten eleven",
        "Two\nlines",
        "A real subheading",
        "Body after it.",
        "Last short line",
      ].join("\n\n"),
      options,
    );
    assert.deepEqual(article.body.match(/<h2>[^<]*<\/h2>/g), ["<h2>A real subheading</h2>"]);
    assert.ok(article.body.endsWith("<p>Last short line</p>"));
    assert.ok(article.body.includes("<p>Two lines</p>"));
  });

  it("reads a leading “By …” line as the byline", () => {
    const article = parsePlainText("Headline\n\nBy Maria Sahuquillo\n\nBody text.", options);
    assert.equal(article.byline, "Maria Sahuquillo");
    assert.equal(article.body, "<p>Body text.</p>");
  });

  it("uses options for kind, section and language", () => {
    const article = parsePlainText("Headline\n\nBody.", {
      ...options,
      defaultLanguage: "pt-BR",
      kind: "full",
      section: { slug: "world", name: "World" },
    });
    assert.equal(article.language, "pt");
    assert.equal(article.kind, "full");
    assert.deepEqual(article.section, { slug: "world", name: "World" });
  });

  it("rejects an empty file", () => {
    assert.throws(() => parsePlainText("", options), code("empty_file"));
    assert.throws(() => parsePlainText("\uFEFF \n\n\t\n", options), code("empty_file"));
  });

  it("rejects a file with a headline and no body", () => {
    assert.throws(() => parsePlainText("Only a headline\n\n", options), code("missing_body"));
  });

  it("rejects a file that holds only the masthead", () => {
    assert.throws(
      () => parsePlainText("24/7 Live News Portal\n", options),
      code("missing_headline"),
    );
  });

  it("rejects binary content", () => {
    assert.throws(() => parsePlainText("Headline\n\nBo\u0000dy", options), code("not_text"));
  });
});
