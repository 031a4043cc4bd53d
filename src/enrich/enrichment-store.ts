import type { ArticleEnrichment, EnrichmentChange } from "../domain/enrichment.ts";
import type { EnrichInput } from "./enriching-article.ts";

/** An article waiting for enrichment (never enriched, or by an older version). */
export interface PendingArticle extends EnrichInput {
  guid: string | null;
  kind: string;
  /** Sanitized HTML; `text` is its plain text. */
  body: string;
}

/** An enriched article as the story index needs it when it is rebuilt at start. */
export interface IndexedArticle extends PendingArticle {
  storyKey: string | null;
  duplicateOf: number | null;
  entitySlugs: string[];
}

/** The storage the enricher needs; `db/enrichment-repository.ts` implements it. */
export interface EnrichmentStore {
  /** Up to `limit` articles not yet enriched by `version`, lowest id first. */
  pending(version: number, limit: number): Promise<PendingArticle[]>;
  /** Articles enriched by `version` published (or created) since `since`, lowest id first. */
  enrichedSince(since: Date, version: number): Promise<IndexedArticle[]>;
  /**
   * Stores a batch in one transaction and brings the touched stories up to date; says
   * what changed, so the page cache drops only the pages showing it.
   */
  save(
    results: readonly ArticleEnrichment[],
    version: number,
    now?: Date,
  ): Promise<EnrichmentChange>;
}
