import type { ArticleInput } from "../domain/article.ts";
import { describeError, isAppError } from "../domain/errors.ts";
import type { FeedItem } from "../domain/feed.ts";
import type { Source } from "../domain/source.ts";
import type { RawFeed, RawFeedItem } from "./feeds/raw-feed.ts";
import type { KnownItem } from "./ingest-stores.ts";
import { itemHash } from "./item-hash.ts";
import { itemToArticle } from "./item-to-article.ts";
import { gateArticle, sourcePolicy } from "./quality-gate.ts";

/**
 * A feed's items → the articles to store, cheapest check first: items already stored with
 * the same hash are dropped before anything costly (sanitizing, fetching a page) is done
 * for them; the rest are sanitized, given their full text where the source wants it, and
 * mapped. What cannot be used is listed in `skipped`, never thrown.
 */

export interface FeedArticleDeps {
  /** The stored-items lookup for this source (one query). */
  knownItems(items: readonly KnownItem[]): Promise<Set<string>>;
  sanitizeItem(item: RawFeedItem): FeedItem;
  fetchFullText?(url: string): Promise<string | null>;
}

export interface FeedArticleContext {
  source: Pick<Source, "id" | "mode" | "sectionSlug" | "languageHint" | "publishPolicy">;
  sectionName: string;
  defaultLanguage: string;
  now: Date;
}

export interface FeedArticles {
  inputs: ArticleInput[];
  /** Items already stored exactly so: unchanged, nothing done for them. */
  known: number;
  skipped: { id: string; reason: string }[];
  /** Items the sanitizer refused, counted by error code (for the source's warnings). */
  refused: Map<string, number>;
}

// A teaser shorter than this, in a `full` source, is worth fetching the page for.
const TEASER_CHARS = 600;
const MAX_FULL_TEXT_FETCHES = 10;

interface Candidate<T> {
  item: T;
  guid: string;
  /** Null when the article will not be in its final form (its page is still to fetch). */
  hash: string | null;
}

function textLength(html: string | null): number {
  return html ? html.replace(/<[^>]*>/g, "").trim().length : 0;
}

/**
 * Teasers of a `full` source get their page's text, up to a budget per fetch. One that
 * does not get it keeps its teaser and no hash, so the next fetch tries again.
 */
async function withFullText(
  items: Candidate<FeedItem>[],
  fetchFullText: (url: string) => Promise<string | null>,
  skipped: FeedArticles["skipped"],
): Promise<Candidate<FeedItem>[]> {
  let budget = MAX_FULL_TEXT_FETCHES;
  const out: Candidate<FeedItem>[] = [];
  for (const candidate of items) {
    const { item } = candidate;
    if (!item.url || textLength(item.contentHtml) >= TEASER_CHARS) {
      out.push(candidate);
      continue;
    }
    if (budget === 0) {
      out.push({ ...candidate, hash: null });
      continue;
    }
    budget--;
    try {
      const html = await fetchFullText(item.url);
      out.push(html ? { ...candidate, item: { ...item, contentHtml: html } } : candidate);
    } catch (error) {
      // One page that will not extract keeps its teaser; the rest of the fetch goes on.
      skipped.push({ id: item.id, reason: `full text not extracted: ${describeError(error)}` });
      out.push({ ...candidate, hash: null });
    }
  }
  return out;
}

export async function feedArticles(
  feed: RawFeed,
  ctx: FeedArticleContext,
  deps: FeedArticleDeps,
): Promise<FeedArticles> {
  const skipped: FeedArticles["skipped"] = [];
  const refused: FeedArticles["refused"] = new Map();
  const hashContext = {
    source: ctx.source,
    feedLanguage: feed.language,
    defaultLanguage: ctx.defaultLanguage,
    now: ctx.now,
  };
  const seen = new Set<string>();
  const unique: (Candidate<RawFeedItem> & { hash: string })[] = [];
  for (const item of feed.items) {
    const guid = `source:${ctx.source.id}:${item.id}`;
    if (seen.has(guid)) {
      skipped.push({ id: item.id, reason: "the same id appears twice in the feed" });
      continue;
    }
    seen.add(guid);
    unique.push({ item, guid, hash: itemHash(item, hashContext) });
  }

  const known =
    unique.length === 0
      ? new Set<string>()
      : await deps.knownItems(unique.map(({ guid, hash }) => ({ guid, hash })));
  let fresh: Candidate<FeedItem>[] = [];
  for (const candidate of unique) {
    if (known.has(candidate.guid)) continue;
    try {
      fresh.push({ ...candidate, item: deps.sanitizeItem(candidate.item) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      skipped.push({ id: candidate.item.id, reason: `not stored: ${error.message}` });
      refused.set(error.code, (refused.get(error.code) ?? 0) + 1);
    }
  }
  if (ctx.source.mode === "full" && deps.fetchFullText) {
    fresh = await withFullText(fresh, deps.fetchFullText, skipped);
  }

  const inputs: ArticleInput[] = [];
  const policy = sourcePolicy(ctx.source);
  for (const { item, hash } of fresh) {
    const outcome = itemToArticle(item, {
      source: ctx.source,
      sectionName: ctx.sectionName,
      feed,
      defaultLanguage: ctx.defaultLanguage,
      now: ctx.now,
    });
    if (outcome.ok) inputs.push(gateArticle({ ...outcome.article, itemHash: hash }, policy));
    else skipped.push({ id: item.id, reason: outcome.reason });
  }
  return { inputs, known: known.size, skipped, refused };
}
