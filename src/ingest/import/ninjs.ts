import type { ArticleInput, ArticleStatus } from "../../domain/article.ts";
import { htmlToText, sanitizeHtml } from "../sanitize.ts";
import {
  collapseWhitespace,
  defaultLanguage,
  httpUrl,
  importError,
  normalizeLanguage,
  requireDate,
  sectionFor,
  sha256Hex,
  textToHtml,
} from "./fields.ts";
import type { ImportOptions } from "./options.ts";

/**
 * IPTC ninjs, the wire format: 1.x (flat `headline`, `body_html`, `description_text`…) and
 * 2.x (`headlines[]`, `bodies[]`, `descriptions[]`, `by`). 3.x is 2.x with camelCase names
 * (`pubStatus`, `firstCreated`, `contentType`); we accept those spellings too.
 * Schemas: https://github.com/iptc/newsinjson/tree/main/specification
 */

type Json = Record<string, unknown>;
type NinjsVersion = 1 | 2;

const FORMAT = "ninjs";

/** Parses a decoded JSON value. Nothing about it is trusted: every field read is type-checked. */
export function parseNinjs(value: unknown, options: ImportOptions): ArticleInput {
  if (!isRecord(value)) {
    throw importError(
      "not_ninjs",
      `ninjs: expected a JSON object describing one news item, got ${describe(value)}`,
    );
  }
  const version = detectVersion(value);
  if (version === null) {
    throw importError(
      "not_ninjs",
      "ninjs: this JSON is not a ninjs news item (no `$schema` naming ninjs, and none of `uri`, `headline`, `headlines`, `bodies`, `body_html`, `body_text`)",
      { keys: Object.keys(value).slice(0, 20) },
    );
  }
  const doc = new NinjsDoc(value, version);

  const type = doc.string("type");
  if (type !== undefined && type !== "text") {
    throw importError(
      "unsupported_type",
      `ninjs: the item is of type "${type.slice(0, 40)}"; only "text" items can be imported as articles`,
      { type: type.slice(0, 100), version },
    );
  }

  const pubstatus = doc.string("pubstatus", "pubStatus") ?? "usable";
  if (pubstatus !== "usable" && pubstatus !== "withheld" && pubstatus !== "canceled") {
    throw importError(
      "invalid_field",
      `ninjs: \`pubstatus\` must be "usable", "withheld" or "canceled", got ${JSON.stringify(pubstatus.slice(0, 40))}`,
      { field: "pubstatus", version },
    );
  }

  const headline = readHeadline(doc);
  if (pubstatus === "canceled") {
    throw importError(
      "canceled",
      `ninjs: "${headline?.slice(0, 80) ?? "(no headline)"}" is canceled (pubstatus "canceled"): the provider withdrew it, there is nothing to import`,
      { version },
    );
  }
  if (headline === null) {
    throw importError(
      "missing_headline",
      "ninjs: headline is missing (expected `headline` (1.x) or `headlines[].value` (2.0))",
      { version },
    );
  }

  const body = readBody(doc);
  if (body === null) {
    throw importError(
      "missing_body",
      `ninjs: "${headline.slice(0, 80)}" has no usable body (expected \`body_html\`/\`body_text\` (1.x) or \`bodies[]\` with contenttype text/html or text/plain (2.0))`,
      { version },
    );
  }

  const firstCreated = doc.date("firstcreated", "firstCreated");
  const versionCreated = doc.date("versioncreated", "versionCreated");
  const embargoed = doc.date("embargoed");

  let status: ArticleStatus;
  let publishedAt: string | null;
  if (pubstatus === "withheld") {
    // Not yet cleared for publication: a draft for the desk, with no publication time yet.
    status = "draft";
    publishedAt = null;
  } else if (embargoed !== undefined && Date.parse(embargoed) > options.now.getTime()) {
    status = "scheduled";
    publishedAt = embargoed;
  } else {
    status = "published";
    publishedAt = firstCreated ?? versionCreated ?? options.now.toISOString();
  }

  const language = doc.string("language");
  const uri = doc.string("uri")?.trim();

  return {
    // ninjs requires `uri`; for files that lack it, a hash of the content makes a re-delivery
    // of the identical item update the same article instead of duplicating it.
    guid: uri ? uri : `ninjs:${sha256Hex(`${headline}\n${body}`)}`,
    kind: options.kind ?? "own",
    status,
    headline,
    standfirst: readDescription(doc),
    body,
    byline: readByline(doc),
    language:
      language !== undefined && language.trim() !== ""
        ? normalizeLanguage(language, FORMAT, "language")
        : defaultLanguage(options),
    section: sectionFor(options),
    slug: null,
    canonicalUrl: readCanonical(doc),
    externalUrl: null,
    publishedAt,
  };
}

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return `a ${typeof value}`;
}

