import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { isAppError } from "../../domain/errors.ts";
import { parseNinjs } from "./ninjs.ts";
import type { ImportOptions } from "./options.ts";

const options: ImportOptions = {
  siteName: "24/7 Live News Portal",
  defaultLanguage: "en",
  now: new Date("2024-03-05T12:00:00Z"),
};
const fixture = (name: string) => new URL(`../../../test/fixtures/import/${name}`, import.meta.url);
const seed = new URL("../../../test/fixtures/seed/article.ninjs.json", import.meta.url);

function code(expected: string) {
  return (error: unknown) => isAppError(error) && error.code === expected && error.status === 400;
}

/** A minimal valid ninjs 2.0 item, overridable per test. */
function v2(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
    uri: "urn:test:1",
    type: "text",
    headlines: [{ role: "main", value: "Headline" }],
    bodies: [{ role: "main", contenttype: "text/html", value: "<p>Body.</p>" }],
    ...extra,
  };
}

describe("parseNinjs 2.0", () => {
  it("reads the seed item", () => {
    const article = parseNinjs(JSON.parse(readFileSync(seed, "utf8")), options);
    assert.equal(article.guid, "urn:fixture:seed:lukashenko-turn-towards-russia");
    assert.equal(
      article.headline,
      "Lukashenko strengthens his turn towards Russia in the middle of the crisis",
    );
    assert.equal(article.body.match(/<p>/g)?.length, 13);
    assert.deepEqual(article.body.match(/<h2>[^<]*<\/h2>/g), ["<h2>Navalni poisoning</h2>"]);
    assert.equal(article.status, "published");
    assert.equal(article.language, "en");
    // The seed has no dates: the import time stands in.
    assert.equal(article.publishedAt, "2024-03-05T12:00:00.000Z");
    assert.equal(article.kind, "own");
  });

  it("maps every field", () => {
    const article = parseNinjs(
      v2({
        language: "de-AT",
        by: "  Eva  Huber ",
        firstcreated: "2024-03-05T08:30:00+01:00",
        versioncreated: "2024-03-05T09:00:00Z",
        descriptions: [
          { role: "caption", value: "Not this" },
          { role: "summary", contenttype: "text/html", value: "<p>The &amp; summary</p>" },
        ],
        altids: [{ role: "canonical", value: "https://wire.example/story" }],
      }),
      options,
    );
    assert.deepEqual(article, {
      guid: "urn:test:1",
      kind: "own",
      status: "published",
      headline: "Headline",
      standfirst: "The & summary",
      body: "<p>Body.</p>",
      byline: "Eva Huber",
      language: "de",
      section: { slug: "news", name: "News" },
      slug: null,
      canonicalUrl: "https://wire.example/story",
      externalUrl: null,
      publishedAt: "2024-03-05T07:30:00.000Z",
    });
  });

  it("prefers the main html body, and sanitizes it", () => {
    const article = parseNinjs(
      v2({
        bodies: [
          { role: "summary", contenttype: "text/html", value: "<p>Short</p>" },
          { role: "main", contenttype: "text/plain", value: "Plain" },
          {
            role: "main",
            contenttype: "text/html; charset=utf-8",
            value: '<h1>Sub</h1><p onclick="x()">Full <script>bad()</script>text</p>',
          },
        ],
      }),
      options,
    );
    assert.equal(article.body, "<h2>Sub</h2><p>Full text</p>");
  });

  it("converts a text body to escaped paragraphs", () => {
    const article = parseNinjs(
      v2({ bodies: [{ contenttype: "text/plain", value: "One <b>&</b>\n\nTwo “q”" }] }),
      options,
    );
    assert.equal(article.body, "<p>One &lt;b&gt;&amp;&lt;/b&gt;</p>\n<p>Two “q”</p>");
  });

  it("falls back to versioncreated, then to now", () => {
    assert.equal(
      parseNinjs(v2({ versioncreated: "2024-01-02T03:04:05Z" }), options).publishedAt,
      "2024-01-02T03:04:05.000Z",
    );
    assert.equal(parseNinjs(v2(), options).publishedAt, "2024-03-05T12:00:00.000Z");
  });

  it("schedules an item under a future embargo", () => {
    const article = parseNinjs(
      v2({ embargoed: "2024-03-06T06:00:00Z", firstcreated: "2024-03-05T08:00:00Z" }),
      options,
    );
    assert.equal(article.status, "scheduled");
    assert.equal(article.publishedAt, "2024-03-06T06:00:00.000Z");
  });

  it("publishes an item whose embargo has passed", () => {
    const article = parseNinjs(v2({ embargoed: "2024-03-01T00:00:00Z" }), options);
    assert.equal(article.status, "published");
  });

  it("keeps a withheld item as a draft", () => {
    const article = parseNinjs(v2({ pubstatus: "withheld" }), options);
    assert.equal(article.status, "draft");
    assert.equal(article.publishedAt, null);
  });

  it("accepts ninjs 3.x camelCase names", () => {
    const article = parseNinjs(
      v2({
        $schema: "https://www.iptc.org/std/ninjs/ninjs-schema_3.0.json",
        pubStatus: "withheld",
        firstCreated: "2024-01-01T00:00:00Z",
        bodies: [{ role: "main", contentType: "text/html", value: "<p>Three</p>" }],
      }),
      options,
    );
    assert.equal(article.status, "draft");
    assert.equal(article.body, "<p>Three</p>");
  });

  it("derives a content hash guid when uri is missing", () => {
    const { uri: _uri, ...rest } = v2();
    const a = parseNinjs(rest, options);
    const b = parseNinjs(rest, options);
    assert.match(a.guid ?? "", /^ninjs:[0-9a-f]{64}$/);
    assert.equal(a.guid, b.guid);
  });

  it("ignores a canonical altid that is not http(s)", () => {
    const article = parseNinjs(
      v2({ altids: [{ role: "canonical", value: "javascript:alert(1)" }] }),
      options,
    );
    assert.equal(article.canonicalUrl, null);
  });

  it("takes a canonical from links with rel=canonical", () => {
    const article = parseNinjs(
      v2({ links: [{ rel: "alternate canonical", href: "https://x.example/a" }] }),
      options,
    );
    assert.equal(article.canonicalUrl, "https://x.example/a");
  });

  it("uses options.kind and options.section", () => {
    const article = parseNinjs(v2(), {
      ...options,
      kind: "full",
      section: { slug: "world", name: "World" },
    });
    assert.equal(article.kind, "full");
    assert.deepEqual(article.section, { slug: "world", name: "World" });
  });
});

