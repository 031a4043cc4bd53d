import { type RawBuilder, sql } from "kysely";
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
import { dayNumber, daySpans, languageFacet, wholeSpan } from "./search-facets.ts";
import {
  collapseSpace,
  ELLIPSIS,
  hasMark,
  MARK_END,
  MARK_START,
  unmarked as withoutMarks,
} from "./search-snippet.ts";
import { oldestVisible } from "./visibility.ts";

/** websearch syntax from our own terms: a term with a space is a phrase. */
export function websearchText(terms: readonly string[]): string {
  return terms.map((t) => (t.includes(" ") ? `"${t}"` : t)).join(" ");
}

// Sections and the archive's start change slowly: re-read this often.
const CACHE_TTL_MS = 60_000;
// ts_headline parses (and stems) all the text it is given, which costs more than the
// rest of a result. The body is cut to a stretch around the first place one of the
// reader's words starts (stemming may end a word differently; a prefix still finds it),
// or to its start when none does: a passage is a few dozen words.
const PASSAGE_SOURCE_CHARS = 1_500;
const PASSAGE_BEFORE_HIT = 200;
const PASSAGE_AROUND_HIT = 600;
const HIT_PREFIX_CHARS = 5;
const PASSAGE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=32, MinWords=14, ShortWord=2, MaxFragments=1`;
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const DAY_MS = 86_400_000;
// A span's facet words cost a look at their lists for each match, and a span is read
// whole; reading every match from the table costs about a microsecond or two each. So a
// word expected to have fewer matches than this many windows is read in one go.
const WHOLE_WINDOWS = 5;
// The first span is sized to hold this many windows, by the planner's estimate.
const FIRST_SPAN_WINDOWS = 1.5;

interface PlanNode {
  "Plan Rows"?: unknown;
}

interface PageSqlRow extends ResultRow {
  found: number | string;
  edge: Date | string | null;
  /** Null on the one row of a window with nothing in the slice. */
  id: number;
  headline_hit: string;
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

/**
 * tsvector + GIN, with the facets of migration 005 beside the text in one index. The
 * window is read span by span of days, newest first (search-facets.ts): each span's
 * matches come from the index alone, already narrowed to the filters, and only they are
 * read from the table; once a span brings the window to `window + 1` matches, no older
 * span is read at all. A rare word reads every span, each a few rows.
 */
export function postgresSearchEngine({ db }: Database, queryLanguage: string): SearchEngine {
  let sections: { ids: Map<string, number>; readAt: number } | null = null;
  let archive: { start: number; readAt: number } | null = null;
  let config: number | null = null;

  /**
   * The site language's text search configuration, as its oid: a constant the planner
   * folds, so it still sees the query itself (a configuration's name would be looked up
   * at run time, and the planner would guess). Read once: dispatch_ts_config() is a SQL
   * function evaluated each time a statement that names it is planned.
   */
  async function siteConfig(): Promise<number> {
    if (config === null) {
      const row = await sql<{ oid: number }>`
        SELECT dispatch_ts_config(${queryLanguage})::oid::integer AS oid`.execute(db);
      config = Number(row.rows[0]?.oid);
    }
    return config;
  }

  function tsQuery(query: EngineQuery, configOid: number): RawBuilder<unknown> {
    const text = websearchText(query.terms);
    const stemmed = sql`websearch_to_tsquery(${configOid}::integer::oid::regconfig, ${text})`;
    const exact = sql`websearch_to_tsquery('simple', ${text})`;
    // Stemmed in the site's language, or word for word: an article in another language
    // still matches on names and shared words. Both are constants the planner folds, so
    // it sees the query itself; one of two equal halves goes.
    return sql`(CASE WHEN ${stemmed} = ${exact} THEN ${exact} ELSE ${stemmed} || ${exact} END)`;
  }

  /**
   * The section filter's id, or null when there is no filter; undefined when no section
   * has that slug.
   */
  async function sectionId(query: EngineQuery): Promise<number | null | undefined> {
    const slug = query.filters.section;
    if (slug === undefined) return null;
    const now = Date.now();
    if (!sections || now - sections.readAt >= CACHE_TTL_MS || !sections.ids.has(slug)) {
      const rows = await sql<{ id: number; slug: string }>`SELECT id, slug FROM sections`.execute(
        db,
      );
      sections = { ids: new Map(rows.rows.map((r) => [r.slug, Number(r.id)])), readAt: now };
    }
    return sections.ids.get(slug);
  }

  /**
   * The planner's estimate of the matches: from the statistics of the text and of the
   * facets (`facets`: the filters' words, as a tsquery), so a common word is known to be
   * common without reading its matches. Visibility is left out: nearly every article
   * passes it, and each condition more is a plan more to weigh.
   */
  async function estimate(q: RawBuilder<unknown>, facets: string | null): Promise<number> {
    const plan = await sql<{ "QUERY PLAN": unknown }>`EXPLAIN (FORMAT JSON)
      SELECT 1 FROM articles a WHERE a.search @@ ${q}
      ${facets === null ? sql`` : sql`AND a.search_facets @@ ${facets}::tsquery`}`.execute(db);
    const json = plan.rows[0]?.["QUERY PLAN"];
    const root = (Array.isArray(json) ? json[0] : undefined) as { Plan?: PlanNode } | undefined;
    const rows = Number(root?.Plan?.["Plan Rows"]);
    return Number.isFinite(rows) ? rows : Number.POSITIVE_INFINITY;
  }

  async function archiveStart(now: number): Promise<number> {
    if (archive && now - archive.readAt < CACHE_TTL_MS) return archive.start;
    const row = await sql<{ oldest: Date | null }>`
      SELECT ${oldestVisible(new Date(now))} AS oldest`.execute(db);
    const oldest = row.rows[0]?.oldest;
    archive = { start: oldest ? new Date(oldest).getTime() : now, readAt: now };
    return archive.start;
  }

  return {
    async search(query, window, slice) {
      const section = await sectionId(query);
      if (section === undefined) return NO_MATCHES;
      const [start, end] = searchedTime(query, await archiveStart(Date.now()));
      if (query.filters.from !== undefined && query.filters.from.getTime() >= end)
        return NO_MATCHES;
      const take = window + 1;
      const required: string[] = [];
      if (section !== null) required.push(`s${section}`);
      if (query.filters.source !== undefined) required.push(`o${query.filters.source}`);
      const language = query.filters.language;
      const languageWord = language === undefined ? null : languageFacet(language);
      if (languageWord !== null) required.push(languageWord);
      const firstDay = dayNumber(Math.min(start, end));
      const from = query.filters.from;
      const oldestDay = from === undefined ? Math.min(0, firstDay) : dayNumber(from.getTime());
      const lastDay = dayNumber(end - 1);
      // All matches at once: the filters still narrow them inside the index.
      const dated = from !== undefined || query.filters.to !== undefined;
      const one = wholeSpan(required, dated ? [oldestDay, lastDay] : null);
      const q = tsQuery(query, await siteConfig());
      const expected = await estimate(q, one);
      const days = (end - Math.min(start, end)) / DAY_MS;
      // Days expected to hold the window, by the estimate's rate of matches a day.
      const spanDays =
        expected > 0 ? (FIRST_SPAN_WINDOWS * take * Math.max(days, 1)) / expected : days;
      const whole = expected <= WHOLE_WINDOWS * take || spanDays >= days / 2;
      const spans = whole
        ? one === null
          ? []
          : [one]
        : daySpans({ lastDay, firstDay, oldestDay, firstSpan: spanDays, required });
      const filters = visibleAndFiltered(query.filters, query.now, section, false);
      // The spans are a function scan, read in order; each lateral read is one span's
      // newest matches, and the LIMIT stops the loop once the window is full, so older
      // spans are never read. (The order of the nested loop's output is the order of
      // its outer rows: the one thing the LIMIT relies on.)
      const newest =
        spans.length === 0
          ? sql`SELECT a.id, a.published_at FROM articles a
            WHERE a.search @@ ${q} AND ${filters}
            ORDER BY a.published_at DESC, a.id DESC
            LIMIT ${take}`
          : sql`SELECT m.id, m.published_at
            FROM unnest(${spans}::text[]) AS span(facets)
            CROSS JOIN LATERAL (
              SELECT a.id, a.published_at FROM articles a
              WHERE a.search @@ ${q}
                AND a.search_facets @@ span.facets::tsquery
                AND ${filters}
              ORDER BY a.published_at DESC, a.id DESC
              LIMIT ${take}
            ) m
            LIMIT ${take}`;
      const order =
        query.sort === "relevance"
          ? sql`ORDER BY ts_rank_cd(a.search, qq.query) DESC, w.published_at DESC, w.id DESC`
          : sql`ORDER BY w.published_at DESC, w.id DESC`;
      // One statement: the window, its count, the slice, and the slice's rows highlighted.
      // The text search configuration is looked up once per language on the page:
      // dispatch_ts_config() is a SQL function the planner cannot inline, and called per
      // row it costs more than the rest of the row.
      const result = await sql<PageSqlRow>`
        WITH w AS MATERIALIZED (${newest}),
        qq AS MATERIALIZED (SELECT ${q} AS query),
        c AS (SELECT count(*) AS found, min(published_at) AS edge FROM w),
        p AS MATERIALIZED (
          SELECT id, language, row_number() OVER () AS ord FROM (
            SELECT w.id, a.language FROM w JOIN articles a ON a.id = w.id, qq
            ${order}
            LIMIT ${slice.limit} OFFSET ${slice.offset}
          ) ranked
        ),
        cfg AS (
          SELECT l.language, dispatch_ts_config(l.language) AS config
          FROM (SELECT DISTINCT language FROM p) l
        )
        SELECT c.found, c.edge, a.id, a.kind, a.headline, a.slug, a.language, a.published_at,
          a.external_url, a.source_id, s.slug AS section_slug, s.name AS section_name,
          src.title AS source_title, src.site_url AS source_site, src.url AS source_url,
          ts_headline(cfg.config, a.headline, qq.query, ${HEADLINE_OPTIONS}) AS headline_hit,
          CASE WHEN a.standfirst IS NOT NULL
            THEN ts_headline(cfg.config, a.standfirst, qq.query, ${PASSAGE_OPTIONS})
          END AS standfirst_hit,
          ts_headline(cfg.config,
            CASE
              WHEN hit.at IS NULL THEN left(t.body, ${PASSAGE_SOURCE_CHARS})
              ELSE substr(t.body, greatest(1, hit.at - ${PASSAGE_BEFORE_HIT}), ${PASSAGE_AROUND_HIT})
            END, qq.query, ${PASSAGE_OPTIONS}) AS body_hit,
          a.standfirst,
          left(t.body, 400) AS body_start,
          right(t.body, 100) AS body_end
        FROM c LEFT JOIN (
          p JOIN articles a ON a.id = p.id
          JOIN sections s ON s.id = a.section_id
          LEFT JOIN sources src ON src.id = a.source_id
          JOIN cfg ON cfg.language = a.language
          CROSS JOIN qq
          -- The body once out of its compressed storage, not once per use.
          CROSS JOIN LATERAL (SELECT a.body_text || '' AS body OFFSET 0) t
          CROSS JOIN LATERAL (
            SELECT min(nullif(strpos(lower(t.body), prefix), 0)) AS at
            FROM unnest(${hitPrefixes(query.terms)}::text[]) AS prefix
          ) hit
        ) ON true
        ORDER BY p.ord`.execute(db);
      const first = result.rows[0];
      const found = Number(first?.found ?? 0);
      const rows = result.rows.flatMap((r) => (r.id === null ? [] : [pageRow(r)]));
      if (found <= window || !first?.edge) {
        return { rows, found, cut: false, total: found, totalExact: true };
      }
      const edge = new Date(first.edge).getTime();
      const total = estimateTotal(found, edge, start, end);
      return { rows, found, cut: true, total, totalExact: false };
    },
  };
}

/** The start of each term's first word, lower-cased: where to look for a passage. */
export function hitPrefixes(terms: readonly string[]): string[] {
  return terms.map((t) =>
    [...(t.split(" ")[0] ?? "").toLowerCase()].slice(0, HIT_PREFIX_CHARS).join(""),
  );
}

function pageRow(r: PageSqlRow): PageRow {
  const passage =
    r.body_hit !== null && hasMark(r.body_hit)
      ? withEllipses(r.body_hit, r.body_start, r.body_end)
      : r.standfirst_hit !== null && r.standfirst !== null && hasMark(r.standfirst_hit)
        ? withEllipses(r.standfirst_hit, r.standfirst, r.standfirst)
        : null;
  return {
    row: r,
    marked: {
      headline: r.headline_hit,
      passage,
      lead: r.standfirst?.trim() ? r.standfirst : r.body_start,
    },
  };
}
