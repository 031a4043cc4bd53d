import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { isAppError } from "../../domain/errors.ts";
import type { FeedItem, ParsedFeed } from "../../domain/feed.ts";
import { MAX_HTML_TAGS } from "../sanitize.ts";
import { DEFAULT_MAX_FEED_BYTES, MAX_XML_DEPTH, parseFeed } from "./parse-feed.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/feeds/${name}`, import.meta.url), "utf8");
const now = new Date("2024-03-06T00:00:00Z");

function parse(text: string, url: string | null = null, extra: { maxBytes?: number } = {}) {
  return parseFeed(text, { url, now, ...extra });
}

function item(feed: ParsedFeed, index: number): FeedItem {
  const found = feed.items[index];
  assert.ok(found, `item ${index} exists`);
  return found;
}

/** assert.throws predicate: an AppError with this code (and optionally more checks). */
function code(
  expected: string,
  check: (error: {
    message: string;
    context: Readonly<Record<string, unknown>>;
  }) => void = () => {},
) {
  return (error: unknown) => {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, expected, error.message);
    check(error);
    return true;
  };
}

function rss(items: string, channelExtra = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>T</title><link>https://site.example/</link>${channelExtra}${items}</channel>
</rss>`;
}

describe("parseFeed: RSS 2.0", () => {
  const feed = parse(fixture("rss2.xml"), "https://courier.example.com/world/feed/");

  it("reads the channel: plain-text title, link, language, ttl, WebSub hub and self", () => {
    assert.equal(feed.format, "rss");
    assert.equal(feed.title, "The Evening Courier – World");
    assert.equal(feed.link, "https://courier.example.com/world/");
    assert.equal(feed.language, "en");
    assert.equal(feed.ttlMinutes, 15);
    assert.equal(feed.hub, "https://pubsubhubbub.appspot.com/");
    assert.equal(feed.self, "https://courier.example.com/world/feed/");
    assert.equal(feed.items.length, 5);
  });

  it("strips HTML from titles and names, decodes entities and collapses whitespace", () => {
    const first = item(feed, 0);
    assert.equal(first.title, "Live: Floods force & evacuations in the Po valley");
    assert.equal(first.author, "Giulia Romano");
    assert.equal(
      first.summary,
      "Thousands of residents were moved to safety as the river rose… Read more",
    );
    // Escaped twice by the feed: still plain text.
    assert.equal(item(feed, 1).title, "Markets rally as inflation eases");
    assert.equal(
      item(feed, 1).summary,
      "European shares climbed for a third day as new figures showed inflation slowing faster than expected.",
    );
  });

  it("uses the guid as id, resolves relative links and normalizes dates to UTC", () => {
    const first = item(feed, 0);
    assert.equal(first.id, "https://courier.example.com/?p=48213");
    assert.equal(first.url, "https://courier.example.com/world/2024/03/05/po-valley-floods/");
    assert.equal(first.published, "2024-03-05T10:58:00.000Z");
    assert.equal(first.updated, null);
    assert.equal(item(feed, 1).published, "2024-03-05T09:15:00.000Z");
    assert.equal(item(feed, 2).published, "2024-03-05T01:00:00.000Z");
  });

  it("sanitizes content:encoded after making its links absolute against the item URL", () => {
    const html = item(feed, 0).contentHtml ?? "";
    assert.match(
      html,
      /<a href="https:\/\/courier\.example\.com\/tags\/ferrara\/" rel="noopener noreferrer">Ferrara<\/a>/,
    );
    assert.match(
      html,
      /<img src="https:\/\/courier\.example\.com\/uploads\/2024\/03\/po-flood\.jpg"/,
    );
    assert.doesNotMatch(html, /script|trackRead|iframe|onerror|target=/);
  });

  it("dedupes categories from category and dc:subject, case-insensitively", () => {
    assert.deepEqual(item(feed, 0).categories, ["Europe", "Italy", "Weather"]);
    assert.deepEqual(item(feed, 1).categories, ["Business"]);
  });

  it("finds the image in media:content, media:thumbnail, then an image enclosure", () => {
    assert.equal(item(feed, 0).image, "https://cdn.courier.example.com/2024/03/po-flood-1200.jpg");
    assert.equal(item(feed, 1).image, "https://cdn.courier.example.com/2024/03/markets-thumb.jpg");
    assert.equal(item(feed, 2).image, "https://cdn.courier.example.com/2024/03/lanterns-wide.jpg");
  });

  it("reads enclosures; a length of 0 means unknown", () => {
    assert.deepEqual(item(feed, 1).enclosures, [
      {
        url: "https://cdn.courier.example.com/audio/markets-0305.mp3",
        type: "audio/mpeg",
        length: 3481093,
      },
    ]);
    assert.equal(item(feed, 2).enclosures[0]?.length, null);
  });

  it("hashes title and summary when there is neither guid nor link", () => {
    const bare = item(feed, 3);
    assert.match(bare.id, /^[0-9a-f]{64}$/);
    assert.equal(bare.url, null);
    assert.equal(bare.published, null, "an unreadable pubDate is null, not Invalid Date");
    // The same text gives the same id on the next fetch.
    assert.equal(parse(fixture("rss2.xml")).items[3]?.id, bare.id);
  });

  it("keeps only http(s) links", () => {
    assert.equal(item(feed, 4).url, null);
  });

  it("resolves against the channel link when the feed's own URL is unknown", () => {
    const noUrl = parse(fixture("rss2.xml"), null);
    assert.equal(
      noUrl.items[0]?.url,
      "https://courier.example.com/world/2024/03/05/po-valley-floods/",
    );
  });

  it("falls back to the first <img> of the content, then of the description", () => {
    const feed = parse(
      rss(`
        <item><title>a</title><link>/a</link>
          <content:encoded><![CDATA[<p>x <img data-src="/lazy.jpg" src="data:image/gif;base64,R0lGOD"></p>]]></content:encoded></item>
        <item><title>b</title><link>/b</link><description>&lt;img src="b.png"&gt; text</description></item>`),
      "https://site.example/feed.xml",
    );
    assert.equal(feed.items[0]?.image, "https://site.example/lazy.jpg");
    assert.match(feed.items[0]?.contentHtml ?? "", /<img src="https:\/\/site\.example\/lazy\.jpg"/);
    assert.equal(feed.items[1]?.image, "https://site.example/b.png");
    assert.equal(feed.items[1]?.contentHtml, null, "a description is a summary, not content");
  });

  it("uses a permalink guid as the URL when there is no link", () => {
    const feed = parse(rss("<item><title>a</title><guid>https://site.example/p/1</guid></item>"));
    assert.equal(feed.items[0]?.url, "https://site.example/p/1");
    const notPermalink = parse(
      rss('<item><title>a</title><guid isPermaLink="false">https://site.example/p/1</guid></item>'),
    );
    assert.equal(notPermalink.items[0]?.url, null);
  });

  it("accepts unescaped HTML inside a description, as browsers and readers do", () => {
    const feed = parse(fixture("unescaped-html.xml"));
    assert.equal(feed.items[0]?.summary, "Line one Line two");
    // Hundreds of unclosed <p> and <br> are text to sanitize, not nesting.
    const long = parse(
      rss(`<item><title>a</title><description>${"<p>verse<br>".repeat(500)}</description></item>`),
    );
    assert.match(long.items[0]?.summary ?? "", /^verse verse/);
  });

  it("drops one item whose content cannot be sanitized, keeps the others", () => {
    const heavy = "<b>".repeat(MAX_HTML_TAGS + 1);
    const feed = parse(
      rss(`<item><title>heavy</title><content:encoded><![CDATA[${heavy}]]></content:encoded></item>
           <item><title>fine</title></item>`),
    );
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ["fine"],
    );
  });

  it("reads a BOM and leading whitespace", () => {
    assert.equal(parse(`\uFEFF\n\n  ${rss("<item><title>a</title></item>")}`).items.length, 1);
  });
});

describe("parseFeed: RSS 0.91", () => {
  it("reads a Netscape feed with its DOCTYPE (never fetched) and HTML entities", () => {
    const feed = parse(fixture("rss091.xml"));
    assert.equal(feed.format, "rss");
    assert.equal(feed.title, "Gazette du Café");
    assert.equal(feed.language, "fr");
    assert.equal(feed.items.length, 2);
    assert.equal(feed.items[0]?.title, "Le marché rouvre ses portes");
    assert.equal(
      feed.items[0]?.summary,
      "Après trois mois de travaux, le marché couvert accueille à nouveau les clients.",
    );
    assert.equal(feed.items[1]?.title, "Réunion du conseil & budget");
    assert.equal(feed.items[1]?.id, "http://gazette.example.fr/2001/03/conseil.html");
  });
});

describe("parseFeed: RSS 1.0 (RDF)", () => {
  const feed = parse(fixture("rdf10.xml"), "https://slashnews.example.org/index.rdf");

  it("reads the channel and dc:language", () => {
    assert.equal(feed.format, "rdf");
    assert.equal(feed.title, "Slash News");
    assert.equal(feed.link, "https://slashnews.example.org/");
    assert.equal(feed.language, "de");
    assert.equal(feed.items.length, 2);
  });

  it("reads rdf:about, dc:date, dc:creator, dc:subject and content:encoded", () => {
    const second = item(feed, 1);
    assert.equal(second.id, "https://slashnews.example.org/story/24/03/04/0900/rust-kernel");
    assert.equal(second.published, "2024-03-04T14:00:00.000Z");
    assert.equal(second.author, "BeauHD");
    assert.deepEqual(second.categories, ["linux", "programming"]);
    assert.match(
      second.contentHtml ?? "",
      /href="https:\/\/slashnews\.example\.org\/article\.pl\?sid=24\/03\/04\/rust"/,
    );
    assert.equal(
      item(feed, 0).summary,
      "A team in Delft routed entangled photons between three nodes.",
    );
  });
});

describe("parseFeed: Atom 1.0", () => {
  const feed = parse(fixture("atom.xml"), "https://noticias.example.com.br/feeds/atom.xml");

  it("reads the feed: html title as text, alternate link, xml:lang, hub and self", () => {
    assert.equal(feed.format, "atom");
    assert.equal(feed.title, "Notícias do Dia");
    assert.equal(feed.link, "https://noticias.example.com.br/");
    assert.equal(feed.language, "pt");
    assert.equal(feed.hub, "https://websub.example.net/hub");
    assert.equal(feed.self, "https://noticias.example.com.br/feeds/atom.xml");
  });

  it("resolves links against the xml:base chain (feed, then entry)", () => {
    const first = item(feed, 0);
    assert.equal(first.url, "https://noticias.example.com.br/politica/2024/reforma-aprovada.html");
    const html = first.contentHtml ?? "";
    assert.match(html, /<strong>320 votos<\/strong>/);
    assert.match(
      html,
      /href="https:\/\/noticias\.example\.com\.br\/politica\/2024\/integra\.html"/,
    );
    assert.match(html, /src="https:\/\/noticias\.example\.com\.br\/media\/plenario\.jpg"/);
    assert.doesNotMatch(html, /<div/);
  });

  it("reads ids, dates, every author, category labels, enclosures and the image", () => {
    const first = item(feed, 0);
    assert.equal(first.id, "tag:noticias.example.com.br,2024:politica-reforma");
    assert.equal(first.published, "2024-03-05T17:30:00.000Z");
    assert.equal(first.updated, "2024-03-05T17:45:10.500Z");
    assert.equal(first.author, "Ana Souza, Bruno Lima");
    assert.deepEqual(first.categories, ["Política", "congresso"]);
    assert.equal(first.summary, "A votação terminou com 320 votos a favor.");
    assert.deepEqual(first.enclosures, [
      {
        url: "https://noticias.example.com.br/media/congresso.jpg",
        type: "image/jpeg",
        length: 204800,
      },
    ]);
    assert.equal(first.image, "https://noticias.example.com.br/media/congresso.jpg");
  });

  it("inherits the feed's author and reads escaped html content", () => {
    const second = item(feed, 1);
    assert.equal(second.author, "Redação");
    assert.equal(second.published, null);
    assert.equal(second.updated, "2024-03-05T12:00:00.000Z");
    assert.equal(second.summary, "A Defesa Civil emitiu alerta.");
    assert.match(
      second.contentHtml ?? "",
      /href="https:\/\/noticias\.example\.com\.br\/cidades\/"/,
    );
  });

  it("escapes text content into paragraphs", () => {
    const feed = parse(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id>
      <entry><id>1</id><title>a</title><content type="text">one &amp; two

three</content></entry></feed>`);
    assert.equal(feed.items[0]?.contentHtml, "<p>one &amp; two</p>\n<p>three</p>");
  });
});

