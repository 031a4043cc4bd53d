import type { ArticleInput } from "../domain/article.ts";
import type { FeedItem, ParsedFeed } from "../domain/feed.ts";
import type { Source } from "../domain/source.ts";
import { canonicalUrl } from "./canonical-url.ts";
import { escapeHtml } from "./sanitize.ts";

export interface ItemContext {
  source: Pick<Source, "id" | "mode" | "sectionSlug" | "languageHint">;
  sectionName: string;
  feed: Pick<ParsedFeed, "language">;
  defaultLanguage: string;
  now: Date;
}

export type ItemOutcome = { ok: true; article: ArticleInput } | { ok: false; reason: string };

/**
 * Goes into every item's hash (item-hash.ts): raise it when this mapping or the sanitizer
 * changes what an item becomes, so stored items are mapped again on their next fetch.
 */
export const MAPPING_VERSION = 1;

const STANDFIRST_MAX = 320;
// A feed's clock may run a little ahead; anything later than this is the feed's mistake.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

function firstSentence(text: string): string {
  const m = text.match(/^(.{20,}?[.!?])(\s|$)/);
  return clip(m?.[1] ?? text, 140);
}

/**
 * The item's own date when it can be believed: parseable and not ahead of the clock by
 * more than the tolerance. Without one, the article is dated when it is first seen.
 */
export function believableDate(
  item: Pick<FeedItem, "published" | "updated">,
  now: Date,
): string | null {
  const when = item.published ?? item.updated;
  return when && Date.parse(when) <= now.getTime() + FUTURE_TOLERANCE_MS ? when : null;
}

function primaryLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/**
 * One feed item as an article of its source's kind. `link` keeps the headline, summary and
 * image and links out; `full` republishes the content. Pure: the same item and context
 * always give the same article, so a repeated fetch is recognised as unchanged.
 */
export function itemToArticle(item: FeedItem, ctx: ItemContext): ItemOutcome {
  const summary = item.summary?.trim() || null;
  const headline = item.title?.trim() || (summary ? firstSentence(summary) : null);
  if (!headline) return { ok: false, reason: "the item has neither a title nor any text" };
  const url = canonicalUrl(item.url);
  if (ctx.source.mode === "link" && url === null) {
    return { ok: false, reason: "a link item needs an http(s) URL to link to" };
  }

  const when = believableDate(item, ctx.now);
  const publishedAt = when ? new Date(when).toISOString() : ctx.now.toISOString();

  const summaryHtml = summary ? `<p>${escapeHtml(summary)}</p>` : "";
  const full = ctx.source.mode === "full" && item.contentHtml;
  return {
    ok: true,
    article: {
      guid: `source:${ctx.source.id}:${item.id}`,
      kind: ctx.source.mode,
      status: "published",
      headline: clip(headline, 300),
      standfirst: summary && summary !== headline ? clip(summary, STANDFIRST_MAX) : null,
      body: full ? (item.contentHtml ?? "") : summaryHtml,
      byline: item.author?.trim() || null,
      language:
        primaryLanguage(ctx.feed.language) ??
        primaryLanguage(ctx.source.languageHint) ??
        ctx.defaultLanguage,
      section: { slug: ctx.source.sectionSlug, name: ctx.sectionName },
      slug: null,
      canonicalUrl: url,
      externalUrl: url,
      publishedAt,
      sourceId: ctx.source.id,
      imageUrl: item.image,
      categories: item.categories,
    },
  };
}
