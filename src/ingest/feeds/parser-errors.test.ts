import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { code, fixture, parse, rss } from "./testdata/fixtures.ts";

describe("parser failures as feed errors", () => {
  it("reports malformed XML with a position", () => {
    // malformed.xml, cut off inside its second item, was this test's case until issue 15:
    // now its complete first item is kept (see truncated.test.ts). A misspelt end tag is not
    // a cut-off document.
    assert.throws(
      () => parse(fixture("mismatched.xml")),
      code("malformed_feed", (e) => {
        assert.match(e.message, /^RSS is not well-formed XML \(line 13, column 7\)/);
        assert.equal(e.context.line, 13);
      }),
    );
  });

  it("points at the element whose end tag is missing, not at the stray one", () => {
    const xml = rss(`<item><title>a</title><link>https://site.example/a</lnik></item>
      <item><title>b</title></item>`);
    const link = xml.indexOf("<link>https://site.example/a");
    assert.throws(
      () => parse(xml),
      code("malformed_feed", (e) => {
        assert.equal(e.context.line, 3);
        assert.equal(e.context.column, link - xml.lastIndexOf("\n", link), "the <link>");
      }),
    );
  });

  it("points at a tag the download cut off", () => {
    assert.throws(
      () => parse('<rss version="2.0"><channel><title>t</title>\n<item><guid isPermaLink="fal'),
      code("malformed_feed", (e) => {
        assert.equal(e.context.line, 2);
        assert.equal(e.context.column, 7);
      }),
    );
  });

  it("reports malformed JSON with a position where V8 gives one", () => {
    assert.throws(
      () => parse('{"version": "https://jsonfeed.org/version/1.1",\n "title": "x",}'),
      code("malformed_feed", (e) => {
        assert.match(e.message, /not valid JSON \(line 2, column 15\)/);
      }),
    );
    assert.throws(() => parse('{"version": tru}'), code("malformed_feed"));
  });

  it("reports malformed JSON with a position where V8 gives none", () => {
    assert.throws(
      () => parse('{"version": tru}'),
      code("malformed_feed", (e) => {
        assert.match(e.message, /not valid JSON \(line 1, column 16\)/);
        assert.equal(e.context.format, "json");
      }),
    );
  });

  it("reports an RSS document without a channel as malformed", () => {
    assert.throws(() => parse('<rss version="2.0"><foo>bar</foo></rss>'), code("malformed_feed"));
  });

  it("reports a JSON Feed with nothing in it as malformed", () => {
    assert.throws(
      () => parse('{"version": "https://jsonfeed.org/version/1.1"}'),
      code("malformed_feed", (e) => assert.match(e.message, /^JSON Feed/)),
    );
  });
});

describe("prototype pollution", () => {
  it("refuses __proto__, constructor and prototype as element names", () => {
    for (const name of ["__proto__", "constructor", "prototype"]) {
      assert.throws(
        () =>
          parse(rss(`<item><title>a</title><${name}><polluted>yes</polluted></${name}></item>`)),
        code("unsafe_feed", (e) =>
          assert.match(e.message, new RegExp(`"${name}" is not accepted`)),
        ),
      );
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("is not fooled by __proto__ as a namespace prefix or an attribute", () => {
    const feed = parse(
      `<rss version="2.0" xmlns:__proto__="http://purl.org/dc/elements/1.1/"><channel><title>x</title>
        <item __proto__="a" constructor="b"><title __proto__="c">a</title><__proto__:creator>Eve</__proto__:creator></item>
      </channel></rss>`,
    );
    assert.equal(feed.items[0]?.title, "a");
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("blames a broken document, not a prototype-shaped name the parser keeps as text", () => {
    // <link> is text to the parser: the name inside it is harmless; the cut-off title is not.
    const xml = rss(`<item><link>https://site.example/<constructor/></link><title>cut`);
    assert.throws(() => parse(xml), code("malformed_feed"));
    assert.throws(
      () => parse(rss("<item><media:content><constructor/></media:content></item>")),
      code("unsafe_feed", (e) => assert.equal(e.context.name, "constructor")),
    );
  });

  it("ignores __proto__ and constructor keys in JSON Feed and ninjs", () => {
    const jsonFeed = `{"version":"https://jsonfeed.org/version/1.1","title":"J","__proto__":{"polluted":"yes"},
      "items":[{"id":"1","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"title":"t"}]}`;
    assert.equal(parse(jsonFeed).items[0]?.title, "t");
    const ninjs = `[{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},
      "uri":"u:1","headlines":[{"value":"H"}],"bodies":[{"contenttype":"text/plain","value":"B"}]}]`;
    assert.equal(parse(ninjs).items[0]?.title, "H");
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.hasOwn(Object.prototype, "polluted"), false);
  });
});
