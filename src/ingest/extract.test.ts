import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { isAppError } from "../domain/errors.ts";
import { extractArticle } from "./extract.ts";

const page = readFileSync(
  new URL("../../test/fixtures/extract/article.html", import.meta.url),
  "utf8",
);
const url = "https://harbour.example.net/2024/03/05/ferry-strike";

function code(expected: string) {
  return (error: unknown) => isAppError(error) && error.code === expected;
}

const PARAGRAPH =
  "<p>The council met on Tuesday to agree the budget for the coming year, after weeks of talks between the parties.</p>";

describe("extractArticle", () => {
  const result = extractArticle(page, { url });

  it("reads the article's metadata", () => {
    assert.equal(result.title, "Ferry strike called off after late-night talks");
    assert.equal(result.byline, "Kim Ng");
    assert.equal(result.lang, "en");
    assert.equal(result.publishedTime, "2024-03-04T21:30:00.000Z");
    assert.equal(result.siteName, "Harbour Dispatch");
    assert.equal(
      result.excerpt,
      "The union accepted a revised pay offer shortly before midnight, ending a week of cancelled sailings.",
    );
  });

  it("keeps the story and leaves out navigation, ads, related links and the footer", () => {
    assert.match(result.html, /^<p>The ferry workers' union has called off/);
    assert.match(result.html, /The agreement will be formally signed on Thursday/);
    for (const junk of [
      "Advertisement",
      "Most read",
      "Privacy",
      "Sport",
      "morning briefing",
      "Share on",
      "New timetable announced",
      "trackPageView",
      "dataLayer",
    ]) {
      assert.ok(!result.html.includes(junk), `html leaks "${junk}"`);
      assert.ok(!result.text.includes(junk), `text leaks "${junk}"`);
    }
  });

  it("resolves relative links and images against the page URL, then sanitizes", () => {
    assert.match(
      result.html,
      /<a href="https:\/\/harbour\.example\.net\/2024\/03\/04\/ferry-talks" rel="noopener noreferrer">/,
    );
    assert.match(
      result.html,
      /<img src="https:\/\/harbour\.example\.net\/img\/ferry-terminal\.jpg"/,
    );
    assert.doesNotMatch(result.html, /<div|class=|loading=|<script|<iframe/);
  });

  it("gives the text as plain paragraphs", () => {
    assert.doesNotMatch(result.text, /[<>]/);
    assert.match(result.text, /^The ferry workers' union/);
    assert.match(result.text, /harbour\.\n\nUnion secretary/);
  });

  it("honours the page's own <base href>, resolved against the page URL", () => {
    const html = `<html><head><base href="/archive/"><title>T</title></head><body><article>
      ${PARAGRAPH.repeat(3)}<p><a href="next.html">Next</a> <img src="pic.jpg" alt=""></p></article></body></html>`;
    const out = extractArticle(html, { url: "https://news.example.org/2024/story.html" });
    assert.match(out.html, /href="https:\/\/news\.example\.org\/archive\/next\.html"/);
    assert.match(out.html, /src="https:\/\/news\.example\.org\/archive\/pic\.jpg"/);
  });

  it("finds the publication time in JSON-LD @graph or meta tags", () => {
    const graph = `<html lang="de-AT"><head><title>T</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebPage","name":"x"},{"@type":"Thing","datePublished":"2024-02-01T09:00:00+01:00"}]}</script>
      </head><body><article>${PARAGRAPH.repeat(3)}</article></body></html>`;
    const fromGraph = extractArticle(graph, { url });
    assert.equal(fromGraph.publishedTime, "2024-02-01T08:00:00.000Z");
    assert.equal(fromGraph.lang, "de");

    const meta = `<html><head><title>T</title><meta property="article:published_time" content="Thu, 01 Feb 2024 09:00:00 GMT"></head>
      <body><article>${PARAGRAPH.repeat(3)}</article></body></html>`;
    assert.equal(extractArticle(meta, { url }).publishedTime, "2024-02-01T09:00:00.000Z");
  });

  it("reads a fragment without <html> and <body>", () => {
    const out = extractArticle(`<div>${PARAGRAPH.repeat(3)}</div>`, { url });
    assert.match(out.text, /^The council met on Tuesday/);
    assert.equal(out.lang, null);
    assert.equal(out.publishedTime, null);
  });

  it("strips scripts and event handlers from what it keeps", () => {
    const html = `<html><body><article>${PARAGRAPH.repeat(3)}
      <p onclick="steal()">Click <a href="javascript:alert(1)">here</a><img src="x.jpg" onerror="alert(1)"></p>
      <script>alert(1)</script></article></body></html>`;
    const out = extractArticle(html, { url });
    assert.doesNotMatch(out.html, /onclick|onerror|javascript:|alert|<script/);
  });

  it("refuses pages with nothing to read", () => {
    assert.throws(() => extractArticle("", { url }), code("not_extractable"));
    assert.throws(() => extractArticle("   \n", { url }), code("not_extractable"));
    assert.throws(
      () =>
        extractArticle(
          '<html><body><nav><a href="/">Home</a></nav><footer>©</footer></body></html>',
          {
            url,
          },
        ),
      code("not_extractable"),
    );
    assert.throws(
      () => extractArticle("<html><body><p>Please enable cookies.</p></body></html>", { url }),
      code("not_extractable"),
    );
  });

  it("refuses a page URL that is not http(s)", () => {
    assert.throws(() => extractArticle(page, { url: "file:///etc/passwd" }), code("invalid_url"));
  });
});
