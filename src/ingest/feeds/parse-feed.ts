import {
  type AtomFeed,
  DetectError,
  type JsonFeed,
  MalformedError,
  type MediaNs,
  ParseError,
  parseAtomFeed,
  parseJsonFeed,
  parseRdfFeed,
  parseRssFeed,
  type RdfFeed,
  type RssFeed,
} from "feedsmith";
import sanitize from "sanitize-html";
import { AppError, isAppError } from "../../domain/errors.ts";
import type { Enclosure, FeedFormat, FeedItem, ParsedFeed } from "../../domain/feed.ts";
import {
  collapseWhitespace,
  httpUrl,
  normalizeLanguage,
  sha256Hex,
  textToHtml,
} from "../import/fields.ts";
import { parseNinjs } from "../import/ninjs.ts";
import { htmlToText, MAX_HTML_TAGS, sanitizeHtml } from "../sanitize.ts";
import { parseFeedDate } from "./dates.ts";

/**
 * Any feed Dispatch reads (RSS 0.9x/2.0, RSS 1.0 RDF, Atom 1.0, JSON Feed 1.0/1.1, IPTC ninjs)
 * → one `ParsedFeed`. feedsmith reads each format's structure; everything a reader sees is
 * normalized here: titles, names and summaries to plain text, bodies through the sanitizer
 * with their relative links made absolute first, dates to ISO 8601 UTC, URLs to http(s) only.
 *
 * Bad input is an AppError with a stable code, never a crash:
 * `too_large` (413), `unknown_format`, `malformed_feed`, `unsafe_feed` (422).
 */

export const DEFAULT_MAX_FEED_BYTES = 10 * 1024 * 1024;
/** No real feed nests this deep; xhtml content adds a dozen levels at most. */
export const MAX_XML_DEPTH = 200;

export interface ParseFeedOptions {
  /** The URL the document was fetched from: the base for relative links. */
  url: string | null;
  contentType?: string | null;
  /** Documents larger than this (UTF-8 bytes) are refused; default 10 MiB. */
  maxBytes?: number;
  /** ninjs items embargoed past this moment are left out; default: the clock. */
  now?: Date;
}

interface Context {
  base: string | null;
  contentType: string | null;
  now: Date;
}

export function parseFeed(text: string, options: ParseFeedOptions): ParsedFeed {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  // A character is at least one byte: only count bytes when the length leaves a doubt.
  if (text.length > maxBytes || Buffer.byteLength(text, "utf8") > maxBytes) {
    throw feedError("too_large", `the document is larger than ${maxBytes} bytes`, {
      status: 413,
      context: { limit: maxBytes },
    });
  }
  const ctx: Context = {
    base: options.url === null ? null : httpUrl(options.url),
    contentType: options.contentType ?? null,
    now: options.now ?? new Date(),
  };
  const body = text.replace(/^\uFEFF/, "");
  const start = body.search(/\S/);
  if (start === -1) throw unknownFormat("the document is empty", ctx);
  const first = body[start];
  if (first === "{" || first === "[") return parseJsonDocument(body, ctx);
  if (first === "<") {
    if (HTML_START.test(body)) throw htmlPage(body, ctx);
    return parseXmlDocument(body, ctx);
  }
  if (body.includes("\u0000")) throw unknownFormat("binary data, not a feed", ctx);
  const opening = collapseWhitespace(body.slice(start, start + 40));
  throw unknownFormat(
    `text that is neither XML nor JSON, not a feed (it starts with "${opening}")`,
    ctx,
  );
}

// ---------------------------------------------------------------------------------------------
// Errors

function feedError(
  code: string,
  message: string,
  options: { status?: number; context?: Record<string, unknown>; cause?: unknown } = {},
): AppError {
  return new AppError(code, message, { status: 422, ...options });
}

const EXPECTED = "expected RSS, Atom, RDF, JSON Feed or ninjs";

function unknownFormat(
  found: string,
  ctx: Context,
  context: Record<string, unknown> = {},
  advice = EXPECTED,
): AppError {
  const served = ctx.contentType ? ` (served as ${ctx.contentType.split(";")[0]?.trim()})` : "";
  return feedError("unknown_format", `${found}${served}; ${advice}`, {
    context: { contentType: ctx.contentType, ...context },
  });
}

