import type { ArticleInput, ArticleStatus } from "../domain/article.ts";
import { describeError, isAppError } from "../domain/errors.ts";
import type { FeedItem, ParsedFeed } from "../domain/feed.ts";
import type { Source } from "../domain/source.ts";
import { itemToArticle } from "./item-to-article.ts";
import { nextIntervalSeconds, updatedItemsPerDay } from "./poll-interval.ts";
import { discoverWebSub, type WebSubTarget } from "./websub.ts";

/** What ingestion needs from storage; the server passes the repositories in. */
export interface IngestStores {
  saveArticles(
    inputs: readonly ArticleInput[],
  ): Promise<{ created: boolean; changed: boolean; article: { id: number } }[]>;
  recordSuccess(
    id: number,
    result: {
      at: Date;
      nextFetchAt: Date;
      etag: string | null;
      lastModified: string | null;
      format?: ParsedFeed["format"] | null;
      title?: string | null;
      siteUrl?: string | null;
      itemsPerDay?: number;
    },
  ): Promise<void>;
  recordFailure(
    id: number,
    failure: { at: Date; nextFetchAt: Date; code: string; message: string; disableAfter: number },
  ): Promise<boolean>;
  sectionName(slug: string): Promise<string>;
}

/** The fetch result ingestion reads (the safe fetcher's, decoded to text). */
export interface FeedResponse {
  notModified: boolean;
  url: string;
  text: string;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  cacheMaxAgeSeconds: number | null;
  retryAfterSeconds: number | null;
  /** The HTTP Link header, where WebSub hubs may be advertised. */
  link?: string | null;
}

export interface IngestDeps {
  stores: IngestStores;
  fetchFeed(
    url: string,
    conditional: { etag: string | null; lastModified: string | null },
  ): Promise<FeedResponse>;
  parseFeed(text: string, options: { url: string; contentType: string | null }): ParsedFeed;
  /** For `full` sources whose items carry only a teaser: the page's article HTML. */
  fetchFullText?(url: string): Promise<string | null>;
  defaultLanguage: string;
  disableAfter: number;
  random?: () => number;
}

export interface IngestReport {
  sourceId: number;
  url: string;
  status: "ok" | "not_modified" | "failed";
  items: number;
  created: number;
  updated: number;
  /** Where the created and changed items went, for the feeds that now list them. */
  changed: {
    articleId: number;
    sectionSlug: string;
    status: ArticleStatus;
    publishedAt: string | null;
  }[];
  skipped: { id: string; reason: string }[];
  error: { code: string; message: string } | null;
  disabled: boolean;
  nextFetchAt: string;
  /** The WebSub hub and topic the feed advertises, after a successful parse. */
  websub?: WebSubTarget | null;
}

// A teaser shorter than this, in a `full` source, is worth fetching the page for.
const TEASER_CHARS = 600;
const MAX_FULL_TEXT_FETCHES = 10;

function textLength(html: string | null): number {
  return html ? html.replace(/<[^>]*>/g, "").trim().length : 0;
}

async function withFullText(
  items: FeedItem[],
  deps: IngestDeps,
  skipped: IngestReport["skipped"],
): Promise<FeedItem[]> {
  const fetchFullText = deps.fetchFullText;
  if (!fetchFullText) return items;
  let budget = MAX_FULL_TEXT_FETCHES;
  const out: FeedItem[] = [];
  for (const item of items) {
    if (budget > 0 && item.url && textLength(item.contentHtml) < TEASER_CHARS) {
      budget--;
      try {
        const html = await fetchFullText(item.url);
        out.push(html ? { ...item, contentHtml: html } : item);
        continue;
      } catch (error) {
        // One page that will not extract keeps its teaser; the rest of the fetch goes on.
        skipped.push({ id: item.id, reason: `full text not extracted: ${describeError(error)}` });
      }
    }
    out.push(item);
  }
  return out;
}

/**
 * One fetch of one source: fetch, parse, map, store in one transaction, record health.
 * Never throws for the source's own faults: they become the report's error and the
 * source's health, so one bad feed never stops the others.
 */