/** Own properties only: a key such as `__proto__` or `constructor` never reaches a prototype. */
function own(record: Json, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

function detectVersion(doc: Json): NinjsVersion | null {
  const schema = own(doc, "$schema");
  const standard = own(doc, "standard") ?? own(doc, "$standard");
  const declared = [
    typeof schema === "string" ? schema : "",
    isRecord(standard) && typeof own(standard, "version") === "string"
      ? `ninjs-schema_${String(own(standard, "version"))}`
      : "",
  ];
  for (const text of declared) {
    const match = /ninjs-schema[_-]?(?:v)?(\d+)/i.exec(text);
    if (match?.[1]) return match[1] === "1" ? 1 : 2;
  }
  const hasAny = (names: string[]) => names.some((name) => own(doc, name) !== undefined);
  if (hasAny(["headlines", "bodies", "descriptions"])) return 2;
  if (
    hasAny(["headline", "byline"]) ||
    Object.keys(doc).some((key) => /^(body|description)_/.test(key))
  ) {
    return 1;
  }
  if (typeof schema === "string" && /ninjs/i.test(schema)) return 2;
  if (typeof own(doc, "uri") === "string") return 2;
  return null;
}

/** Typed reads with messages that name the field and the version. */
class NinjsDoc {
  constructor(
    readonly record: Json,
    readonly version: NinjsVersion,
  ) {}

  /** The first present spelling of a field; null counts as absent. */
  raw(...names: string[]): { name: string; value: unknown } | undefined {
    for (const name of names) {
      const value = own(this.record, name);
      if (value !== undefined && value !== null) return { name, value };
    }
    return undefined;
  }

  string(...names: string[]): string | undefined {
    const found = this.raw(...names);
    if (found === undefined) return undefined;
    if (typeof found.value !== "string") throw this.wrongType(found.name, "a string", found.value);
    return found.value;
  }

  array(...names: string[]): Json[] | undefined {
    const found = this.raw(...names);
    if (found === undefined) return undefined;
    if (!Array.isArray(found.value)) throw this.wrongType(found.name, "an array", found.value);
    return found.value.map((item, i) => {
      if (!isRecord(item)) throw this.wrongType(`${found.name}[${i}]`, "an object", item);
      return item;
    });
  }

  date(...names: string[]): string | undefined {
    const value = this.string(...names);
    if (value === undefined) return undefined;
    return requireDate(value, FORMAT, names[0] ?? "date");
  }

  /** A string property of an array entry, type-checked like a top-level one. */
  entryString(entry: Json, field: string, ...names: string[]): string | undefined {
    for (const name of names) {
      const value = own(entry, name);
      if (value === undefined || value === null) continue;
      if (typeof value !== "string") throw this.wrongType(`${field}.${name}`, "a string", value);
      return value;
    }
    return undefined;
  }

  wrongType(field: string, expected: string, value: unknown) {
    return importError(
      "invalid_field",
      `ninjs: \`${field}\` must be ${expected}, got ${describe(value)}`,
      { field, version: this.version },
    );
  }
}

type Markup = "html" | "text";

function markupOf(contentType: string | undefined, value: string): Markup | null {
  if (contentType === undefined) return /<\/?[a-z][a-z0-9]*[\s>/]/i.test(value) ? "html" : "text";
  const mime = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mime === "text/html" || mime === "application/xhtml+xml") return "html";
  if (mime === "text/plain") return "text";
  return null;
}

interface Block {
  value: string;
  role: string | undefined;
  markup: Markup;
}

/** Entries of headlines[]/bodies[]/descriptions[] we can read, validated. */
function blocks(doc: NinjsDoc, field: string): Block[] {
  const entries = doc.array(field) ?? [];
  const out: Block[] = [];
  entries.forEach((entry, i) => {
    const name = `${field}[${i}]`;
    const value = doc.entryString(entry, name, "value");
    if (value === undefined) return;
    const role = doc.entryString(entry, name, "role");
    const markup = markupOf(doc.entryString(entry, name, "contenttype", "contentType"), value);
    if (markup !== null) out.push({ value, role: role?.trim().toLowerCase(), markup });
  });
  return out;
}

function plain(block: { value: string; markup: Markup }): string {
  return collapseWhitespace(block.markup === "html" ? htmlToText(block.value) : block.value);
}