/** 1-based line and column of a character offset, for messages people act on. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// ---------------------------------------------------------------------------------------------
// HTML pages: say so, and name the feeds the page advertises.

const HTML_START =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html[\s>]|<html[\s>])/i;
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

interface Alternate {
  url: string;
  type: string;
  title: string | null;
}

function feedAlternates(html: string, pageUrl: string | null): Alternate[] {
  // The links live in <head>; a page's first 512 KiB holds it.
  const head = html.slice(0, 512 * 1024);
  const baseTag = /<base\b([^>]*)>/i.exec(head);
  const baseHref = baseTag ? attributes(baseTag[1] ?? "").get("href") : undefined;
  const base = baseHref ? (resolveUrl(baseHref, pageUrl) ?? pageUrl) : pageUrl;
  const out: Alternate[] = [];
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

function htmlPage(body: string, ctx: Context): AppError {
  const alternates = feedAlternates(body, ctx.base);
  const [first] = alternates;
  const advice = first
    ? `the page advertises a feed at ${first.url}${alternates.length > 1 ? ` (and ${alternates.length - 1} more)` : ""}`
    : 'the page advertises no feed (no <link rel="alternate"> of a feed type)';
  return unknownFormat("an HTML page, not a feed", ctx, { found: "html", alternates }, advice);
}

// ---------------------------------------------------------------------------------------------
// XML: a pre-scan for what the parser must never see, then feedsmith.

interface XmlProblem {
  kind: "unclosed" | "stray" | "unterminated";
  /** Element name, lowercased; "comment", "cdata" or "declaration" for unterminated ones. */
  name: string;
  offset: number;
}

interface XmlScan {
  /** Name of the first element, as written. */
  root: string | null;
  entityAt: number | null;
  tooDeepAt: number | null;
  /** Where nesting first passed fast-xml-parser's own limit, which it reports without a place. */
  parserDepthAt: number | null;
  /** What the scan saw go wrong: where to point when the parser gives up without a position. */
  problems: XmlProblem[];
}

const MAX_PROBLEMS = 50;
// Elements whose content is text or markup-as-text in every format we read.
const TEXT_ELEMENTS = new Set([
  "title",
  "description",
  "encoded",
  "content",
  "summary",
  "subtitle",
  "rights",
]);
// fast-xml-parser's default `maxNestedTags`; feedsmith does not change it.
const PARSER_MAX_DEPTH = 100;

/**
 * One pass over the markup, without building anything: finds the root element, any DTD
 * entity declaration (billion laughs, external entities) and nesting beyond MAX_XML_DEPTH.
 * Text elements (titles, descriptions, content) are skipped whole: the parser keeps them as
 * text too, and the unescaped HTML many feeds put there (`<br>`, unclosed `<p>`) is the
 * sanitizer's business, not nesting.
 */
function scanXml(text: string): XmlScan {
  const scan: XmlScan = {
    root: null,
    entityAt: null,
    tooDeepAt: null,
    parserDepthAt: null,
    problems: [],
  };
  const problem = (kind: XmlProblem["kind"], name: string, offset: number) => {
    if (scan.problems.length < MAX_PROBLEMS) scan.problems.push({ kind, name, offset });
  };
  const stack: { name: string; offset: number }[] = [];
  const closers = new Map<string, RegExp>();
  const skipPast = (terminator: string, name: string, at: number, from: number) => {
    const end = text.indexOf(terminator, from);
    if (end !== -1) return end + terminator.length;
    problem("unterminated", name, at);
    return text.length;
  };
  for (let i = text.indexOf("<"); i !== -1; i = text.indexOf("<", i)) {
    if (text.startsWith("<!--", i)) i = skipPast("-->", "comment", i, i + 4);
    else if (text.startsWith("<![CDATA[", i)) i = skipPast("]]>", "cdata", i, i + 9);
    else if (text.startsWith("<?", i)) i = skipPast("?>", "declaration", i, i + 2);
    else if (text.startsWith("<!", i)) {
      const end = declarationEnd(text, i + 2);
      if (/<!ENTITY/i.test(text.slice(i, end))) {
        scan.entityAt = i;
        return scan;
      }
      i = end;
    } else if (text[i + 1] === "/") {
      const end = text.indexOf(">", i + 2);
      if (end === -1) {
        problem("unterminated", "tag", i);
        break;
      }
      const name = text
        .slice(i + 2, end)
        .trim()
        .toLowerCase();
      if (stack.at(-1)?.name === name) stack.pop();
      else {
        const open = stack.findLastIndex((e) => e.name === name);
        if (open === -1) problem("stray", name, i);
        else {
          for (const e of stack.slice(open + 1)) problem("unclosed", e.name, e.offset);
          stack.length = open;
        }
      }
      i = end + 1;
    } else if (/[A-Za-z_:\u00C0-\uFFFF]/.test(text[i + 1] ?? "")) {
      const start = i;
      const end = tagEnd(text, start + 1);
      if (end === -1) {
        problem("unterminated", "tag", start);
        break;
      }
      const name = /^[^\s/>]+/.exec(text.slice(start + 1, Math.min(end, start + 200)))?.[0] ?? "";
      scan.root ??= name;
      i = end + 1;
      if (text[end - 1] === "/") continue;
      if (TEXT_ELEMENTS.has(name.toLowerCase().split(":").at(-1) ?? "")) {
        const closed = closerFor(name, closers);
        closed.lastIndex = i;
        const match = closed.exec(text);
        if (match === null) {
          problem("unclosed", name.toLowerCase(), start);
          break;
        }
        i = match.index + match[0].length;
        continue;
      }
      stack.push({ name: name.toLowerCase(), offset: start });
      if (stack.length > PARSER_MAX_DEPTH) scan.parserDepthAt ??= start;
      if (stack.length > MAX_XML_DEPTH) {
        scan.tooDeepAt = start;
        return scan;
      }
    } else i += 1;
  }
  for (const e of stack) problem("unclosed", e.name, e.offset);
  return scan;
}

