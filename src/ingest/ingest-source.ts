import type { ArticleStatus } from "../domain/article.ts";
import { AppError, describeError, isAppError } from "../domain/errors.ts";
import type { FeedItem, FeedWarning } from "../domain/feed.ts";
import type { Source } from "../domain/source.ts";
import { feedArticles } from "./feed-articles.ts";
import { mergeWarnings, skipWarnings } from "./feeds/feed-warnings.ts";
import type { RawFeed, RawFeedItem } from "./feeds/raw-feed.ts";
import { type IngestStores, STORAGE_FAILED } from "./ingest-stores.ts";
import { type FetchOutcome, nextFetch } from "./next-fetch.ts";
import { discoverWebSub, type WebSubTarget } from "./websub.ts";

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
  /** Parses and normalizes; the items are not sanitized yet (feeds/parse-feed.ts `readFeed`). */
  readFeed(text: string, options: { url: string; contentType: string | null }): RawFeed;
  /** One item through the sanitizer; an AppError skips that item (`sanitizeFeedItem`). */
  sanitizeItem(item: RawFeedItem): FeedItem;
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
  /** Stored articles that really changed; items already stored as they are count for nothing. */
  updated: number;
  /** Where the created and changed items went, for the feeds that now list them. */
  changed: {
    articleId: number;
    sectionSlug: string;
    status: ArticleStatus;
    publishedAt: string | null;
  }[];
  skipped: { id: string; reason: string }[];
  /**
   * What went wrong in a feed that was still read (cut off, items skipped by the parser or
   * the sanitizer, counted by reason): recorded on the source's health, apart from failures.
   */
  warnings?: FeedWarning[];
  /** `storage_failed`: our storage, not the source, failed; the source's health is untouched. */
  error: { code: string; message: string } | null;
  disabled: boolean;
  nextFetchAt: string;
  /** The WebSub hub and topic the feed advertises, after a successful parse. */
  websub?: WebSubTarget | null;
}

/** A store call that failed: our fault, never counted against the source. */
class StorageFailure extends AppError {
  constructor(cause: unknown) {
    super(STORAGE_FAILED, `storage failed: ${describeError(cause)}`, { cause });
  }
}

async function stored<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new StorageFailure(error);
  }
}

/**
 * One fetch of one source: fetch, parse, skip what is stored, sanitize and map the rest,
 * store in one transaction, record health. Never throws: the source's faults become its
 * health (backoff, disabled after repeated failures), storage faults a `storage_failed`
 * report that leaves the source's health and ETag alone, so one bad feed never stops
 * the others and a database hiccup never disables a good feed.
 */
