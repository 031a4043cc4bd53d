import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FeedWarning } from "../../domain/feed.ts";
import { readFeed } from "./parse-feed.ts";
import {
  code,
  fixture,
  item,
  NOW,
  parse,
  parseTestdata,
  rss,
  testdata,
} from "./testdata/fixtures.ts";

/**
 * Issue 15, "feeds as they are in the wild": one describe per numbered point, each on a
 * publisher-shaped feed in testdata/ (and a fragment or two where a variant matters).
 */

function skipped(warnings: FeedWarning[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of warnings ?? []) if (w.code === "items_skipped") out[w.reason] = w.count;
  return out;
}

describe("1. XHTML <body> items", () => {
  const feed = parseTestdata("xhtml-body-rss.xml");

  it("reads the body, unprefixed or xhtml:-prefixed, as the item's content", () => {
    assert.equal(feed.title, "Lakeside Parish Notes");
    assert.equal(feed.items.length, 2);
    const [first, second] = [item(feed, 0), item(feed, 1)];
    assert.match(first.contentHtml ?? "", /^<p>The <strong>harvest supper<\/strong> moves/);
    // Relative links in the body resolve against the feed's URL, as any body's do.
    assert.match(first.contentHtml ?? "", /href="https:\/\/lakeside-parish\.example\/shop"/);
    assert.equal(first.image, "https://lakeside-parish.example/img/supper.jpg");
    assert.equal(
      second.contentHtml,
      "<p>The bells are back after <em>six months</em> of repairs &amp; retuning.</p>",
      "prefixes gone, the script dropped by the sanitizer",
    );
    assert.equal(second.url, "https://lakeside-parish.example/2024/03/bells");
  });

  it("skips an item with no usable field and counts why, instead of refusing the feed", () => {
    assert.deepEqual(feed.warnings, [
      {
        code: "items_skipped",
        reason: "empty_item",
        count: 1,
        message: "1 item skipped: no title, link, summary, body or media",
      },
    ]);
  });

  it("reads a channel whose items hold nothing but a body, with no title of its own", () => {
    const only = parse(`<?xml version="1.0"?><rss version="2.0"><channel>
      <item><body xmlns="http://www.w3.org/1999/xhtml"><p>Only a body.</p></body></item>
    </channel></rss>`);
    assert.equal(only.title, null);
    assert.equal(item(only, 0).contentHtml, "<p>Only a body.</p>");
  });

  it("is a feed with every item skipped when the channel holds nothing feedsmith reads", () => {
    const empty = parse(
      '<rss version="2.0"><channel><item><foo:bar>x</foo:bar></item></channel></rss>',
    );
    assert.deepEqual(empty.items, []);
    assert.deepEqual(skipped(empty.warnings), { empty_item: 1 });
    // Neither a channel nor items: still not a feed.
    assert.throws(() => parse('<rss version="2.0"><foo>bar</foo></rss>'), code("malformed_feed"));
  });
});

describe("2. Dublin Core only", () => {
  it("reads a channel and items that carry only dc: fields", () => {
    const feed = parseTestdata("dublin-core-rss.xml");
    assert.equal(feed.title, "Gemeindeblatt Talheim");
    assert.equal(feed.language, "de");
    const [first, second] = [item(feed, 0), item(feed, 1)];
    assert.equal(first.title, "Neue Öffnungszeiten im Bürgerbüro");
    assert.equal(first.summary, "Ab April ist das Bürgerbüro auch samstags geöffnet.");
    assert.equal(first.published, "2024-03-05T06:15:00.000Z");
    assert.deepEqual(first.categories, ["Verwaltung"]);
    assert.equal(second.title, "Straßensperrung in der Hauptstraße");
    assert.equal(feed.warnings, undefined);
  });

  it("reads dc-only RSS 1.0 and Atom the same way", () => {
    const rdf = parse(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://kirchspiel.example/"><dc:title>Kirchspiel</dc:title><dc:creator>Pfarrbüro</dc:creator></channel>
  <item rdf:about="https://kirchspiel.example/1"><dc:title>Osterkonzert</dc:title><dc:description>Am Sonntag um 17 Uhr.</dc:description><dc:date>2024-03-03T10:00:00Z</dc:date></item>
</rdf:RDF>`);
    assert.equal(rdf.title, "Kirchspiel");
    assert.deepEqual(
      [item(rdf, 0).title, item(rdf, 0).summary, item(rdf, 0).author, item(rdf, 0).url],
      ["Osterkonzert", "Am Sonntag um 17 Uhr.", "Pfarrbüro", "https://kirchspiel.example/1"],
    );
    const atom =
      parse(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>Wiki changes</dc:title>
  <entry><id>urn:rev:1</id><dc:title>Page renamed</dc:title><dc:creator>Ola Berg (ola@wiki.example)</dc:creator><dc:description>Moved to a new name.</dc:description></entry>
</feed>`);
    assert.equal(atom.title, "Wiki changes");
    assert.deepEqual(
      [item(atom, 0).title, item(atom, 0).author, item(atom, 0).summary],
      ["Page renamed", "Ola Berg", "Moved to a new name."],
    );
  });
});