function closerFor(name: string, cache: Map<string, RegExp>): RegExp {
  let closer = cache.get(name);
  if (closer === undefined) {
    closer = new RegExp(`</${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*>`, "gi");
    cache.set(name, closer);
  }
  return closer;
}

/** End of a `<!…>` declaration, past its internal subset `[…]` and quoted literals. */
function declarationEnd(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === ">" && depth <= 0) return i + 1;
  }
  return text.length;
}

/** Index of the ">" ending a start tag, skipping quoted attribute values; -1 if none. */
function tagEnd(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i;
  }
  return -1;
}

/**
 * Where the parser's complaint most likely points. fast-xml-parser sometimes gives an offset,
 * usually only a name ("Unexpected end of title"); the scan knows where that element opened.
 */
function locate(detail: string, scan: XmlScan): number | null {
  const offset = /at position (\d+)/.exec(detail)?.[1];
  if (offset !== undefined) return Number(offset);
  if (/nested tags/i.test(detail)) return scan.parserDepthAt;
  const named = /Unexpected end of (\S+)/.exec(detail)?.[1]?.toLowerCase();
  const problems = scan.problems;
  const found =
    (named === undefined ? undefined : problems.find((p) => p.name === named)) ??
    (/comment/i.test(detail) ? problems.find((p) => p.name === "comment") : undefined) ??
    (/cdata/i.test(detail) ? problems.find((p) => p.name === "cdata") : undefined) ??
    problems.find((p) => p.kind === "unterminated") ??
    problems[0];
  return found?.offset ?? null;
}

type XmlFormat = Extract<FeedFormat, "rss" | "rdf" | "atom">;
const XML_LABELS: Record<XmlFormat, string> = { rss: "RSS", rdf: "RSS 1.0 (RDF)", atom: "Atom" };
const HTML_ROOTS = new Set(["html", "head", "body"]);

function parseXmlDocument(body: string, ctx: Context): ParsedFeed {
  const scan = scanXml(body);
  if (scan.entityAt !== null) {
    throw feedError(
      "unsafe_feed",
      `DTD entity declarations are not accepted (at line ${position(body, scan.entityAt).line}): they are how "billion laughs" and external-entity attacks work, and no feed needs them`,
      { context: position(body, scan.entityAt) },
    );
  }
  const root = scan.root;
  const local = root?.toLowerCase().split(":").at(-1) ?? "";
  if (HTML_ROOTS.has(local)) throw htmlPage(body, ctx);
  if (scan.tooDeepAt !== null) {
    const where = position(body, scan.tooDeepAt);
    throw feedError(
      "malformed_feed",
      `elements are nested more than ${MAX_XML_DEPTH} deep (line ${where.line}, column ${where.column}); no real feed does that`,
      { context: { ...where, limit: MAX_XML_DEPTH } },
    );
  }
  const format: XmlFormat | null =
    local === "rss" ? "rss" : local === "rdf" ? "rdf" : local === "feed" ? "atom" : null;
  if (format === null) {
    if (root === null) throw unknownFormat("markup without any element", ctx);
    const what =
      local === "opml"
        ? "an OPML outline (a list of feeds), not a feed"
        : local === "urlset" || local === "sitemapindex"
          ? "a sitemap, not a feed"
          : `an XML document whose root element is <${root.slice(0, 60)}>, not a feed`;
    throw unknownFormat(what, ctx, { found: "xml", root: root.slice(0, 100) });
  }
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
    throw feedsmithError(error, format, body, scan, ctx);
  }
}

function feedsmithError(
  error: unknown,
  format: XmlFormat,
  body: string,
  scan: XmlScan,
  ctx: Context,
): unknown {
  const label = XML_LABELS[format];
  if (error instanceof MalformedError) {
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    const reserved = /\[SECURITY\] Invalid name: "([^"]*)"/.exec(detail);
    if (reserved) {
      return feedError(
        "unsafe_feed",
        `${label}: the element name "${reserved[1]}" is not accepted (it could reach an object's prototype)`,
        { context: { name: reserved[1] } },
      );
    }
    const at = locate(detail, scan);
    const where = at === null ? null : position(body, at);
    // fast-xml-parser quotes the whole document in some messages.
    const short = detail.replace(/\s*Context:[\s\S]*$/, "").slice(0, 200);
    return feedError(
      "malformed_feed",
      `${label} is not well-formed XML${where ? ` (line ${where.line}, column ${where.column})` : ""}: ${short}`,
      { context: { format, detail: short, ...where }, cause: error },
    );
  }
  if (error instanceof ParseError) {
    return feedError(
      "malformed_feed",
      `${label}: the document has a <${scan.root}> root but not the structure of a feed (${format === "atom" ? "no entries or feed metadata" : "no channel"})`,
      { context: { format }, cause: error },
    );
  }
  if (error instanceof DetectError) {
    return unknownFormat(`an XML document with a <${scan.root}> root, not a feed`, ctx);
  }
  return error;
}

