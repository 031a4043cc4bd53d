import { isAppError } from "../../domain/errors.ts";
import type { Enclosure } from "../../domain/feed.ts";
import { sha256Hex } from "../import/fields.ts";
import { windows1252Controls } from "./c1-controls.ts";
import { feedError } from "./feed-errors.ts";
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

const html = (value: string | null | undefined) =>
  value?.trim() ? windows1252Controls(value) : null;

/** The reason an item with nothing a reader could use is skipped (see `mapItems`). */
export const EMPTY_ITEM = "empty_item";

/**
 * The id rule every format shares: the feed's id, else the URL, else a hash of the text.
 * An item with no title, link, summary, body, picture or enclosure is an `empty_item`
 * AppError: skipped, counted, never a reason to refuse the feed.
 */
export function rawItem(fields: ItemFields): RawFeedItem {
  const contentHtml = html(fields.contentHtml);
  if (
    fields.title === null &&
    fields.url === null &&
    fields.summary === null &&
    contentHtml === null &&
    fields.image === null &&
    fields.enclosures.length === 0
  ) {
    throw feedError(EMPTY_ITEM, "the item has no title, link, summary, body or media");
  }
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

/** Items left out of a feed, counted by the code of the reason (`empty_item`, `html_too_complex`…). */
export type SkipCounts = Map<string, number>;

export function countSkip(skipped: SkipCounts | undefined, reason: string, n = 1): void {
  if (skipped !== undefined && n > 0) skipped.set(reason, (skipped.get(reason) ?? 0) + n);
}

/**
 * One broken item (an unreadable field, markup too complex to read) drops that item, not
 * the feed, and is counted in `skipped`; only when every item fails for a reason other
 * than being empty is the feed itself in error.
 */
export function mapItems<T, R>(
  raw: readonly T[] | undefined,
  map: (item: T) => R,
  skipped?: SkipCounts,
): R[] {
  const out: R[] = [];
  let firstError: unknown = null;
  for (const item of raw ?? []) {
    try {
      out.push(map(item));
    } catch (error) {
      if (!isAppError(error)) throw error;
      countSkip(skipped, error.code);
      if (error.code !== EMPTY_ITEM) firstError ??= error;
    }
  }
  if (out.length === 0 && firstError !== null) throw firstError;
  return out;
}