describe("3. RSS without a channel, RSS 2.0 in a namespace", () => {
  it("reads items that stand right under <rss>", () => {
    const feed = parseTestdata("rss-no-channel.xml");
    assert.equal(feed.format, "rss");
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.url, i.published]),
      [
        [
          "Club night moved to Friday",
          "https://harbour-rowing.example/news.php?id=118",
          "2024-03-05T20:00:00.000Z",
        ],
        [
          "New boats arrive",
          "https://harbour-rowing.example/news.php?id=117",
          "2024-03-03T09:00:00.000Z",
        ],
      ],
    );
    assert.equal(feed.warnings, undefined);
  });

  it('reads <r:rss xmlns:r="http://backend.userland.com/rss2"> with prefixed children', () => {
    const feed = parseTestdata("userland-rss2.xml");
    assert.equal(feed.title, "Scripting Notes");
    assert.equal(feed.link, "https://scripting-notes.example/");
    assert.equal(feed.language, "en");
    const first = item(feed, 0);
    assert.deepEqual(
      [first.id, first.title, first.url, first.published, first.summary],
      [
        "sn-2024-03-05",
        "Namespaces in RSS 2.0",
        "https://scripting-notes.example/2024/03/05/namespaces",
        "2024-03-05T15:00:00.000Z",
        "Some aggregators choke on a prefixed rss element.",
      ],
    );
  });

  it("still reads loose items beside a channel", () => {
    const feed = parse(
      '<rss version="2.0"><channel><title>T</title></channel><item><title>Loose</title></item></rss>',
    );
    assert.equal(item(feed, 0).title, "Loose");
  });
});

