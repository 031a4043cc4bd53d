import type { ArticleKind } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { AppError } from "../domain/errors.ts";
import type { Database } from "./connection.ts";
import { toIso } from "./rows.ts";
import { searchTerms } from "./search.ts";
import type {
  Candidate,
  CandidateWindow,
  EngineQuery,
  MarkedText,
  SearchEngine,
  SearchFilters,
  SearchSort,
} from "./search-engine.ts";
import { postgresSearchEngine } from "./search-postgres.ts";
import { collapseSpace, leadWords, markedToHtml, textToHtml } from "./search-snippet.ts";
import { sqliteSearchEngine } from "./search-sqlite.ts";

export type { SearchFilters, SearchSort } from "./search-engine.ts";
export { SEARCH_SORTS } from "./search-engine.ts";

export const MAX_PAGE_SIZE = 50;
/** The deepest result a reader can page to: past it, a narrower search serves better. */
export const MAX_RESULTS = 1_000;

// Matches ranked in the first window, which then grows 4 to 64 times at each step; after
// WINDOW_STEPS steps, all of them. PostgreSQL's ranking reads each row's tsvector, so
// its window is smaller. Figures from bench/search.ts (200,000 articles).
const FIRST_WINDOW = { sqlite: 1_000, postgres: 250 } as const;
const MIN_WIDEN = 4;
const MAX_WIDEN = 64;
const WINDOW_STEPS = 3;
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
  headline: string;
  /** The headline with its hits in `<mark>`; escaped, no other markup. */
  headlineHtml: string;
  /** A passage with the hits in `<mark>`; escaped, no other markup. */
  snippet: string;
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

interface DetailRow {
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

function byRelevance(a: Candidate, b: Candidate): number {
  return b.score - a.score || byTime(a, b);
}

function byTime(a: Candidate, b: Candidate): number {
  return a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : b.id - a.id;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

function sourceName(row: DetailRow): string {
  return (
    row.source_title?.trim() ||
    hostOf(row.source_site) ||
    hostOf(row.source_url) ||
    `source ${row.source_id}`
  );
}

function snippetHtml(marked: MarkedText | undefined): string {
  if (!marked) return "";
  if (marked.passage !== null) return markedToHtml(collapseSpace(marked.passage));
  return textToHtml(leadWords(marked.lead, LEAD_WORDS));
}

export function createSearchRepository(
  database: Database,
  options: {
    queryLanguage?: string;
    /** Matches ranked before widening (tests use a small one to reach every step). */
    firstWindow?: number;
  } = {},
): SearchRepository {
  const { db } = database;
  const engine: SearchEngine =
    database.dialect === "sqlite"
      ? sqliteSearchEngine(database)
      : postgresSearchEngine(database, options.queryLanguage ?? "en");
  const firstWindow = options.firstWindow ?? FIRST_WINDOW[database.dialect];

  async function details(ids: readonly number[]): Promise<Map<number, DetailRow>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom("articles as a")
      .innerJoin("sections as s", "s.id", "a.section_id")
      .leftJoin("sources as src", "src.id", "a.source_id")
      .select([
        "a.id",
        "a.kind",
        "a.headline",
        "a.slug",
        "a.language",
        "a.published_at",
        "a.external_url",
        "a.source_id",
        "s.slug as section_slug",
        "s.name as section_name",
        "src.title as source_title",
        "src.site_url as source_site",
        "src.url as source_url",
      ])
      .where("a.id", "in", ids)
      .execute();
    return new Map(rows.map((r) => [Number(r.id), r as DetailRow]));
  }

  /**
   * A window that holds the page (and one more, to know of a next page): each step grows
   * it by what the last one yielded, so a narrow filter on a common word takes two steps
   * rather than four.
   */
  async function candidates(query: EngineQuery, needed: number): Promise<CandidateWindow> {
    let window = firstWindow;
    for (let step = 0; ; step++) {
      const last = step >= WINDOW_STEPS;
      const found = await engine.candidates(query, last ? null : window);
      if (!found.cut || found.rows.length >= needed || last) return found;
      const wanted = Math.ceil((1.5 * needed) / Math.max(1, found.rows.length));
      window *= Math.min(MAX_WIDEN, Math.max(MIN_WIDEN, wanted));
    }
  }

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
      const found = await candidates(query, offset + pageSize + 1);
      const ordered = [...found.rows].sort(request.sort === "newest" ? byTime : byRelevance);
      const ids = ordered.slice(offset, offset + pageSize).map((c) => c.id);
      const [rows, marked] = await Promise.all([details(ids), engine.highlight(query, ids)]);
      const hits = ids.flatMap((id): SearchHit[] => {
        const row = rows.get(id);
        if (!row || row.published_at === null) return [];
        const publishedAt = toIso(row.published_at);
        const m = marked.get(id);
        return [
          {
            id,
            // The schema's CHECK constraint guarantees the kind.
            kind: row.kind as ArticleKind,
            headline: row.headline,
            headlineHtml: m ? markedToHtml(collapseSpace(m.headline)) : textToHtml(row.headline),
            snippet: snippetHtml(m),
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
        // Never fewer than the results already seen, whatever an estimate says.
        total: Math.max(found.total, ordered.length),
        totalExact: found.totalExact,
        page,
        pageSize,
        hasNext: ordered.length > offset + pageSize && offset + pageSize < MAX_RESULTS,
      };
    },
  };
}
