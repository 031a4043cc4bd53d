import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { isAppError } from "../../domain/errors.ts";
import { parseMarkdown } from "./markdown.ts";
import type { ImportOptions } from "./options.ts";

const options: ImportOptions = {
  siteName: "24/7 Live News Portal",
  defaultLanguage: "en",
  now: new Date("2024-09-03T12:00:00Z"),
};
const fixture = (name: string) => new URL(`../../../test/fixtures/import/${name}`, import.meta.url);

function code(expected: string) {
  return (error: unknown) => isAppError(error) && error.code === expected && error.status === 400;
}

describe("parseMarkdown", () => {
  it("reads story.md with its front matter", () => {
    const article = parseMarkdown(readFileSync(fixture("story.md"), "utf8"), options);
    assert.deepEqual(
      { ...article, body: undefined },
      {
        guid: "urn:dispatch:test:rail-strike",
        kind: "own",
        status: "published",
        headline: "Rail strike ends after 'historic' deal",
        standfirst: "Unions and operators agree a three-year pay settlement.",
        body: undefined,
        byline: "Ana Costa, Piotr Nowak",
        language: "pt",
        section: { slug: "economie", name: "Économie" },
        slug: "rail-strike-ends",
        canonicalUrl: "https://example.com/news/rail-strike-ends",
        externalUrl: null,
        publishedAt: "2024-03-05T07:30:00.000Z",
      },
    );
    // The repeated title heading is dropped; typographer curls quotes; raw HTML stays text.
    assert.equal(
      article.body,
      "<p>Trains will run again from Monday, the unions said – “a fair outcome”.</p>\n" +
        "<h2>What changes</h2>\n<ul>\n<li>Pay rises of 4% a year</li>\n" +
        '<li>A <a href="https://example.com/summary" rel="noopener noreferrer">summary</a> and a [bad link](javascript:alert(1))</li>\n' +
        "</ul>\n" +
        "<p>&lt;script&gt;alert(“raw html is shown as text, never run”)&lt;/script&gt;</p>",
    );
  });

  it("takes the headline from the first # heading when there is no front matter", () => {
    const article = parseMarkdown("# The *big* story\n\nFirst paragraph.\n\n# Later h1\n", options);
    assert.equal(article.headline, "The big story");
    assert.equal(article.body, "<p>First paragraph.</p>\n<h2>Later h1</h2>");
    assert.match(article.guid ?? "", /^md:[0-9a-f]{64}$/);
    assert.equal(article.status, "published");
    assert.equal(article.publishedAt, "2024-09-03T12:00:00.000Z");
    assert.equal(article.language, "en");
    assert.deepEqual(article.section, { slug: "news", name: "News" });
  });

  it("keeps a draft without a publication time", () => {
    const article = parseMarkdown(
      "---\ntitle: T\nstatus: draft\ndate: 2024-01-01\n---\nBody.",
      options,
    );
    assert.equal(article.status, "draft");
    assert.equal(article.publishedAt, null);
  });

  it("schedules a published story dated in the future", () => {
    const article = parseMarkdown(
      "---\ntitle: T\ndate: 2024-12-24 18:00:00 +01:00\n---\nBody.",
      options,
    );
    assert.equal(article.status, "scheduled");
    assert.equal(article.publishedAt, "2024-12-24T17:00:00.000Z");
  });

  it("lets options.section win over the front matter", () => {
    const article = parseMarkdown("---\ntitle: T\nsection: Sport\n---\nBody.", {
      ...options,
      section: { slug: "world", name: "World" },
    });
    assert.deepEqual(article.section, { slug: "world", name: "World" });
  });

  it("accepts an empty front matter and numeric ids", () => {
    assert.equal(parseMarkdown("---\n---\n# H\n\nBody.", options).headline, "H");
    assert.equal(parseMarkdown("---\nid: 1234\n---\n# H\n\nBody.", options).guid, "1234");
  });

  it("reads a block list of authors", () => {
    const article = parseMarkdown(
      "---\ntitle: T\nauthor:\n  - A One\n  - B Two\n---\nBody.",
      options,
    );
    assert.equal(article.byline, "A One, B Two");
  });

  it("does not turn bare domains into links", () => {
    const article = parseMarkdown("# H\n\nSee example.com today.", options);
    assert.equal(article.body, "<p>See example.com today.</p>");
  });

  it("bad_front_matter for invalid YAML, with its line", () => {
    assert.throws(
      () => parseMarkdown("---\ntitle: ok\nbad: [unclosed\n---\nBody", options),
      (error: unknown) =>
        code("bad_front_matter")(error) &&
        isAppError(error) &&
        typeof error.context.line === "number" &&
        error.context.line >= 3,
    );
    assert.throws(
      () => parseMarkdown("---\ntitle: a\ntitle: b\n---\nBody", options),
      code("bad_front_matter"),
    );
  });

  it("bad_front_matter when it is not a mapping or never closed", () => {
    assert.throws(
      () => parseMarkdown("---\n- a\n- b\n---\nBody", options),
      code("bad_front_matter"),
    );
    assert.throws(
      () => parseMarkdown("---\njust text\n---\nBody", options),
      code("bad_front_matter"),
    );
    assert.throws(() => parseMarkdown("---\ntitle: T\n\nBody", options), code("bad_front_matter"));
  });

  it("keeps __proto__ keys in the front matter harmless", () => {
    const article = parseMarkdown(
      "---\n__proto__:\n  polluted: true\ntitle: T\n---\nBody.",
      options,
    );
    assert.equal(article.headline, "T");
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("invalid_field for wrong front-matter values", () => {
    const cases = [
      "status: live",
      "slug: Not A Slug",
      "canonical: javascript:alert(1)",
      "title: [a, b]",
      "author: {name: x}",
      "lang: '!!'",
    ];
    for (const line of cases) {
      const frontMatter = line.startsWith("title:") ? line : `title: T\n${line}`;
      assert.throws(
        () => parseMarkdown(`---\n${frontMatter}\n---\nBody.`, options),
        code("invalid_field"),
        line,
      );
    }
  });

  it("invalid_date", () => {
    assert.throws(
      () => parseMarkdown("---\ntitle: T\ndate: next tuesday\n---\nBody.", options),
      code("invalid_date"),
    );
  });

  it("empty_file, missing_headline, missing_body, not_text", () => {
    assert.throws(() => parseMarkdown(" \n", options), code("empty_file"));
    assert.throws(() => parseMarkdown("Just a paragraph.", options), code("missing_headline"));
    assert.throws(() => parseMarkdown("# Headline only\n", options), code("missing_body"));
    assert.throws(() => parseMarkdown("# H\n\nA\u0000B", options), code("not_text"));
  });
});