describe("parseFeed: JSON Feed", () => {
  it("reads JSON Feed 1.1", () => {
    const feed = parse(fixture("jsonfeed11.json"), "https://harbour.example.net/feed.json");
    assert.equal(feed.format, "json");
    assert.equal(feed.title, "Harbour Dispatch");
    assert.equal(feed.link, "https://harbour.example.net/");
    assert.equal(feed.language, "en");
    assert.equal(feed.hub, "https://websub.example.net/");
    assert.equal(feed.self, "https://harbour.example.net/feed.json");

    const first = item(feed, 0);
    assert.equal(first.id, "2024-03-05-ferry");
    assert.equal(first.title, "Ferry strike called off");
    assert.equal(first.published, "2024-03-04T21:30:00.000Z");
    assert.equal(first.updated, "2024-03-04T22:00:00.000Z");
    assert.equal(first.author, "Kim Ng, Sam Patel");
    assert.equal(first.summary, "Services resume on Wednesday.");
    assert.deepEqual(first.categories, ["Transport", "Industrial relations"]);
    assert.equal(first.image, "https://harbour.example.net/img/ferry-lead.jpg");
    assert.match(
      first.contentHtml ?? "",
      /href="https:\/\/harbour\.example\.net\/2024\/03\/04\/ferry-talks"/,
    );
    assert.deepEqual(first.enclosures, [
      { url: "https://harbour.example.net/audio/ferry.m4a", type: "audio/x-m4a", length: 912345 },
    ]);

    const second = item(feed, 1);
    assert.equal(second.url, "https://harbour.example.net/2024/03/05/king-tides");
    assert.equal(second.author, "Harbour Newsroom", "inherits the feed's authors");
    assert.equal(second.image, "https://harbour.example.net/img/tides-banner.jpg");
    assert.equal(
      second.contentHtml,
      "<p>Councils warn of flooding in low-lying streets.</p>\n<p>Sandbags are available at &lt;three&gt; depots.</p>",
    );
  });

  it("reads JSON Feed 1.0 with its singular author", () => {
    const feed = parse(fixture("jsonfeed10.json"));
    assert.equal(feed.format, "json");
    assert.equal(feed.self, "https://valley.example.org/feed.json");
    assert.equal(feed.items[0]?.author, "R. Okafor");
    assert.equal(feed.items[0]?.published, "2024-03-01T17:00:00.000Z");
  });
});

