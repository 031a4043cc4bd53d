import { createRequire } from "node:module";
import type MarkdownItConstructor from "markdown-it";
import type * as Yaml from "yaml";
import type { ArticleInput, ArticleStatus } from "../../domain/article.ts";
import { htmlToText, sanitizeHtml } from "../sanitize.ts";
import {
  assertText,
  collapseWhitespace,
  defaultLanguage,
  httpUrl,
  importError,
  normalizeLanguage,
  normalizeText,
  requireDate,
  sectionFor,
  sha256Hex,
} from "./fields.ts";
import type { ImportOptions } from "./options.ts";

const FORMAT = "markdown";

// markdown-it and yaml load on first use, synchronously so parsing stays a plain function:
// only `dispatch import` reads Markdown, and `dispatch serve` starts faster without them.
const load = createRequire(import.meta.url);
type MarkdownIt = InstanceType<typeof MarkdownItConstructor>;
let markdownIt: MarkdownIt | undefined;

function markdownParser(): MarkdownIt {
  if (markdownIt === undefined) {
    const Parser = load("markdown-it") as typeof MarkdownItConstructor;
    // Raw HTML off: markdown is for writers, and HTML in it is how scripts would get in. Linkify
    // off: bare text that looks like a domain stays text. Typographer on: “curly” quotes and dashes.
    markdownIt = new Parser("default", { html: false, linkify: false, typographer: true });
  }
  return markdownIt;
}

type FrontMatter = Map<unknown, unknown>;

/**
 * A story in Markdown, optionally with YAML front matter (the Jekyll/Hugo convention):
 * title, standfirst, byline, language, section, date, status, slug, id, canonical.
 */
export function parseMarkdown(text: string, options: ImportOptions): ArticleInput {
  assertText(text, FORMAT);
  const normalized = normalizeText(text);
  if (normalized.trim() === "") throw importError("empty_file", "markdown: the file is empty");

  const { frontMatter, content } = splitFrontMatter(normalized);
  const field = new Fields(frontMatter);

  const markdown = markdownParser();
  const tokens = markdown.parse(content, {});
  let headline = collapseWhitespace(field.string("title", "headline") ?? "");
  const h1 = tokens.findIndex((t) => t.type === "heading_open" && t.tag === "h1");
  const h1Text = h1 === -1 ? "" : inlineText(tokens[h1 + 1]);
  if (headline === "" && h1Text !== "") {
    headline = h1Text;
    tokens.splice(h1, 3);
  } else if (h1Text !== "" && comparable(h1Text) === comparable(headline)) {
    // The title repeated as the first heading would show twice on the page.
    tokens.splice(h1, 3);
  }
  if (headline === "") {
    throw importError(
      "missing_headline",
      "markdown: headline is missing (expected `title` in the front matter or a `# Heading` line)",
    );
  }

  const body = sanitizeHtml(markdown.renderer.render(tokens, markdown.options, {}));
  if (htmlToText(body) === "" && !body.includes("<img")) {
    throw importError(
      "missing_body",
      `markdown: "${headline.slice(0, 80)}" has a headline but no body text`,
      { headline },
    );
  }

  const statusField = field.string("status");
  let status: ArticleStatus = "published";
  if (statusField !== undefined) {
    const value = statusField.trim().toLowerCase();
    if (value !== "draft" && value !== "published") {
      throw field.invalid("status", `"draft" or "published"`, statusField);
    }
    status = value;
  }
  const date = field.date("date", "published");
  let publishedAt: string | null = null;
  if (status === "published") {
    publishedAt = date ?? options.now.toISOString();
    // A published story dated in the future waits for its date, like an embargo.
    if (Date.parse(publishedAt) > options.now.getTime()) status = "scheduled";
  }

  const slug = field.string("slug")?.trim();
  if (slug !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    throw field.invalid("slug", "lowercase letters, digits and single hyphens", slug);
  }
  const canonical = field.string("canonical");
  const canonicalUrl = canonical === undefined ? null : httpUrl(canonical);
  if (canonical !== undefined && canonicalUrl === null) {
    throw field.invalid("canonical", "an absolute http(s) URL", canonical);
  }
  const language = field.string("language", "lang");
  const id = field.string("id", "guid")?.trim();
  const byline = field.byline();
  const standfirst = collapseWhitespace(field.string("standfirst", "description", "summary") ?? "");

  return {
    // Keyed on the headline when the file has no id, so re-importing the same story updates it.
    guid: id ? id : `md:${sha256Hex(headline)}`,
    kind: options.kind ?? "own",
    status,
    headline,
    standfirst: standfirst === "" ? null : standfirst,
    body,
    byline,
    language:
      language !== undefined && language.trim() !== ""
        ? normalizeLanguage(language, FORMAT, "language")
        : defaultLanguage(options),
    // An operator's explicit choice for the whole import beats what each file says.
    section: options.section ? sectionFor(options) : (field.section() ?? sectionFor(options)),
    slug: slug ? slug : null,
    canonicalUrl,
    externalUrl: null,
    publishedAt,
  };
}

