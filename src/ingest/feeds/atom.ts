import type { AtomFeed } from "feedsmith";
import { textToHtml } from "../import/fields.ts";
import { parseFeedDate } from "./dates.ts";
import { language, names, plainText, summaryText, TAG_LIKE, uniqueTexts } from "./fields.ts";
import { htmlLink, linkByRel, withXmlBase } from "./links.ts";
import { enclosure, imageEnclosure, mediaImage, uniqueEnclosures } from "./media.ts";
import type { RawFeed, RawFeedItem, ReadContext } from "./raw-feed.ts";
import { mapItems, rawItem } from "./raw-item.ts";

/** Atom 1.0 (RFC 4287): links by relation, the xml:base chain, typed text constructs. */
export function normalizeAtom(feed: AtomFeed.Feed<string>, ctx: ReadContext): RawFeed {
  const base = withXmlBase(feed.xml?.base, ctx.base);
  const feedAuthors = names(feed.authors?.map((a) => a.name));
  return {
    format: "atom",
    title: plainText(feed.title?.value),
    link: htmlLink(feed.links, base),
    language: language(feed.xml?.lang, feed.dc?.languages?.[0]),
    ttlMinutes: null,
    hub: linkByRel(feed.links, "hub", base),
    self: linkByRel(feed.links, "self", base),
    items: mapItems(feed.entries, (entry) => atomEntry(entry, base, feedAuthors)),
  };
}

const HTML_TYPES = new Set(["html", "xhtml", "text/html", "application/xhtml+xml"]);

/** Atom's content as HTML: text is text, html and xhtml are markup, other media types are not ours. */
function atomContent(content: AtomFeed.Content | undefined): string | null {
  if (!content?.value) return null;
  const type = (content.type ?? "text").toLowerCase();
  if (HTML_TYPES.has(type)) return content.value;
  if (type !== "text" && type !== "text/plain") return null;
  // A type-less content full of tags is HTML whatever the spec says; treat it so.
  return TAG_LIKE.test(content.value) ? content.value : textToHtml(content.value);
}

function atomEntry(
  entry: AtomFeed.Entry<string>,
  feedBase: string | null,
  feedAuthors: string | null,
): RawFeedItem {
  const explicitBase = entry.xml?.base ? withXmlBase(entry.xml.base, feedBase) : null;
  const base = explicitBase ?? feedBase;
  const url = htmlLink(entry.links, base);
  const contentBase = entry.content?.xml?.base
    ? withXmlBase(entry.content.xml.base, base)
    : (explicitBase ?? url ?? base);
  const enclosures = uniqueEnclosures(
    (entry.links ?? [])
      .filter((l) => l.rel?.toLowerCase() === "enclosure")
      .map((l) => enclosure(l.href, l.type, l.length, base)),
  );
  const summary = entry.summary;
  return rawItem({
    id: entry.id,
    title: plainText(entry.title?.value),
    url,
    published:
      parseFeedDate(entry.published) ??
      parseFeedDate(entry.dc?.dates?.[0]) ??
      parseFeedDate(entry.dcterms?.issued?.[0]),
    updated: parseFeedDate(entry.updated),
    // An entry without an author inherits its source's, then the feed's (RFC 4287 §4.2.1).
    author:
      names(entry.authors?.map((a) => a.name)) ??
      names(entry.source?.authors?.map((a) => a.name)) ??
      feedAuthors,
    summary: summaryText(summary?.value),
    contentHtml: atomContent(entry.content),
    categories: uniqueTexts((entry.categories ?? []).map((c) => c.label || c.term)),
    image: mediaImage(entry.media, base) ?? imageEnclosure(enclosures),
    enclosures,
    summaryHtml: summary?.type === "html" || summary?.type === "xhtml" ? summary.value : null,
    base: contentBase,
  });
}
