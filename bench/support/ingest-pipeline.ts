import path from "node:path";
import { createArticleRepository } from "../../src/db/article-repository.ts";
import { type Database, openDatabase } from "../../src/db/connection.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createSourceRepository, type SourceRepository } from "../../src/db/source-repository.ts";
import { parseFeed } from "../../src/ingest/feeds/parse-feed.ts";
import type { FeedResponse, IngestDeps } from "../../src/ingest/ingest-source.ts";

/**
 * The ingest path as src/ingest/ingestion.ts assembles it (parseFeed, the article
 * repository's saveMany, the source repository), on a real SQLite file, minus the
 * scheduler and WebSub. Only `fetchFeed` is the caller's: bytes in memory or loopback.
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
  // The server's own lookup: one query per fetch.
  const sectionName = async (slug: string) => {
    const found = (await articles.sections()).find((s) => s.slug === slug);
    return found?.name ?? slug.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
  };
  return {
    database,
    sources,
    deps: (fetchFeed) => ({
      stores: {
        saveArticles: (inputs) => articles.saveMany(inputs),
        recordSuccess: (id, result) => sources.recordSuccess(id, result),
        recordFailure: (id, failure) => sources.recordFailure(id, failure),
        sectionName,
      },
      fetchFeed,
      parseFeed: (text, o) => parseFeed(text, { url: o.url, maxBytes }),
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