// The typographer curls the heading's quotes but not the front matter's.
function comparable(text: string): string {
  return text
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[–—]/g, "-")
    .toLowerCase();
}

function inlineText(token: { type: string; children: unknown[] | null } | undefined): string {
  if (token?.type !== "inline" || !token.children) return "";
  const markdown = markdownParser();
  const html = markdown.renderer.renderInline(
    token.children as Parameters<MarkdownIt["renderer"]["renderInline"]>[0],
    markdown.options,
    {},
  );
  return collapseWhitespace(htmlToText(html));
}

function splitFrontMatter(text: string): { frontMatter: FrontMatter; content: string } {
  const lines = text.split("\n");
  if (!/^---[ \t]*$/.test(lines[0] ?? "")) return { frontMatter: new Map(), content: text };
  const end = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line));
  if (end === -1) {
    throw importError(
      "bad_front_matter",
      "markdown: the front matter opened by `---` on line 1 is never closed (expected a second `---` line)",
      { line: 1 },
    );
  }
  const yaml = lines.slice(1, end).join("\n");
  const { parseDocument } = load("yaml") as typeof Yaml;
  const doc = parseDocument(yaml, { schema: "core", uniqueKeys: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    // +1: the YAML starts on the line after the opening `---`, and the file's line is the one
    // a person will look for, so YAML's own position (relative to the block) is cut off.
    const line = (error.linePos?.[0]?.line ?? 0) + 1;
    const column = error.linePos?.[0]?.col ?? 1;
    const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    throw importError(
      "bad_front_matter",
      `markdown: the front matter is not valid YAML (line ${line}, column ${column}): ${reason}`,
      { line, column },
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ mapAsMap: true, maxAliasCount: 50 });
  } catch (cause) {
    throw importError(
      "bad_front_matter",
      `markdown: the front matter cannot be read: ${cause instanceof Error ? cause.message : "unknown error"}`,
      { line: 2 },
    );
  }
  if (value === null || value === undefined) {
    return { frontMatter: new Map(), content: lines.slice(end + 1).join("\n") };
  }
  if (!(value instanceof Map)) {
    throw importError(
      "bad_front_matter",
      `markdown: the front matter must be a mapping of \`key: value\` lines, got ${Array.isArray(value) ? "a list" : `a ${typeof value}`} (line 2)`,
      { line: 2 },
    );
  }
  return { frontMatter: value, content: lines.slice(end + 1).join("\n") };
}

/** Front-matter reads: a Map, so no key can touch a prototype; every value type-checked. */
class Fields {
  constructor(readonly map: FrontMatter) {}

  raw(...names: string[]): { name: string; value: unknown } | undefined {
    for (const name of names) {
      const value = this.map.get(name);
      if (value !== undefined && value !== null) return { name, value };
    }
    return undefined;
  }

  /** Numbers are accepted where people naturally write them unquoted (`id: 1234`). */
  string(...names: string[]): string | undefined {
    const found = this.raw(...names);
    if (found === undefined) return undefined;
    if (typeof found.value === "string") return found.value;
    if (typeof found.value === "number" && Number.isFinite(found.value)) return String(found.value);
    throw this.invalid(found.name, "text", found.value);
  }

  date(...names: string[]): string | undefined {
    const found = this.raw(...names);
    if (found === undefined) return undefined;
    if (found.value instanceof Date && !Number.isNaN(found.value.getTime())) {
      return found.value.toISOString();
    }
    if (typeof found.value !== "string") throw this.invalid(found.name, "a date", found.value);
    return requireDate(found.value, FORMAT, found.name);
  }

  byline(): string | null {
    const found = this.raw("byline", "author");
    if (found === undefined) return null;
    const names = Array.isArray(found.value) ? found.value : [found.value];
    if (!names.every((name) => typeof name === "string")) {
      throw this.invalid(found.name, "a name or a list of names", found.value);
    }
    const joined = names
      .map((name) => collapseWhitespace(name))
      .filter((name) => name !== "")
      .join(", ");
    return joined === "" ? null : joined;
  }

  section(): { slug: string; name: string } | null {
    const found = this.raw("section");
    if (found === undefined) return null;
    const name = typeof found.value === "string" ? collapseWhitespace(found.value) : "";
    const slug = slugify(name);
    if (slug === "") throw this.invalid("section", "a section name such as World", found.value);
    return { slug, name };
  }

  invalid(field: string, expected: string, value: unknown) {
    const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 60)) : typeof value;
    return importError(
      "invalid_field",
      `markdown: front matter \`${field}\` must be ${expected}, got ${shown}`,
      { field },
    );
  }
}

function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}