describe("4. Documents cut off at the end", () => {
  it("keeps the complete items of a transfer that stopped inside the third, with a warning", () => {
    const feed = parseTestdata("truncated-rss.xml");
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ["Ferry timetable changes from Monday", "School roof repaired before term"],
    );
    assert.match(
      item(feed, 0).contentHtml ?? "",
      /href="https:\/\/valley-courier\.example\/ferry\/"/,
    );
    assert.deepEqual(feed.warnings, [
      {
        code: "truncated",
        message:
          "the document breaks off at line 31, column 3; the 2 complete items before it were kept",
        line: 31,
        column: 3,
      },
    ]);
  });

  it("keeps every item when only the last closing tag is short of its >", () => {
    const feed = parseTestdata("truncated-atom.xml");
    assert.equal(feed.title, "Hillside Observatory");
    assert.equal(feed.items.length, 2);
    assert.equal(feed.warnings?.[0]?.code, "truncated");
    const rssCut = parse(
      `${rss("<item><title>a</title></item><item><title>b</title></item>")}`.slice(0, -1),
    );
    assert.deepEqual(
      rssCut.items.map((i) => i.title),
      ["a", "b"],
    );
    assert.equal(rssCut.warnings?.[0]?.code, "truncated");
  });

  it("leaves out an item cut between its elements, which the XML parser would read half", () => {
    const feed = parse(
      '<rss version="2.0"><channel><title>T</title><item><title>a</title></item><item><title>b</title><link>https://site.example/b</link>',
    );
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ["a"],
    );
    assert.equal(feed.warnings?.[0]?.code, "truncated");
  });

  it("reads the old fixture cut inside its second item: the first is kept", () => {
    const feed = parse(fixture("malformed.xml"));
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ["First item"],
    );
    assert.deepEqual(feed.warnings?.[0], {
      code: "truncated",
      message:
        "the document breaks off at line 12, column 7; the 1 complete item before it was kept",
      line: 12,
      column: 7,
    });
  });

  it("refuses a cut-off document with no complete item, and one broken before the cut", () => {
    assert.throws(
      () => parse('<rss version="2.0"><channel><title>t</title>\n<item><guid isPermaLink="fal'),
      code("malformed_feed"),
    );
    const broken = rss(
      "<item><title>a</title><link>https://site.example/a</lnik></item><item><title>b</title></item><item><title>c",
    );
    assert.throws(() => parse(broken), code("malformed_feed"));
  });

  it("still refuses DTD entity declarations in a cut-off document", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "boom">]><rss version="2.0"><channel><item><title>&x;</title></item><item><title>cut`;
    assert.throws(() => parse(xml), code("unsafe_feed"));
  });
});

describe("5. Text decoded once", () => {
  it('keeps literal brackets in Atom type="text"; reads type="html" as HTML once', () => {
    const feed = parseTestdata("text-constructs-atom.xml");
    const [text, html] = [item(feed, 0), item(feed, 1)];
    assert.equal(feed.title, "Markup & Meaning");
    assert.equal(text.title, "History of the <blink> tag");
    assert.equal(text.summary, "Why <blink> & <marquee> were dropped.");
    // Text content is text: escaped into the body, never markup.
    assert.equal(text.contentHtml, "<p>Netscape shipped &lt;blink&gt; in 1994.</p>");
    assert.equal(html.title, "Escaping <br> in HTML titles");
    assert.equal(html.summary, "Write <br /> for a line break.");
  });

  it("reads RSS descriptions escaped twice as the text they stand for", () => {
    const feed = parseTestdata("escaped-rss.xml");
    assert.equal(item(feed, 0).title, "Why the <br> tag matters");
    assert.equal(item(feed, 0).summary, "Why the <br> tag matters");
    assert.equal(item(feed, 1).summary, "<br />");
  });

  it("never lets decoded text become markup in the body", () => {
    const feed = parse(
      rss(
        "<item><title>x</title><content:encoded>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</content:encoded></item>",
      ),
    );
    assert.equal(item(feed, 0).contentHtml, "&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});

describe("6. Atom 0.3 content modes", () => {
  const feed = parseTestdata("atom03-modes.xml");

  it('decodes mode="base64" before sanitizing, links against its xml:base', () => {
    assert.equal(
      item(feed, 0).contentHtml,
      '<p>Spring count: <b>42 curlews</b> on the marsh. <a href="https://marsh-log.example/counts/2024" rel="noopener noreferrer">All counts</a></p>',
      "the script inside the base64 is gone",
    );
  });

  it('reads mode="escaped" text/html titles, summaries and content as HTML', () => {
    assert.equal(feed.title, "Marsh & Estuary Log");
    assert.equal(item(feed, 1).summary, "A heron is nesting by the sluice.");
    assert.equal(
      item(feed, 1).contentHtml,
      "<p>A heron is nesting by the sluice &amp; the reeds.</p>",
    );
    assert.equal(item(feed, 0).published, "2024-03-05T07:30:00.000Z");
  });

  it("leaves base64 that is not base64 alone, and never decodes it into markup the parser reads", () => {
    const bad = parse(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>F</title>
      <entry><id>1</id><title>t</title><content type="text/html" mode="base64">not base64!</content></entry>
      <entry><id>2</id><title>u</title><content type="text/html" mode="base64">${Buffer.from("</content></entry><entry><id>3</id><title>smuggled</title>").toString("base64")}</content></entry>
    </feed>`);
    assert.deepEqual(
      bad.items.map((i) => i.id),
      ["1", "2"],
    );
    assert.equal(item(bad, 0).contentHtml, "not base64!");
  });
});

describe("7. <object> and <embed> fallback content", () => {
  it("keeps the text and safe markup inside a removed <object>", () => {
    const html = item(parseTestdata("object-embed-rss.xml"), 0).contentHtml ?? "";
    assert.match(
      html,
      /<p>No Flash\? <a href="https:\/\/oldmill-radio\.example\/audio\/harvest\.mp3" rel="noopener noreferrer">Download the MP3<\/a>/,
    );
    assert.match(
      html,
      /<img src="https:\/\/oldmill-radio\.example\/img\/harvest-show\.jpg" alt="The studio" \/>/,
    );
    assert.match(html, /<p>Next week: the apple day special\.<\/p>$/);
    assert.doesNotMatch(html, /object|embed|param|player\.swf|javascript:|onclick|alert/);
  });
});

