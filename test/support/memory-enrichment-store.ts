// The enricher's storage in memory (src/enrich/enrichment-store.ts), for unit tests: the
// same contract as db/enrichment-repository.ts without a database.
import type { ArticleEnrichment, EnrichmentChange } from "../../src/domain/enrichment.ts";
import type {
  EnrichmentStore,
  IndexedArticle,
  PendingArticle,
} from "../../src/enrich/enrichment-store.ts";

interface Row {
  article: PendingArticle;
  version: number | null;
  enrichment: ArticleEnrichment | null;
}

export interface MemoryEnrichmentStore extends EnrichmentStore {
  /** Stores a new article, or a revision of one: it waits for enrichment again. */
  put(article: PendingArticle): void;
  /** Stores an article as already enriched by `version`. */
  putEnriched(article: PendingArticle, enrichment: ArticleEnrichment, version: number): void;
  enrichment(id: number): ArticleEnrichment | null;
  version(id: number): number | null;
  /** Every stored batch, in order. */
  readonly saved: ArticleEnrichment[][];
  readonly calls: { pending: number; enrichedSince: number; save: number };
}

export function createMemoryEnrichmentStore(
  articles: readonly PendingArticle[] = [],
): MemoryEnrichmentStore {
  const rows = new Map<number, Row>();
  const storyIds = new Map<string, number>();
  const saved: ArticleEnrichment[][] = [];
  const calls = { pending: 0, enrichedSince: 0, save: 0 };
  const storyId = (key: string) => {
    let id = storyIds.get(key);
    if (id === undefined) {
      id = storyIds.size + 1;
      storyIds.set(key, id);
    }
    return id;
  };
  const byId = () => [...rows.values()].sort((a, b) => a.article.id - b.article.id);

  const store: MemoryEnrichmentStore = {
    saved,
    calls,
    put(article) {
      const before = rows.get(article.id);
      rows.set(article.id, { article, version: null, enrichment: before?.enrichment ?? null });
    },
    putEnriched(article, enrichment, version) {
      rows.set(article.id, { article, version, enrichment });
    },
    enrichment: (id) => rows.get(id)?.enrichment ?? null,
    version: (id) => rows.get(id)?.version ?? null,

    async pending(version, limit) {
      calls.pending++;
      return byId()
        .filter((r) => r.version === null || r.version < version)
        .slice(0, limit)
        .map((r) => r.article);
    },

    async enrichedSince(since, version) {
      calls.enrichedSince++;
      return byId()
        .filter((r) => r.version === version && Date.parse(r.article.at) >= since.getTime())
        .map(
          (r): IndexedArticle => ({
            ...r.article,
            // As the database keeps it: the language the enrichment found.
            language: r.enrichment?.language ?? r.article.language,
            storyKey: r.enrichment?.storyKey ?? null,
            duplicateOf: r.enrichment?.duplicateOf ?? null,
            entitySlugs: r.enrichment?.entities.map((e) => e.slug) ?? [],
          }),
        );
    },

    async save(results, version): Promise<EnrichmentChange> {
      calls.save++;
      saved.push([...results]);
      const articleIds: number[] = [];
      const stories = new Set<number>();
      const topics = new Set<string>();
      for (const r of results) {
        const row = rows.get(r.articleId);
        // Deleted meanwhile: nothing to enrich.
        if (!row) continue;
        articleIds.push(r.articleId);
        for (const e of row.enrichment?.entities ?? []) topics.add(e.slug);
        for (const e of r.entities) topics.add(e.slug);
        if (row.enrichment?.storyKey) stories.add(storyId(row.enrichment.storyKey));
        if (r.storyKey) stories.add(storyId(r.storyKey));
        // A merge: the absorbed stories' articles now belong to the survivor, as stored.
        const merged = new Set(r.mergedStoryKeys ?? []);
        if (r.storyKey && merged.size > 0)
          for (const other of rows.values())
            if (other.enrichment?.storyKey && merged.has(other.enrichment.storyKey)) {
              stories.add(storyId(other.enrichment.storyKey));
              other.enrichment = { ...other.enrichment, storyKey: r.storyKey };
            }
        rows.set(r.articleId, { article: row.article, version, enrichment: r });
      }
      return { articleIds, storyIds: [...stories], topicSlugs: [...topics], sectionSlugs: [] };
    },
  };
  for (const a of articles) store.put(a);
  return store;
}