// ---------------------------------------------------------------------------------------------
// JSON: JSON Feed by its version URL, otherwise ninjs (one item, a list, or {items: [...]}).

// JSON.parse makes "__proto__" an own property, but code that copies objects with
// Object.assign or checks `.constructor` (feedsmith does) can still be fooled: drop the keys.
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body, (key, value) => (RESERVED_KEYS.has(key) ? undefined : value));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const offset = /at position (\d+)/.exec(detail)?.[1];
    const where = offset === undefined ? null : position(body, Number(offset));
    throw feedError(
      "malformed_feed",
      `the document is not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ""}: ${detail}`,
      { context: { format: "json", detail, ...where } },
    );
  }
}

function parseJsonDocument(body: string, ctx: Context): ParsedFeed {
  const value = parseJson(body);
  if (isRecord(value)) {
    const version = own(value, "version");
    if (typeof version === "string" && /jsonfeed\.org\/version\//i.test(version)) {
      let feed: JsonFeed.Feed<string>;
      try {
        feed = parseJsonFeed(value);
      } catch (error) {
        throw feedError("malformed_feed", "JSON Feed: the document has no readable items", {
          context: { format: "json" },
          cause: error,
        });
      }
      return normalizeJson(feed, ctx);
    }
    const items = own(value, "items");
    if (Array.isArray(items)) return normalizeNinjs(items, ctx, true);
    return normalizeNinjs([value], ctx, false);
  }
  if (Array.isArray(value)) return normalizeNinjs(value, ctx, true);
  throw unknownFormat(`a JSON ${value === null ? "null" : typeof value}, not a feed`, ctx);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Normalization helpers shared by every format.

function resolveUrl(value: string | null | undefined, base: string | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    return httpUrl(base === null ? trimmed : new URL(trimmed, base).href);
  } catch {
    return null;
  }
}

/** xml:base applies to its element and below, relative to the base above it. */
function withXmlBase(xmlBase: string | undefined, parent: string | null): string | null {
  return resolveUrl(xmlBase, parent) ?? parent;
}

const TAG_LIKE = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/** Feeds put HTML in titles and names, some escaped twice: read it as a person would. */
function plainText(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = collapseWhitespace(htmlToText(value));
  if (TAG_LIKE.test(text)) text = collapseWhitespace(htmlToText(text));
  return text === "" ? null : text;
}

const SUMMARY_MAX = 1000;

/** Some feeds put the whole article in the description; a summary stays a summary. */
function summaryText(value: string | null | undefined): string | null {
  const text = plainText(value);
  if (text === null || text.length <= SUMMARY_MAX) return text;
  return `${text.slice(0, SUMMARY_MAX - 1).replace(/\s+\S*$/, "")}…`;
}

function countTags(html: string): number {
  return html.match(/<[a-z]/gi)?.length ?? 0;
}

const LINK_ATTRIBUTES = ["href", "src", "cite", "poster"] as const;
const LAZY_SOURCES = ["data-src", "data-original", "data-lazy-src"] as const;
// A link attribute whose value does not start with a scheme, or any lazy-image attribute.
// The optional quote sits inside the lookahead: outside, `["']?` could match nothing and
// let the lookahead see the quote, so every quoted absolute link looked relative.
const NEEDS_RESOLVING =
  /\s(?:(?:href|src|cite|poster)\s*=\s*(?!["']?\s*[a-z][a-z0-9+.-]*:)|data-(?:src|original|lazy-src)\s*=)/i;

/**
 * Makes href/src absolute against `base` before the sanitizer sees them (a relative link in
 * a stored article would point at our site), and promotes lazy-loading `data-src` images.
 * Everything is kept: the allowlist runs right after.
 */
function absolutize(html: string, base: string | null): string {
  // Over the limit, sanitizeHtml refuses the markup anyway; and most feeds write absolute
  // URLs and no lazy images: in both cases one parse (the sanitizer's) is enough.
  if (!NEEDS_RESOLVING.test(html) || countTags(html) > MAX_HTML_TAGS) return html;
  const resolve = (value: string) => {
    if (base === null) return value;
    try {
      return new URL(value.trim(), base).href;
    } catch {
      return value;
    }
  };
  return sanitize(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    // Styles pass through untouched (the allowlist drops them next); parsing each one
    // with postcss here cost more than the rest of this pass.
    parseStyleAttributes: false,
    transformTags: {
      "*": (tagName, attribs) => {
        const out: sanitize.Attributes = { ...attribs };
        for (const name of LINK_ATTRIBUTES) {
          const value = attribs[name];
          if (value !== undefined) out[name] = resolve(value);
        }
        const lazy = LAZY_SOURCES.map((name) => attribs[name]).find((v) => v?.trim());
        if (tagName === "img" && lazy && (!attribs.src || /^\s*data:/i.test(attribs.src))) {
          out.src = resolve(lazy);
        }
        return { tagName, attribs: out };
      },
    },
  });
}

function contentHtml(html: string | null | undefined, base: string | null): string | null {
  if (!html?.trim()) return null;
  const clean = sanitizeHtml(absolutize(html, base));
  return clean === "" ? null : clean;
}

function firstImage(html: string | null): string | null {
  const src = html === null ? undefined : /<img\s[^>]*?src="([^"]+)"/i.exec(html)?.[1];
  return src === undefined ? null : resolveUrl(src.replace(/&amp;/g, "&"), null);
}

