import type { JsonFeed } from "feedsmith";
import { textToHtml } from "../import/fields.ts";
import { parseFeedDate } from "./dates.ts";
import { language, names, plainText, summaryText, uniqueTexts } from "./fields.ts";
import { resolveUrl } from "./links.ts";
import { enclosure, imageEnclosure, uniqueEnclosures } from "./media.ts";
import type { RawFeed, RawFeedItem, ReadContext } from "./raw-feed.ts";
import { mapItems, rawItem } from "./raw-item.ts";

/** JSON Feed 1.0 / 1.1 (feedsmith maps 1.0's `author` to `authors`). */
export function normalizeJsonFeed(feed: JsonFeed.Feed<string>, ctx: ReadContext): RawFeed {
  const self = resolveUrl(feed.feed_url, ctx.base);
  const base = ctx.base ?? self;
  const hubs = feed.hubs ?? [];
  const hub = hubs.find((h) => /websub/i.test(h.type ?? "")) ?? hubs[0];
  const feedAuthors = names(feed.authors?.map((a) => a.name));
  return {
    format: "json",
    title: plainText(feed.title),
    link: resolveUrl(feed.home_page_url, base),
    language: language(feed.language),
    ttlMinutes: null,
    hub: resolveUrl(hub?.url, base),
    self,
    items: mapItems(feed.items, (item) => jsonItem(item, base, feedAuthors), ctx.skipped),
  };
}

function jsonItem(
  item: JsonFeed.Item<string>,
  base: string | null,
  feedAuthors: string | null,
): RawFeedItem {
  const url = resolveUrl(item.url, base) ?? resolveUrl(item.external_url, base);
  const enclosures = uniqueEnclosures(
    (item.attachments ?? []).map((a) => enclosure(a.url, a.mime_type, a.size_in_bytes, base)),
  );
  return rawItem({
    id: item.id === undefined ? undefined : String(item.id),
    title: plainText(item.title),
    url,
    published: parseFeedDate(item.date_published),
    updated: parseFeedDate(item.date_modified),
    author: names(item.authors?.map((a) => a.name)) ?? feedAuthors,
    summary: summaryText(item.summary),
    contentHtml: item.content_html ?? (item.content_text ? textToHtml(item.content_text) : null),
    categories: uniqueTexts(item.tags ?? []),
    image:
      resolveUrl(item.image, base) ??
      resolveUrl(item.banner_image, base) ??
      imageEnclosure(enclosures),
    enclosures,
    base: url ?? base,
  });
}