function nonEmpty(text: string | undefined): string | null {
  return text !== undefined && text !== "" ? text : null;
}

function readHeadline(doc: NinjsDoc): string | null {
  if (doc.version === 1) return nonEmpty(collapseWhitespace(doc.string("headline") ?? ""));
  const rank = (b: Block) => (b.role === "main" ? 0 : b.role === undefined ? 1 : 2);
  const best = blocks(doc, "headlines")
    .map((b) => ({ text: plain(b), rank: rank(b) }))
    .filter((b) => b.text !== "")
    .sort((a, b) => a.rank - b.rank)[0];
  return best?.text ?? null;
}

/** Sanitized HTML, or null when no body has any content. */
function readBody(doc: NinjsDoc): string | null {
  let candidates: Block[];
  if (doc.version === 1) {
    candidates = [];
    for (const [field, markup] of [
      ["body_html", "html"],
      ["body_xhtml", "html"],
      ["body_text", "text"],
    ] as const) {
      const value = doc.string(field);
      if (value !== undefined) candidates.push({ value, role: "main", markup });
    }
  } else {
    const rank = (b: Block) =>
      (b.role === "main" ? 0 : b.role === undefined ? 2 : 4) + (b.markup === "html" ? 0 : 1);
    candidates = blocks(doc, "bodies").sort((a, b) => rank(a) - rank(b));
  }
  for (const candidate of candidates) {
    const html = sanitizeHtml(
      candidate.markup === "html" ? candidate.value : textToHtml(candidate.value),
    );
    if (htmlToText(html) !== "" || html.includes("<img")) return html;
  }
  return null;
}

const SUMMARY_ROLES = new Set(["summary", "abstract", "standfirst", "lead", "teaser", "main"]);

function readDescription(doc: NinjsDoc): string | null {
  if (doc.version === 1) {
    const text = doc.string("description_text");
    if (text !== undefined && collapseWhitespace(text) !== "") return collapseWhitespace(text);
    const html = doc.string("description_html");
    return html === undefined ? null : nonEmpty(plain({ value: html, markup: "html" }));
  }
  // Other roles (captions, notes to editors) are not for readers.
  const rank = (b: Block) => (b.role !== undefined && SUMMARY_ROLES.has(b.role) ? 0 : 1);
  const best = blocks(doc, "descriptions")
    .filter((b) => b.role === undefined || SUMMARY_ROLES.has(b.role))
    .map((b) => ({ text: plain(b), rank: rank(b) }))
    .filter((b) => b.text !== "")
    .sort((a, b) => a.rank - b.rank)[0];
  return best?.text ?? null;
}

function readByline(doc: NinjsDoc): string | null {
  if (doc.version === 1) return nonEmpty(collapseWhitespace(doc.string("byline") ?? ""));
  const by = doc.string("by");
  if (by !== undefined && collapseWhitespace(by) !== "") return collapseWhitespace(by);
  // Some producers send a list of bylines instead of the single `by` statement.
  const names = (doc.array("bylines") ?? [])
    .map((entry, i) =>
      collapseWhitespace(doc.entryString(entry, `bylines[${i}]`, "byline", "name") ?? ""),
    )
    .filter((name) => name !== "");
  return names.length > 0 ? names.join(", ") : null;
}

/** Only an explicit canonical link counts: `uri` identifies the item, it is not a web page. */
function readCanonical(doc: NinjsDoc): string | null {
  const altids = doc.raw("altids", "altIds");
  if (altids !== undefined) {
    if (Array.isArray(altids.value)) {
      for (const entry of altids.value) {
        if (!isRecord(entry)) continue;
        const role = own(entry, "role");
        const value = own(entry, "value");
        if (typeof role === "string" && role.toLowerCase() === "canonical") {
          const url = typeof value === "string" ? httpUrl(value) : null;
          if (url) return url;
        }
      }
    } else if (isRecord(altids.value)) {
      // ninjs 1.x: altids is an object of role → id.
      const value = own(altids.value, "canonical");
      const url = typeof value === "string" ? httpUrl(value) : null;
      if (url) return url;
    }
  }
  const links = own(doc.record, "links");
  if (Array.isArray(links)) {
    for (const entry of links) {
      if (!isRecord(entry)) continue;
      const rel = own(entry, "rel");
      const href = own(entry, "href");
      if (typeof rel === "string" && rel.toLowerCase().split(/\s+/).includes("canonical")) {
        const url = typeof href === "string" ? httpUrl(href) : null;
        if (url) return url;
      }
    }
  }
  return null;
}
