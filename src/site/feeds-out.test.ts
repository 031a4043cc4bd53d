import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { XMLValidator } from "fast-xml-parser";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import type { Article } from "../domain/article.ts";
import { parseFeed } from "../ingest/feeds/parse-feed.ts";
import {
  atomFeed,
  type FeedMeta,
  feedAlternates,
  feedMediaType,
  feedPath,
  feedSummary,
  jsonFeed,
  rssFeed,
} from "./feeds-out.ts";
import { Layout } from "./layout.tsx";
import { xmlAttr, xmlText } from "./xml.ts";

const SITE = { name: "Dispatch & Co", url: "https://news.example", language: "en" };
const HUB = "https://hub.example/publish?x=1&y=2";

function article(overrides: Partial<Article>): Article {
  return {
    id: 1,
    guid: null,
    kind: "own",
    status: "published",
    headline: "Headline",
    standfirst: null,
    body: "<p>Body.</p>",
    byline: null,
    language: "en",
    sectionSlug: "world",
    sectionName: "World",
    slug: "headline",
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: "2026-11-27T09:30:00.000Z",
    updatedAt: "2026-11-27T09:30:00.000Z",
    createdAt: "2026-11-27T09:30:00.000Z",
    sourceId: null,
    imageUrl: null,
    categories: [],
    fragments: [],
    ...overrides,
  };
}

const OWN = article({
  id: 1,
  headline: 'Minsk & Moscow sign a "union" deal\u0001 at 5 < 6',
  standfirst: "Minsk & Moscow <b>agree</b>",
  body: '<p>First &amp; <a href="https://example.org/?a=1&amp;b=2">second</a>.</p><p>Third.</p>',
  byline: "Anna Ivanova",
  slug: "tom-jerry",
  categories: ["Belarus", "world"],
  publishedAt: "2026-11-27T09:30:00.000Z",
  updatedAt: "2026-11-27T10:15:00.000Z",
});
const LINK = article({
  id: 2,
  kind: "link",
  headline: "Outlet reports on the summit",
  standfirst: null,
  body: "<p>The outlet's summary of the summit.</p>",
  slug: "outlet-reports",
  sectionSlug: "europe",
  sectionName: "Europe",
  canonicalUrl: "https://outlet.example/2026/summit?ref=rss&lang=en",
  externalUrl: "https://outlet.example/2026/summit?ref=rss&lang=en",
  publishedAt: "2026-11-27T08:00:00.000Z",
  updatedAt: "2026-11-27T08:00:00.000Z",
});
const SPANISH = article({
  id: 3,
  kind: "full",
  headline: "Lukashenko refuerza su giro",
  body: "<p>Texto completo.</p>",
  language: "es",
  slug: "lukashenko-refuerza",
  // A scheduled article is stored before its time: updated is never before published.
  publishedAt: "2026-11-26T07:00:00.000Z",
  updatedAt: "2026-11-20T07:00:00.000Z",
});
const ARTICLES = [OWN, LINK, SPANISH];

function meta(format: "xml" | "atom" | "json", hub: string | null = HUB): FeedMeta {
  return {
    title: "World · Dispatch & Co",
    description: "The latest <world> news",
    htmlUrl: "https://news.example/section/world",
    selfUrl: `https://news.example/section/world/feed.${format}`,
    hub,
  };
}

const OWN_URL = "https://news.example/world/2026/11/27/tom-jerry";
const LINK_URL = "https://news.example/europe/2026/11/27/outlet-reports";
const SPANISH_URL = "https://news.example/world/2026/11/26/lukashenko-refuerza";

function assertWellFormed(xml: string) {
  assert.equal(XMLValidator.validate(xml), true);
  const control = [...xml].find((c) => c < " " && c !== "\t" && c !== "\n" && c !== "\r");
  assert.equal(control, undefined, "no control characters");
}

