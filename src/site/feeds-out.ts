import type { Correction } from "../db/correction-repository.ts";
import type { Article } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { bodyText } from "../domain/body-text.ts";
import { escapeHtml } from "../domain/highlight.ts";
import type { LiveblogEntry } from "../domain/liveblog.ts";
import { entryHeadline } from "./liveblog-entries.tsx";
import type { SiteContext } from "./site-context.ts";
import { XML_DECLARATION, xmlAttr, xmlElement, xmlText } from "./xml.ts";

/**
 * The feeds Dispatch publishes (RSS 2.0, Atom 1.0, JSON Feed 1.1) from reader-visible
 * articles. Pure: the caller picks the articles and says what the feed is.
 *
 * Articles we host (`own`, `full`) carry their body; a `link` item carries its summary and
 * the publisher's URL, never a body: the text is the publisher's, not ours to republish.
 */

export const FEED_OUT_FORMATS = ["rss", "atom", "json"] as const;
export type FeedOutFormat = (typeof FEED_OUT_FORMATS)[number];

export const FEED_EXTENSIONS: Readonly<Record<FeedOutFormat, string>> = {
  rss: "xml",
  atom: "atom",
  json: "json",
};

export const FEED_MEDIA_TYPES: Readonly<Record<FeedOutFormat, string>> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

const FORMAT_LABELS: Readonly<Record<FeedOutFormat, string>> = {
  rss: "RSS",
  atom: "Atom",
  json: "JSON Feed",
};

export type FeedSite = Pick<SiteContext, "name" | "url" | "language">;

/** The page a feed follows. */
export type FeedScope =
  | { kind: "home" }
  | { kind: "section"; slug: string }
  | { kind: "topic"; slug: string };

export function scopePath(scope: FeedScope): string {
  switch (scope.kind) {
    case "home":
      return "/";
    case "section":
      return `/section/${encodeURIComponent(scope.slug)}`;
    case "topic":
      return `/topic/${encodeURIComponent(scope.slug)}`;
  }
}

/** `/feed.xml`, `/section/world/feed.atom`, `/topic/minsk/feed.json`… */
export function feedPath(scope: FeedScope, format: FeedOutFormat): string {
  const page = scopePath(scope);
  return `${page === "/" ? "" : page}/feed.${FEED_EXTENSIONS[format]}`;
}

/** A live blog's Atom feed, beside its page: `/world/2026/11/28/storm/feed.atom`. */
export function liveblogFeedPath(articlePath: string): string {
  return `${articlePath}/feed.${FEED_EXTENSIONS.atom}`;
}

