import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { VisiblePath } from "../db/article-repository.ts";
import {
  articlesSitemap,
  monthSitemapPath,
  newsLanguage,
  newsSitemap,
  pagesSitemap,
  parseMonthSitemapName,
  robotsTxt,
  SITEMAP_MAX_URLS,
  sitemapChildren,
  sitemapIndex,
} from "./sitemaps.ts";

const SITE = { name: "Dispatch & Co", url: "https://news.example", language: "en" };

function path(overrides: Partial<VisiblePath>): VisiblePath {
  return {
    sectionSlug: "world",
    slug: "a",
    kind: "own",
    language: "en",
    headline: "Headline",
    publishedAt: "2026-11-27T09:30:00.000Z",
    updatedAt: "2026-11-27T09:30:00.000Z",
    ...overrides,
  };
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "url" });

function read(xml: string): Record<string, unknown> {
  assert.equal(XMLValidator.validate(xml), true);
  return parser.parse(xml) as Record<string, unknown>;
}

function locs(xml: string): string[] {
  const doc = read(xml) as { urlset: { url?: { loc: string }[] } };
  return (doc.urlset.url ?? []).map((u) => u.loc);
}

describe("sitemap index", () => {
  test("names pages, news, then each month (split past 50,000), with lastmod", () => {
    const children = sitemapChildren([
      { month: "2026-10", count: 3, lastModified: "2026-10-31T10:00:00.000Z" },
      { month: "2026-11", count: SITEMAP_MAX_URLS + 1, lastModified: "2026-11-28T10:00:00.000Z" },
    ]);
    assert.deepEqual(
      children.map((c) => [c.path, c.lastModified]),
      [
        ["/sitemaps/pages.xml", "2026-11-28T10:00:00.000Z"],
        ["/sitemaps/news.xml", "2026-11-28T10:00:00.000Z"],
        ["/sitemaps/articles-2026-10.xml", "2026-10-31T10:00:00.000Z"],
        ["/sitemaps/articles-2026-11.xml", "2026-11-28T10:00:00.000Z"],
        ["/sitemaps/articles-2026-11-2.xml", "2026-11-28T10:00:00.000Z"],
      ],
    );
    const doc = read(sitemapIndex(SITE, children)) as {
      sitemapindex: { "@_xmlns": string; sitemap: { loc: string; lastmod: string }[] };
    };
    assert.equal(doc.sitemapindex["@_xmlns"], "http://www.sitemaps.org/schemas/sitemap/0.9");
    assert.equal(
      doc.sitemapindex.sitemap[2]?.loc,
      "https://news.example/sitemaps/articles-2026-10.xml",
    );
    // With no articles at all, the index still names its fixed children.
    assert.deepEqual(
      sitemapChildren([]).map((c) => c.path),
      ["/sitemaps/pages.xml", "/sitemaps/news.xml"],
    );
  });

  test("child names read back to their month's range; anything else is not a child", () => {
    assert.equal(monthSitemapPath("2026-11"), "/sitemaps/articles-2026-11.xml");
    assert.deepEqual(parseMonthSitemapName("articles-2026-12.xml"), {
      month: "2026-12",
      page: 1,
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2027-01-01T00:00:00Z"),
    });
    assert.equal(parseMonthSitemapName("articles-2026-11-3.xml")?.page, 3);
    for (const bad of [
      "articles-2026-13.xml",
      "articles-2026-00.xml",
      "articles-2026-11-1.xml",
      "articles-2026-11-0.xml",
      "articles-26-11.xml",
      "articles-2026-11.xml.gz",
      "../articles-2026-11.xml",
    ]) {
      assert.equal(parseMonthSitemapName(bad), null, bad);
    }
  });
});