describe("xml escaping", () => {
  test("text and attributes are escaped; characters XML cannot carry are dropped", () => {
    assert.equal(xmlText('a & <b> "c" \u0000\u0007\ufffe\ud800'), 'a &amp; &lt;b&gt; "c" ');
    assert.equal(xmlAttr('a "b" & <c>'), "a &quot;b&quot; &amp; &lt;c&gt;");
    assert.equal(xmlText("emoji 📰 stays"), "emoji 📰 stays");
  });
});

describe("feed paths", () => {
  test("each scope has three feeds and pages advertise all three", () => {
    assert.equal(feedPath({ kind: "home" }, "rss"), "/feed.xml");
    assert.equal(feedPath({ kind: "section", slug: "world" }, "atom"), "/section/world/feed.atom");
    assert.equal(feedPath({ kind: "topic", slug: "a b" }, "json"), "/topic/a%20b/feed.json");
    assert.deepEqual(feedAlternates({ kind: "home" }, "Dispatch"), [
      { title: "Dispatch (RSS)", href: "/feed.xml" },
      { title: "Dispatch (Atom)", href: "/feed.atom" },
      { title: "Dispatch (JSON Feed)", href: "/feed.json" },
    ]);
    assert.equal(feedMediaType("/section/world/feed.xml"), "application/rss+xml");
    assert.equal(feedMediaType("/feed.atom"), "application/atom+xml");
    assert.equal(feedMediaType("/feed.json"), "application/feed+json");
    assert.equal(feedMediaType("/feed.html"), null);
  });

  test("the layout renders a page's feeds as alternate links", () => {
    const html = renderToString(
      h(Layout, {
        site: { ...SITE, locale: "en-GB", timeZone: "UTC", stylesheetHref: "/s.css" },
        lang: "en",
        head: {
          title: "World",
          feeds: feedAlternates({ kind: "section", slug: "world" }, "World"),
        },
        children: null,
      }),
    );
    assert.match(
      html,
      /<link rel="alternate" type="application\/rss\+xml" title="World \(RSS\)" href="\/section\/world\/feed.xml"\/>/,
    );
    assert.match(
      html,
      /type="application\/atom\+xml" title="World \(Atom\)" href="\/section\/world\/feed.atom"/,
    );
    assert.match(
      html,
      /type="application\/feed\+json" title="World \(JSON Feed\)" href="\/section\/world\/feed.json"/,
    );
    const without = renderToString(
      h(Layout, {
        site: { ...SITE, locale: "en-GB", timeZone: "UTC", stylesheetHref: "/s.css" },
        lang: "en",
        head: { title: "World" },
        children: null,
      }),
    );
    assert.doesNotMatch(without, /rel="alternate"/);
  });

  test("a summary is the standfirst, else the first paragraph, cut at a word", () => {
    assert.equal(feedSummary({ standfirst: "Lead.", body: "<p>Body.</p>" }), "Lead.");
    assert.equal(
      feedSummary({ standfirst: null, body: "<p>One &amp; two.</p><p>Three.</p>" }),
      "One & two.",
    );
    const long = feedSummary({ standfirst: null, body: `<p>${"word ".repeat(200)}</p>` });
    assert.ok(long.length <= 400 && long.endsWith("word…"));
  });
});

