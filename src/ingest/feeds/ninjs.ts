import { AppError, isAppError } from "../../domain/errors.ts";
import { parseNinjs } from "../import/ninjs.ts";
import { parseFeedDate } from "./dates.ts";
import { unknownFormat } from "./feed-errors.ts";
import { language, uniqueTexts } from "./fields.ts";
import { isRecord, own } from "./json-values.ts";
import { resolveUrl } from "./links.ts";
import type { RawFeed, RawFeedItem, ReadContext } from "./raw-feed.ts";
import { countSkip, EMPTY_ITEM, rawItem } from "./raw-item.ts";

/**
 * IPTC ninjs: the importer reads and validates each item; we add what a feed item has beyond
 * an article (update time, subjects, the main picture) and leave out what must not run yet.
 */

/** Items the wire sends that are, by design, not for publication now. */
const NOT_FOR_PUBLICATION = new Set(["canceled", "unsupported_type"]);

export function normalizeNinjs(values: unknown[], ctx: ReadContext, isList: boolean): RawFeed {
  const items: RawFeedItem[] = [];
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
      countSkip(ctx.skipped, error.code);
      if (error.code === EMPTY_ITEM) return;
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
  ctx: ReadContext,
): RawFeedItem {
  const url = article.canonicalUrl;
  return rawItem({
    id: article.guid,
    title: article.headline,
    url,
    published: parseFeedDate(stringField(record, "firstcreated", "firstCreated")),
    updated: parseFeedDate(stringField(record, "versioncreated", "versionCreated")),
    author: article.byline,
    summary: article.standfirst,
    // The importer sanitized the body already; the sanitize step makes its links absolute.
    contentHtml: article.body,
    categories: uniqueTexts([
      ...subjectNames(own(record, "subjects")),
      ...subjectNames(own(record, "subject")),
      ...stringList(own(record, "keywords")),
    ]),
    image: ninjsPicture(own(record, "associations"), url ?? ctx.base),
    enclosures: [],
    base: url ?? ctx.base,
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
