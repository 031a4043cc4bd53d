import { DetectError, MalformedError, ParseError } from "feedsmith";
import type { XmlFormat } from "./detect.ts";
import { feedError, position, unknownFormat } from "./feed-errors.ts";
import { jsonErrorOffset } from "./json-syntax.ts";
import type { ReadContext } from "./raw-feed.ts";
import { locateXmlFailure } from "./xml-failure.ts";
import type { XmlScan } from "./xml-guard.ts";

/**
 * The parsers' failures as our errors. feedsmith says what failed by its error class;
 * fast-xml-parser (the cause of a MalformedError) and JSON.parse say why only in prose,
 * without a code and mostly without a place. Their messages are shown to people and never
 * read: the place comes from probing the parser (xml-failure.ts) and from our own JSON
 * syntax check (json-syntax.ts).
 */

const XML_LABELS: Record<XmlFormat, string> = { rss: "RSS", rdf: "RSS 1.0 (RDF)", atom: "Atom" };

/** What feedsmith threw while reading an XML feed; anything else is returned unchanged. */
export function xmlParserError(
  error: unknown,
  format: XmlFormat,
  body: string,
  scan: XmlScan,
  ctx: ReadContext,
): unknown {
  const label = XML_LABELS[format];
  if (error instanceof MalformedError) {
    const failure = locateXmlFailure(format, body, scan);
    if (failure.reservedName !== null) {
      return feedError(
        "unsafe_feed",
        `${label}: the element name "${failure.reservedName}" is not accepted (it could reach an object's prototype)`,
        { context: { name: failure.reservedName } },
      );
    }
    const where = failure.offset === null ? null : position(body, failure.offset);
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    // For people only: fast-xml-parser quotes the whole document in some messages.
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

/** feedsmith refused a document whose version names JSON Feed. */
export function jsonFeedError(error: unknown): Error {
  return feedError("malformed_feed", "JSON Feed: the document has no readable items", {
    context: { format: "json" },
    cause: error,
  });
}

// JSON.parse makes "__proto__" an own property, but code that copies objects with
// Object.assign or checks `.constructor` (feedsmith does) can still be fooled: drop the keys.
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** JSON.parse without prototype-shaped keys; invalid JSON is `malformed_feed` with a place. */
export function parseJsonText(body: string): unknown {
  try {
    return JSON.parse(body, (key, value) => (RESERVED_KEYS.has(key) ? undefined : value));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(body);
    const where = offset === null ? null : position(body, offset);
    throw feedError(
      "malformed_feed",
      `the document is not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ""}: ${detail}`,
      { context: { format: "json", detail, ...where } },
    );
  }
}