describe("RSS 2.0", () => {
  const xml = rssFeed(SITE, meta("xml"), ARTICLES);

  test("is well-formed and reads back through feedsmith with every field", () => {
    assertWellFormed(xml);
    const feed = parseRssFeed(xml);
    assert.equal(feed.title, "World · Dispatch & Co");
    assert.equal(feed.link, "https://news.example/section/world");
    assert.equal(feed.description, "The latest <world> news");
    assert.equal(feed.language, "en");
    assert.equal(feed.lastBuildDate, "Fri, 27 Nov 2026 10:15:00 GMT");
    assert.deepEqual(
      feed.atom?.links?.map((l) => [l.rel, l.href]),
      [
        ["self", "https://news.example/section/world/feed.xml"],
        ["hub", HUB],
      ],
    );
    const [own, link, spanish] = feed.items ?? [];
    assert.equal(own?.title, 'Minsk & Moscow sign a "union" deal at 5 < 6');
    assert.equal(own?.link, OWN_URL);
    assert.deepEqual(own?.guid, { value: OWN_URL, isPermaLink: true });
    assert.equal(own?.pubDate, "Fri, 27 Nov 2026 09:30:00 GMT");
    assert.deepEqual(own?.dc?.creators, ["Anna Ivanova"]);
    assert.deepEqual(
      own?.categories?.map((c) => c.name),
      ["World", "Belarus"],
      "section first, duplicates (any case) once",
    );
    assert.equal(own?.description, "Minsk & Moscow <b>agree</b>");
    assert.equal(own?.content?.encoded, OWN.body);
    assert.equal(spanish?.content?.encoded, SPANISH.body);

    assert.equal(link?.link, LINK_URL);
    assert.equal(link?.description, "The outlet's summary of the summit.");
    assert.equal(link?.content, undefined, "a link item carries no body");
    assert.deepEqual(
      link?.atom?.links?.map((l) => [l.rel, l.href]),
      [["related", LINK.externalUrl]],
    );
  });

  test("round-trips through our own parser", () => {
    const feed = parseFeed(xml, { url: "https://news.example/section/world/feed.xml" });
    assert.equal(feed.format, "rss");
    assert.equal(feed.hub, HUB);
    assert.equal(feed.self, "https://news.example/section/world/feed.xml");
    assert.deepEqual(
      feed.items.map((i) => [i.id, i.title, i.url, i.published]),
      [
        [OWN_URL, 'Minsk & Moscow sign a "union" deal at 5 < 6', OWN_URL, OWN.publishedAt],
        [LINK_URL, LINK.headline, LINK_URL, LINK.publishedAt],
        [SPANISH_URL, SPANISH.headline, SPANISH_URL, SPANISH.publishedAt],
      ],
    );
    assert.equal(feed.items[0]?.author, "Anna Ivanova");
    assert.match(
      feed.items[0]?.contentHtml ?? "",
      /^<p>First &amp; <a href="https:\/\/example.org\/\?a=1&amp;b=2"/,
    );
    assert.equal(feed.items[1]?.contentHtml, null);
  });

  test("markup in a headline stays text", () => {
    const hostile = article({ headline: '<script>alert("x")</script> & <b>' });
    const raw = rssFeed(SITE, meta("xml"), [hostile]);
    assert.match(raw, /<title>&lt;script&gt;alert\("x"\)&lt;\/script&gt; &amp; &lt;b&gt;<\/title>/);
    assert.equal(parseRssFeed(raw).items?.[0]?.title, hostile.headline);
    const atom = atomFeed(SITE, meta("atom"), [hostile]);
    assert.equal(parseAtomFeed(atom).entries?.[0]?.title?.value, hostile.headline);
  });

  test("without a hub there is no hub link", () => {
    const plain = rssFeed(SITE, meta("xml", null), ARTICLES);
    assert.doesNotMatch(plain, /rel="hub"/);
    assert.equal(parseFeed(plain, { url: null }).hub, null);
  });

  test("an empty feed is still a valid feed", () => {
    const empty = rssFeed(SITE, meta("xml"), []);
    assertWellFormed(empty);
    assert.equal(parseRssFeed(empty).items, undefined);
  });
});