const MAX_CATEGORIES = 50;

function uniqueTexts(values: (string | null | undefined)[], max = MAX_CATEGORIES): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const text = plainText(value)?.slice(0, 100);
    if (!text || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
    if (out.length >= max) break;
  }
  return out;
}

function names(values: (string | null | undefined)[] | undefined): string | null {
  const list = uniqueTexts(values ?? [], 10);
  return list.length > 0 ? list.join(", ") : null;
}

function language(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    if (!value?.trim()) continue;
    try {
      return normalizeLanguage(value, "feed", "language");
    } catch {
      // A language we cannot read is no language; the next candidate may be better.
    }
  }
  return null;
}

function enclosure(
  url: string | undefined,
  type: string | undefined,
  length: number | undefined,
  base: string | null,
): Enclosure | null {
  const resolved = resolveUrl(url, base);
  if (resolved === null) return null;
  return {
    url: resolved,
    type: type?.trim().toLowerCase() || null,
    // "0" is how feeds say "unknown".
    length:
      typeof length === "number" && Number.isSafeInteger(length) && length > 0 ? length : null,
  };
}

function uniqueEnclosures(list: (Enclosure | null)[]): Enclosure[] {
  const out: Enclosure[] = [];
  for (const item of list) if (item && !out.some((e) => e.url === item.url)) out.push(item);
  return out;
}

const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

function isImage(type: string | null | undefined, url: string | null | undefined): boolean {
  if (type) return type.toLowerCase().startsWith("image/") || type.toLowerCase() === "image";
  return url ? IMAGE_EXTENSION.test(url) : false;
}

function imageEnclosure(enclosures: Enclosure[]): string | null {
  return enclosures.find((e) => isImage(e.type, e.url))?.url ?? null;
}

type MediaContent = NonNullable<MediaNs.ItemOrFeed["contents"]>[number];
type MediaThumbnail = NonNullable<MediaNs.ItemOrFeed["thumbnails"]>[number];

/** media:content images (the default first, then the widest), thumbnails, then media:group. */
function mediaImage(media: MediaNs.ItemOrFeed | undefined, base: string | null): string | null {
  if (!media) return null;
  const fromContents = (contents: MediaContent[] | undefined) => {
    const images = (contents ?? [])
      .filter((c) => isImage(c.medium ?? c.type, c.url))
      .sort(
        (a, b) =>
          Number(b.isDefault ?? 0) - Number(a.isDefault ?? 0) || (b.width ?? 0) - (a.width ?? 0),
      );
    return images.map((c) => resolveUrl(c.url, base)).find((url) => url !== null) ?? null;
  };
  const fromThumbnails = (thumbnails: MediaThumbnail[] | undefined) => {
    const sorted = [...(thumbnails ?? [])].sort((a, b) => (b.width ?? 0) - (a.width ?? 0));
    return sorted.map((t) => resolveUrl(t.url, base)).find((url) => url !== null) ?? null;
  };
  const groups = media.groups ?? [];
  return (
    fromContents(media.contents) ??
    fromThumbnails(media.thumbnails) ??
    fromThumbnails(media.contents?.flatMap((c) => c.thumbnails ?? [])) ??
    fromContents(groups.flatMap((g) => g.contents ?? [])) ??
    fromThumbnails(
      groups.flatMap((g) => [
        ...(g.thumbnails ?? []),
        ...(g.contents ?? []).flatMap((c) => c.thumbnails ?? []),
      ]),
    )
  );
}

interface ItemFields {
  id: string | null | undefined;
  title: string | null;
  url: string | null;
  published: string | null;
  updated: string | null;
  author: string | null;
  summary: string | null;
  contentHtml: string | null;
  categories: string[];
  image: string | null;
  enclosures: Enclosure[];
  /** HTML that is not the content but may hold an image (an RSS description), read lazily. */
  extraHtml?: () => string | null;
}

/** The id rule every format shares: the feed's id, else the URL, else a hash of the text. */
function finishItem(fields: ItemFields): FeedItem {
  const { extraHtml, ...item } = fields;
  const id =
    item.id?.trim() ||
    item.url ||
    sha256Hex(
      item.title || item.summary
        ? `${item.title ?? ""}\n${item.summary ?? ""}`
        : (item.contentHtml ?? ""),
    );
  return {
    ...item,
    id,
    image: item.image ?? firstImage(item.contentHtml) ?? firstImage(extraHtml?.() ?? null),
  };
}

/**
 * One broken item (an unreadable body, markup too complex to sanitize) drops that item, not
 * the feed; only when every item fails is the feed itself in error.
 */