/** The format a feed path's extension names, for `<link rel="alternate" type>`. */
export function feedMediaType(href: string): string | null {
  const extension = /\.([a-z]+)(?:[?#]|$)/.exec(href)?.[1];
  const format = FEED_OUT_FORMATS.find((f) => FEED_EXTENSIONS[f] === extension);
  return format === undefined ? null : FEED_MEDIA_TYPES[format];
}

/** The three alternate links a page of this scope advertises. */
export function feedAlternates(scope: FeedScope, title: string): { title: string; href: string }[] {
  return FEED_OUT_FORMATS.map((format) => ({
    title: `${title} (${FORMAT_LABELS[format]})`,
    href: feedPath(scope, format),
  }));
}

export interface FeedMeta {
  title: string;
  description: string;
  /** Absolute URL of the page the feed follows. */
  htmlUrl: string;
  /** Absolute URL of this feed, in this format. */
  selfUrl: string;
  /** WebSub hub to advertise; empty or absent for none. */
  hub?: string | null | undefined;
  /**
   * A change the entries do not show (a live-blog entry deleted): the feed's `updated`
   * never goes back in time. The newest entry's time when absent.
   */
  updated?: string | undefined;
}

export function renderFeed(
  format: FeedOutFormat,
  site: FeedSite,
  meta: FeedMeta,
  articles: readonly Article[],
  corrections?: Corrections,
): string {
  switch (format) {
    case "rss":
      return rssFeed(site, meta, articles, corrections);
    case "atom":
      return atomFeed(site, meta, articles, corrections);
    case "json":
      return jsonFeed(site, meta, articles, corrections);
  }
}

/** What every format says about one article (or one live-blog entry). */
interface Entry {
  /** The entry's permanent id where it is not its URL (Atom `id`). */
  id?: string;
  url: string;
  title: string;
  summary: string;
  /** Sanitized HTML, only for articles we host. */
  body: string | null;
  /** The publisher's page, for link items. */
  externalUrl: string | null;
  published: string;
  updated: string;
  author: string | null;
  categories: string[];
  language: string;
  /** "Correction (time): text" for each published correction, newest first. */
  corrections: string[];
}

/** Published corrections by article id, oldest first (db/correction-repository.ts). */
export type Corrections = ReadonlyMap<number, readonly Correction[]>;

const SUMMARY_MAX = 400;

/** The later of two ISO 8601 UTC times, which compare as text. */
function later(a: string, b: string): string {
  if (a < b) return b;
  return a;
}

/** The standfirst, else the first paragraph, cut at a word within SUMMARY_MAX characters. */
export function feedSummary(article: Pick<Article, "standfirst" | "body">): string {
  const text = article.standfirst?.trim() || (bodyText(article.body).split("\n\n")[0] ?? "");
  if (text.length <= SUMMARY_MAX) return text;
  return `${text.slice(0, SUMMARY_MAX - 1).replace(/\s+\S*$/, "")}…`;
}

function entries(
  site: FeedSite,
  articles: readonly Article[],
  corrections: Corrections = new Map(),
): Entry[] {
  return articles.flatMap((a) => {
    const path = articlePath(a);
    if (path === null || a.publishedAt === null) return [];
    const hosted = a.kind === "own" || a.kind === "full";
    const seen = new Set<string>();
    const categories = [a.sectionName, ...a.categories].filter((c) => {
      const key = c.trim().toLowerCase();
      if (key === "" || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return [
      {
        url: `${site.url}${path}`,
        title: a.headline,
        summary: feedSummary(a),
        body: hosted && a.body.trim() !== "" ? a.body : null,
        externalUrl: a.kind === "link" ? (a.externalUrl ?? a.canonicalUrl) : null,
        published: a.publishedAt,
        // A scheduled article is stored before it is published: its row is older than it.
        updated: later(a.updatedAt, a.publishedAt),
        author: a.byline?.trim() || null,
        categories,
        language: a.language,
        corrections: [...(corrections.get(a.id) ?? [])]
          .reverse()
          .map((c) => `Correction (${c.createdAt}): ${c.text}`),
      },
    ];
  });
}

/** The corrections before the summary, as text. */
function withCorrections(corrections: readonly string[], summary: string): string {
  return [...corrections, summary].filter((t) => t !== "").join("\n\n");
}

/** The corrections before the body, as escaped HTML paragraphs. */
function correctionsHtml(corrections: readonly string[]): string {
  return corrections.map((c) => `<p><strong>${escapeHtml(c)}</strong></p>`).join("");
}

// An empty feed has not been updated; a fixed time keeps its ETag stable.
const NEVER = "1970-01-01T00:00:00.000Z";

function lastUpdated(list: readonly Entry[]): string {
  return list.reduce((max, e) => later(max, e.updated), NEVER);
}

/** RFC 822 (as RFC 1123 writes it): "Sun, 01 Nov 2026 10:00:00 GMT". */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

function hubOf(meta: FeedMeta): string | null {
  return meta.hub?.trim() ? meta.hub.trim() : null;
}

export function rssFeed(
  site: FeedSite,
  meta: FeedMeta,
  articles: readonly Article[],
  corrections?: Corrections,
): string {
  const list = entries(site, articles, corrections);
  const hub = hubOf(meta);
  const items = list.map((e) =>
    [
      "<item>",
      xmlElement("title", e.title),
      xmlElement("link", e.url),
      `<guid isPermaLink="true">${xmlText(e.url)}</guid>`,
      xmlElement("pubDate", rfc822(e.published)),
      xmlElement("dc:creator", e.author),
      ...e.categories.map((c) => xmlElement("category", c)),
      // RSS has no modified date of its own. The guid stays the permalink (a new guid
      // makes every reader show the article twice); what readers do honour is a changed
      // item under the same guid: Feedly, Inoreader, NetNewsWire and Thunderbird compare
      // the description and content and mark the item updated. So the correction leads
      // both, and atom:updated (the namespace is declared) gives the time to readers that
      // read it.
      xmlElement("description", withCorrections(e.corrections, e.summary)),
      xmlElement(
        "content:encoded",
        e.body === null ? null : correctionsHtml(e.corrections) + e.body,
      ),
      e.corrections.length > 0 ? xmlElement("atom:updated", e.updated) : "",
      e.externalUrl
        ? `<atom:link rel="related" type="text/html" href="${xmlAttr(e.externalUrl)}"/>`
        : "",
      "</item>",
    ].join(""),
  );
  return [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n',
    "<channel>\n",
    xmlElement("title", meta.title),
    xmlElement("link", meta.htmlUrl),
    xmlElement("description", meta.description),
    xmlElement("language", site.language),
    xmlElement("lastBuildDate", rfc822(lastUpdated(list))),
    xmlElement("generator", "Dispatch"),
    `<atom:link rel="self" type="${FEED_MEDIA_TYPES.rss}" href="${xmlAttr(meta.selfUrl)}"/>`,
    hub ? `<atom:link rel="hub" href="${xmlAttr(hub)}"/>` : "",
    "\n",
    ...items.map((item) => `${item}\n`),
    "</channel>\n</rss>\n",
  ].join("");
}

export function atomFeed(
  site: FeedSite,
  meta: FeedMeta,
  articles: readonly Article[],
  corrections?: Corrections,
): string {
  return atomDocument(site, meta, entries(site, articles, corrections));
}

/** What a live blog's Atom entry is made of (the body is sanitized HTML, as stored). */
export type LiveblogFeedEntry = Pick<
  LiveblogEntry,
  "id" | "title" | "body" | "byline" | "postedAt" | "updatedAt"
>;

/**
 * A tag URI (RFC 4151) for one entry of one blog: unlike its URL it survives a renamed
 * section or slug, so a reader never shows an entry twice.
 */
export function liveEntryId(
  site: Pick<FeedSite, "url">,
  blog: { id: number; publishedAt: string | null; createdAt: string },
  entryId: number,
): string {
  const host = new URL(site.url).host;
  const day = (blog.publishedAt ?? blog.createdAt).slice(0, 10);
  return `tag:${host},${day}:liveblog/${blog.id}/entry/${entryId}`;
}

/**
 * One live blog's entries as an Atom feed, through the same writer as every other feed.
 * Each entry links its permalink (`entryUrl`), keeps its id for good, and carries its
 * `updated` time and current text, so an edit reaches readers as a changed entry; a
 * deleted entry is simply no longer listed.
 */
export function liveblogAtomFeed(
  site: FeedSite,
  meta: FeedMeta,
  blog: Article,
  list: readonly LiveblogFeedEntry[],
  entryUrl: (entryId: number) => string,
): string {
  const items: Entry[] = list.map((e) => ({
    id: liveEntryId(site, blog, e.id),
    url: entryUrl(e.id),
    title: entryHeadline(e),
    summary: feedSummary({ standfirst: null, body: e.body }),
    body: e.body.trim() === "" ? null : e.body,
    externalUrl: null,
    published: e.postedAt,
    updated: later(e.updatedAt, e.postedAt),
    author: e.byline?.trim() || null,
    categories: [],
    language: blog.language,
    corrections: [],
  }));
  return atomDocument(site, meta, items);
}

function atomDocument(site: FeedSite, meta: FeedMeta, list: readonly Entry[]): string {
  const hub = hubOf(meta);
  const link = (rel: string, href: string, type?: string) =>
    `<link rel="${rel}"${type ? ` type="${type}"` : ""} href="${xmlAttr(href)}"/>`;
  const items = list.map((e) =>
    [
      e.language === site.language ? "<entry>" : `<entry xml:lang="${xmlAttr(e.language)}">`,
      xmlElement("id", e.id ?? e.url),
      `<title type="text">${xmlText(e.title)}</title>`,
      link("alternate", e.url, "text/html"),
      e.externalUrl ? link("related", e.externalUrl, "text/html") : "",
      xmlElement("published", e.published),
      xmlElement("updated", e.updated),
      e.author ? `<author>${xmlElement("name", e.author)}</author>` : "",
      ...e.categories.map((c) => `<category term="${xmlAttr(c)}"/>`),
      e.summary || e.corrections.length > 0
        ? `<summary type="text">${xmlText(withCorrections(e.corrections, e.summary))}</summary>`
        : "",
      e.body
        ? `<content type="html">${xmlText(correctionsHtml(e.corrections) + e.body)}</content>`
        : "",
      "</entry>",
    ].join(""),
  );
  return [
    XML_DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlAttr(site.language)}">\n`,
    xmlElement("id", meta.selfUrl),
    `<title type="text">${xmlText(meta.title)}</title>`,
    `<subtitle type="text">${xmlText(meta.description)}</subtitle>`,
    xmlElement("updated", later(lastUpdated(list), meta.updated ?? NEVER)),
    link("alternate", meta.htmlUrl, "text/html"),
    link("self", meta.selfUrl, FEED_MEDIA_TYPES.atom),
    hub ? link("hub", hub) : "",
    // The feed's author stands for every entry without a byline (RFC 4287 §4.1.1).
    `<author>${xmlElement("name", site.name)}${xmlElement("uri", site.url)}</author>`,
    `<generator>Dispatch</generator>`,
    "\n",
    ...items.map((item) => `${item}\n`),
    "</feed>\n",
  ].join("");
}

export function jsonFeed(
  site: FeedSite,
  meta: FeedMeta,
  articles: readonly Article[],
  corrections?: Corrections,
): string {
  const hub = hubOf(meta);
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: meta.title,
    home_page_url: meta.htmlUrl,
    feed_url: meta.selfUrl,
    description: meta.description,
    language: site.language,
    authors: [{ name: site.name, url: site.url }],
    ...(hub ? { hubs: [{ type: "WebSub", url: hub }] } : {}),
    items: entries(site, articles, corrections).map((e) => ({
      id: e.url,
      url: e.url,
      ...(e.externalUrl ? { external_url: e.externalUrl } : {}),
      title: e.title,
      summary: withCorrections(e.corrections, e.summary),
      // JSON Feed wants content in every item: a link item's is its summary, never a body.
      ...(e.body
        ? { content_html: correctionsHtml(e.corrections) + e.body }
        : { content_text: withCorrections(e.corrections, e.summary) }),
      date_published: e.published,
      date_modified: e.updated,
      ...(e.author ? { authors: [{ name: e.author }] } : {}),
      tags: e.categories,
      language: e.language,
    })),
  };
  return `${JSON.stringify(feed)}\n`;
}
