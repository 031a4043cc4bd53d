/**
 * A numbered schema change. Migrations are append-only and immutable once merged; each
 * runs in its own transaction. SQL is written per dialect because the two engines differ
 * exactly where it matters (identity columns, full-text search).
 */
export interface Migration {
  id: number;
  name: string;
  sqlite: readonly string[];
  postgres: readonly string[];
}