function mapItems<T>(raw: T[] | undefined, map: (item: T) => FeedItem): FeedItem[] {
  const out: FeedItem[] = [];
  let firstError: unknown = null;
  for (const item of raw ?? []) {
    try {
      out.push(map(item));
    } catch (error) {
      if (!isAppError(error)) throw error;
      firstError ??= error;
    }
  }
  if (out.length === 0 && firstError !== null) throw firstError;
  return out;
}

function ttlMinutes(value: number | undefined): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : null;
}

type AtomLink = AtomFeed.Link<string>;

function linkByRel(links: AtomLink[] | undefined, rel: string, base: string | null): string | null {
  for (const link of links ?? []) {
    if ((link.rel ?? "alternate").toLowerCase() === rel) {
      const url = resolveUrl(link.href, base);
      if (url !== null) return url;
    }
  }
  return null;
}

/** The alternate link, preferring an HTML page over other alternates. */
function htmlLink(links: AtomLink[] | undefined, base: string | null): string | null {
  const alternates = (links ?? []).filter(
    (l) => (l.rel ?? "alternate").toLowerCase() === "alternate",
  );
  const html = alternates.filter((l) => !l.type || /html/i.test(l.type));
  return linkByRel(html, "alternate", base) ?? linkByRel(alternates, "alternate", base);
}

// ---------------------------------------------------------------------------------------------
// RSS 0.9x / 2.0

function normalizeRss(feed: RssFeed.Feed<string>, ctx: Context): ParsedFeed {
  const docBase = withXmlBase(feed.xml?.base, ctx.base);
  const link = resolveUrl(feed.link, docBase);
  // Without the feed's own URL, the site's link is the best base relative links have.
  const base = docBase ?? link;
  return {
    format: "rss",
    title: plainText(feed.title),
    link,
    language: language(feed.language, feed.dc?.languages?.[0], feed.xml?.lang),
    ttlMinutes: ttlMinutes(feed.ttl),
    hub: linkByRel(feed.atom?.links, "hub", base),
    self: linkByRel(feed.atom?.links, "self", base),
    items: mapItems(feed.items, (item) => rssItem(item, base)),
  };
}

function rssItem(item: RssFeed.Item<string>, feedBase: string | null): FeedItem {
  const explicitBase = item.xml?.base ? withXmlBase(item.xml.base, feedBase) : null;
  const base = explicitBase ?? feedBase;
  const guid = item.guid?.value;
  const url =
    resolveUrl(item.link, base) ??
    (item.guid?.isPermaLink !== false ? resolveUrl(guid, null) : null) ??
    htmlLink(item.atom?.links, base);
  const content = contentHtml(item.content?.encoded, explicitBase ?? url ?? base);
  const enclosures = uniqueEnclosures(
    (item.enclosures ?? []).map((e) => enclosure(e.url, e.type, e.length, base)),
  );
  return finishItem({
    id: guid,
    title: plainText(item.title) ?? plainText(item.dc?.titles?.[0]),
    url,
    published:
      parseFeedDate(item.pubDate) ??
      parseFeedDate(item.dc?.dates?.[0]) ??
      parseFeedDate(item.dcterms?.issued?.[0]),
    updated: parseFeedDate(item.dcterms?.modified?.[0]) ?? parseFeedDate(item.atom?.updated),
    author: names(item.authors?.map((a) => a.name)) ?? names(item.dc?.creators),
    summary: summaryText(item.description),
    contentHtml: content,
    categories: uniqueTexts([
      ...(item.categories ?? []).map((c) => c.name),
      ...(item.dc?.subjects ?? []),
    ]),
    image:
      mediaImage(item.media, base) ??
      imageEnclosure(enclosures) ??
      resolveUrl(item.itunes?.image, base),
    enclosures,
    extraHtml: () => contentHtml(item.description, explicitBase ?? url ?? base),
  });
}

// ---------------------------------------------------------------------------------------------
// RSS 1.0 (RDF)

function normalizeRdf(feed: RdfFeed.Feed<string>, ctx: Context): ParsedFeed {
  const docBase = withXmlBase(feed.xml?.base, ctx.base);
  const link = resolveUrl(feed.link, docBase);
  const base = docBase ?? link;
  return {
    format: "rdf",
    title: plainText(feed.title),
    link,
    language: language(feed.dc?.languages?.[0], feed.xml?.lang),
    ttlMinutes: null,
    hub: linkByRel(feed.atom?.links, "hub", base),
    self: linkByRel(feed.atom?.links, "self", base),
    items: mapItems(feed.items, (item) => rdfItem(item, base)),
  };
}

