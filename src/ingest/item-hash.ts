import { createHash } from "node:crypto";
import type { Source } from "../domain/source.ts";
import type { RawFeedItem } from "./feeds/raw-feed.ts";
import { believableDate, MAPPING_VERSION } from "./item-to-article.ts";

/** Everything besides the item itself that `itemToArticle` reads. */
export interface HashContext {
  source: Pick<Source, "mode" | "sectionSlug" | "languageHint">;
  /** The feed's own language, which the articles take first. */
  feedLanguage: string | null;
  defaultLanguage: string;
  now: Date;
}

/**
 * A fingerprint of one raw feed item and of what its article depends on: the source's
 * mode, section and language hint (an operator's change maps its items again), the feed's
 * and the site's language, and `MAPPING_VERSION`. Stored with the article, it lets the
 * next fetch skip an item it already has before sanitizing it or fetching its page.
 *
 * Whether the item's date is believable yet is part of it: an item dated ahead of the
 * clock is mapped again once its date has come, as it was before hashes.
 */
export function itemHash(item: RawFeedItem, ctx: HashContext): string {
  const hash = createHash("sha256");
  // Each value named and length-prefixed, so no two different items feed the hash the same
  // bytes. Strings go in as they are: JSON.stringify of a 5 KB body costs more than hashing.
  const put = (name: string, value: unknown) => {
    const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined");
    hash.update(`${name}${typeof value === "string" ? "=" : ":"}${text.length}:`).update(text);
  };
  put("context", [
    MAPPING_VERSION,
    ctx.source.mode,
    ctx.source.sectionSlug,
    ctx.source.languageHint,
    ctx.feedLanguage,
    ctx.defaultLanguage,
    believableDate(item, ctx.now) !== null,
  ]);
  // Every field, so a field added to RawFeedItem is part of the hash without a change here.
  for (const [key, value] of Object.entries(item)) put(key, value);
  return hash.digest("base64url");
}
