import type { ColumnType, Generated } from "kysely";

/**
 * Table shapes as Kysely sees them. Times are `timestamptz` on PostgreSQL (read back as
 * Date) and ISO 8601 text on SQLite; repositories turn both into ISO strings.
 */
type Time = ColumnType<Date | string, string, string>;
type NullableTime = ColumnType<Date | string | null, string | null, string | null>;

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  guid: string | null;
  kind: string;
  status: string;
  headline: string;
  standfirst: string | null;
  body: string;
  body_text: string;
  byline: string | null;
  language: string;
  section_id: number;
  slug: string;
  canonical_url: string | null;
  external_url: string | null;
  published_at: NullableTime;
  updated_at: Time;
  created_at: Time;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  number: number;
  headline: string;
  standfirst: string | null;
  body: string;
  created_at: Time;
}

export interface MigrationsTable {
  id: number;
  name: string;
  applied_at: string;
}

export interface Schema {
  sections: SectionsTable;
  articles: ArticlesTable;
  article_revisions: ArticleRevisionsTable;
  dispatch_migrations: MigrationsTable;
}