function rdfItem(item: RdfFeed.Item<string>, feedBase: string | null): FeedItem {
  const explicitBase = item.xml?.base ? withXmlBase(item.xml.base, feedBase) : null;
  const base = explicitBase ?? feedBase;
  const url = resolveUrl(item.link, base) ?? resolveUrl(item.rdf?.about, base);
  return finishItem({
    id: item.rdf?.about,
    title: plainText(item.title) ?? plainText(item.dc?.titles?.[0]),
    url,
    published: parseFeedDate(item.dc?.dates?.[0]) ?? parseFeedDate(item.dcterms?.issued?.[0]),
    updated: parseFeedDate(item.dcterms?.modified?.[0]),
    author: names(item.dc?.creators),
    summary: summaryText(item.description),
    contentHtml: contentHtml(item.content?.encoded, explicitBase ?? url ?? base),
    categories: uniqueTexts(item.dc?.subjects ?? []),
    image: mediaImage(item.media, base),
    enclosures: [],
    extraHtml: () => contentHtml(item.description, explicitBase ?? url ?? base),
  });
}

// ---------------------------------------------------------------------------------------------
// Atom 1.0

function normalizeAtom(feed: AtomFeed.Feed<string>, ctx: Context): ParsedFeed {
  const base = withXmlBase(feed.xml?.base, ctx.base);
  const feedAuthors = names(feed.authors?.map((a) => a.name));
  return {
    format: "atom",
    title: plainText(feed.title?.value),
    link: htmlLink(feed.links, base),
    language: language(feed.xml?.lang, feed.dc?.languages?.[0]),
    ttlMinutes: null,
    hub: linkByRel(feed.links, "hub", base),
    self: linkByRel(feed.links, "self", base),
    items: mapItems(feed.entries, (entry) => atomEntry(entry, base, feedAuthors)),
  };
}

/** Atom's content: text is text, html and xhtml are markup, other media types are not ours. */
function atomContent(content: AtomFeed.Content | undefined, base: string | null): string | null {
  if (!content?.value) return null;
  const type = (content.type ?? "text").toLowerCase();
  if (
    type === "html" ||
    type === "xhtml" ||
    type === "text/html" ||
    type === "application/xhtml+xml"
  ) {
    return contentHtml(content.value, base);
  }
  if (type !== "text" && type !== "text/plain") return null;
  // A type-less content full of tags is HTML whatever the spec says; treat it so.
  return contentHtml(
    TAG_LIKE.test(content.value) ? content.value : textToHtml(content.value),
    base,
  );
}

function atomEntry(
  entry: AtomFeed.Entry<string>,
  feedBase: string | null,
  feedAuthors: string | null,
): FeedItem {
  const explicitBase = entry.xml?.base ? withXmlBase(entry.xml.base, feedBase) : null;
  const base = explicitBase ?? feedBase;
  const url = htmlLink(entry.links, base);
  const contentBase = entry.content?.xml?.base
    ? withXmlBase(entry.content.xml.base, base)
    : (explicitBase ?? url ?? base);
  const enclosures = uniqueEnclosures(
    (entry.links ?? [])
      .filter((l) => l.rel?.toLowerCase() === "enclosure")
      .map((l) => enclosure(l.href, l.type, l.length, base)),
  );
  return finishItem({
    id: entry.id,
    title: plainText(entry.title?.value),
    url,
    published:
      parseFeedDate(entry.published) ??
      parseFeedDate(entry.dc?.dates?.[0]) ??
      parseFeedDate(entry.dcterms?.issued?.[0]),
    updated: parseFeedDate(entry.updated),
    // An entry without an author inherits its source's, then the feed's (RFC 4287 §4.2.1).
    author:
      names(entry.authors?.map((a) => a.name)) ??
      names(entry.source?.authors?.map((a) => a.name)) ??
      feedAuthors,
    summary: summaryText(entry.summary?.value),
    contentHtml: atomContent(entry.content, contentBase),
    categories: uniqueTexts((entry.categories ?? []).map((c) => c.label || c.term)),
    image: mediaImage(entry.media, base) ?? imageEnclosure(enclosures),
    enclosures,
    extraHtml: () =>
      entry.summary?.type === "html" || entry.summary?.type === "xhtml"
        ? contentHtml(entry.summary.value, contentBase)
        : null,
  });
}

// ---------------------------------------------------------------------------------------------
// JSON Feed 1.0 / 1.1 (feedsmith maps 1.0's `author` to `authors`)

function normalizeJson(feed: JsonFeed.Feed<string>, ctx: Context): ParsedFeed {
  const self = resolveUrl(feed.feed_url, ctx.base);
  const base = ctx.base ?? self;
  const hubs = feed.hubs ?? [];
  const hub = hubs.find((h) => /websub/i.test(h.type ?? "")) ?? hubs[0];
  const feedAuthors = names(feed.authors?.map((a) => a.name));
  return {
    format: "json",
    title: plainText(feed.title),
    link: resolveUrl(feed.home_page_url, base),
    language: language(feed.language),
    ttlMinutes: null,
    hub: resolveUrl(hub?.url, base),
    self,
    items: mapItems(feed.items, (item) => jsonItem(item, base, feedAuthors)),
  };
}

