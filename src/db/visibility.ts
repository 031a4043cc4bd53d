import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";

/**
 * "A reader may see it", in SQL: the database side of `isVisible` in
 * domain/article-path.ts, which the test in test/visibility.test.ts holds it to. Not a
 * draft (every other status is published or scheduled) and its time has come; an article
 * without a time never shows. "Listed" adds the lists' rule: a second copy of the same
 * text (another feed, a re-post) is not listed twice, though its own page still shows.
 *
 * Each works in a Kysely builder (`.where(whereVisible(now))`) and in hand-written SQL
 * (`sql\`… AND ${whereVisible(now, "a")}\``).
 */

/** The columns the rule reads, for SQL that must wrap them (to keep an index out). */
export interface VisibilityColumns {
  status: Expression<unknown>;
  publishedAt: Expression<unknown>;
  duplicateOf: Expression<unknown>;
}

export function articleColumns(table = "articles"): VisibilityColumns {
  return {
    status: sql.ref(`${table}.status`),
    publishedAt: sql.ref(`${table}.published_at`),
    duplicateOf: sql.ref(`${table}.duplicate_of`),
  };
}

/** Every status but `draft`: the ones a reader may see once their time has come. Migration 018's
 * partial indexes spell them out; test/visibility.test.ts holds the two together. */
const VISIBLE_STATUSES = ["published", "scheduled"] as const;

/** Written out literally, not as parameters: the planner sees the statuses it indexes. */
export function visibleWhen(
  columns: Pick<VisibilityColumns, "status" | "publishedAt">,
  now: Date,
): RawBuilder<SqlBool> {
  const statuses = sql.join(VISIBLE_STATUSES.map((s) => sql.lit(s)));
  // Parenthesized: safe inside OR and NOT, wherever it is put.
  return sql<SqlBool>`(${columns.status} IN (${statuses})
    AND ${columns.publishedAt} <= ${now.toISOString()})`;
}

export function listedWhen(columns: VisibilityColumns, now: Date): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${visibleWhen(columns, now)}
    AND ${columns.duplicateOf} IS NULL)`;
}

/** Reader-visible rows of `table` (a table name or alias of articles). */
export function whereVisible(now: Date, table = "articles"): RawBuilder<SqlBool> {
  return visibleWhen(articleColumns(table), now);
}

/** Reader-visible and not a duplicate: what every public list shows. */
export function whereListed(now: Date, table = "articles"): RawBuilder<SqlBool> {
  return listedWhen(articleColumns(table), now);
}

/**
 * The publication time of the oldest reader-visible article (null when there is none), as
 * a scalar subquery. Asked one status at a time, each is one seek in the listing index
 * (status, published_at): over the IN list PostgreSQL reads every entry (34 ms against
 * 0.6 ms at 200,000 articles).
 */
export function oldestVisible(now: Date): RawBuilder<Date | string | null> {
  const each = VISIBLE_STATUSES.map(
    (status) => sql`SELECT min(articles.published_at) AS at FROM articles
      WHERE articles.status = ${sql.lit(status)} AND ${whereVisible(now)}`,
  );
  return sql`(SELECT min(at) FROM (${sql.join(each, sql` UNION ALL `)}) oldest)`;
}