export async function ingestSource(
  source: Source,
  deps: IngestDeps,
  now: Date = new Date(),
): Promise<IngestReport> {
  const random = (deps.random ?? Math.random)();
  const schedule = (outcome: FetchOutcome) => nextFetch(source, outcome, now, random);
  const report: IngestReport = {
    sourceId: source.id,
    url: source.url,
    status: "ok",
    items: 0,
    created: 0,
    updated: 0,
    changed: [],
    skipped: [],
    warnings: [],
    error: null,
    disabled: false,
    nextFetchAt: now.toISOString(),
  };
  const { stores } = deps;
  try {
    const response = await deps.fetchFeed(source.url, {
      etag: source.health.etag,
      lastModified: source.health.lastModified,
    });
    if (response.notModified) {
      const next = schedule({
        kind: "not_modified",
        cacheMaxAgeSeconds: response.cacheMaxAgeSeconds,
      });
      await stored(
        stores.recordSuccess(source.id, {
          at: now,
          nextFetchAt: next.at,
          etag: response.etag ?? source.health.etag,
          lastModified: response.lastModified ?? source.health.lastModified,
          itemsPerDay: next.itemsPerDay,
        }),
      );
      return { ...report, status: "not_modified", nextFetchAt: next.at.toISOString() };
    }
    const feed = deps.readFeed(response.text, {
      url: response.url,
      contentType: response.contentType,
    });
    report.items = feed.items.length;
    const sectionName = await stored(stores.sectionName(source.sectionSlug));
    const { inputs, skipped, refused } = await feedArticles(
      feed,
      { source, sectionName, defaultLanguage: deps.defaultLanguage, now },
      {
        knownItems: (items) => stored(stores.knownItems(source.id, items)),
        sanitizeItem: deps.sanitizeItem,
        ...(deps.fetchFullText ? { fetchFullText: deps.fetchFullText } : {}),
      },
    );
    report.skipped.push(...skipped);
    // The parser's warnings and the items the sanitizer refused, by reason.
    report.warnings = mergeWarnings(feed.warnings ?? [], skipWarnings(refused));
    const saved = inputs.length === 0 ? [] : await stored(stores.saveArticles(inputs));
    report.created = saved.filter((r) => r.created).length;
    report.updated = saved.filter((r) => !r.created && r.changed).length;
    report.changed = inputs.flatMap((a, i) => {
      const result = saved[i];
      if (result?.changed !== true) return [];
      const { section, status, publishedAt } = a;
      return [{ articleId: result.article.id, sectionSlug: section.slug, status, publishedAt }];
    });
    const next = schedule({
      kind: "ok",
      created: report.created,
      cacheMaxAgeSeconds: response.cacheMaxAgeSeconds,
      ttlMinutes: feed.ttlMinutes ?? null,
    });
    // Only now, with the items stored, may the ETag say we have this version.
    await stored(
      stores.recordSuccess(source.id, {
        at: now,
        nextFetchAt: next.at,
        etag: response.etag,
        lastModified: response.lastModified,
        format: feed.format,
        title: feed.title,
        siteUrl: feed.link,
        itemsPerDay: next.itemsPerDay,
        warnings: report.warnings,
      }),
    );
    report.nextFetchAt = next.at.toISOString();
    report.websub = discoverWebSub({
      feed,
      feedUrl: response.url,
      linkHeader: response.link ?? null,
    });
    return report;
  } catch (error) {
    const failure = { report, deps, now, schedule };
    if (error instanceof StorageFailure) return storageFailed(failure, error);
    return sourceFailed(failure, source, error);
  }
}

interface Failed {
  report: IngestReport;
  deps: IngestDeps;
  now: Date;
  schedule(outcome: FetchOutcome): { at: Date };
}

/** Fetched again at its normal time, lease released; failure count and ETag left alone. */
async function storageFailed(
  { report, deps, schedule }: Failed,
  error: StorageFailure,
): Promise<IngestReport> {
  const next = schedule({ kind: "storage_failed" });
  // When this write fails as well, the lease lapses by itself and the source is due again.
  await deps.stores.reschedule(report.sourceId, next.at).catch(() => {});
  return {
    ...report,
    status: "failed",
    error: { code: error.code, message: error.message },
    nextFetchAt: next.at.toISOString(),
  };
}

/** The source's fault: backoff, and disabled after too many in a row. */
async function sourceFailed(
  { report, deps, now, schedule }: Failed,
  source: Source,
  error: unknown,
): Promise<IngestReport> {
  const code = isAppError(error) ? error.code : "ingest_failed";
  const message = describeError(error);
  const retryAfter =
    isAppError(error) && typeof error.context.retryAfterSeconds === "number"
      ? error.context.retryAfterSeconds
      : null;
  const next = schedule({ kind: "failed", retryAfterSeconds: retryAfter });
  let disabled: boolean;
  try {
    disabled = await deps.stores.recordFailure(source.id, {
      at: now,
      nextFetchAt: next.at,
      code,
      message,
      disableAfter: deps.disableAfter,
    });
  } catch (storageError) {
    const failure = new StorageFailure(storageError);
    return {
      ...report,
      status: "failed",
      error: { code: failure.code, message: `${failure.message} (recording ${code}: ${message})` },
      nextFetchAt: next.at.toISOString(),
    };
  }
  return {
    ...report,
    status: "failed",
    error: { code, message },
    disabled,
    nextFetchAt: next.at.toISOString(),
  };
}
