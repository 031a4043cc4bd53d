import type { RssFeed } from "feedsmith";
import { parseFeedDate } from "./dates.ts";
import {
  language,
  names,
  plainText,
  summaryText,
  textOnly,
  ttlMinutes,
  uniqueTexts,
} from "./fields.ts";
import { htmlLink, linkByRel, resolveUrl, withXmlBase } from "./links.ts";
import {
  enclosure,
  imageEnclosure,
  mediaCategories,
  mediaImage,
  mediaText,
  uniqueEnclosures,
} from "./media.ts";
import type { RawFeed, RawFeedItem, ReadContext } from "./raw-feed.ts";
import { mapItems, rawItem } from "./raw-item.ts";

/** RSS 0.9x / 2.0, as feedsmith reads it, with the namespaces publishers add to it. */
export function normalizeRss(feed: RssFeed.Feed<string>, ctx: ReadContext): RawFeed {
  const docBase = withXmlBase(feed.xml?.base, ctx.base);
  const link = resolveUrl(feed.link, docBase);
  // Without the feed's own URL, the site's link is the best base relative links have.
  const base = docBase ?? link;
  // The channel's author is the byline of items that name none.
  const channelAuthor =
    names(feed.dc?.creators) ??
    names(feed.atom?.authors?.map((a) => a.name)) ??
    names([feed.itunes?.author]);
  return {
    format: "rss",
    title: plainText(feed.title) ?? plainText(feed.dc?.titles?.[0]),
    link,
    language: language(feed.language, feed.dc?.languages?.[0], feed.xml?.lang),
    ttlMinutes: ttlMinutes(feed.ttl),
    hub: linkByRel(feed.atom?.links, "hub", base),
    self: linkByRel(feed.atom?.links, "self", base),
    items: mapItems(feed.items, (item) => rssItem(item, base, channelAuthor), ctx.skipped),
  };
}

function rssItem(
  item: RssFeed.Item<string>,
  feedBase: string | null,
  channelAuthor: string | null,
): RawFeedItem {
  const explicitBase = item.xml?.base ? withXmlBase(item.xml.base, feedBase) : null;
  const base = explicitBase ?? feedBase;
  const guid = item.guid?.value;
  const url =
    resolveUrl(item.link, base) ??
    (item.guid?.isPermaLink !== false ? resolveUrl(guid, null) : null) ??
    htmlLink(item.atom?.links, base);
  const enclosures = uniqueEnclosures(
    (item.enclosures ?? []).map((e) => enclosure(e.url, e.type, e.length, base)),
  );
  return rawItem({
    id: guid,
    title:
      plainText(item.title) ?? plainText(item.dc?.titles?.[0]) ?? mediaText(item.media, "title"),
    url,
    published:
      parseFeedDate(item.pubDate) ??
      parseFeedDate(item.dc?.dates?.[0]) ??
      parseFeedDate(item.dcterms?.issued?.[0]),
    updated: parseFeedDate(item.dcterms?.modified?.[0]) ?? parseFeedDate(item.atom?.updated),
    author:
      names(item.authors?.map((a) => a.name)) ??
      names(item.dc?.creators) ??
      names([item.itunes?.author]) ??
      channelAuthor,
    summary:
      summaryText(item.description) ??
      summaryText(item.dc?.descriptions?.[0]) ??
      summaryText(mediaText(item.media, "description"), textOnly),
    contentHtml: item.content?.encoded,
    categories: uniqueTexts([
      ...(item.categories ?? []).map((c) => c.name),
      ...(item.dc?.subjects ?? []),
      ...mediaCategories(item.media),
    ]),
    image:
      mediaImage(item.media, base) ??
      imageEnclosure(enclosures) ??
      resolveUrl(item.itunes?.image, base),
    enclosures,
    summaryHtml: item.description,
    // Links in the body are relative to the item's page unless xml:base says otherwise.
    base: explicitBase ?? url ?? base,
  });
}
