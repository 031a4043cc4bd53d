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

/** Written out literally, not as parameters: the planner sees the statuses it indexes. */
export function visibleWhen(
  columns: Pick<VisibilityColumns, "status" | "publishedAt">,
  now: Date,
): RawBuilder<SqlBool> {
  // Parenthesized: safe inside OR and NOT, wherever it is put.
  return sql<SqlBool>`(${columns.status} IN ('published', 'scheduled')
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