describe("article sitemaps", () => {
  test("list the pages we host, escaped, with lastmod; link items stay out", () => {
    const xml = articlesSitemap(SITE, [
      path({ slug: "own-one", updatedAt: "2026-11-27T11:00:00.000Z" }),
      path({ slug: "a-link", kind: "link" }),
      path({ slug: "live", kind: "liveblog", sectionSlug: "news & views" }),
    ]);
    const doc = read(xml) as { urlset: { url: { loc: string; lastmod: string }[] } };
    assert.deepEqual(
      doc.urlset.url.map((u) => [u.loc, u.lastmod]),
      [
        ["https://news.example/world/2026/11/27/own-one", "2026-11-27T11:00:00.000Z"],
        ["https://news.example/news%20%26%20views/2026/11/27/live", "2026-11-27T09:30:00.000Z"],
      ],
    );
  });

  test("page two starts after the first 50,000", () => {
    const many = Array.from({ length: SITEMAP_MAX_URLS + 2 }, (_, i) => path({ slug: `s${i}` }));
    assert.equal(locs(articlesSitemap(SITE, many, 1)).length, SITEMAP_MAX_URLS);
    assert.deepEqual(locs(articlesSitemap(SITE, many, 2)), [
      `https://news.example/world/2026/11/27/s${SITEMAP_MAX_URLS}`,
      `https://news.example/world/2026/11/27/s${SITEMAP_MAX_URLS + 1}`,
    ]);
  });

  test("pages: home, sections and topics", () => {
    assert.deepEqual(
      locs(pagesSitemap(SITE, { sections: ["world", "sport"], topics: ["minsk"] })),
      [
        "https://news.example/",
        "https://news.example/section/world",
        "https://news.example/section/sport",
        "https://news.example/topic/minsk",
      ],
    );
  });
});

describe("Google News sitemap", () => {
  const now = new Date("2026-11-28T12:00:00Z");

  test("has our own and full articles of the last 48 hours, newest first", () => {
    const xml = newsSitemap(
      SITE,
      [
        path({ slug: "old", publishedAt: "2026-11-26T11:59:59.000Z" }),
        path({ slug: "edge", publishedAt: "2026-11-26T12:00:00.000Z", kind: "full" }),
        path({ slug: "link", publishedAt: "2026-11-28T10:00:00.000Z", kind: "link" }),
        path({ slug: "future", publishedAt: "2026-11-28T12:00:01.000Z" }),
        path({
          slug: "new",
          publishedAt: "2026-11-28T11:00:00.000Z",
          headline: 'Minsk & "Moscow" <agree>',
          language: "en-GB",
        }),
      ],
      now,
    );
    const doc = read(xml) as {
      urlset: {
        "@_xmlns:news": string;
        url: { loc: string; "news:news": Record<string, unknown> }[];
      };
    };
    assert.equal(doc.urlset["@_xmlns:news"], "http://www.google.com/schemas/sitemap-news/0.9");
    assert.deepEqual(
      doc.urlset.url.map((u) => u.loc),
      ["https://news.example/world/2026/11/28/new", "https://news.example/world/2026/11/26/edge"],
    );
    assert.deepEqual(doc.urlset.url[0]?.["news:news"], {
      "news:publication": { "news:name": "Dispatch & Co", "news:language": "en" },
      "news:publication_date": "2026-11-28T11:00:00.000Z",
      "news:title": 'Minsk & "Moscow" <agree>',
    });
  });

  test("languages are ISO 639, with Google's two Chinese codes", () => {
    assert.equal(newsLanguage("en-GB"), "en");
    assert.equal(newsLanguage("es"), "es");
    assert.equal(newsLanguage("zh-Hant-TW"), "zh-tw");
    assert.equal(newsLanguage("zh-Hans"), "zh-cn");
    assert.equal(newsLanguage("zh"), "zh-cn");
  });
});

describe("robots.txt", () => {
  test("allows everything but the API and names the sitemap index by its absolute URL", () => {
    assert.equal(
      robotsTxt(SITE),
      "User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: https://news.example/sitemap.xml\n",
    );
  });
});
