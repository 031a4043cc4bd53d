import type { ArticleKind } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { AppError } from "../domain/errors.ts";
import type { HighlightedText } from "../domain/highlight.ts";
import { searchTerms } from "../domain/search-terms.ts";
import type { Database } from "./connection.ts";
import { toIso } from "./rows.ts";
import type {
  EngineQuery,
  MarkedText,
  ResultRow,
  SearchEngine,
  SearchFilters,
  SearchSort,
} from "./search-engine.ts";
import { postgresSearchEngine } from "./search-postgres.ts";
import { collapseSpace, leadWords, parseMarked, plainText } from "./search-snippet.ts";
import { sqliteSearchEngine } from "./search-sqlite.ts";

export type { SearchFilters, SearchSort } from "./search-engine.ts";
export { SEARCH_SORTS } from "./search-engine.ts";

export const MAX_PAGE_SIZE = 50;
/** The deepest result a reader can page to: past it, a narrower search serves better. */
export const MAX_RESULTS = 1_000;

// Matches ranked for relevance: the newest this many (more when a later page needs
// them). The same on both engines, so both give the same answers; at 200,000 articles
// (bench/search.ts) ranking more costs more than the p95 target allows.
const WINDOW = 250;
const LEAD_WORDS = 30;

export interface SearchRequest extends SearchFilters {
  q: string;
  sort: SearchSort;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface SearchHit {
  id: number;
  kind: ArticleKind;
  /** As stored. */
  headline: string;
  /** The headline with its hits (spaces collapsed when it has any); `highlightHtml` renders it. */
  headlineHits: HighlightedText;
  /** A passage with its hits, or the lead when only the headline has one; may be empty. */
  snippet: HighlightedText;
  /** The article's page on this site. */
  path: string | null;
  externalUrl: string | null;
  sectionSlug: string;
  sectionName: string;
  source: { id: number; name: string } | null;
  language: string;
  publishedAt: string;
}

export interface SearchResults {
  hits: SearchHit[];
  /** Visible matches in all; an estimate when `totalExact` is false. */
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
  hasNext: boolean;
}

export interface SearchRepository {
  /** Throws AppError `bad_query` (400) when `q` has no word to search for. */
  search(request: SearchRequest, now?: Date): Promise<SearchResults>;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

function sourceName(row: ResultRow): string {
  return (
    row.source_title?.trim() ||
    hostOf(row.source_site) ||
    hostOf(row.source_url) ||
    `source ${row.source_id}`
  );
}

function snippetOf(marked: MarkedText): HighlightedText {
  if (marked.passage !== null) return parseMarked(collapseSpace(marked.passage));
  return plainText(leadWords(marked.lead, LEAD_WORDS));
}

export function createSearchRepository(
  database: Database,
  options: {
    queryLanguage?: string;
    /** Matches ranked for relevance (tests use a small one to page past it). */
    window?: number;
  } = {},
): SearchRepository {
  const engine: SearchEngine =
    database.dialect === "sqlite"
      ? sqliteSearchEngine(database)
      : postgresSearchEngine(database, options.queryLanguage ?? "en");
  const baseWindow = options.window ?? WINDOW;

  return {
    async search(request, now = new Date()) {
      const { page, pageSize } = request;
      if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new AppError("bad_parameter", `page size must be 1 to ${MAX_PAGE_SIZE}`, {
          status: 400,
        });
      }
      const offset = (page - 1) * pageSize;
      if (!Number.isSafeInteger(page) || page < 1 || offset >= MAX_RESULTS) {
        throw new AppError(
          "bad_parameter",
          `page must be 1 to ${Math.ceil(MAX_RESULTS / pageSize)}: only the first ${MAX_RESULTS} results can be paged to; narrow the search instead`,
          { status: 400, context: { parameter: "page" } },
        );
      }
      const query: EngineQuery = {
        terms: searchTerms(request.q),
        filters: {
          section: request.section,
          source: request.source,
          language: request.language,
          from: request.from,
          to: request.to,
        },
        sort: request.sort,
        now,
      };
      // One more than the page, to know of a next page.
      const needed = offset + pageSize + 1;
      const found = await engine.search(query, Math.max(baseWindow, needed), {
        offset,
        limit: pageSize,
      });
      const hits = found.rows.flatMap(({ row, marked: m }): SearchHit[] => {
        if (row.published_at === null) return [];
        const publishedAt = toIso(row.published_at);
        return [
          {
            id: Number(row.id),
            // The schema's CHECK constraint guarantees the kind.
            kind: row.kind as ArticleKind,
            headline: row.headline,
            headlineHits: m.headline
              ? parseMarked(collapseSpace(m.headline))
              : plainText(row.headline),
            snippet: snippetOf(m),
            path: articlePath({ sectionSlug: row.section_slug, slug: row.slug, publishedAt }),
            externalUrl: row.external_url,
            sectionSlug: row.section_slug,
            sectionName: row.section_name,
            source:
              row.source_id === null ? null : { id: Number(row.source_id), name: sourceName(row) },
            language: row.language,
            publishedAt,
          },
        ];
      });
      return {
        hits,
        total: found.total,
        totalExact: found.totalExact,
        page,
        pageSize,
        hasNext: found.found > offset + pageSize && offset + pageSize < MAX_RESULTS,
      };
    },
  };
}
