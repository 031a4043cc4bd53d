/**
 * A feed as Dispatch understands it, whatever the format it came in. This is also the
 * shape `dispatch feed inspect --json` prints. Dates are ISO 8601 UTC or null; `title`,
 * `author` and `summary` are plain text; `contentHtml` is sanitized HTML.
 */
export const FEED_FORMATS = ["rss", "rdf", "atom", "json", "ninjs"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface FeedItem {
  /** guid / id / uri as the feed gives it, else the item's URL, else a hash of its text. */
  id: string;
  title: string | null;
  url: string | null;
  published: string | null;
  updated: string | null;
  author: string | null;
  summary: string | null;
  contentHtml: string | null;
  categories: string[];
  image: string | null;
  enclosures: Enclosure[];
}

/**
 * What went wrong in a feed that was still read: shown on the source's health apart from
 * failures. `truncated`: the document broke off and the complete items before the break
 * were kept; `items_skipped`: `count` items left out for `reason` (a stable code such as
 * `empty_item` or `html_too_complex`).
 */
export type FeedWarning =
  | { code: "truncated"; message: string; line: number; column: number }
  | { code: "items_skipped"; reason: string; count: number; message: string };

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  language: string | null;
  /** RSS `ttl` in minutes, when the feed says how long it may be cached. */
  ttlMinutes?: number | null;
  /** WebSub hub and self URLs, when the feed advertises them. */
  hub?: string | null;
  self?: string | null;
  items: FeedItem[];
  /** Present when the feed was read despite a problem; absent or empty when all was well. */
  warnings?: FeedWarning[];
}
