import { MalformedError, parseAtomFeed, parseRdfFeed, parseRssFeed } from "feedsmith";
import type { XmlFormat } from "./detect.ts";
import type { XmlScan } from "./xml-guard.ts";

/**
 * Why and where fast-xml-parser gave up on a document. Its errors carry neither a code nor
 * (mostly) a place, only prose, so neither is read from them: the pre-scan noted what this
 * parser cannot read (markup that never ends, nesting past its limit, elements left open),
 * and for prototype-shaped names, which it refuses only where it reads them as elements,
 * the parser itself is asked by parsing prefixes (on the error path only).
 */

export interface XmlFailure {
  /** Character offset of what the parser failed on, when one is known. */
  offset: number | null;
  /** Set when the parser refused a prototype-shaped element name at `offset`. */
  reservedName: string | null;
}

const PARSERS: Record<XmlFormat, (text: string) => unknown> = {
  rss: parseRssFeed,
  rdf: parseRdfFeed,
  atom: parseAtomFeed,
};
const RESERVED_TAG = /<\/?(?:[^\s<>/:]+:)?(__proto__|constructor|prototype)(?=[\s/>])/gi;
const MAX_RESERVED = 10;

type Probe = (text: string) => boolean;

export function locateXmlFailure(format: XmlFormat, body: string, scan: XmlScan): XmlFailure {
  const fails: Probe = (text) => {
    try {
      PARSERS[format](text);
      return false;
    } catch (error) {
      return error instanceof MalformedError;
    }
  };
  const reserved = refusedName(body, scan, fails);
  if (reserved !== null) return reserved;
  // What the parser refuses outright; else an element without its end tag, which the
  // parser, reading it as text, looked for in vain: one closed by another, or cut off.
  const at =
    scan.refused ??
    scan.problems.find((p) => p.kind === "unclosed") ??
    scan.openAtEnd ??
    scan.problems[0];
  return { offset: at?.offset ?? null, reservedName: null };
}

/**
 * The first prototype-shaped tag the parser refused: it reads the document up to the tag,
 * and fails once the tag is added. Inside what the parser keeps as text (which the scan does
 * not always know), such a name is harmless and the failure was something else.
 */
function refusedName(body: string, scan: XmlScan, fails: Probe): XmlFailure | null {
  let tried = 0;
  for (const match of body.matchAll(RESERVED_TAG)) {
    const end = body.indexOf(">", match.index);
    if (end === -1 || ++tried > MAX_RESERVED) break;
    const refused =
      // Before the root there is no feed prefix to parse; the scan saw whether it is a tag.
      scan.rootAt === null || match.index < scan.rootAt
        ? scan.reservedAt.includes(match.index)
        : !fails(body.slice(0, match.index)) && fails(body.slice(0, end + 1));
    if (refused) return { offset: match.index, reservedName: (match[1] ?? "").toLowerCase() };
  }
  return null;
}
