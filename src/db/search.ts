import { sql } from "kysely";
import type { ArticleKind } from "../domain/article.ts";
import { AppError } from "../domain/errors.ts";
import type { Database } from "./connection.ts";

export interface SearchQuery {
  q: string;
  limit: number;
  offset: number;
  kind?: ArticleKind | undefined;
  now: Date;
}

/** Full-text search over reader-visible articles: ids, best match first. */
export interface SearchIndex {
  search(query: SearchQuery): Promise<number[]>;
}

const MAX_TERMS = 16;

/**
 * The reader's words and "quoted phrases", each as a plain term: search syntax is ours to
 * choose, and none of the engines' operators can be injected through it.
 */
export function searchTerms(q: string): string[] {
  const terms: string[] = [];
  for (const match of q.matchAll(/"([^"]*)"|([^\s"]+)/g)) {
    const words = (match[1] ?? match[2] ?? "").match(/[\p{L}\p{N}]+/gu);
    if (words && words.length > 0) terms.push(words.join(" "));
  }
  if (terms.length === 0) {
    throw new AppError("bad_query", "q has no words to search for: use letters or digits", {
      status: 400,
    });
  }
  return terms.slice(0, MAX_TERMS);
}

export function createSearchIndex(database: Database, queryLanguage: string): SearchIndex {
  return database.dialect === "sqlite"
    ? sqliteSearch(database)
    : postgresSearch(database, queryLanguage);
}

function sqliteSearch({ db }: Database): SearchIndex {
  return {
    async search({ q, limit, offset, kind, now }) {
      // Every term quoted: FTS5 treats it as a phrase, never as an operator.
      const match = searchTerms(q)
        .map((t) => `"${t.replaceAll('"', '""')}"`)
        .join(" ");
      const result = await sql<{ id: number }>`
        SELECT a.id FROM articles_fts
        JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH ${match}
          AND a.status IN ('published', 'scheduled')
          AND a.duplicate_of IS NULL
          AND a.published_at <= ${now.toISOString()}
          ${kind ? sql`AND a.kind = ${kind}` : sql``}
        ORDER BY bm25(articles_fts, 10.0, 4.0, 1.0), a.published_at DESC, a.id DESC
        LIMIT ${limit} OFFSET ${offset}`.execute(db);
      return result.rows.map((r) => Number(r.id));
    },
  };
}

function postgresSearch({ db }: Database, queryLanguage: string): SearchIndex {
  return {
    async search({ q, limit, offset, kind, now }) {
      const text = searchTerms(q)
        .map((t) => (t.includes(" ") ? `"${t}"` : t))
        .join(" ");
      // Stemmed in the site's language, or word for word: an article in another language
      // still matches on names and shared words.
      const result = await sql<{ id: number }>`
        SELECT a.id FROM articles a,
          (SELECT websearch_to_tsquery(dispatch_ts_config(${queryLanguage}), ${text})
                  || websearch_to_tsquery('simple', ${text}) AS query) q
        WHERE a.search @@ q.query
          AND a.status IN ('published', 'scheduled')
          AND a.duplicate_of IS NULL
          AND a.published_at <= ${now.toISOString()}
          ${kind ? sql`AND a.kind = ${kind}` : sql``}
        ORDER BY ts_rank_cd(a.search, q.query) DESC, a.published_at DESC, a.id DESC
        LIMIT ${limit} OFFSET ${offset}`.execute(db);
      return result.rows.map((r) => Number(r.id));
    },
  };
}
