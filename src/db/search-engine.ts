import { sql } from "kysely";
import { listedWhen } from "./visibility.ts";

/**
 * What the search repository asks of each database's full-text engine. Ranking every
 * match costs time in proportion to the matches (bm25 or ts_rank_cd per row, plus a look
 * at each row to check it is visible), and a word found in half the archive has 100,000
 * of them. So an engine ranks a window: the newest `window` visible matches that pass the
 * filters, which for a news search is where the answer to a common word lies anyway.
 * Each engine finds that window without reading the older matches (FTS5 walks a term's
 * matches newest first; PostgreSQL asks its text index one span of days at a time), then
 * ranks it, orders it and cuts the page in the database: only the page's ids come back.
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

/** Which slice of the ordered window to return. */
export interface PageSlice {
  offset: number;
  limit: number;
}

export interface EnginePage {
  /** The slice's results, best (or newest) first. */
  rows: PageRow[];
  /** Matches in the window: at most `window + 1`, the one more telling that others exist. */
  found: number;
  /** Matches exist beyond the window: `found` is not all of them. */
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

/** What a result shows besides its highlights. */
export interface ResultRow {
  id: number;
  kind: string;
  headline: string;
  slug: string;
  language: string;
  published_at: Date | string | null;
  external_url: string | null;
  source_id: number | null;
  section_slug: string;
  section_name: string;
  source_title: string | null;
  source_site: string | null;
  source_url: string | null;
}

export interface PageRow {
  row: ResultRow;
  marked: MarkedText;
}

export interface SearchEngine {
  /**
   * The newest `window` matches (all of them when there are fewer), ordered as the query
   * asks, and the slice of them a page shows, each with its headline and passage
   * highlighted.
   */
  search(query: EngineQuery, window: number, slice: PageSlice): Promise<EnginePage>;
}

export const NO_MATCHES: EnginePage = {
  rows: [],
  found: 0,
  cut: false,
  total: 0,
  totalExact: true,
};

/**
 * Visible matches in all, from the `found` newest: they arrived between `edge` (the
 * oldest of them) and the end of the searched time, and the rest are taken to have
 * arrived at the same rate since its start. Never fewer than were found.
 */
export function estimateTotal(found: number, edge: number, start: number, end: number): number {
  const covered = end - Math.max(start, edge);
  if (!(covered > 0) || !(end - start > covered)) return found;
  return Math.max(found, Math.round((found * (end - start)) / covered));
}

/** The time a search covers: the filters' dates, bounded by now and the archive's start. */
export function searchedTime(query: EngineQuery, archiveStart: number): [number, number] {
  const end = Math.min(query.filters.to?.getTime() ?? Infinity, query.now.getTime());
  const start = Math.max(query.filters.from?.getTime() ?? -Infinity, archiveStart);
  return [start, end];
}

/**
 * Reader-visible, non-duplicate, filtered: the same rule as every public list. The
 * section is a slug looked up in the statement, or its id when the caller knows it.
 * `indexable: false` writes every test so that no index can serve it (`+ 0`, `|| ''`):
 * where the text index already narrows the rows to a few hundred, combining it with a
 * listing or section index would read tens of thousands of that index's entries.
 */
export function visibleAndFiltered(
  filters: SearchFilters,
  now: Date,
  sectionId: number | null = null,
  indexable = true,
) {
  const at = indexable ? sql`a.published_at` : sql`(a.published_at + interval '0 s')`;
  const status = indexable ? sql`a.status` : sql`(a.status || '')`;
  const plus = indexable ? sql`` : sql` + 0`;
  const sectionTest =
    sectionId !== null
      ? sql`AND a.section_id${plus} = ${sectionId}`
      : filters.section === undefined
        ? sql``
        : sql`AND a.section_id${plus} = (SELECT s.id FROM sections s WHERE s.slug = ${filters.section})`;
  return sql`${listedWhen({ status, publishedAt: at, duplicateOf: sql`a.duplicate_of` }, now)}
    ${sectionTest}
    ${filters.source === undefined ? sql`` : sql`AND a.source_id${plus} = ${filters.source}`}
    ${filters.language === undefined ? sql`` : sql`AND a.language = ${filters.language}`}
    ${filters.from === undefined ? sql`` : sql`AND ${at} >= ${filters.from.toISOString()}`}
    ${filters.to === undefined ? sql`` : sql`AND ${at} < ${filters.to.toISOString()}`}`;
}