describe("parseNinjs 1.x", () => {
  it("reads the 1.x fixture", () => {
    const article = parseNinjs(JSON.parse(readFileSync(fixture("ninjs-1x.json"), "utf8")), options);
    assert.equal(article.guid, "urn:newsml:wire.example:20240305:rail-strike-ends");
    assert.equal(article.headline, "Rail strike ends after three weeks");
    assert.equal(article.byline, "Ana Costa, Wire Example");
    assert.equal(article.standfirst, "Unions and operators agree a three-year pay settlement.");
    assert.equal(article.language, "en");
    assert.equal(article.publishedAt, "2024-03-05T07:30:00.000Z");
    assert.equal(article.canonicalUrl, "https://wire.example/2024/03/05/rail-strike-ends");
    assert.equal(
      article.body,
      "<p>Trains will run again from Monday, the unions said.</p><h2>What changes</h2>" +
        "<p>Pay rises of 4% a year &amp; a review in 2026 — “fair”.</p>" +
        '<p><a href="https://example.com/deal" rel="noopener noreferrer">The deal</a></p>',
    );
  });

  it("falls back to body_text and description_html", () => {
    const article = parseNinjs(
      {
        uri: "urn:x",
        headline: "H",
        body_text: "Para one.\nPara two.",
        description_html: "<p>Desc &amp; more</p>",
      },
      options,
    );
    assert.equal(article.body, "<p>Para one.</p>\n<p>Para two.</p>");
    assert.equal(article.standfirst, "Desc & more");
  });
});

