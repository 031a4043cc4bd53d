import { feedError, position } from "./feed-errors.ts";

/**
 * What the XML parser must never see, found in one pass over the markup before it runs:
 * DTD entity declarations (billion laughs, external entities) and nesting beyond
 * MAX_XML_DEPTH. The same pass notes where fast-xml-parser will give up, because the parser
 * itself says so only in prose, without a place.
 */

/** No real feed nests this deep; xhtml content adds a dozen levels at most. */
export const MAX_XML_DEPTH = 200;
// fast-xml-parser's default `maxNestedTags`; feedsmith does not change it.
const PARSER_MAX_DEPTH = 100;
// Element names fast-xml-parser refuses, as they could reach an object's prototype.
const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype"]);
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
const MAX_PROBLEMS = 50;
const MAX_RESERVED = 5;

export interface XmlProblem {
  /**
   * `unterminated`: a tag, comment, CDATA section, declaration or text element that never
   * ends; `unclosed`: an element another's end tag closed; `open`: one still open at the
   * end; `stray`: an end tag without its element; `deep`: nesting past the parser's limit.
   */
  kind: "unclosed" | "open" | "stray" | "unterminated" | "deep";
  /** Element name, lowercased; "comment", "cdata", "declaration" or "tag" for unterminated ones. */
  name: string;
  offset: number;
}

export interface XmlScan {
  /** Name of the first element, as written, and where it starts. */
  root: string | null;
  rootAt: number | null;
  entityAt: number | null;
  tooDeepAt: number | null;
  /** The first markup that never ends or nests too deep: what the parser refuses outright. */
  refused: XmlProblem | null;
  /**
   * Where tags named like a prototype property start, outside text elements (the first
   * few): fast-xml-parser refuses such names where it reads them as elements.
   */
  reservedAt: number[];
  /** The innermost element still open at the end: a parser reading it as text runs off the end. */
  openAtEnd: XmlProblem | null;
  /** Everything the scan saw go wrong, in document order (the first MAX_PROBLEMS). */
  problems: XmlProblem[];
  /** Where the root's start tag ends and its end tag starts (null: never closed). */
  rootEnd: number | null;
  rootCloseAt: number | null;
  /** A `<channel>` right under the root. */
  hasChannel: boolean;
  /** Items and entries at feed level (an `<item>`/`<entry>`, any prefix, at most 3 deep). */
  itemCount: number;
  /**
   * Where the last item that closed cleanly ends, and the elements open around it (as
   * written, outermost first): what a document cut off after it can be closed with.
   */
  lastItemEnd: number | null;
  lastItemAncestors: string[];
  /** XHTML `<body>` (any prefix) right inside an item: content feedsmith does not read. */
  bodies: XmlRange[];
  /** Atom 0.3 text constructs with mode="base64". */
  base64: XmlRange[];
}

/** An element's start tag `[start, innerStart)`, content `[innerStart, innerEnd)`, end tag to `end`. */
export interface XmlRange {
  start: number;
  innerStart: number;
  innerEnd: number;
  end: number;
}

