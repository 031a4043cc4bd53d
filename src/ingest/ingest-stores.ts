import type { ArticleInput, Section } from "../domain/article.ts";
import type { FeedFormat, FeedWarning } from "../domain/feed.ts";
import type { Source } from "../domain/source.ts";
import type { WebSubStore } from "./websub-client.ts";

/**
 * The storage ingestion needs, declared here and implemented in src/db/ (the article and
 * source repositories match these shapes); test/support/memory-stores.ts implements them
 * in memory for the unit tests.
 */

/** The report code of a fetch whose store call failed: our fault, not the source's. */
export const STORAGE_FAILED = "storage_failed";

/** An item as the known-items lookup takes it: its article guid and item hash. */
export interface KnownItem {
  guid: string;
  hash: string;
}

export interface SavedArticle {
  created: boolean;
  /** Anything at all was written. */
  changed: boolean;
  article: { id: number };
}

export interface FetchSuccess {
  at: Date;
  nextFetchAt: Date;
  etag: string | null;
  lastModified: string | null;
  format?: FeedFormat | null;
  title?: string | null;
  siteUrl?: string | null;
  itemsPerDay?: number;
  /** The fetched feed's warnings; given (even empty) whenever a feed was read, not on 304. */
  warnings?: FeedWarning[];
}

export interface FetchFailure {
  at: Date;
  nextFetchAt: Date;
  code: string;
  message: string;
  /** Disable the source once this many failures in a row are reached. */
  disableAfter: number;
}

/** A source's fetch bookkeeping: health, schedule and lease. */
export interface SourceHealthStore {
  recordSuccess(id: number, result: FetchSuccess): Promise<void>;
  /** Returns true when this failure disabled the source. */
  recordFailure(id: number, failure: FetchFailure): Promise<boolean>;
  /**
   * Fetch again at `nextFetchAt` and release the lease, health untouched: after a fetch
   * that failed on our side, not the source's.
   */
  reschedule(id: number, nextFetchAt: Date): Promise<void>;
}

/** What one fetch of one source (`ingestSource`) reads and writes. */
export interface IngestStores extends SourceHealthStore {
  /** Which of the source's items are stored with exactly this hash; one query. */
  knownItems(sourceId: number, items: readonly KnownItem[]): Promise<Set<string>>;
  /** All in one transaction: a fetch's items land together or not at all. */
  saveArticles(inputs: readonly ArticleInput[]): Promise<SavedArticle[]>;
  /** The section's display name, for a section the article creates. */
  sectionName(slug: string): Promise<string>;
}

/** The article storage the ingestion service uses (the article repository). */
export interface ArticleStore {
  saveMany(inputs: readonly ArticleInput[]): Promise<SavedArticle[]>;
  knownItems(sourceId: number, items: readonly KnownItem[]): Promise<Set<string>>;
  sections(): Promise<Pick<Section, "slug" | "name">[]>;
}

/** The source storage the ingestion service uses (the source repository). */
export interface SourceStore extends SourceHealthStore, WebSubStore {
  /** Enabled sources whose next fetch time has come and that no one holds a lease on. */
  due(now: Date, limit: number): Promise<Source[]>;
  /** Takes the source's fetch lease; false when another worker has it. */
  lease(id: number, now: Date, until: Date): Promise<boolean>;
}