describe("parseFeed: ninjs", () => {
  it("reads a list of ninjs 2.0 items, leaving out embargoed and canceled ones", () => {
    const feed = parse(fixture("ninjs-list.json"));
    assert.equal(feed.format, "ninjs");
    assert.equal(feed.language, "en");
    assert.deepEqual(
      feed.items.map((i) => i.id),
      [
        "urn:newsml:wire.example.com:20240305:ecb-rates:3",
        "urn:newsml:wire.example.com:20240305:quake:1",
      ],
    );
    const first = item(feed, 0);
    assert.equal(first.title, "ECB holds rates, signals June cut");
    assert.equal(first.url, "https://wire.example.com/stories/ecb-holds-rates");
    assert.equal(first.published, "2024-03-05T13:15:00.000Z");
    assert.equal(first.updated, "2024-03-05T13:42:07.000Z");
    assert.equal(first.author, "Anna Keller");
    assert.equal(
      first.summary,
      "The central bank kept its deposit rate at 4% for a fourth meeting.",
    );
    assert.deepEqual(first.categories, ["Economy", "Central banks"]);
    assert.equal(first.image, "https://media.wire.example.com/ecb-1600.jpg");
    assert.match(first.contentHtml ?? "", /href="https:\/\/wire\.example\.com\/markets\/rates"/);
    assert.deepEqual(item(feed, 1).categories, ["earthquake", "Japan"]);
    assert.equal(
      item(feed, 1).contentHtml,
      "<p>No tsunami warning was issued.</p>\n<p>The quake struck at a depth of 10 km.</p>",
    );
  });

  it("reads {items: [...]} and a single item", () => {
    const list = JSON.parse(fixture("ninjs-list.json")) as unknown[];
    assert.equal(parse(JSON.stringify({ items: list })).items.length, 2);
    const single = parse(JSON.stringify(list[1]));
    assert.equal(single.format, "ninjs");
    assert.equal(single.items[0]?.title, "Magnitude 6.1 quake strikes off coast");
  });

  it("skips an invalid item among valid ones; fails when every item is invalid", () => {
    const list = JSON.parse(fixture("ninjs-list.json")) as Record<string, unknown>[];
    const bad = { ...list[1], uri: "urn:bad", pubstatus: 5 };
    assert.equal(parse(JSON.stringify([bad, list[1]])).items.length, 1);
    assert.throws(
      () => parse(JSON.stringify([bad])),
      code("invalid_field", (e) => assert.match(e.message, /^item 1: ninjs: `pubstatus`/)),
    );
  });
});