describe("Atom 1.0", () => {
  const xml = atomFeed(SITE, meta("atom"), ARTICLES);

  test("is well-formed and reads back through feedsmith with every field", () => {
    assertWellFormed(xml);
    const feed = parseAtomFeed(xml);
    assert.equal(feed.id, "https://news.example/section/world/feed.atom");
    assert.equal(feed.title?.value, "World · Dispatch & Co");
    assert.equal(feed.updated, "2026-11-27T10:15:00.000Z");
    assert.deepEqual(
      feed.links?.map((l) => [l.rel, l.href]),
      [
        ["alternate", "https://news.example/section/world"],
        ["self", "https://news.example/section/world/feed.atom"],
        ["hub", HUB],
      ],
    );
    assert.deepEqual(feed.authors?.[0], { name: "Dispatch & Co", uri: "https://news.example" });
    const [own, link, spanish] = feed.entries ?? [];
    assert.equal(own?.id, OWN_URL);
    assert.equal(own?.published, OWN.publishedAt);
    assert.equal(own?.updated, OWN.updatedAt);
    assert.equal(own?.authors?.[0]?.name, "Anna Ivanova");
    assert.deepEqual(own?.content, { value: OWN.body, type: "html" });
    assert.equal(own?.summary?.value, "Minsk & Moscow <b>agree</b>");
    assert.deepEqual(
      own?.categories?.map((c) => c.term),
      ["World", "Belarus"],
    );
    assert.equal(link?.content, undefined, "a link item carries no body");
    assert.deepEqual(
      link?.links?.map((l) => [l.rel, l.href]),
      [
        ["alternate", LINK_URL],
        ["related", LINK.externalUrl],
      ],
    );
    assert.equal(spanish?.xml?.lang, "es");
    assert.equal(spanish?.updated, SPANISH.publishedAt, "never updated before published");
  });

  test("round-trips through our own parser", () => {
    const feed = parseFeed(xml, { url: "https://news.example/section/world/feed.atom" });
    assert.equal(feed.format, "atom");
    assert.equal(feed.hub, HUB);
    assert.equal(feed.link, "https://news.example/section/world");
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.url, i.published]),
      [
        [OWN.headline.replace("\u0001", ""), OWN_URL, OWN.publishedAt],
        [LINK.headline, LINK_URL, LINK.publishedAt],
        [SPANISH.headline, SPANISH_URL, SPANISH.publishedAt],
      ],
    );
    assert.equal(feed.items[1]?.contentHtml, null);
    assert.equal(feed.items[1]?.author, "Dispatch & Co", "the feed's author stands in");
  });
});

describe("JSON Feed 1.1", () => {
  const text = jsonFeed(SITE, meta("json"), ARTICLES);

  test("has every field, and link items point out with only a summary", () => {
    const feed = JSON.parse(text);
    assert.equal(feed.version, "https://jsonfeed.org/version/1.1");
    assert.equal(feed.home_page_url, "https://news.example/section/world");
    assert.equal(feed.feed_url, "https://news.example/section/world/feed.json");
    assert.deepEqual(feed.hubs, [{ type: "WebSub", url: HUB }]);
    const [own, link, spanish] = feed.items;
    assert.deepEqual(own, {
      id: OWN_URL,
      url: OWN_URL,
      title: 'Minsk & Moscow sign a "union" deal\u0001 at 5 < 6',
      summary: "Minsk & Moscow <b>agree</b>",
      content_html: OWN.body,
      date_published: OWN.publishedAt,
      date_modified: OWN.updatedAt,
      authors: [{ name: "Anna Ivanova" }],
      tags: ["World", "Belarus"],
      language: "en",
    });
    assert.equal(link.external_url, LINK.externalUrl);
    assert.equal(link.url, LINK_URL);
    assert.equal(link.content_html, undefined);
    assert.equal(link.content_text, "The outlet's summary of the summit.");
    assert.equal(spanish.language, "es");
    assert.equal(parseJsonFeed(feed).items?.length, 3);
    assert.equal(JSON.parse(jsonFeed(SITE, meta("json", null), [])).hubs, undefined);
  });

  test("round-trips through our own parser", () => {
    const feed = parseFeed(text, { url: "https://news.example/section/world/feed.json" });
    assert.equal(feed.format, "json");
    assert.equal(feed.hub, HUB);
    assert.deepEqual(
      feed.items.map((i) => [i.id, i.url, i.published, i.updated]),
      [
        [OWN_URL, OWN_URL, OWN.publishedAt, OWN.updatedAt],
        [LINK_URL, LINK_URL, LINK.publishedAt, LINK.publishedAt],
        [SPANISH_URL, SPANISH_URL, SPANISH.publishedAt, SPANISH.publishedAt],
      ],
    );
    assert.deepEqual(feed.items[0]?.categories, ["World", "Belarus"]);
  });
});
