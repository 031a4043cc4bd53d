import type { RdfFeed } from "feedsmith";
import { parseFeedDate } from "./dates.ts";
import { language, names, plainText, summaryText, textOnly, uniqueTexts } from "./fields.ts";
import { linkByRel, resolveUrl, withXmlBase } from "./links.ts";
import { mediaCategories, mediaImage, mediaText } from "./media.ts";
import type { RawFeed, RawFeedItem, ReadContext } from "./raw-feed.ts";
import { mapItems, rawItem } from "./raw-item.ts";

/** RSS 1.0 (RDF): items are known by rdf:about; dates, authors and subjects come from Dublin Core. */
export function normalizeRdf(feed: RdfFeed.Feed<string>, ctx: ReadContext): RawFeed {
  const docBase = withXmlBase(feed.xml?.base, ctx.base);
  const link = resolveUrl(feed.link, docBase);
  const base = docBase ?? link;
  const channelAuthor = names(feed.dc?.creators);
  return {
    format: "rdf",
    title: plainText(feed.title) ?? plainText(feed.dc?.titles?.[0]),
    link,
    language: language(feed.dc?.languages?.[0], feed.xml?.lang),
    ttlMinutes: null,
    hub: linkByRel(feed.atom?.links, "hub", base),
    self: linkByRel(feed.atom?.links, "self", base),
    items: mapItems(feed.items, (item) => rdfItem(item, base, channelAuthor), ctx.skipped),
  };
}

function rdfItem(
  item: RdfFeed.Item<string>,
  feedBase: string | null,
  channelAuthor: string | null,
): RawFeedItem {
  const explicitBase = item.xml?.base ? withXmlBase(item.xml.base, feedBase) : null;
  const base = explicitBase ?? feedBase;
  const url = resolveUrl(item.link, base) ?? resolveUrl(item.rdf?.about, base);
  return rawItem({
    id: item.rdf?.about,
    title:
      plainText(item.title) ?? plainText(item.dc?.titles?.[0]) ?? mediaText(item.media, "title"),
    url,
    published: parseFeedDate(item.dc?.dates?.[0]) ?? parseFeedDate(item.dcterms?.issued?.[0]),
    updated: parseFeedDate(item.dcterms?.modified?.[0]),
    author: names(item.dc?.creators) ?? channelAuthor,
    summary:
      summaryText(item.description) ??
      summaryText(item.dc?.descriptions?.[0]) ??
      summaryText(mediaText(item.media, "description"), textOnly),
    contentHtml: item.content?.encoded,
    categories: uniqueTexts([...(item.dc?.subjects ?? []), ...mediaCategories(item.media)]),
    image: mediaImage(item.media, base),
    enclosures: [],
    summaryHtml: item.description,
    base: explicitBase ?? url ?? base,
  });
}
