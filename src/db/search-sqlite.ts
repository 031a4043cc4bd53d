import { sql } from "kysely";
import type { Database } from "./connection.ts";
import {
  type Candidate,
  type EngineQuery,
  type MarkedText,
  type SearchEngine,
  visibleAndFiltered,
} from "./search-engine.ts";
import { ELLIPSIS, hasMark, MARK_END, MARK_START } from "./search-snippet.ts";

/** Every term quoted: FTS5 reads each as a phrase, never as an operator. */
export function ftsMatch(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(" ");
}

// Headline, standfirst, body: as in search.ts, a hit in the headline counts most.
const BM25 = sql`bm25(articles_fts, 10.0, 4.0, 1.0)`;
const SNIPPET_TOKENS = 28;
const ARCHIVE_TTL_MS = 60_000;

interface IdRange {
  lo: number | null;
  hi: number | null;
}

function inRange(ids: IdRange) {
  return sql`${ids.lo === null ? sql`` : sql`AND articles_fts.rowid >= ${ids.lo}`}
    ${ids.hi === null ? sql`` : sql`AND articles_fts.rowid <= ${ids.hi}`}`;
}

// A date range this long or shorter is turned into a range of ids (see idRange).
const ID_RANGE_MAX_DAYS = 120;

interface CandidateRow {
  id: number;
  score: number;
  published_at: string;
}

interface HighlightRow {
  id: number;
  headline: string | null;
  standfirst_hit: string | null;
  body_hit: string | null;
  standfirst: string | null;
  body_start: string | null;
}

/**
 * FTS5 (bm25) over the external-content index the migrations keep in step. The window is
 * exact here: FTS5 walks a term's matches newest id first for next to nothing, so only
 * the newest `window` of them are ranked and looked up.
 */
export function sqliteSearchEngine({ db }: Database): SearchEngine {
  let oldest: { at: number; readAt: number } | null = null;

  async function nthNewestMatch(match: string, ids: IdRange, skip: number) {
    const row = await sql<{ id: number }>`
      SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ${match} ${inRange(ids)}
      ORDER BY rowid DESC LIMIT 1 OFFSET ${skip}`.execute(db);
    const id = row.rows[0]?.id;
    return id === undefined ? null : Number(id);
  }

  /**
   * The ids of the articles a short date range holds, from the listing index alone: with
   * them the text index is read from the range's end rather than the archive's, so a
   * search in an old month does not first walk every newer match. Null for no range or
   * a long one (where the newest matches soon reach it anyway); undefined for a range
   * with no article in it.
   */
  async function idRange(query: EngineQuery): Promise<IdRange | null | undefined> {
    const { from, to } = query.filters;
    if (from === undefined && to === undefined) return null;
    const end = Math.min(to?.getTime() ?? Infinity, query.now.getTime());
    const start = from?.getTime() ?? (await archiveStart(Date.now()));
    if (end - start > ID_RANGE_MAX_DAYS * 86_400_000) return null;
    const row = await sql<{ lo: number | null; hi: number | null }>`
      SELECT min(id) AS lo, max(id) AS hi FROM articles
      WHERE status IN ('published', 'scheduled')
        AND published_at >= ${new Date(start).toISOString()}
        AND published_at < ${new Date(end).toISOString()}`.execute(db);
    const r = row.rows[0];
    if (r?.lo == null || r.hi == null) return undefined;
    return { lo: Number(r.lo), hi: Number(r.hi) };
  }

  async function archiveStart(now: number): Promise<number> {
    if (oldest && now - oldest.readAt < ARCHIVE_TTL_MS) return oldest.at;
    const row = await sql<{ at: string | null }>`
      SELECT min(published_at) AS at FROM articles WHERE status = 'published'`.execute(db);
    const at = row.rows[0]?.at;
    oldest = { at: at ? Date.parse(at) : now, readAt: now };
    return oldest.at;
  }

  /**
   * Visible matches in all, from those in the window: the window covers the time since
   * its oldest match, and matches are taken to arrive at the same rate before it.
   */
  async function estimateTotal(query: EngineQuery, inWindow: number, edge: number) {
    const row = await sql<{ at: string | null }>`
      SELECT published_at AS at FROM articles WHERE id = ${edge}`.execute(db);
    const edgeAt = Date.parse(row.rows[0]?.at ?? "");
    const end = Math.min(query.filters.to?.getTime() ?? Infinity, query.now.getTime());
    const start = Math.max(
      query.filters.from?.getTime() ?? -Infinity,
      await archiveStart(Date.now()),
    );
    const covered = end - Math.max(start, edgeAt);
    if (!(covered > 0) || !(end - start > covered)) return inWindow;
    return Math.round((inWindow * (end - start)) / covered);
  }

  return {
    async candidates(query: EngineQuery, window: number | null) {
      const match = ftsMatch(query.terms);
      const range = await idRange(query);
      if (range === undefined) return { rows: [], cut: false, total: 0, totalExact: true };
      const ids = range ?? { lo: null, hi: null };
      // bm25 reads every match's term counts once per query: skip it when time decides.
      const score = query.sort === "relevance" ? sql`-${BM25}` : sql`0`;
      // The window is taken before the visibility and filter checks (a subquery with a
      // LIMIT is not flattened), so a narrow filter cannot make the scan run on.
      const result = await sql<CandidateRow>`
        SELECT a.id, f.score, a.published_at
        FROM (SELECT rowid AS id, ${score} AS score FROM articles_fts
              WHERE articles_fts MATCH ${match} ${inRange(ids)}
              ORDER BY rowid DESC ${window === null ? sql`` : sql`LIMIT ${window}`}) f
        JOIN articles a ON a.id = f.id
        WHERE ${visibleAndFiltered(query.filters, query.now)}`.execute(db);
      const rows: Candidate[] = result.rows.map((r) => ({
        id: Number(r.id),
        score: Number(r.score),
        publishedAt: r.published_at,
      }));
      const edge = window === null ? null : await nthNewestMatch(match, ids, window - 1);
      const beyond = window === null ? null : await nthNewestMatch(match, ids, window);
      if (edge === null || beyond === null) {
        return { rows, cut: false, total: rows.length, totalExact: true };
      }
      const total = await estimateTotal(query, rows.length, edge);
      return { rows, cut: true, total, totalExact: false };
    },

    async highlight(query: EngineQuery, ids: readonly number[]) {
      const out = new Map<number, MarkedText>();
      if (ids.length === 0) return out;
      const match = ftsMatch(query.terms);
      const open = MARK_START;
      const close = MARK_END;
      const result = await sql<HighlightRow>`
        SELECT rowid AS id,
          highlight(articles_fts, 0, ${open}, ${close}) AS headline,
          snippet(articles_fts, 1, ${open}, ${close}, ${ELLIPSIS}, ${SNIPPET_TOKENS}) AS standfirst_hit,
          snippet(articles_fts, 2, ${open}, ${close}, ${ELLIPSIS}, ${SNIPPET_TOKENS}) AS body_hit,
          standfirst,
          substr(body_text, 1, 400) AS body_start
        FROM articles_fts
        WHERE articles_fts MATCH ${match}
          AND rowid IN (${sql.join(ids.map((id) => sql`${id}`))})`.execute(db);
      for (const r of result.rows) {
        const passage = hasMark(r.body_hit)
          ? r.body_hit
          : hasMark(r.standfirst_hit)
            ? r.standfirst_hit
            : null;
        out.set(Number(r.id), {
          headline: r.headline ?? "",
          passage,
          lead: r.standfirst?.trim() ? r.standfirst : (r.body_start ?? ""),
        });
      }
      return out;
    },
  };
}