describe("8. C1 control characters", () => {
  it("maps them to the windows-1252 characters they stand for", () => {
    const feed = parseTestdata("windows-1252-rss.xml");
    const [first, second] = [item(feed, 0), item(feed, 1)];
    assert.equal(first.title, "Mayor: “We don’t close libraries”");
    assert.equal(first.summary, "The budget keeps all six branches open – for now…");
    assert.equal(first.author, "Sam O’Neill");
    assert.equal(second.title, "Fair’s prize list", "a &#146; reference too");
    assert.equal(second.summary, "Prizes worth €500 – entries by Friday.");
    assert.doesNotMatch(JSON.stringify(feed), /[\u0080-\u009f]/);
  });

  it("maps them in bodies too", () => {
    const feed = parse(
      rss(
        "<item><title>x</title><content:encoded>&lt;p&gt;it\u0092s&lt;/p&gt;</content:encoded></item>",
      ),
    );
    assert.equal(item(feed, 0).contentHtml, "<p>it’s</p>");
  });
});

describe("9. Fallbacks publishers rely on", () => {
  it("dc:title for the channel, dc:description for the summary, dc:creator split from its email", () => {
    const feed = parseTestdata("dublin-core-rss.xml");
    assert.equal(feed.title, "Gemeindeblatt Talheim");
    assert.equal(item(feed, 0).summary, "Ab April ist das Bürgerbüro auch samstags geöffnet.");
    assert.equal(item(feed, 0).author, "Anna Berger");
  });

  it("the channel's author is the byline of items without one", () => {
    const feed = parseTestdata("dublin-core-rss.xml");
    assert.equal(item(feed, 1).author, "Redaktion Gemeindeblatt");
    const itunes =
      parse(`<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Pod</title><itunes:author>Mara Quinn</itunes:author>
      <item><title>Episode 1</title></item><item><title>Episode 2</title><author>guest@pod.example (Guest Host)</author></item></channel></rss>`);
    assert.deepEqual(
      itunes.items.map((i) => i.author),
      ["Mara Quinn", "Guest Host"],
    );
  });

  it("media:title, media:description and media:category, in media:group or media:content", () => {
    const feed = parseTestdata("media-only-rss.xml");
    const [grouped, content] = [item(feed, 0), item(feed, 1)];
    assert.equal(grouped.title, "Flood barrier test closes the river");
    assert.equal(
      grouped.summary,
      "Engineers closed the new barrier for the first time on Tuesday.",
    );
    assert.deepEqual(grouped.categories, ["Environment"]);
    assert.equal(grouped.image, "https://riverside-tv.example/thumbs/5521.jpg");
    assert.equal(content.title, "Farmers' market & food fair", 'type="html" read as HTML');
    assert.equal(content.summary, "Stalls <and> music all Saturday.", "plain text kept as it is");
    assert.deepEqual(content.categories, ["Community"]);
  });

  it("the item's own fields still win over every fallback", () => {
    const feed =
      parse(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Own</title><dc:title>DC</dc:title><dc:creator>Desk</dc:creator>
      <item><title>Own title</title><description>Own summary</description><author>a@b.example (Own Author)</author><dc:description>DC summary</dc:description><media:title>Media title</media:title></item></channel></rss>`);
    assert.equal(feed.title, "Own");
    const first = item(feed, 0);
    assert.deepEqual(
      [first.title, first.summary, first.author],
      ["Own title", "Own summary", "Own Author"],
    );
  });
});

describe("warnings", () => {
  it("are absent from a feed read without a problem, and readFeed carries them too", () => {
    assert.equal(parseTestdata("wordpress-rss.xml").warnings, undefined);
    const raw = readFeed(testdata("truncated-rss.xml"), { url: null, now: NOW });
    assert.equal(raw.warnings?.[0]?.code, "truncated");
  });

  it("count items the sanitizer refuses apart from empty ones", () => {
    const huge = `<p>${"<b>x</b>".repeat(20_001)}</p>`;
    const feed = parse(
      rss(
        `<item><title>ok</title></item><item><title>big</title><content:encoded><![CDATA[${huge}]]></content:encoded></item><item><comments>x</comments></item>`,
      ),
    );
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ["ok"],
    );
    assert.deepEqual(skipped(feed.warnings), { empty_item: 1, html_too_complex: 1 });
  });
});
