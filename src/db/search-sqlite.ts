import { sql } from "kysely";
import type { Database } from "./connection.ts";
import {
  type EngineQuery,
  estimateTotal,
  NO_MATCHES,
  type PageRow,
  type ResultRow,
  type SearchEngine,
  searchedTime,
  visibleAndFiltered,
} from "./search-engine.ts";
import { ELLIPSIS, hasMark, MARK_END, MARK_START } from "./search-snippet.ts";
import { oldestVisible, whereVisible } from "./visibility.ts";

/** Every term quoted: FTS5 reads each as a phrase, never as an operator. */
export function ftsMatch(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(" ");
}

// Headline, standfirst, body: a hit in the headline counts most.
const BM25 = sql`bm25(articles_fts, 10.0, 4.0, 1.0)`;
const SNIPPET_TOKENS = 28;
const ARCHIVE_TTL_MS = 60_000;

interface IdRange {
  lo: number | null;
  hi: number | null;
}

function inRange(ids: IdRange) {
  return sql`${ids.lo === null ? sql`` : sql`AND f.rowid >= ${ids.lo}`}
    ${ids.hi === null ? sql`` : sql`AND f.rowid <= ${ids.hi}`}`;
}

// A date range this long or shorter is turned into a range of ids (see idRange).
const ID_RANGE_MAX_DAYS = 120;

interface RankRow {
  found: number;
  edge: string | null;
  id: number | null;
}

interface HighlightRow extends ResultRow {
  headline_hit: string | null;
  standfirst_hit: string | null;
  body_hit: string | null;
  standfirst: string | null;
  body_start: string | null;
}

/**
 * FTS5 (bm25) over the external-content index the migrations keep in step. FTS5 walks a
 * term's matches newest id first for next to nothing, so the window is read in that
 * order, each match checked against the narrow filter index of migration 005 (not its
 * article row, whose tested columns sit after the body) until `window + 1` pass; bm25
 * is computed for those alone. A source holds a sliver of the archive: its ids are
 * looked up first and the text index skips the rest unread.
 */
export function sqliteSearchEngine({ db }: Database): SearchEngine {
  let oldest: { at: number; readAt: number } | null = null;

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
    const [start, end] = searchedTime(query, await archiveStart(Date.now()));
    if (end - start > ID_RANGE_MAX_DAYS * 86_400_000) return null;
    const row = await sql<{ lo: number | null; hi: number | null }>`
      SELECT min(id) AS lo, max(id) AS hi FROM articles
      WHERE ${whereVisible(query.now)}
        AND published_at >= ${new Date(start).toISOString()}
        AND published_at < ${new Date(end).toISOString()}`.execute(db);
    const r = row.rows[0];
    if (r?.lo == null || r.hi == null) return undefined;
    return { lo: Number(r.lo), hi: Number(r.hi) };
  }

  async function archiveStart(now: number): Promise<number> {
    if (oldest && now - oldest.readAt < ARCHIVE_TTL_MS) return oldest.at;
    const row = await sql<{ at: string | null }>`
      SELECT ${oldestVisible(new Date(now))} AS at`.execute(db);
    const at = row.rows[0]?.at;
    oldest = { at: at ? Date.parse(at) : now, readAt: now };
    return oldest.at;
  }

  return {
    async search(query, window, slice) {
      const range = await idRange(query);
      if (range === undefined) return NO_MATCHES;
      const within = range ?? { lo: null, hi: null };
      // bm25 reads every match's term counts once per query: skip it when time decides.
      const score = query.sort === "relevance" ? sql`-${BM25}` : sql`0`;
      const source = query.filters.source;
      // `+` keeps the id list out of FTS5's own constraints: given it, FTS5 would start a
      // new query (and bm25's counts) per id.
      const ofSource =
        source === undefined
          ? sql``
          : sql`AND +f.rowid IN (SELECT id FROM articles WHERE source_id = ${source})`;
      const take = window + 1;
      // Scores are 0 when sorting by time.
      const order = sql`ORDER BY score DESC, published_at DESC, id DESC`;
      const result = await sql<RankRow>`
        WITH w AS MATERIALIZED (
          SELECT f.rowid AS id, ${score} AS score, a.published_at AS published_at
          FROM articles_fts f
          JOIN articles a INDEXED BY articles_search_filter ON a.id = f.rowid
          WHERE articles_fts MATCH ${ftsMatch(query.terms)} ${inRange(within)} ${ofSource}
            AND ${visibleAndFiltered(query.filters, query.now)}
          ORDER BY f.rowid DESC
          LIMIT ${take}
        )
        SELECT c.found, c.edge, p.id
        FROM (SELECT count(*) AS found,
                (SELECT published_at FROM w ORDER BY id LIMIT 1) AS edge FROM w) c
        LEFT JOIN (SELECT * FROM w ${order} LIMIT ${slice.limit} OFFSET ${slice.offset}) p
          ON 1
        ${order}`.execute(db);
      const first = result.rows[0];
      const found = Number(first?.found ?? 0);
      const ids = result.rows.flatMap((r) => (r.id === null ? [] : [Number(r.id)]));
      const marked = await highlight(query, ids);
      const rows = ids.flatMap((id) => marked.get(id) ?? []);
      if (found <= window || !first?.edge) {
        return { rows, found, cut: false, total: found, totalExact: true };
      }
      const [start, end] = searchedTime(query, await archiveStart(Date.now()));
      const total = estimateTotal(found, Date.parse(first.edge), start, end);
      return { rows, found, cut: true, total, totalExact: false };
    },
  };

  /** Each id's result row with its headline and passage highlighted. */
  async function highlight(query: EngineQuery, ids: readonly number[]) {
    const out = new Map<number, PageRow>();
    if (ids.length === 0) return out;
    const open = MARK_START;
    const close = MARK_END;
    const result = await sql<HighlightRow>`
        SELECT f.rowid AS id,
          highlight(articles_fts, 0, ${open}, ${close}) AS headline_hit,
          snippet(articles_fts, 1, ${open}, ${close}, ${ELLIPSIS}, ${SNIPPET_TOKENS}) AS standfirst_hit,
          snippet(articles_fts, 2, ${open}, ${close}, ${ELLIPSIS}, ${SNIPPET_TOKENS}) AS body_hit,
          f.standfirst,
          substr(f.body_text, 1, 400) AS body_start,
          a.kind, a.headline, a.slug, a.language, a.published_at, a.external_url, a.source_id,
          s.slug AS section_slug, s.name AS section_name,
          src.title AS source_title, src.site_url AS source_site, src.url AS source_url
        FROM articles_fts f
        JOIN articles a ON a.id = f.rowid
        JOIN sections s ON s.id = a.section_id
        LEFT JOIN sources src ON src.id = a.source_id
        WHERE articles_fts MATCH ${ftsMatch(query.terms)}
          AND f.rowid IN (${sql.join(ids.map((id) => sql`${id}`))})`.execute(db);
    for (const r of result.rows) {
      const passage = hasMark(r.body_hit)
        ? r.body_hit
        : hasMark(r.standfirst_hit)
          ? r.standfirst_hit
          : null;
      out.set(Number(r.id), {
        row: r,
        marked: {
          headline: r.headline_hit ?? "",
          passage,
          lead: r.standfirst?.trim() ? r.standfirst : (r.body_start ?? ""),
        },
      });
    }
    return out;
  }
}
