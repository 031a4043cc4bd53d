import { type JsonFeed, parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed } from "feedsmith";
import type { ParsedFeed } from "../../domain/feed.ts";
import { httpUrl } from "../import/fields.ts";
import { normalizeAtom } from "./atom.ts";
import { documentKind, htmlPage, isHtmlRoot, jsonDocument, xmlFeedFormat } from "./detect.ts";
import { feedError } from "./feed-errors.ts";
import { normalizeJsonFeed } from "./json-feed.ts";
import { normalizeNinjs } from "./ninjs.ts";
import { jsonFeedError, parseJsonText, xmlParserError } from "./parser-errors.ts";
import type { RawFeed, ReadContext } from "./raw-feed.ts";
import { mapItems } from "./raw-item.ts";
import { normalizeRdf } from "./rdf.ts";
import { normalizeRss } from "./rss.ts";
import { sanitizeFeedItem } from "./sanitize-item.ts";
import { refuseDeepNesting, refuseEntities, scanXml } from "./xml-guard.ts";

/**
 * Any feed Dispatch reads (RSS 0.9x/2.0, RSS 1.0 RDF, Atom 1.0, JSON Feed 1.0/1.1, IPTC ninjs)
 * → one `ParsedFeed`: detect the format → guard the XML → parse (feedsmith) → normalize
 * (titles, names and summaries to plain text, dates to ISO 8601 UTC, URLs to http(s) only)
 * → sanitize each item's HTML. `readFeed` stops before the last step, so ingestion can leave
 * out the items it already has before it pays for the sanitizer.
 *
 * Bad input is an AppError with a stable code, never a crash:
 * `too_large` (413), `unknown_format`, `malformed_feed`, `unsafe_feed` (422).
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
  return { ...feed, items: mapItems(items, sanitizeFeedItem) };
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
  const ctx: ReadContext = {
    base: options.url === null ? null : httpUrl(options.url),
    contentType: options.contentType ?? null,
    now: options.now ?? new Date(),
  };
  const body = text.replace(/^\uFEFF/, "");
  return documentKind(body, ctx) === "json" ? readJson(body, ctx) : readXml(body, ctx);
}

function readXml(body: string, ctx: ReadContext): RawFeed {
  const scan = scanXml(body);
  refuseEntities(scan, body);
  if (isHtmlRoot(scan.root)) throw htmlPage(body, ctx);
  refuseDeepNesting(scan, body);
  const format = xmlFeedFormat(scan.root, ctx);
  try {
    switch (format) {
      case "rss":
        return normalizeRss(parseRssFeed(body), ctx);
      case "rdf":
        return normalizeRdf(parseRdfFeed(body), ctx);
      case "atom":
        return normalizeAtom(parseAtomFeed(body), ctx);
    }
  } catch (error) {
    throw xmlParserError(error, format, body, scan, ctx);
  }
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
