import type { VisibleMonth, VisiblePath } from "../db/article-repository.ts";
import type { ArticleKind } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import type { FeedSite } from "./feeds-out.ts";
import { XML_DECLARATION, xmlElement } from "./xml.ts";

/**
 * sitemap.xml (an index), its children, the Google News sitemap and robots.txt. Pure: the
 * routes read the visible articles and pass them in. Only pages we host are listed: a
 * `link` item's page names the publisher's URL as canonical, so it is not ours to offer.
 */

/** The sitemap protocol's limit per file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News takes articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_HOURS = 48;
export const NEWS_MAX_URLS = 1_000;

const HOSTED: ReadonlySet<ArticleKind> = new Set(["own", "full", "liveblog"]);
const NEWS_KINDS: ReadonlySet<ArticleKind> = new Set(["own", "full"]);

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

export const PAGES_SITEMAP_PATH = "/sitemaps/pages.xml";
export const NEWS_SITEMAP_PATH = "/sitemaps/news.xml";

export interface SitemapChild {
  path: string;
  lastModified: string | null;
}

/** `/sitemaps/articles-2026-11.xml`; a month past 50,000 articles goes on in `-2`, `-3`… */
export function monthSitemapPath(month: string, page = 1): string {
  return `/sitemaps/articles-${month}${page > 1 ? `-${page}` : ""}.xml`;
}

export interface MonthSitemap {
  month: string;
  page: number;
  from: Date;
  to: Date;
}

/** Reads a child's file name back; null for anything that is not one. */
export function parseMonthSitemapName(name: string): MonthSitemap | null {
  const m = /^articles-(\d{4})-(\d{2})(?:-([1-9]\d{0,5}))?\.xml$/.exec(name);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const page = m[3] === undefined ? 1 : Number(m[3]);
  // "-1" is page one's other name: one URL per page.
  if (month < 1 || month > 12 || m[3] === "1") return null;
  return {
    month: `${m[1]}-${m[2]}`,
    page,
    from: new Date(Date.UTC(year, month - 1, 1)),
    to: new Date(Date.UTC(year, month, 1)),
  };
}

/** Pages of a month's sitemap: every page the index names must answer. */
export function monthPages(count: number): number {
  return Math.max(1, Math.ceil(count / SITEMAP_MAX_URLS));
}

/** The index's children: pages, news, then each month with visible articles. */
export function sitemapChildren(months: readonly VisibleMonth[]): SitemapChild[] {
  const latest = months.reduce<string | null>(
    (max, m) => (max === null || m.lastModified > max ? m.lastModified : max),
    null,
  );
  return [
    { path: PAGES_SITEMAP_PATH, lastModified: latest },
    { path: NEWS_SITEMAP_PATH, lastModified: latest },
    ...months.flatMap((m) =>
      Array.from({ length: monthPages(m.count) }, (_, i) => ({
        path: monthSitemapPath(m.month, i + 1),
        lastModified: m.lastModified,
      })),
    ),
  ];
}

export function sitemapIndex(site: FeedSite, children: readonly SitemapChild[]): string {
  return [
    XML_DECLARATION,
    `<sitemapindex xmlns="${SITEMAP_NS}">\n`,
    ...children.map(
      (c) =>
        `<sitemap>${xmlElement("loc", `${site.url}${c.path}`)}${xmlElement("lastmod", c.lastModified)}</sitemap>\n`,
    ),
    "</sitemapindex>\n",
  ].join("");
}

function urlOf(site: FeedSite, p: VisiblePath): string | null {
  const path = articlePath(p);
  return path === null ? null : `${site.url}${path}`;
}

function urlset(entries: string[], namespaces = ""): string {
  return [
    XML_DECLARATION,
    `<urlset xmlns="${SITEMAP_NS}"${namespaces}>\n`,
    ...entries.map((e) => `${e}\n`),
    "</urlset>\n",
  ].join("");
}

/** One page of a month's sitemap: `paths` are that month's visible articles, oldest first. */
export function articlesSitemap(site: FeedSite, paths: readonly VisiblePath[], page = 1): string {
  const start = (page - 1) * SITEMAP_MAX_URLS;
  return urlset(
    paths.slice(start, start + SITEMAP_MAX_URLS).flatMap((p) => {
      const loc = HOSTED.has(p.kind) ? urlOf(site, p) : null;
      return loc === null
        ? []
        : [`<url>${xmlElement("loc", loc)}${xmlElement("lastmod", p.updatedAt)}</url>`];
    }),
  );
}

export function pagesSitemap(
  site: FeedSite,
  pages: { sections: readonly string[]; topics: readonly string[] },
): string {
  const paths = [
    "/",
    ...pages.sections.map((s) => `/section/${encodeURIComponent(s)}`),
    ...pages.topics.map((t) => `/topic/${encodeURIComponent(t)}`),
  ];
  return urlset(
    paths.map(
      (p) => `<url>${xmlElement("loc", p === "/" ? `${site.url}/` : `${site.url}${p}`)}</url>`,
    ),
  );
}

/**
 * Google wants ISO 639 codes, with Chinese as zh-cn or zh-tw: "en-GB" is "en",
 * "zh-Hant-TW" is "zh-tw".
 */
export function newsLanguage(language: string): string {
  const tags = language.toLowerCase().split(/[-_]/);
  const primary = tags[0] || "und";
  if (primary !== "zh") return primary;
  return tags.some((t) => t === "tw" || t === "hk" || t === "mo" || t === "hant")
    ? "zh-tw"
    : "zh-cn";
}

/** The Google News sitemap: our own and full articles of the last 48 hours, newest first. */
export function newsSitemap(site: FeedSite, paths: readonly VisiblePath[], now: Date): string {
  const since = new Date(now.getTime() - NEWS_WINDOW_HOURS * 3_600_000).toISOString();
  const until = now.toISOString();
  const recent = paths
    .filter((p) => NEWS_KINDS.has(p.kind) && p.publishedAt >= since && p.publishedAt <= until)
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0))
    .slice(0, NEWS_MAX_URLS);
  return urlset(
    recent.flatMap((p) => {
      const loc = urlOf(site, p);
      if (loc === null) return [];
      return [
        [
          "<url>",
          xmlElement("loc", loc),
          "<news:news><news:publication>",
          xmlElement("news:name", site.name),
          xmlElement("news:language", newsLanguage(p.language)),
          "</news:publication>",
          xmlElement("news:publication_date", p.publishedAt),
          xmlElement("news:title", p.headline),
          "</news:news></url>",
        ].join(""),
      ];
    }),
    ` xmlns:news="${NEWS_NS}"`,
  );
}

export function robotsTxt(site: Pick<FeedSite, "url">): string {
  return [
    "User-agent: *",
    "Allow: /",
    "Disallow: /api/",
    "",
    `Sitemap: ${site.url}/sitemap.xml`,
    "",
  ].join("\n");
}
