import {
  type JsonFeed,
  ParseError,
  parseAtomFeed,
  parseJsonFeed,
  parseRdfFeed,
  parseRssFeed,
} from "feedsmith";
import type { FeedWarning, ParsedFeed } from "../../domain/feed.ts";
import { httpUrl } from "../import/fields.ts";
import { normalizeAtom } from "./atom.ts";
import {
  documentKind,
  htmlPage,
  isHtmlRoot,
  jsonDocument,
  type XmlFormat,
  xmlFeedFormat,
} from "./detect.ts";
import { feedError } from "./feed-errors.ts";
import { mergeWarnings, skipWarnings, truncatedWarning, withWarnings } from "./feed-warnings.ts";
import { normalizeJsonFeed } from "./json-feed.ts";
import { normalizeNinjs } from "./ninjs.ts";
import { jsonFeedError, parseJsonText, xmlParserError } from "./parser-errors.ts";
import type { RawFeed, ReadContext } from "./raw-feed.ts";
import { countSkip, EMPTY_ITEM, mapItems, type SkipCounts } from "./raw-item.ts";
import { normalizeRdf } from "./rdf.ts";
import { normalizeRss } from "./rss.ts";
import { sanitizeFeedItem } from "./sanitize-item.ts";
import { refuseDeepNesting, refuseEntities, scanXml, type XmlScan } from "./xml-guard.ts";
import { repairXml, truncatedDocument } from "./xml-repair.ts";

/**
 * Any feed Dispatch reads (RSS 0.9x/2.0, RSS 1.0 RDF, Atom 1.0, JSON Feed 1.0/1.1, IPTC ninjs)
 * → one `ParsedFeed`: detect the format → guard the XML → repair the shapes feedsmith does
 * not read (xml-repair.ts) → parse (feedsmith) → normalize
 * (titles, names and summaries to plain text, dates to ISO 8601 UTC, URLs to http(s) only)
 * → sanitize each item's HTML. `readFeed` stops before the last step, so ingestion can leave
 * out the items it already has before it pays for the sanitizer.
 *
 * Bad input is an AppError with a stable code, never a crash:
 * `too_large` (413), `unknown_format`, `malformed_feed`, `unsafe_feed` (422). A feed read
 * despite a problem (cut off after complete items, items skipped) says so in `warnings`.
 */

export const DEFAULT_MAX_FEED_BYTES = 10 * 1024 * 1024;

export interface ParseFeedOptions {
  /** The URL the document was fetched from: the base for relative links. */
  url: string | null;
  contentType?: string | null;
  /** Documents larger than this (UTF-8 bytes) are refused; default 10 MiB. */
  maxBytes?: number;
  /** ninjs items embargoed past this moment are left out; default: the clock. */
  now?: Date;
}

export function parseFeed(text: string, options: ParseFeedOptions): ParsedFeed {
  const { items, ...feed } = readFeed(text, options);
  // An item whose markup cannot be sanitized is left out, as one unreadable item is.
  const skipped: SkipCounts = new Map();
  const clean = mapItems(items, sanitizeFeedItem, skipped);
  return withWarnings(
    { ...feed, items: clean },
    mergeWarnings(feed.warnings ?? [], skipWarnings(skipped)),
  );
}

/** Everything `parseFeed` does but sanitizing: pass each item to `sanitizeFeedItem`. */
export function readFeed(text: string, options: ParseFeedOptions): RawFeed {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  // A character is at least one byte: only count bytes when the length leaves a doubt.
  if (text.length > maxBytes || Buffer.byteLength(text, "utf8") > maxBytes) {
    throw feedError("too_large", `the document is larger than ${maxBytes} bytes`, {
      status: 413,
      context: { limit: maxBytes },
    });
  }
  const skipped: SkipCounts = new Map();
  const ctx: ReadContext = {
    base: options.url === null ? null : httpUrl(options.url),
    contentType: options.contentType ?? null,
    now: options.now ?? new Date(),
    skipped,
  };
  const body = text.replace(/^\uFEFF/, "");
  const { feed, truncated } =
    documentKind(body, ctx) === "json"
      ? { feed: readJson(body, ctx), truncated: null }
      : readXml(body, ctx);
  const warnings = [...(truncated ? [truncated] : []), ...skipWarnings(skipped)];
  return withWarnings(feed, warnings);
}

function parseXml(format: XmlFormat, body: string, ctx: ReadContext): RawFeed {
  switch (format) {
    case "rss":
      return normalizeRss(parseRssFeed(body), ctx);
    case "rdf":
      return normalizeRdf(parseRdfFeed(body), ctx);
    case "atom":
      return normalizeAtom(parseAtomFeed(body), ctx);
  }
}

/** A document with a channel or items but nothing feedsmith reads: a feed, all items skipped. */
function emptyFeed(format: XmlFormat): RawFeed {
  return { format, title: null, link: null, language: null, ttlMinutes: null, items: [] };
}

function readXml(
  original: string,
  ctx: ReadContext,
): { feed: RawFeed; truncated: FeedWarning | null } {
  let body = original;
  let scan = scanXml(body);
  refuseEntities(scan, body);
  if (isHtmlRoot(scan.root)) throw htmlPage(body, ctx);
  refuseDeepNesting(scan, body);
  const format = xmlFeedFormat(scan.root, ctx);
  const repaired = repairXml(body, scan, format);
  if (repaired.repaired) {
    body = repaired.body;
    scan = scanXml(body);
  }
  // A document that ends inside open markup is read up to its last complete item.
  const salvaged = salvage(format, body, scan, ctx);
  let feed: RawFeed;
  if (salvaged !== null) ({ feed, scan } = salvaged);
  else {
    ctx.skipped?.clear();
    try {
      feed = parseXml(format, body, ctx);
    } catch (error) {
      const whole = scan.refused === null && scan.openAtEnd === null;
      if (error instanceof ParseError && whole && (scan.hasChannel || scan.itemCount > 0)) {
        feed = emptyFeed(format);
      } else throw xmlParserError(error, format, body, scan, ctx);
    }
  }
  // What feedsmith dropped without a word holds no field it reads.
  const accounted = feed.items.length + sumOf(ctx.skipped);
  countSkip(ctx.skipped, EMPTY_ITEM, scan.itemCount - accounted);
  return { feed, truncated: salvaged?.truncated ?? null };
}

/** A document cut off after complete items: those items, read, and where it broke. */
function salvage(
  format: XmlFormat,
  body: string,
  scan: XmlScan,
  ctx: ReadContext,
): { feed: RawFeed; scan: XmlScan; truncated: FeedWarning } | null {
  const cut = truncatedDocument(body, scan);
  if (cut === null) return null;
  try {
    const feed = parseXml(format, cut.body, ctx);
    const truncated = truncatedWarning(body, cut.breakAt, feed.items.length);
    return { feed, scan: scanXml(cut.body), truncated };
  } catch {
    // Broken before the break as well: reading the whole document says where.
    return null;
  }
}

function sumOf(counts: SkipCounts | undefined): number {
  let total = 0;
  for (const n of counts?.values() ?? []) total += n;
  return total;
}

function readJson(body: string, ctx: ReadContext): RawFeed {
  const document = jsonDocument(parseJsonText(body), ctx);
  if (document.format === "ninjs") return normalizeNinjs(document.items, ctx, document.isList);
  let feed: JsonFeed.Feed<string>;
  try {
    feed = parseJsonFeed(document.feed);
  } catch (error) {
    throw jsonFeedError(error);
  }
  return normalizeJsonFeed(feed, ctx);
}
