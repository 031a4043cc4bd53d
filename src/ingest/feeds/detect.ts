import type { AppError } from "../../domain/errors.ts";
import type { FeedFormat } from "../../domain/feed.ts";
import { collapseWhitespace } from "../import/fields.ts";
import { htmlToText } from "../sanitize.ts";
import { unknownFormat } from "./feed-errors.ts";
import { isRecord, own } from "./json-values.ts";
import { resolveUrl } from "./links.ts";
import type { ReadContext } from "./raw-feed.ts";

/**
 * Which format a document is, from its first characters and then its root element or
 * JSON shape; anything else is `unknown_format` with a message naming what it is instead
 * (an HTML page and the feeds it advertises, an OPML outline, a sitemap…).
 */

export type XmlFormat = Extract<FeedFormat, "rss" | "rdf" | "atom">;

const HTML_START =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html[\s>]|<html[\s>])/i;
const HTML_ROOTS = new Set(["html", "head", "body"]);

/** XML or JSON by the first character past a BOM and whitespace; an HTML page is neither. */
export function documentKind(body: string, ctx: ReadContext): "xml" | "json" {
  const start = body.search(/\S/);
  if (start === -1) throw unknownFormat("the document is empty", ctx);
  const first = body[start];
  if (first === "{" || first === "[") return "json";
  if (first === "<") {
    if (HTML_START.test(body)) throw htmlPage(body, ctx);
    return "xml";
  }
  if (body.includes("\u0000")) throw unknownFormat("binary data, not a feed", ctx);
  const opening = collapseWhitespace(body.slice(start, start + 40));
  throw unknownFormat(
    `text that is neither XML nor JSON, not a feed (it starts with "${opening}")`,
    ctx,
  );
}

function localName(root: string | null): string {
  return root?.toLowerCase().split(":").at(-1) ?? "";
}

/** An XML document whose root is an HTML element (XHTML, a prefixed `<h:html>`). */
export function isHtmlRoot(root: string | null): boolean {
  return HTML_ROOTS.has(localName(root));
}

/** The feed format a root element names; unknown_format naming what the document is. */
export function xmlFeedFormat(root: string | null, ctx: ReadContext): XmlFormat {
  const local = localName(root);
  if (local === "rss") return "rss";
  if (local === "rdf") return "rdf";
  if (local === "feed") return "atom";
  if (root === null) throw unknownFormat("markup without any element", ctx);
  const what =
    local === "opml"
      ? "an OPML outline (a list of feeds), not a feed"
      : local === "urlset" || local === "sitemapindex"
        ? "a sitemap, not a feed"
        : `an XML document whose root element is <${root.slice(0, 60)}>, not a feed`;
  throw unknownFormat(what, ctx, { found: "xml", root: root.slice(0, 100) });
}

export type JsonDocument =
  | { format: "json"; feed: Record<string, unknown> }
  | { format: "ninjs"; items: unknown[]; isList: boolean };

/** JSON Feed by its version URL, otherwise ninjs (one item, a list, or {items: [...]}). */
export function jsonDocument(value: unknown, ctx: ReadContext): JsonDocument {
  if (isRecord(value)) {
    const version = own(value, "version");
    if (typeof version === "string" && /jsonfeed\.org\/version\//i.test(version)) {
      return { format: "json", feed: value };
    }
    const items = own(value, "items");
    if (Array.isArray(items)) return { format: "ninjs", items, isList: true };
    return { format: "ninjs", items: [value], isList: false };
  }
  if (Array.isArray(value)) return { format: "ninjs", items: value, isList: true };
  throw unknownFormat(`a JSON ${value === null ? "null" : typeof value}, not a feed`, ctx);
}

// ---------------------------------------------------------------------------------------------
// HTML pages: say so, and name the feeds the page advertises.

const FEED_TYPES = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/feed+json",
  "application/json",
]);
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const name = m[1]?.toLowerCase();
    if (name === undefined || out.has(name)) continue;
    // Attribute values carry entities ("&amp;", "&raquo;"): read them as text.
    out.set(name, htmlToText(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return out;
}

export interface FeedAlternate {
  url: string;
  type: string;
  title: string | null;
}

/** The feeds a page advertises with `<link rel="alternate">`, absolute, without repeats. */
export function feedAlternates(html: string, pageUrl: string | null): FeedAlternate[] {
  // The links live in <head>; a page's first 512 KiB holds it.
  const head = html.slice(0, 512 * 1024);
  const baseTag = /<base\b([^>]*)>/i.exec(head);
  const baseHref = baseTag ? attributes(baseTag[1] ?? "").get("href") : undefined;
  const base = baseHref ? (resolveUrl(baseHref, pageUrl) ?? pageUrl) : pageUrl;
  const out: FeedAlternate[] = [];
  for (const m of head.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = attributes(m[1] ?? "");
    const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
    const type = (attrs.get("type") ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
    if (!rel.includes("alternate") || !FEED_TYPES.has(type)) continue;
    const url = resolveUrl(attrs.get("href"), base);
    if (url !== null && !out.some((a) => a.url === url)) {
      out.push({ url, type, title: attrs.get("title") || null });
    }
  }
  return out;
}

export function htmlPage(body: string, ctx: ReadContext): AppError {
  const alternates = feedAlternates(body, ctx.base);
  const [first] = alternates;
  const advice = first
    ? `the page advertises a feed at ${first.url}${alternates.length > 1 ? ` (and ${alternates.length - 1} more)` : ""}`
    : 'the page advertises no feed (no <link rel="alternate"> of a feed type)';
  return unknownFormat("an HTML page, not a feed", ctx, { found: "html", alternates }, advice);
}
