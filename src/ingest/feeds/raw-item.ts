import { isAppError } from "../../domain/errors.ts";
import type { Enclosure } from "../../domain/feed.ts";
import { sha256Hex } from "../import/fields.ts";
import type { RawFeedItem } from "./raw-feed.ts";
import { cleanFeedHtml } from "./sanitize-item.ts";

/** What a normalizer found in one item, before the rules every format shares. */
export interface ItemFields {
  id: string | null | undefined;
  title: string | null;
  url: string | null;
  published: string | null;
  updated: string | null;
  author: string | null;
  summary: string | null;
  /** The body as the feed gives it. */
  contentHtml: string | null | undefined;
  categories: string[];
  image: string | null;
  enclosures: Enclosure[];
  /** HTML that is not the content but may hold a picture (an RSS description). */
  summaryHtml?: string | null | undefined;
  /** What relative links in the HTML resolve against. */
  base: string | null;
}

const html = (value: string | null | undefined) => (value?.trim() ? value : null);

/** The id rule every format shares: the feed's id, else the URL, else a hash of the text. */
export function rawItem(fields: ItemFields): RawFeedItem {
  const contentHtml = html(fields.contentHtml);
  const id =
    fields.id?.trim() ||
    fields.url ||
    sha256Hex(
      fields.title || fields.summary
        ? `${fields.title ?? ""}\n${fields.summary ?? ""}`
        : // An item that is nothing but a body is known by its clean body, as it always was.
          (cleanFeedHtml(contentHtml, fields.base) ?? ""),
    );
  return {
    id,
    title: fields.title,
    url: fields.url,
    published: fields.published,
    updated: fields.updated,
    author: fields.author,
    summary: fields.summary,
    contentHtml,
    categories: fields.categories,
    image: fields.image,
    enclosures: fields.enclosures,
    summaryHtml: html(fields.summaryHtml),
    base: fields.base,
  };
}

/**
 * One broken item (an unreadable field, markup too complex to read) drops that item, not
 * the feed; only when every item fails is the feed itself in error.
 */
export function mapItems<T, R>(raw: readonly T[] | undefined, map: (item: T) => R): R[] {
  const out: R[] = [];
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