const ITEM_NAMES = new Set(["item", "entry"]);
const BASE64_MODE = /\smode\s*=\s*["']base64["']/i;

/**
 * One pass over the markup, without building anything. Text elements (titles, descriptions,
 * content) are skipped whole: the parser keeps them as text too, and the unescaped HTML many
 * feeds put there (`<br>`, unclosed `<p>`) is the sanitizer's business, not nesting.
 */
export function scanXml(text: string): XmlScan {
  const scan: XmlScan = {
    root: null,
    rootAt: null,
    entityAt: null,
    tooDeepAt: null,
    refused: null,
    reservedAt: [],
    openAtEnd: null,
    problems: [],
    rootEnd: null,
    rootCloseAt: null,
    hasChannel: false,
    itemCount: 0,
    lastItemEnd: null,
    lastItemAncestors: [],
    bodies: [],
    base64: [],
  };
  const problem = (kind: XmlProblem["kind"], name: string, offset: number) => {
    const found = { kind, name, offset };
    if (kind === "unterminated") scan.refused ??= found;
    if (scan.problems.length < MAX_PROBLEMS) scan.problems.push(found);
  };
  const localName = (lower: string, offset: number) => {
    const local = lower.slice(lower.lastIndexOf(":") + 1);
    if (RESERVED_NAMES.has(local) && scan.reservedAt.length < MAX_RESERVED) {
      scan.reservedAt.push(offset);
    }
    return local;
  };
  const stack: { name: string; raw: string; offset: number }[] = [];
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
      if (/<!ENTITY/i.test(text.slice(i, end === -1 ? text.length : end))) {
        scan.entityAt = i;
        return scan;
      }
      if (end === -1) {
        problem("unterminated", "declaration", i);
        break;
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
      const local = localName(name, i);
      if (stack.at(-1)?.name === name) {
        stack.pop();
        if (stack.length === 0) scan.rootCloseAt ??= i;
        else if (ITEM_NAMES.has(local) && stack.length < 3) {
          scan.lastItemEnd = end + 1;
          scan.lastItemAncestors = stack.map((e) => e.raw);
        }
      } else {
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
      if (scan.root === null) {
        scan.root = name;
        scan.rootAt = start;
        scan.rootEnd = end + 1;
      }
      i = end + 1;
      const lower = name.toLowerCase();
      const local = localName(lower, start);
      if (text[end - 1] === "/") continue;
      const isBody = local === "body" && ITEM_NAMES.has(stack.at(-1)?.name.split(":").at(-1) ?? "");
      if (TEXT_ELEMENTS.has(local) || isBody) {
        const closed = closerFor(name, closers);
        closed.lastIndex = i;
        const match = closed.exec(text);
        if (match === null) {
          problem("unterminated", lower, start);
          break;
        }
        const range = {
          start,
          innerStart: i,
          innerEnd: match.index,
          end: match.index + match[0].length,
        };
        if (isBody) scan.bodies.push(range);
        // Only Atom 0.3 has a mode; a long start tag is the one that may carry it.
        else if (end - start > 12 && BASE64_MODE.test(text.slice(start, end)))
          scan.base64.push(range);
        i = range.end;
        continue;
      }
      const depth = stack.push({ name: lower, raw: name, offset: start });
      if (ITEM_NAMES.has(local) && depth <= 3) scan.itemCount++;
      else if (local === "channel" && depth === 2) scan.hasChannel = true;
      if (depth > PARSER_MAX_DEPTH) scan.refused ??= { kind: "deep", name: lower, offset: start };
      if (depth > MAX_XML_DEPTH) {
        scan.tooDeepAt = start;
        return scan;
      }
    } else {
      // A "<" that no ">" follows: the parser takes it for a tag and runs off the end.
      if (text.indexOf(">", i) === -1) {
        problem("unterminated", "tag", i);
        break;
      }
      i += 1;
    }
  }
  const innermost = stack.at(-1);
  if (innermost) scan.openAtEnd = { kind: "open", name: innermost.name, offset: innermost.offset };
  for (const e of stack) problem("open", e.name, e.offset);
  return scan;
}

/** Refuses what no feed needs and some attacks use: DTD entity declarations. */
export function refuseEntities(scan: XmlScan, text: string): void {
  if (scan.entityAt === null) return;
  const where = position(text, scan.entityAt);
  throw feedError(
    "unsafe_feed",
    `DTD entity declarations are not accepted (at line ${where.line}): they are how "billion laughs" and external-entity attacks work, and no feed needs them`,
    { context: where },
  );
}

/** Refuses nesting deeper than MAX_XML_DEPTH, naming where it passed the limit. */
export function refuseDeepNesting(scan: XmlScan, text: string): void {
  if (scan.tooDeepAt === null) return;
  const where = position(text, scan.tooDeepAt);
  throw feedError(
    "malformed_feed",
    `elements are nested more than ${MAX_XML_DEPTH} deep (line ${where.line}, column ${where.column}); no real feed does that`,
    { context: { ...where, limit: MAX_XML_DEPTH } },
  );
}

function closerFor(name: string, cache: Map<string, RegExp>): RegExp {
  let closer = cache.get(name);
  if (closer === undefined) {
    closer = new RegExp(`</${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*>`, "gi");
    cache.set(name, closer);
  }
  return closer;
}

/** End of a `<!…>` declaration, past its internal subset `[…]` and quoted literals; -1 if none. */
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
  return -1;
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
