import type { IngestDeps } from "./ingest-source.ts";
import type { ArticleStore, SourceHealthStore } from "./ingest-stores.ts";

/**
 * `ingestSource`'s dependencies from the stores and the stages, as the ingestion service
 * builds them for every fetch; bench/support/ingest-pipeline.ts builds them here too, so
 * the benchmark measures production's path.
 */
export function ingestDeps(options: {
  articles: ArticleStore;
  sources: SourceHealthStore;
  fetchFeed: IngestDeps["fetchFeed"];
  readFeed(
    text: string,
    options: { url: string; maxBytes: number },
  ): ReturnType<IngestDeps["readFeed"]>;
  sanitizeItem: IngestDeps["sanitizeItem"];
  fetchFullText?: IngestDeps["fetchFullText"];
  maxBytes: number;
  defaultLanguage: string;
  disableAfter: number;
}): IngestDeps {
  const { articles, sources } = options;
  const sectionName = async (slug: string) => {
    const found = (await articles.sections()).find((s) => s.slug === slug);
    return found?.name ?? slug.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
  };
  return {
    stores: {
      knownItems: (sourceId, items) => articles.knownItems(sourceId, items),
      saveArticles: (inputs) => articles.saveMany(inputs),
      recordSuccess: (id, result) => sources.recordSuccess(id, result),
      recordFailure: (id, failure) => sources.recordFailure(id, failure),
      reschedule: (id, nextFetchAt) => sources.reschedule(id, nextFetchAt),
      sectionName,
    },
    fetchFeed: options.fetchFeed,
    readFeed: (text, o) => options.readFeed(text, { url: o.url, maxBytes: options.maxBytes }),
    sanitizeItem: options.sanitizeItem,
    ...(options.fetchFullText ? { fetchFullText: options.fetchFullText } : {}),
    defaultLanguage: options.defaultLanguage,
    disableAfter: options.disableAfter,
  };
}
