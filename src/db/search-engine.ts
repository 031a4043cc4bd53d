import { sql } from "kysely";

/**
 * What the search repository asks of each database's full-text engine. Ranking every
 * match costs time in proportion to the matches (bm25 or ts_rank_cd per row, plus a look
 * at each row to check it is visible), and a word found in half the archive has 100,000
 * of them. So an engine ranks a window: the newest `window` matches (an estimate of them
 * on PostgreSQL), which for a news search is where the answer to a common word lies
 * anyway. The repository widens the window when it holds too few results for the page
 * asked for; the last step has no window at all.
 */
export interface SearchFilters {
  /** A section slug. */
  section?: string | undefined;
  /** A source id. */
  source?: number | undefined;
  /** A primary language subtag, as articles store it ("en"). */
  language?: string | undefined;
  /** Published at or after. */
  from?: Date | undefined;
  /** Published before. */
  to?: Date | undefined;
}

export const SEARCH_SORTS = ["relevance", "newest"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface EngineQuery {
  /** From `searchTerms`: words and phrases, every one required. */
  terms: string[];
  filters: SearchFilters;
  sort: SearchSort;
  now: Date;
}

export interface Candidate {
  id: number;
  /** Higher is better; 0 when sorting by time. */
  score: number;
  publishedAt: string;
}

export interface CandidateWindow {
  /** Every visible match that passes the filters inside the window, in no order. */
  rows: Candidate[];
  /** Matches exist outside the window: `rows` are not all of them. */
  cut: boolean;
  /** How many visible, filtered matches there are in all. */
  total: number;
  /** False when `total` is an estimate. */
  totalExact: boolean;
}

/** Engine output with hits between MARK_START and MARK_END (search-snippet.ts). */
export interface MarkedText {
  headline: string;
  /** A passage of the standfirst or body; null when neither has a hit. */
  passage: string | null;
  /** The standfirst, or the body's start, unmarked: a passage for a headline-only hit. */
  lead: string;
}

export interface SearchEngine {
  /** `window`: how many of the newest matches to look at; null for all of them. */
  candidates(query: EngineQuery, window: number | null): Promise<CandidateWindow>;
  /** Highlighted headline and passage of each id (ids that match `query`). */
  highlight(query: EngineQuery, ids: readonly number[]): Promise<Map<number, MarkedText>>;
}

/**
 * Reader-visible, non-duplicate, filtered: the same rule as every public list. The
 * section is a slug looked up in the statement, or its id when the caller knows it;
 * `sectionIndex: false` writes the test so no index can serve it (`+ 0`): a section
 * holds an eighth of the archive, and reading its index costs more than checking the
 * rows the text search leaves.
 */
export function visibleAndFiltered(
  filters: SearchFilters,
  now: Date,
  section: { id: number; index: boolean } | null = null,
) {
  const sectionTest =
    section !== null
      ? section.index
        ? sql`AND a.section_id = ${section.id}`
        : sql`AND a.section_id + 0 = ${section.id}`
      : filters.section === undefined
        ? sql``
        : sql`AND a.section_id = (SELECT s.id FROM sections s WHERE s.slug = ${filters.section})`;
  return sql`a.status IN ('published', 'scheduled')
    AND a.published_at <= ${now.toISOString()}
    AND a.duplicate_of IS NULL
    ${sectionTest}
    ${filters.source === undefined ? sql`` : sql`AND a.source_id = ${filters.source}`}
    ${filters.language === undefined ? sql`` : sql`AND a.language = ${filters.language}`}
    ${filters.from === undefined ? sql`` : sql`AND a.published_at >= ${filters.from.toISOString()}`}
    ${filters.to === undefined ? sql`` : sql`AND a.published_at < ${filters.to.toISOString()}`}`;
}
