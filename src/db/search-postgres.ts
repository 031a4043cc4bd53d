import { type RawBuilder, sql } from "kysely";
import type { Database } from "./connection.ts";
import {
  type Candidate,
  type EngineQuery,
  type MarkedText,
  type SearchEngine,
  visibleAndFiltered,
} from "./search-engine.ts";
import {
  collapseSpace,
  ELLIPSIS,
  hasMark,
  MARK_END,
  MARK_START,
  unmarked as withoutMarks,
} from "./search-snippet.ts";

/** websearch syntax from our own terms: a term with a space is a phrase. */
export function websearchText(terms: readonly string[]): string {
  return terms.map((t) => (t.includes(" ") ? `"${t}"` : t)).join(" ");
}

// A window is worth its extra step only for a common query.
const WINDOW_FROM_MATCHES = 4;
// Articles per millisecond are re-read this often: they change slowly.
const ARCHIVE_TTL_MS = 60_000;
// ts_headline parses the text it is given; the start of a long body is enough to find a
// passage, and a body's hits beyond it still rank the article.
const PASSAGE_SOURCE_CHARS = 1_500;
const PASSAGE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=32, MinWords=14, ShortWord=2, MaxFragments=1`;
const HIGHLIGHT_CHUNK = 5;
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

interface CandidateRow {
  id: number;
  score: number;
  published_at: Date;
  matched: string | number;
}

interface HighlightRow {
  id: number;
  headline: string;
  standfirst_hit: string | null;
  body_hit: string | null;
  standfirst: string | null;
  body_start: string;
  body_end: string;
}

// Words only: ts_headline drops punctuation at a passage's edges, so compare without it.
const words = (text: string) =>
  withoutMarks(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * ts_headline returns a passage bare; FTS5's snippet() marks a cut with an ellipsis, and
 * readers should see the same on either engine.
 */
export function withEllipses(passage: string, textStart: string, textEnd: string): string {
  const plain = words(passage);
  const head = words(textStart).startsWith(plain.slice(0, 24)) ? "" : `${ELLIPSIS} `;
  const tail = words(textEnd).endsWith(plain.slice(-24)) ? "" : ` ${ELLIPSIS}`;
  return `${head}${collapseSpace(passage)}${tail}`;
}

interface Archive {
  articles: number;
  oldest: number;
  readAt: number;
}

/** The planner's row estimates: after every condition, and of the text index alone. */
interface Estimate {
  rows: number;
  indexRows: number;
}

interface PlanNode {
  "Plan Rows"?: unknown;
  "Index Name"?: unknown;
  Plans?: PlanNode[];
}

function indexRows(node: PlanNode | undefined): number | null {
  if (!node) return null;
  if (node["Index Name"] === "articles_search") return Number(node["Plan Rows"]);
  for (const child of node.Plans ?? []) {
    const found = indexRows(child);
    if (found !== null) return found;
  }
  return null;
}

/** Where a window's matches come from, and when it starts. */
interface Span {
  start: Date;
  /**
   * Read the span's rows and test each one's text rather than ask the GIN index: for a
   * word in a large share of articles the index hands over a bitmap of all its matches
   * (tens of thousands), when the span holds a few hundred.
   */
  scan: boolean;
}

// Relative costs, in microseconds, measured on 200,000 articles (bench/search.ts): one
// row's entry from a GIN bitmap, one row read and checked on cheap columns, and one
// row's text tested against the query (its tsvector read, often from TOAST).
const COST_INDEX_ROW = 0.6;
const COST_ROW = 4;
const COST_TEXT_TEST = 7;

/**
 * tsvector + GIN. PostgreSQL has no cheap way to find the newest N matches (the GIN
 * index knows rows, not their order), so the window is a span of time expected to hold
 * about N of them: the planner's estimate of how many rows match gives the share of
 * articles that match, and the archive's size and age give how long N of them take to
 * arrive. The span is then read through the GIN index or, for a common word, row by row.
 */
export function postgresSearchEngine({ db }: Database, queryLanguage: string): SearchEngine {
  let archive: Archive | null = null;
  let sections: { ids: Map<string, number>; readAt: number } | null = null;
  // One query may ask for several windows; the plan's estimate does not change between them.
  const estimates = new WeakMap<EngineQuery, Estimate>();

  function tsQuery(query: EngineQuery): RawBuilder<unknown> {
    const text = websearchText(query.terms);
    const stemmed = sql`websearch_to_tsquery(dispatch_ts_config(${queryLanguage}), ${text})`;
    const exact = sql`websearch_to_tsquery('simple', ${text})`;
    // Stemmed in the site's language, or word for word: an article in another language
    // still matches on names and shared words. Both are constants the planner folds, so
    // it sees the query itself and estimates its matches; one of two equal halves goes,
    // or the estimate would count each match twice.
    return sql`(CASE WHEN ${stemmed} = ${exact} THEN ${exact} ELSE ${stemmed} || ${exact} END)`;
  }

  async function estimate(query: EngineQuery, section: number | null): Promise<Estimate> {
    const known = estimates.get(query);
    if (known !== undefined) return known;
    const filters = visibleAndFiltered(
      query.filters,
      query.now,
      section === null ? null : { id: section, index: true },
    );
    const plan = await sql<{ "QUERY PLAN": unknown }>`EXPLAIN (FORMAT JSON)
      SELECT 1 FROM articles a WHERE ${filters} AND a.search @@ ${tsQuery(query)}`.execute(db);
    const json = plan.rows[0]?.["QUERY PLAN"];
    const root = (Array.isArray(json) ? json[0] : undefined) as { Plan?: PlanNode } | undefined;
    const rows = Number(root?.Plan?.["Plan Rows"]);
    const found: Estimate = Number.isFinite(rows)
      ? { rows, indexRows: Math.max(rows, indexRows(root?.Plan) ?? rows) }
      : { rows: Number.POSITIVE_INFINITY, indexRows: Number.POSITIVE_INFINITY };
    estimates.set(query, found);
    return found;
  }

  /**
   * The section filter's id, or null when there is no filter; undefined when no section
   * has that slug. The planner estimates `section_id = 3` from its statistics, where a
   * subquery's value would be a guess.
   */
  async function sectionId(query: EngineQuery): Promise<number | null | undefined> {
    const slug = query.filters.section;
    if (slug === undefined) return null;
    const now = Date.now();
    if (!sections || now - sections.readAt >= ARCHIVE_TTL_MS || !sections.ids.has(slug)) {
      const rows = await sql<{ id: number; slug: string }>`SELECT id, slug FROM sections`.execute(
        db,
      );
      sections = { ids: new Map(rows.rows.map((r) => [r.slug, Number(r.id)])), readAt: now };
    }
    return sections.ids.get(slug);
  }

  async function archiveSize(now: number): Promise<Archive> {
    if (archive && now - archive.readAt < ARCHIVE_TTL_MS) return archive;
    const row = await sql<{ articles: number; oldest: Date | null }>`
      SELECT (SELECT greatest(reltuples, 0)::float8 FROM pg_class
              WHERE oid = 'articles'::regclass) AS articles,
             (SELECT min(published_at) FROM articles WHERE status = 'published') AS oldest`.execute(
      db,
    );
    const r = row.rows[0];
    archive = {
      articles: Number(r?.articles ?? 0),
      oldest: r?.oldest ? new Date(r.oldest).getTime() : now,
      readAt: now,
    };
    return archive;
  }

  /** A span of time expected to hold about `window` matches, or null to read them all. */
  async function span(
    query: EngineQuery,
    section: number | null,
    window: number,
  ): Promise<Span | null> {
    const expected = await estimate(query, section);
    // Worth it when many rows would be read: the text index's matches, before the filters
    // it cannot apply (a language, a section) leave a few of them.
    if (!(expected.indexRows > window * WINDOW_FROM_MATCHES) || !(expected.rows > 0)) return null;
    const now = query.now.getTime();
    const { articles, oldest } = await archiveSize(Date.now());
    if (articles <= 0 || oldest >= now || !Number.isFinite(expected.indexRows)) return null;
    const spanArticles = (window * articles) / expected.rows;
    if (spanArticles >= articles / 2) return null;
    // Reading the span row by row tests the text of the rows that pass the other
    // conditions (their share: rows / indexRows); the index path pays for every match.
    const passing = expected.rows / expected.indexRows;
    const scanCost = spanArticles * (COST_ROW + COST_TEXT_TEST * passing);
    const indexCost = expected.indexRows * COST_INDEX_ROW + window * COST_ROW;
    return {
      start: new Date(now - (spanArticles / articles) * (now - oldest)),
      scan: scanCost < indexCost,
    };
  }

  async function highlightRows(query: EngineQuery, ids: readonly number[]) {
    const q = sql`q.query`;
    const config = sql`dispatch_ts_config(a.language)`;
    const result = await sql<HighlightRow>`
      SELECT a.id,
        ts_headline(${config}, a.headline, ${q}, ${HEADLINE_OPTIONS}) AS headline,
        CASE WHEN a.standfirst IS NOT NULL
          THEN ts_headline(${config}, a.standfirst, ${q}, ${PASSAGE_OPTIONS}) END AS standfirst_hit,
        ts_headline(${config}, left(a.body_text, ${PASSAGE_SOURCE_CHARS}), ${q}, ${PASSAGE_OPTIONS})
          AS body_hit,
        a.standfirst,
        left(a.body_text, 400) AS body_start,
        right(a.body_text, 100) AS body_end
      FROM articles a, (SELECT ${tsQuery(query)} AS query) q
      WHERE a.id IN (${sql.join(ids.map((id) => sql`${id}`))})`.execute(db);
    return result.rows;
  }

  return {
    async candidates(query, window) {
      const section = await sectionId(query);
      if (section === undefined) return { rows: [], cut: false, total: 0, totalExact: true };
      const within = window === null ? null : await span(query, section, window);
      const q = tsQuery(query);
      const score =
        query.sort === "relevance" ? sql`ts_rank_cd(a.search, ${q})::float8` : sql`0::float8`;
      const filters = visibleAndFiltered(
        query.filters,
        query.now,
        section === null ? null : { id: section, index: false },
      );
      // Reading a span row by row, a CASE is both no condition an index can serve (so the
      // planner reads the span) and the order of the tests: a row's text (its tsvector,
      // often in TOAST) is read only once the cheap columns have let it through.
      const text = within?.scan
        ? sql`CASE WHEN ${filters} THEN a.search @@ ${q} ELSE false END`
        : sql`a.search @@ ${q}`;
      const result = await sql<CandidateRow>`
        WITH m AS MATERIALIZED (
          SELECT a.id, a.published_at FROM articles a
          WHERE ${filters}
            ${within === null ? sql`` : sql`AND a.published_at >= ${within.start.toISOString()}`}
            AND ${text}
        ), w AS (
          SELECT id, published_at FROM m ORDER BY published_at DESC, id DESC
          ${window === null ? sql`` : sql`LIMIT ${window}`}
        )
        SELECT w.id, w.published_at, ${score} AS score, (SELECT count(*) FROM m) AS matched
        FROM w JOIN articles a ON a.id = w.id`.execute(db);
      const rows: Candidate[] = result.rows.map((r) => ({
        id: Number(r.id),
        score: Number(r.score),
        publishedAt: new Date(r.published_at).toISOString(),
      }));
      const matched = Number(result.rows[0]?.matched ?? 0);
      const cut = within !== null || matched > rows.length;
      // Without a span every match was counted; with one, the plan's estimate is the best
      // figure there is for the matches before it.
      if (within === null) return { rows, cut, total: matched, totalExact: true };
      const total = Math.max(matched, Math.round((await estimate(query, section)).rows));
      return { rows, cut, total, totalExact: false };
    },

    async highlight(query, ids) {
      const out = new Map<number, MarkedText>();
      // ts_headline parses each text again: several small queries run on several backends
      // at once, so a page of long articles costs a fraction of the time of one query.
      const chunks: number[][] = [];
      for (let i = 0; i < ids.length; i += HIGHLIGHT_CHUNK)
        chunks.push(ids.slice(i, i + HIGHLIGHT_CHUNK));
      const results = await Promise.all(chunks.map((chunk) => highlightRows(query, chunk)));
      for (const r of results.flat()) {
        const passage =
          r.body_hit !== null && hasMark(r.body_hit)
            ? withEllipses(r.body_hit, r.body_start, r.body_end)
            : r.standfirst_hit !== null && r.standfirst !== null && hasMark(r.standfirst_hit)
              ? withEllipses(r.standfirst_hit, r.standfirst, r.standfirst)
              : null;
        out.set(Number(r.id), {
          headline: r.headline,
          passage,
          lead: r.standfirst?.trim() ? r.standfirst : r.body_start,
        });
      }
      return out;
    },
  };
}