describe("parseFeed: encodings", () => {
  it("reads a windows-1251 feed once decoded", () => {
    const bytes = readFileSync(
      new URL("../../../test/fixtures/feeds/rss-cp1251.xml", import.meta.url),
    );
    assert.equal(
      bytes[bytes.indexOf("<title>") + 7],
      0xcd,
      "the fixture holds cp1251 bytes (Н = 0xCD)",
    );
    const feed = parse(new TextDecoder("windows-1251").decode(bytes));
    assert.equal(feed.title, "Новости Приволжья");
    assert.equal(feed.language, "ru");
    assert.equal(feed.items[0]?.title, "Ледоход на Волге начался раньше срока");
    assert.equal(
      feed.items[0]?.summary,
      "Синоптики объясняют это тёплым февралём — «аномалия», говорят они.",
    );
    assert.deepEqual(feed.items[0]?.categories, ["Погода"]);
    assert.equal(feed.items[1]?.title, "Ёлочный базар закрыт: итоги сезона");
    assert.equal(feed.items[1]?.published, "2024-03-04T15:00:00.000Z");
  });
});

describe("parseFeed: bad input", () => {
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

  it("reports malformed XML with a position", () => {
    assert.throws(
      () => parse(fixture("malformed.xml")),
      code("malformed_feed", (e) => {
        assert.match(e.message, /^RSS is not well-formed XML \(line 12, column 7\)/);
        assert.equal(e.context.line, 12);
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

  it("refuses documents over the size limit", () => {
    const feed = rss("<item><title>é</title></item>");
    assert.throws(
      () => parse(feed, null, { maxBytes: feed.length }),
      code("too_large", (e) => assert.equal(e.context.limit, feed.length)),
      "the limit counts UTF-8 bytes, not characters",
    );
    assert.equal(parse(feed, null, { maxBytes: feed.length + 1 }).items.length, 1);
    assert.throws(() => parse(" ".repeat(DEFAULT_MAX_FEED_BYTES + 1)), code("too_large"));
  });

  it("refuses nesting deeper than the limit, with a position", () => {
    const deep = `${"<x>".repeat(MAX_XML_DEPTH + 1)}${"</x>".repeat(MAX_XML_DEPTH + 1)}`;
    assert.throws(
      () => parse(rss(`<item><title>a</title>${deep}</item>`)),
      code("malformed_feed", (e) => assert.match(e.message, /nested more than 200 deep \(line 3/)),
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

  it("reports an RSS document without a channel as malformed", () => {
    assert.throws(() => parse('<rss version="2.0"><foo>bar</foo></rss>'), code("malformed_feed"));
  });
});

describe("parseFeed: prototype pollution", () => {
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