export async function ingestSource(
  source: Source,
  deps: IngestDeps,
  now: Date = new Date(),
): Promise<IngestReport> {
  const random = deps.random ?? Math.random;
  const report: IngestReport = {
    sourceId: source.id,
    url: source.url,
    status: "ok",
    items: 0,
    created: 0,
    updated: 0,
    changed: [],
    skipped: [],
    error: null,
    disabled: false,
    nextFetchAt: now.toISOString(),
  };
  const interval = {
    minSeconds: source.minIntervalSeconds,
    maxSeconds: source.maxIntervalSeconds,
    random: random(),
  };
  let response: FeedResponse | undefined;
  try {
    response = await deps.fetchFeed(source.url, {
      etag: source.health.etag,
      lastModified: source.health.lastModified,
    });
    const lastSuccess = source.health.lastSuccessAt
      ? Date.parse(source.health.lastSuccessAt)
      : null;
    const elapsed = lastSuccess ? (now.getTime() - lastSuccess) / 1000 : 0;
    if (response.notModified) {
      const itemsPerDay = updatedItemsPerDay(source.health.itemsPerDay, 0, elapsed);
      const next = new Date(
        now.getTime() +
          1000 *
            nextIntervalSeconds({
              ...interval,
              itemsPerDay,
              cacheMaxAgeSeconds: response.cacheMaxAgeSeconds,
            }),
      );
      await deps.stores.recordSuccess(source.id, {
        at: now,
        nextFetchAt: next,
        etag: response.etag ?? source.health.etag,
        lastModified: response.lastModified ?? source.health.lastModified,
        itemsPerDay,
      });
      return { ...report, status: "not_modified", nextFetchAt: next.toISOString() };
    }
    const feed = deps.parseFeed(response.text, {
      url: response.url,
      contentType: response.contentType,
    });
    report.items = feed.items.length;
    const items =
      source.mode === "full" ? await withFullText(feed.items, deps, report.skipped) : feed.items;
    const sectionName = await deps.stores.sectionName(source.sectionSlug);
    const inputs: ArticleInput[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const outcome = itemToArticle(item, {
        source,
        sectionName,
        feed,
        defaultLanguage: deps.defaultLanguage,
        now,
      });
      if (!outcome.ok) report.skipped.push({ id: item.id, reason: outcome.reason });
      else if (seen.has(outcome.article.guid ?? ""))
        report.skipped.push({ id: item.id, reason: "the same id appears twice in the feed" });
      else {
        seen.add(outcome.article.guid ?? "");
        inputs.push(outcome.article);
      }
    }
    const saved = await deps.stores.saveArticles(inputs);
    report.created = saved.filter((r) => r.created).length;
    report.updated = saved.filter((r) => !r.created && r.changed).length;
    report.changed = inputs.flatMap((a, i) => {
      const result = saved[i];
      if (result?.changed !== true) return [];
      const { section, status, publishedAt } = a;
      return [{ articleId: result.article.id, sectionSlug: section.slug, status, publishedAt }];
    });
    const itemsPerDay = updatedItemsPerDay(
      source.health.itemsPerDay,
      report.created,
      elapsed || 3600,
    );
    const next = new Date(
      now.getTime() +
        1000 *
          nextIntervalSeconds({
            ...interval,
            itemsPerDay,
            cacheMaxAgeSeconds: response.cacheMaxAgeSeconds,
            ttlMinutes: feed.ttlMinutes ?? null,
          }),
    );
    await deps.stores.recordSuccess(source.id, {
      at: now,
      nextFetchAt: next,
      etag: response.etag,
      lastModified: response.lastModified,
      format: feed.format,
      title: feed.title,
      siteUrl: feed.link,
      itemsPerDay,
    });
    report.nextFetchAt = next.toISOString();
    report.websub = discoverWebSub({
      feed,
      feedUrl: response.url,
      linkHeader: response.link ?? null,
    });
    return report;
  } catch (error) {
    const code = isAppError(error) ? error.code : "ingest_failed";
    const message = describeError(error);
    const retryAfter =
      isAppError(error) && typeof error.context.retryAfterSeconds === "number"
        ? error.context.retryAfterSeconds
        : null;
    const failures = source.health.consecutiveFailures + 1;
    const next = new Date(
      now.getTime() +
        1000 *
          nextIntervalSeconds({
            ...interval,
            itemsPerDay: source.health.itemsPerDay,
            consecutiveFailures: failures,
            retryAfterSeconds: retryAfter,
          }),
    );
    const disabled = await deps.stores.recordFailure(source.id, {
      at: now,
      nextFetchAt: next,
      code,
      message,
      disableAfter: deps.disableAfter,
    });
    return {
      ...report,
      status: "failed",
      error: { code, message },
      disabled,
      nextFetchAt: next.toISOString(),
    };
  }
}