function jsonItem(
  item: JsonFeed.Item<string>,
  base: string | null,
  feedAuthors: string | null,
): FeedItem {
  const url = resolveUrl(item.url, base) ?? resolveUrl(item.external_url, base);
  const html = item.content_html ?? (item.content_text ? textToHtml(item.content_text) : null);
  const enclosures = uniqueEnclosures(
    (item.attachments ?? []).map((a) => enclosure(a.url, a.mime_type, a.size_in_bytes, base)),
  );
  return finishItem({
    id: item.id === undefined ? undefined : String(item.id),
    title: plainText(item.title),
    url,
    published: parseFeedDate(item.date_published),
    updated: parseFeedDate(item.date_modified),
    author: names(item.authors?.map((a) => a.name)) ?? feedAuthors,
    summary: summaryText(item.summary),
    contentHtml: contentHtml(html, url ?? base),
    categories: uniqueTexts(item.tags ?? []),
    image:
      resolveUrl(item.image, base) ??
      resolveUrl(item.banner_image, base) ??
      imageEnclosure(enclosures),
    enclosures,
  });
}

// ---------------------------------------------------------------------------------------------
// IPTC ninjs: the importer reads and validates each item; we add what a feed item has beyond
// an article (update time, subjects, the main picture) and leave out what must not run yet.

/** Items the wire sends that are, by design, not for publication now. */
const NOT_FOR_PUBLICATION = new Set(["canceled", "unsupported_type"]);

function normalizeNinjs(values: unknown[], ctx: Context, isList: boolean): ParsedFeed {
  const items: FeedItem[] = [];
  const languages = new Set<string>();
  let firstError: AppError | null = null;
  let notNinjs = 0;
  values.forEach((value, index) => {
    try {
      const article = parseNinjs(value, { siteName: "", defaultLanguage: "und", now: ctx.now });
      // Withheld (a draft) and embargoed (scheduled) items are not publishable yet.
      if (article.status !== "published" || !isRecord(value)) return;
      const lang = language(stringField(value, "language"));
      if (lang) languages.add(lang);
      items.push(ninjsItem(value, article, ctx));
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === "not_ninjs") notNinjs++;
      else if (NOT_FOR_PUBLICATION.has(error.code)) return;
      const wrapped = isList
        ? new AppError(error.code, `item ${index + 1}: ${error.message}`, {
            status: 422,
            context: { ...error.context, item: index },
          })
        : error;
      firstError ??= wrapped;
    }
  });
  if (values.length > 0 && notNinjs === values.length) {
    throw unknownFormat(
      isList
        ? "JSON holding a list, but not a feed: not a JSON Feed (no `version` naming jsonfeed.org) and not ninjs items"
        : "JSON, but not a feed: not a JSON Feed (no `version` naming jsonfeed.org) and not a ninjs item",
      ctx,
      { found: "json" },
    );
  }
  if (items.length === 0 && firstError !== null) throw firstError;
  const [only] = languages;
  return {
    format: "ninjs",
    title: null,
    link: null,
    language: languages.size === 1 && only !== undefined ? only : null,
    ttlMinutes: null,
    hub: null,
    self: null,
    items,
  };
}

function stringField(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = own(record, name);
    if (typeof value === "string") return value;
  }
  return undefined;
}

function ninjsItem(
  record: Record<string, unknown>,
  article: ReturnType<typeof parseNinjs>,
  ctx: Context,
): FeedItem {
  const url = article.canonicalUrl;
  return finishItem({
    id: article.guid,
    title: article.headline,
    url,
    published: parseFeedDate(stringField(record, "firstcreated", "firstCreated")),
    updated: parseFeedDate(stringField(record, "versioncreated", "versionCreated")),
    author: article.byline,
    summary: article.standfirst,
    // The importer sanitized the body already; a second pass makes its links absolute.
    contentHtml: contentHtml(article.body, url ?? ctx.base),
    categories: uniqueTexts([
      ...subjectNames(own(record, "subjects")),
      ...subjectNames(own(record, "subject")),
      ...stringList(own(record, "keywords")),
    ]),
    image: ninjsPicture(own(record, "associations"), url ?? ctx.base),
    enclosures: [],
  });
}

function stringList(value: unknown): (string | null)[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : null)) : [];
}

function subjectNames(value: unknown): (string | null)[] {
  if (!Array.isArray(value)) return [];
  return value.map((s) => (isRecord(s) ? (stringField(s, "name") ?? null) : null));
}

/** The widest rendition of the first picture association (ninjs 2.x array or 1.x object). */
function ninjsPicture(value: unknown, base: string | null): string | null {
  const entries = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [];
  for (const entry of entries) {
    if (!isRecord(entry) || !/^(picture|image)$/i.test(stringField(entry, "type") ?? "")) continue;
    const renditions = own(entry, "renditions");
    const list = (
      Array.isArray(renditions) ? renditions : isRecord(renditions) ? Object.values(renditions) : []
    ).filter(isRecord);
    list.sort((a, b) => numberField(b, "width") - numberField(a, "width"));
    for (const rendition of list) {
      const url = resolveUrl(stringField(rendition, "href"), base);
      if (url !== null) return url;
    }
  }
  return null;
}

function numberField(record: Record<string, unknown>, name: string): number {
  const value = own(record, name);
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}
