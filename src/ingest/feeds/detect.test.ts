import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { feedAlternates, isHtmlRoot, jsonDocument, xmlFeedFormat } from "./detect.ts";
import { parseFeed } from "./parse-feed.ts";
import { code, fixture, parse } from "./testdata/fixtures.ts";

const ctx = { base: null, contentType: null, now: new Date(0) };

describe("format detection", () => {
  it("says an HTML page is not a feed, and names the feeds it advertises", () => {
    assert.throws(
      () =>
        parseFeed(fixture("html-with-alternate.html"), {
          url: "https://riverside.example.com/",
          contentType: "text/html; charset=utf-8",
        }),
      code("unknown_format", (e) => {
        assert.match(e.message, /an HTML page, not a feed \(served as text\/html\)/);
        assert.match(e.message, /advertises a feed at https:\/\/riverside\.example\.com\/feed\//);
        assert.deepEqual(e.context.alternates, [
          {
            url: "https://riverside.example.com/feed/",
            type: "application/rss+xml",
            title: "Riverside Herald » Feed",
          },
          {
            url: "https://riverside.example.com/feed/atom/",
            type: "application/atom+xml",
            title: "Riverside Herald » Atom",
          },
        ]);
      }),
    );
    assert.throws(
      () => parse("<html><head><title>x</title></head><body></body></html>"),
      code("unknown_format", (e) => assert.match(e.message, /advertises no feed/)),
    );
  });

  it("names what it found when it is not a feed", () => {
    const cases: [string, RegExp][] = [
      ["", /the document is empty/],
      ["Hello, world", /neither XML nor JSON/],
      ["\u0000\u0001PNG", /binary data/],
      ['<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>', /OPML/],
      [
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
        /sitemap/,
      ],
      ["<foo><bar/></foo>", /root element is <foo>/],
      ["[1, 2]", /not ninjs items/],
      ['{"title": "x", "items": [{"id": "1"}]}', /not a JSON Feed/],
      ['{"a": 1}', /not a ninjs item/],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => parse(text),
        code("unknown_format", (e) => assert.match(e.message, message)),
      );
    }
  });

  it("reads an XHTML document as an HTML page, whatever its prefix", () => {
    assert.equal(isHtmlRoot("html"), true);
    assert.equal(isHtmlRoot("h:html"), true);
    assert.equal(isHtmlRoot("rss"), false);
    assert.throws(
      () => parse('<?xml version="1.0"?><h:html xmlns:h="http://www.w3.org/1999/xhtml"/>'),
      code("unknown_format", (e) => assert.equal(e.context.found, "html")),
    );
  });

  it("knows the feed formats by their root element, prefixed or not", () => {
    assert.equal(xmlFeedFormat("rss", ctx), "rss");
    assert.equal(xmlFeedFormat("rdf:RDF", ctx), "rdf");
    assert.equal(xmlFeedFormat("feed", ctx), "atom");
    assert.equal(xmlFeedFormat("atom:feed", ctx), "atom");
    assert.throws(() => xmlFeedFormat(null, ctx), code("unknown_format"));
  });

  it("tells JSON Feed (by its version URL) from ninjs: one item, a list, {items}", () => {
    const version = "https://jsonfeed.org/version/1.1";
    assert.equal(jsonDocument({ version, items: [] }, ctx).format, "json");
    assert.deepEqual(jsonDocument([1], ctx), { format: "ninjs", items: [1], isList: true });
    assert.deepEqual(jsonDocument({ items: [2] }, ctx), {
      format: "ninjs",
      items: [2],
      isList: true,
    });
    assert.deepEqual(jsonDocument({ uri: "u" }, ctx), {
      format: "ninjs",
      items: [{ uri: "u" }],
      isList: false,
    });
    assert.throws(
      () => jsonDocument("text", ctx),
      code("unknown_format", (e) => assert.match(e.message, /a JSON string, not a feed/)),
    );
  });

  it("reads alternates against <base href>, decoding entities, without repeats", () => {
    const html = `<html><head><base href="/blog/">
      <link rel="alternate" type="application/rss+xml" title="Posts &raquo; Feed" href="feed.xml">
      <link rel='alternate' type='application/rss+xml' href='/blog/feed.xml'>
      <link rel="alternate stylesheet" type="text/css" href="x.css">
      <link rel="alternate" type="application/feed+json; charset=utf-8" href="feed.json">`;
    assert.deepEqual(feedAlternates(html, "https://site.example/index.html"), [
      {
        url: "https://site.example/blog/feed.xml",
        type: "application/rss+xml",
        title: "Posts » Feed",
      },
      { url: "https://site.example/blog/feed.json", type: "application/feed+json", title: null },
    ]);
  });
});
