import type { FeedItem, ParsedFeed } from "../../domain/feed.ts";

/**
 * A feed read and normalized but not yet sanitized: what `readFeed` returns, so ingestion
 * can drop the items it already has before paying for the sanitizer. `sanitizeFeedItem`
 * turns each item into the `FeedItem` that `parseFeed` would have given.
 */
export interface RawFeedItem extends Omit<FeedItem, "contentHtml"> {
  /** The body as the feed gives it (decoded from the XML or JSON): neither absolutized nor sanitized. */
  contentHtml: string | null;
  /**
   * The summary as HTML when the feed gives it so (an RSS description, an Atom html
   * summary): only read for a picture when the item names none and its content has none.
   */
  summaryHtml: string | null;
  /** What relative links in `contentHtml` and `summaryHtml` resolve against. */
  base: string | null;
  /**
   * The image the feed names (media, enclosures, JSON Feed `image`, ninjs pictures), or
   * null: then the sanitized content's first `<img>` is the item's image.
   */
  image: string | null;
}

export interface RawFeed extends Omit<ParsedFeed, "items"> {
  items: RawFeedItem[];
}

/** What every normalizer needs to know about the document beyond its text. */
export interface ReadContext {
  /** The document's URL, when known and http(s): the base for relative links. */
  base: string | null;
  contentType: string | null;
  now: Date;
  /** Where the normalizers count the items they leave out, by reason. */
  skipped?: Map<string, number>;
}
