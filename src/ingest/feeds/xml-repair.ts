import type { XmlFormat } from "./detect.ts";
import type { XmlRange, XmlScan } from "./xml-guard.ts";

/**
 * Shapes real feeds take that feedsmith does not read, rewritten into ones it does, from
 * what the guard's scan found (so a feed that needs none of this costs nothing more):
 * XHTML `<body>` items, Atom 0.3 base64 content, RSS items without a `<channel>`, RSS 2.0
 * in a namespace. Runs after the guard: a document it refused never gets here, and nothing
 * here adds markup the parser reads as elements beyond the channel wrapper.
 */

interface Edit {
  from: number;
  to: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = edits.sort((a, b) => a.from - b.from);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.from < at) continue;
    out += text.slice(at, edit.from) + edit.text;
    at = edit.to;
  }
  return out + text.slice(at);
}

/** Text as character data that no markup inside can end early. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// XHTML inside a body, prefixed or not, read as HTML: the prefixes go.
const PREFIXED_TAG = /<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g;

/** An item's XHTML body as the content:encoded HTML feedsmith reads. */
function bodyEdit(body: string, range: XmlRange): Edit {
  const inner = body.slice(range.innerStart, range.innerEnd).replace(PREFIXED_TAG, "<$1");
  return {
    from: range.start,
    to: range.end,
    text: `<content:encoded>${cdata(inner)}</content:encoded>`,
  };
}

const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

/** Atom 0.3 mode="base64": the decoded text, escaped, and the mode gone. */
function base64Edits(body: string, range: XmlRange): Edit[] {
  const encoded = body.slice(range.innerStart, range.innerEnd);
  if (!BASE64.test(encoded)) return [];
  const decoded = Buffer.from(encoded.replace(/\s+/g, ""), "base64").toString("utf8");
  const startTag = body
    .slice(range.start, range.innerStart)
    .replace(/\smode\s*=\s*["']base64["']/i, "");
  return [
    { from: range.start, to: range.innerStart, text: startTag },
    { from: range.innerStart, to: range.innerEnd, text: escapeXmlText(decoded) },
  ];
}

/** `<rss>` whose items stand without a channel: the channel put around them. */
function channelEdits(scan: XmlScan): Edit[] {
  if (scan.hasChannel || scan.itemCount === 0 || scan.rootEnd === null) return [];
  const close = scan.rootCloseAt;
  return [
    { from: scan.rootEnd, to: scan.rootEnd, text: "<channel>" },
    close === null
      ? { from: Number.MAX_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER, text: "</channel>" }
      : { from: close, to: close, text: "</channel>" },
  ];
}

export interface Repaired {
  body: string;
  repaired: boolean;
}

export function repairXml(body: string, scan: XmlScan, format: XmlFormat): Repaired {
  const prefix = format === "rss" ? rssPrefix(scan.root) : null;
  const edits: Edit[] = [
    ...(format === "atom" ? [] : scan.bodies.map((range) => bodyEdit(body, range))),
    ...(format === "atom" ? scan.base64.flatMap((range) => base64Edits(body, range)) : []),
    ...(format === "rss" ? channelEdits(scan) : []),
  ];
  if (edits.length === 0 && prefix === null) return { body, repaired: false };
  let out = edits.length === 0 ? body : applyEdits(body, edits);
  if (prefix !== null) out = unprefix(out, prefix);
  return { body: out, repaired: true };
}

/** The prefix of `<r:rss>`: RSS 2.0 in a namespace (userland's), read as plain RSS. */
function rssPrefix(root: string | null): string | null {
  const colon = root?.indexOf(":") ?? -1;
  return root && colon > 0 ? root.slice(0, colon) : null;
}

function unprefix(text: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`<(/?)${escaped}:(?=[A-Za-z_])`, "g"), "<$1");
}

export interface Truncated {
  body: string;
  /** Where the document broke off: the first markup that never ends, else its end. */
  breakAt: number;
}

/**
 * A document that stops short (a transfer cut off, the last `>` missing) cut back to the
 * last item that closed cleanly and closed there; null when it does not end inside open
 * markup or no item closed before the break.
 */
export function truncatedDocument(body: string, scan: XmlScan): Truncated | null {
  const refused = scan.refused?.kind === "unterminated" ? scan.refused : null;
  if (refused === null && scan.openAtEnd === null) return null;
  const breakAt = refused?.offset ?? body.length;
  const end = scan.lastItemEnd;
  if (end === null || end > breakAt) return null;
  const closers = [...scan.lastItemAncestors].reverse().map((name) => `</${name}>`);
  return { body: body.slice(0, end) + closers.join(""), breakAt };
}
