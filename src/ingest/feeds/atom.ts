import type { AtomFeed } from "feedsmith";
import { textToHtml } from "../import/fields.ts";
import { parseFeedDate } from "./dates.ts";
import {
  language,
  names,
  plainText,
  summaryText,
  TAG_LIKE,
  textOnly,
  uniqueTexts,
} from "./fields.ts";
import { htmlLink, linkByRel, withXmlBase } from "./links.ts";
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

/** Atom 1.0 (RFC 4287): links by relation, the xml:base chain, typed text constructs. */
export function normalizeAtom(feed: AtomFeed.Feed<string>, ctx: ReadContext): RawFeed {
  const base = withXmlBase(feed.xml?.base, ctx.base);
  const feedAuthors = names(feed.authors?.map((a) => a.name)) ?? names(feed.dc?.creators);
  return {
    format: "atom",
    title: atomText(feed.title) ?? plainText(feed.dc?.titles?.[0]),
    link: htmlLink(feed.links, base),
    language: language(feed.xml?.lang, feed.dc?.languages?.[0]),
    ttlMinutes: null,
    hub: linkByRel(feed.links, "hub", base),
    self: linkByRel(feed.links, "self", base),
    items: mapItems(feed.entries, (entry) => atomEntry(entry, base, feedAuthors), ctx.skipped),
  };
}

// Atom 1.0's types and the MIME types Atom 0.3 wrote instead.
const HTML_TYPES = new Set(["html", "xhtml", "text/html", "application/xhtml+xml"]);

function isHtmlType(type: string | undefined): boolean {
  return type !== undefined && HTML_TYPES.has(type.trim().toLowerCase());
}

/**
 * A text construct read once: html and xhtml as markup, text (the default) as the text
 * the XML parser already decoded, its brackets kept.
 */
function atomText(text: { value?: string; type?: string } | undefined): string | null {
  return (isHtmlType(text?.type) ? plainText : textOnly)(text?.value);
}

/** Atom's content as HTML: text is text, html and xhtml are markup, other media types are not ours. */
function atomContent(content: AtomFeed.Content | undefined): string | null {
  if (!content?.value) return null;
  if (isHtmlType(content.type)) return content.value;
  const type = (content.type ?? "text").trim().toLowerCase();
  if (type !== "text" && type !== "text/plain") return null;
  // A content without a type that is full of tags is HTML whatever the spec says; one
  // that says it is text is text.
  return content.type === undefined && TAG_LIKE.test(content.value)
    ? content.value
    : textToHtml(content.value);
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
  const summaryRead = isHtmlType(summary?.type) ? plainText : textOnly;
  return rawItem({
    id: entry.id,
    title:
      atomText(entry.title) ?? plainText(entry.dc?.titles?.[0]) ?? mediaText(entry.media, "title"),
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
      names(entry.dc?.creators) ??
      feedAuthors,
    summary:
      summaryText(summary?.value, summaryRead) ??
      summaryText(entry.dc?.descriptions?.[0]) ??
      summaryText(mediaText(entry.media, "description"), textOnly),
    contentHtml: atomContent(entry.content),
    categories: uniqueTexts([
      ...(entry.categories ?? []).map((c) => c.label || c.term),
      ...(entry.dc?.subjects ?? []),
      ...mediaCategories(entry.media),
    ]),
    image: mediaImage(entry.media, base) ?? imageEnclosure(enclosures),
    enclosures,
    summaryHtml: isHtmlType(summary?.type) ? summary?.value : null,
    base: contentBase,
  });
}
