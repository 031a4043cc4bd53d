import type { ForeignFragment, LintFinding } from "./enrichment.ts";

export const ARTICLE_KINDS = ["own", "full", "link", "liveblog"] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export const ARTICLE_STATUSES = ["draft", "scheduled", "published"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export interface Section {
  id: number;
  slug: string;
  name: string;
}

/** An article as stored. Times are ISO 8601 UTC strings; `body` is sanitized HTML. */
export interface Article {
  id: number;
  guid: string | null;
  kind: ArticleKind;
  status: ArticleStatus;
  headline: string;
  standfirst: string | null;
  body: string;
  byline: string | null;
  language: string;
  sectionSlug: string;
  sectionName: string;
  slug: string;
  canonicalUrl: string | null;
  externalUrl: string | null;
  publishedAt: string | null;
  updatedAt: string;
  createdAt: string;
  sourceId: number | null;
  imageUrl: string | null;
  categories: string[];
  /** Passages in another language than the article, from enrichment; empty until enriched. */
  fragments: ForeignFragment[];
  /** The story it belongs to, where the query read it (lists that show each story once). */
  storyId?: number | null;
}

/**
 * What an importer, a feed or the newsroom hands to storage. Everything is already
 * validated and `body` already sanitized: storage trusts it.
 */
export interface ArticleInput {
  guid: string | null;
  kind: ArticleKind;
  status: ArticleStatus;
  headline: string;
  standfirst: string | null;
  body: string;
  byline: string | null;
  language: string;
  section: { slug: string; name: string };
  slug: string | null;
  canonicalUrl: string | null;
  externalUrl: string | null;
  publishedAt: string | null;
  /** Set for ingested items: the source it came from, its image and categories. */
  sourceId?: number | null;
  imageUrl?: string | null;
  categories?: string[];
  /**
   * For ingested items: the hash of the feed item this was made from (ingest/item-hash.ts),
   * so the next fetch can tell the item is already stored. Null or absent: not recorded.
   */
  itemHash?: string | null;
  /**
   * The quality gate's verdict (ingest/quality-gate.ts): `held` keeps a wire item on the
   * desk (its `status` is then `draft`); null or absent: the newsroom never touched it.
   */
  deskStatus?: "held" | null;
  /** Copy-lint findings the gate already computed, stored beside the article. */
  findings?: LintFinding[];
}

export interface ArticleRevision {
  id: number;
  articleId: number;
  number: number;
  headline: string;
  standfirst: string | null;
  body: string;
  createdAt: string;
}
