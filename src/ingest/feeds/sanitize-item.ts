import type { FeedItem } from "../../domain/feed.ts";
import { sanitizeHtml } from "../sanitize.ts";
import { absolutize, resolveUrl } from "./links.ts";
import type { RawFeedItem } from "./raw-feed.ts";

/**
 * The step after parsing: a raw item's HTML made absolute and cleaned down to the body
 * allowlist, and what is read from the clean HTML (the first picture) filled in.
 */

/** Feed HTML with its relative links resolved against `base`, sanitized; null when empty. */
export function cleanFeedHtml(html: string | null, base: string | null): string | null {
  if (!html?.trim()) return null;
  const clean = sanitizeHtml(absolutize(html, base));
  return clean === "" ? null : clean;
}

function firstImage(html: string | null): string | null {
  const src = html === null ? undefined : /<img\s[^>]*?src="([^"]+)"/i.exec(html)?.[1];
  return src === undefined ? null : resolveUrl(src.replace(/&amp;/g, "&"), null);
}

/**
 * The `FeedItem` that `parseFeed` gives for this item. Throws an AppError
 * (`html_too_complex`) when its markup is beyond what the sanitizer accepts.
 */
export function sanitizeFeedItem(item: RawFeedItem): FeedItem {
  const contentHtml = cleanFeedHtml(item.contentHtml, item.base);
  return {
    id: item.id,
    title: item.title,
    url: item.url,
    published: item.published,
    updated: item.updated,
    author: item.author,
    summary: item.summary,
    contentHtml,
    categories: item.categories,
    image:
      item.image ??
      firstImage(contentHtml) ??
      // The summary is cleaned only when it is the last place left to look.
      firstImage(cleanFeedHtml(item.summaryHtml, item.base)),
    enclosures: item.enclosures,
  };
}
