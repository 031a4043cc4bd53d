import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_HTML_TAGS } from "../sanitize.ts";
import { readFeed } from "./parse-feed.ts";
import {
  fixture,
  fixtureBytes,
  item,
  NOW,
  parse,
  parseTestdata,
  rss,
  TESTDATA,
  testdata,
} from "./testdata/fixtures.ts";

describe("RSS 2.0", () => {
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
    // Escaped twice by the feed: decoded once, the brackets left are text (issue 15; it
    // was "Markets rally as inflation eases" while titles were decoded twice).
    assert.equal(item(feed, 1).title, "Markets <em>rally</em> as inflation eases");
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

describe("RSS 0.91", () => {
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

describe("RSS in a legacy encoding", () => {
  it("reads a windows-1251 feed once decoded", () => {
    const bytes = fixtureBytes("rss-cp1251.xml");
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

describe("RSS as WordPress writes it", () => {
  const feed = parseTestdata("wordpress-rss.xml");

  it("reads the channel: the atom:link self, en-US as en, no hub", () => {
    assert.equal(feed.title, "Millbrook Gazette");
    assert.equal(feed.link, "https://millbrook-gazette.example/");
    assert.equal(feed.language, "en");
    assert.equal(feed.self, "https://millbrook-gazette.example/feed/");
    assert.equal(feed.hub, null);
    assert.equal(feed.ttlMinutes, null);
  });

  it("reads dc:creator, numeric entities in titles and the non-permalink ?p= guid", () => {
    const first = item(feed, 0);
    assert.equal(first.id, "https://millbrook-gazette.example/?p=20417");
    assert.equal(first.title, "Council approves new footbridge – work starts in May");
    assert.equal(first.author, "Priya Raman");
    assert.equal(item(feed, 1).author, "Tom O’Neill");
    assert.equal(first.published, "2024-03-05T09:30:00.000Z");
    assert.deepEqual(first.categories, ["Local", "Transport"], "Local and local are one");
  });

  it("takes content:encoded as the body: srcset, classes and the script gone, links absolute", () => {
    const html = item(feed, 0).contentHtml ?? "";
    assert.match(html, /^<p>The “missing link”/);
    assert.match(
      html,
      /href="https:\/\/millbrook-gazette\.example\/documents\/footbridge-plan\.pdf"/,
    );
    assert.match(html, /alt="An artist's drawing of the bridge" width="1024" height="683"/);
    assert.doesNotMatch(html, /srcset|class=|script|trackRead|target=/);
    assert.equal(
      item(feed, 0).image,
      "https://millbrook-gazette.example/wp-content/uploads/2024/03/footbridge-1024x683.jpg",
    );
  });

  it("promotes a lazy-loaded image and resolves ../ links against the post", () => {
    const second = item(feed, 1);
    assert.equal(
      second.image,
      "https://millbrook-gazette.example/wp-content/uploads/2024/03/fair-1.jpg",
    );
    assert.match(
      second.contentHtml ?? "",
      /href="https:\/\/millbrook-gazette\.example\/tag\/fair\/"/,
    );
    assert.doesNotMatch(second.contentHtml ?? "", /data:image/);
  });

  it("keeps the description's HTML unsanitized in the raw item, with the post as its base", () => {
    const raw = readFeed(testdata("wordpress-rss.xml"), {
      url: TESTDATA["wordpress-rss.xml"] ?? null,
      now: NOW,
    });
    const second = raw.items[1];
    assert.match(
      second?.contentHtml ?? "",
      /data-src="\/wp-content\/uploads\/2024\/03\/fair-1\.jpg"/,
    );
    assert.equal(second?.summaryHtml, "Stalls, a brass band and the first sunshine of the year.");
    assert.equal(second?.base, "https://millbrook-gazette.example/2024/03/04/spring-fair-photos/");
    assert.equal(second?.image, null, "the first <img> is read after sanitizing");
    assert.match(raw.items[0]?.contentHtml ?? "", /<script type="text\/javascript">/);
  });
});

describe("RSS as a broadcaster writes it", () => {
  const feed = parseTestdata("broadcaster-rss.xml");

  it("reads CDATA titles, en-gb, the ttl and the self link", () => {
    assert.equal(feed.title, "Northern Broadcaster News - World");
    assert.equal(feed.language, "en");
    assert.equal(feed.ttlMinutes, 15);
    assert.equal(feed.self, "https://feeds.broadcaster.example/news/world/rss.xml");
    assert.equal(feed.items.length, 3);
  });

  it("uses the non-permalink guid as id and the tracking link as URL, decoded", () => {
    const first = item(feed, 0);
    assert.equal(first.id, "https://www.broadcaster.example/news/articles/c4n2p8xk1lro#0");
    assert.equal(
      first.url,
      "https://www.broadcaster.example/news/articles/c4n2p8xk1lro?at_medium=RSS&at_campaign=rss",
    );
    assert.equal(first.published, "2024-03-05T11:48:20.000Z");
    assert.equal(first.summary, "Scientists measured the ice at forty sites across the range.");
    assert.equal(first.contentHtml, null);
    assert.equal(first.author, null);
  });

  it("takes the widest media:thumbnail as the image; none is none", () => {
    assert.equal(
      item(feed, 0).image,
      "https://images.broadcaster.example/ace/standard/240/cpsprod/7a1c/glacier.jpg",
    );
    assert.equal(
      item(feed, 1).image,
      "https://images.broadcaster.example/ace/standard/976/cpsprod/11f0/talks-large.jpg",
    );
    assert.equal(item(feed, 2).image, null);
  });
});
