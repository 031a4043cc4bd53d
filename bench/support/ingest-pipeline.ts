import path from "node:path";
import { createArticleRepository } from "../../src/db/article-repository.ts";
import { type Database, openDatabase } from "../../src/db/connection.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createSourceRepository, type SourceRepository } from "../../src/db/source-repository.ts";
import { readFeed } from "../../src/ingest/feeds/parse-feed.ts";
import { sanitizeFeedItem } from "../../src/ingest/feeds/sanitize-item.ts";
import { ingestDeps } from "../../src/ingest/ingest-deps.ts";
import type { FeedResponse, IngestDeps } from "../../src/ingest/ingest-source.ts";

/**
 * The ingest path as src/ingest/ingestion.ts assembles it (`ingestDeps` over readFeed,
 * sanitizeFeedItem, the article and source repositories), on a real SQLite file, minus
 * the scheduler, WebSub and full-text fetches. Only `fetchFeed` is the caller's: bytes in
 * memory or loopback.
 */
export interface Pipeline {
  database: Database;
  sources: SourceRepository;
  deps(fetchFeed: IngestDeps["fetchFeed"]): IngestDeps;
  articleCount(): Promise<number>;
}

export async function openPipeline(dataDir: string, maxBytes: number): Promise<Pipeline> {
  const database = openDatabase(`sqlite:${path.join(dataDir, "dispatch.db")}`);
  await migrate(database);
  const articles = createArticleRepository(database);
  const sources = createSourceRepository(database);
  return {
    database,
    sources,
    deps: (fetchFeed) =>
      ingestDeps({
        articles,
        sources,
        fetchFeed,
        readFeed,
        sanitizeItem: sanitizeFeedItem,
        maxBytes,
        defaultLanguage: new Intl.Locale("en-GB").language,
        disableAfter: 10,
      }),
    articleCount: () => articles.count(),
  };
}

/** A FeedResponse for text already in memory, as a WebSub push hands it over. */
export function inMemory(url: string, text: string, contentType: string): FeedResponse {
  return {
    notModified: false,
    url,
    text,
    contentType,
    etag: null,
    lastModified: null,
    cacheMaxAgeSeconds: null,
    retryAfterSeconds: null,
  };
}
