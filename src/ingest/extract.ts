import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { AppError } from "../domain/errors.ts";
import { parseFeedDate } from "./feeds/dates.ts";
import { collapseWhitespace, httpUrl, normalizeLanguage } from "./import/fields.ts";
import { htmlToText, sanitizeHtml } from "./sanitize.ts";

/**
 * The article in a publisher's page, for `full` sources whose feed carries only a teaser:
 * Readability finds the body among the navigation, ads and footers; the sanitizer then cuts
 * it down to our allowlist. Pure: the page arrives as a string, fetched by someone else.
 */

export interface ExtractResult {
  title: string | null;
  byline: string | null;
  /** Primary language subtag of `<html lang>` ("en-GB" → "en"). */
  lang: string | null;
  /** ISO 8601 UTC. */
  publishedTime: string | null;
  siteName: string | null;
  excerpt: string | null;
  /** Sanitized HTML of the article body. */
  html: string;
  /** The body as plain text, paragraphs separated by blank lines. */
  text: string;
}

/** Less text than this is a cookie wall, an error page or a gallery, not an article. */
export const MIN_ARTICLE_CHARS = 80;
/** Readability scores every element; pages beyond this are not articles worth the time. */
const MAX_ELEMENTS = 60_000;

export function extractArticle(html: string, options: { url: string }): ExtractResult {
  const pageUrl = httpUrl(options.url);
  if (pageUrl === null) {
    throw new AppError(
      "invalid_url",
      `cannot extract an article for "${options.url.slice(0, 200)}": not an http(s) URL`,
      {
        status: 400,
        context: { url: options.url.slice(0, 500) },
      },
    );
  }
  const notExtractable = (reason: string, cause?: unknown) =>
    new AppError("not_extractable", `no article could be extracted from ${pageUrl}: ${reason}`, {
      status: 422,
      context: { url: pageUrl },
      cause,
    });

  if (html.trim() === "") throw notExtractable("the page is empty");
  // linkedom makes a fragment's first element the document element; give it a document.
  const page = /<(?:html|head|body)[\s>]/i.test(html)
    ? html
    : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  if (!document.documentElement) throw notExtractable("the page has no document element");
  injectBase(document, pageUrl);
  // Read before Readability runs: it removes scripts (JSON-LD) and rewrites the tree.
  const lang = pageLanguage(document);
  const declaredPublished = metaPublished(document) ?? jsonLdPublished(document);

  let article: ReturnType<Readability["parse"]>;
  try {
    article = new Readability(document as unknown as Document, {
      maxElemsToParse: MAX_ELEMENTS,
    }).parse();
  } catch (error) {
    throw notExtractable(
      error instanceof Error ? error.message : "the page could not be read",
      error,
    );
  }
  if (!article?.content) throw notExtractable("the page has no readable article");

  const body = sanitizeHtml(article.content);
  const text = htmlToText(body);
  if (text.length < MIN_ARTICLE_CHARS) {
    throw notExtractable(
      `only ${text.length} character${text.length === 1 ? "" : "s"} of text were found`,
    );
  }
  return {
    title: clean(article.title),
    byline: clean(article.byline)?.replace(/^by\s+/i, "") || null,
    lang,
    publishedTime: parseFeedDate(article.publishedTime) ?? parseFeedDate(declaredPublished),
    siteName: clean(article.siteName),
    excerpt: clean(article.excerpt),
    html: body,
    text,
  };
}

function clean(value: string | null | undefined): string | null {
  const text = value ? collapseWhitespace(value) : "";
  return text === "" ? null : text;
}

type Doc = ReturnType<typeof parseHTML>["document"];

/**
 * linkedom resolves nothing by itself; Readability makes links absolute against the
 * document's base URI, which a `<base>` element sets. A page's own `<base href>` is honoured
 * the way a browser would, resolved against the page URL.
 */
function injectBase(document: Doc, pageUrl: string): void {
  let base = pageUrl;
  for (const existing of Array.from(document.querySelectorAll("base[href]"))) {
    const href = existing.getAttribute("href");
    if (href && base === pageUrl) {
      try {
        base = httpUrl(new URL(href, pageUrl).href) ?? pageUrl;
      } catch {
        // An unreadable <base> is ignored, as browsers do.
      }
    }
    existing.remove();
  }
  let head = document.head;
  if (!head) {
    head = document.createElement("head");
    document.documentElement.prepend(head);
  }
  const element = document.createElement("base");
  element.setAttribute("href", base);
  head.prepend(element);
}

function pageLanguage(document: Doc): string | null {
  const candidates = [
    document.documentElement?.getAttribute("lang"),
    document.documentElement?.getAttribute("xml:lang"),
    document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute("content"),
  ];
  for (const value of candidates) {
    if (!value?.trim()) continue;
    try {
      return normalizeLanguage(value.split(",")[0] ?? "", "page", "lang");
    } catch {
      // Not a language tag; try the next place.
    }
  }
  return null;
}

const PUBLISHED_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="dc.date.issued" i]',
  'meta[name="dcterms.created" i]',
];

function metaPublished(document: Doc): string | null {
  for (const selector of PUBLISHED_META) {
    const content = document.querySelector(selector)?.getAttribute("content");
    if (content && parseFeedDate(content) !== null) return content;
  }
  return null;
}

/** `datePublished` of the first JSON-LD article, looking inside arrays and `@graph`. */
function jsonLdPublished(document: Doc): string | null {
  for (const script of Array.from(
    document.querySelectorAll('script[type="application/ld+json"]'),
  )) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const found = findDatePublished(data, 0);
    if (found !== null) return found;
  }
  return null;
}

function findDatePublished(value: unknown, depth: number): string | null {
  if (depth > 5 || typeof value !== "object" || value === null) return null;
  if (Array.isArray(value)) {
    for (const entry of value) {
      const found = findDatePublished(entry, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  const date = Object.hasOwn(record, "datePublished") ? record.datePublished : undefined;
  if (typeof date === "string" && parseFeedDate(date) !== null) return date;
  return Object.hasOwn(record, "@graph") ? findDatePublished(record["@graph"], depth + 1) : null;
}