describe("parseNinjs errors", () => {
  it("missing_headline", () => {
    assert.throws(() => parseNinjs(v2({ headlines: [] }), options), code("missing_headline"));
    assert.throws(
      () => parseNinjs({ uri: "urn:x", body_html: "<p>x</p>" }, options),
      code("missing_headline"),
    );
  });

  it("missing_headline names the fields it looked for", () => {
    assert.throws(
      () => parseNinjs(v2({ headlines: [{ value: "  " }] }), options),
      /headlines\[\]\.value/,
    );
  });

  it("missing_body", () => {
    assert.throws(() => parseNinjs(v2({ bodies: [] }), options), code("missing_body"));
    assert.throws(
      () =>
        parseNinjs(
          v2({ bodies: [{ contenttype: "text/html", value: "<script>x</script>" }] }),
          options,
        ),
      code("missing_body"),
    );
    assert.throws(
      () =>
        parseNinjs(
          v2({ bodies: [{ contenttype: "application/nitf+xml", value: "<nitf/>" }] }),
          options,
        ),
      code("missing_body"),
    );
  });

  it("canceled", () => {
    assert.throws(() => parseNinjs(v2({ pubstatus: "canceled" }), options), code("canceled"));
  });

  it("unsupported_type", () => {
    assert.throws(() => parseNinjs(v2({ type: "picture" }), options), code("unsupported_type"));
  });

  it("invalid_date", () => {
    for (const firstcreated of [
      "yesterday",
      "2024-02-30T00:00:00Z",
      "March 5, 2024",
      "2024-13-01",
    ]) {
      assert.throws(() => parseNinjs(v2({ firstcreated }), options), code("invalid_date"));
    }
    assert.throws(() => parseNinjs(v2({ embargoed: "soon" }), options), code("invalid_date"));
  });

  it("invalid_field for wrongly typed fields", () => {
    assert.throws(() => parseNinjs(v2({ headlines: "H" }), options), code("invalid_field"));
    assert.throws(() => parseNinjs(v2({ headlines: [42] }), options), code("invalid_field"));
    assert.throws(() => parseNinjs(v2({ by: ["A"] }), options), code("invalid_field"));
    assert.throws(() => parseNinjs(v2({ language: "english!" }), options), code("invalid_field"));
    assert.throws(() => parseNinjs(v2({ pubstatus: "live" }), options), code("invalid_field"));
    assert.throws(
      () => parseNinjs(v2({ firstcreated: 1709625600 }), options),
      code("invalid_field"),
    );
    assert.throws(
      () => parseNinjs({ uri: "urn:x", headline: { text: "H" }, body_text: "b" }, options),
      code("invalid_field"),
    );
  });

  it("not_ninjs for arrays, primitives and other JSON documents", () => {
    for (const value of [[], null, "text", 42, { name: "pkg", version: "1.0.0" }]) {
      assert.throws(() => parseNinjs(value, options), code("not_ninjs"));
    }
  });

  it("keeps __proto__ keys harmless", () => {
    const value = JSON.parse(
      '{"uri":"urn:p","__proto__":{"headline":"from proto","polluted":true},"body_text":"b","headline":"Real"}',
    );
    const article = parseNinjs(value, options);
    assert.equal(article.headline, "Real");
    assert.equal(({} as Record<string, unknown>).polluted, undefined);

    const inherited = Object.create({ headline: "inherited", body_text: "x" }) as object;
    Object.assign(inherited, { uri: "urn:i" });
    assert.throws(() => parseNinjs(inherited, options), code("missing_headline"));
  });
});
