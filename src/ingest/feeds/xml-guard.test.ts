import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { code, fixture, parse, rss } from "./testdata/fixtures.ts";
import { MAX_XML_DEPTH, scanXml } from "./xml-guard.ts";

describe("the XML guard", () => {
  it("refuses DTD entity declarations (billion laughs) at once", () => {
    const started = performance.now();
    assert.throws(
      () => parse(fixture("billion-laughs.xml")),
      code("unsafe_feed", (e) => {
        assert.match(e.message, /DTD entity declarations are not accepted/);
        assert.equal(e.context.line, 2);
      }),
    );
    assert.ok(performance.now() - started < 1000);
  });

  it("refuses external and parameter entities", () => {
    for (const dtd of [
      '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://169.254.169.254/x.dtd"> %remote;]>',
    ]) {
      const xml = `<?xml version="1.0"?>${dtd}<rss version="2.0"><channel><title>&xxe;</title></channel></rss>`;
      assert.throws(() => parse(xml), code("unsafe_feed"));
    }
  });

  it("refuses nesting deeper than the limit, with a position", () => {
    const deep = `${"<x>".repeat(MAX_XML_DEPTH + 1)}${"</x>".repeat(MAX_XML_DEPTH + 1)}`;
    assert.throws(
      () => parse(rss(`<item><title>a</title>${deep}</item>`)),
      code("malformed_feed", (e) => assert.match(e.message, /nested more than 200 deep \(line 3/)),
    );
  });

  it("lets a DOCTYPE without entities through (RSS 0.91 has one)", () => {
    const scan = scanXml('<?xml version="1.0"?><!DOCTYPE rss SYSTEM "x.dtd"><rss><channel/></rss>');
    assert.equal(scan.entityAt, null);
    assert.equal(scan.root, "rss");
    assert.deepEqual(scan.problems, []);
  });

  it("skips text elements whole: unescaped HTML in them is not nesting", () => {
    const scan = scanXml(
      `<rss><channel><item><description>${"<p>a<br>".repeat(300)}</description></item></channel></rss>`,
    );
    assert.equal(scan.tooDeepAt, null);
    assert.equal(scan.refused, null);
    assert.deepEqual(scan.problems, []);
  });

  it("notes what the parser cannot read: markup that never ends, elements left open", () => {
    const cut = scanXml("<rss><channel><item><title>Half a tit");
    assert.deepEqual(cut.refused, { kind: "unterminated", name: "title", offset: 20 });
    assert.deepEqual(cut.openAtEnd, { kind: "open", name: "item", offset: 14 });

    const tag = scanXml('<rss><channel><link href="x');
    assert.deepEqual(tag.refused, { kind: "unterminated", name: "tag", offset: 14 });

    const comment = scanXml("<rss><!-- never closed <channel>");
    assert.deepEqual(comment.refused, { kind: "unterminated", name: "comment", offset: 5 });

    const misspelled = scanXml("<rss><channel><link>x</lnik></channel></rss>");
    assert.deepEqual(
      misspelled.problems.map((p) => [p.kind, p.name]),
      [
        ["stray", "lnik"],
        ["unclosed", "link"],
      ],
    );
  });

  it("notes where nesting passes the parser's own limit and tags named like prototypes", () => {
    const scan = scanXml(`<rss>${"<x>".repeat(120)}<constructor/>${"</x>".repeat(120)}</rss>`);
    assert.equal(scan.refused?.kind, "deep");
    // <rss> and 99 <x> make 100 open elements; the next one is one too many.
    assert.equal(scan.refused?.offset, 5 + 99 * 3);
    assert.deepEqual(scan.reservedAt, [5 + 120 * 3]);
    assert.equal(scan.rootAt, 0);
  });
});
