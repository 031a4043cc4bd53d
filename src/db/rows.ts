import type { Article, ArticleKind, ArticleStatus } from "../domain/article.ts";
import type { ForeignFragment } from "../domain/enrichment.ts";

/** Both engines' time values (Date from pg, text from SQLite) as ISO 8601 UTC. */
export function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function toIsoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

export interface ArticleRow {
  id: number;
  guid: string | null;
  kind: string;
  status: string;
  headline: string;
  standfirst: string | null;
  body: string;
  byline: string | null;
  language: string;
  slug: string;
  canonical_url: string | null;
  external_url: string | null;
  published_at: Date | string | null;
  updated_at: Date | string;
  created_at: Date | string;
  section_slug: string;
  section_name: string;
  source_id: number | null;
  image_url: string | null;
  categories: string;
  fragments: string;
  story_id?: number | null;
}

function parseJsonArray(json: string): unknown[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function isFragment(value: unknown): value is ForeignFragment {
  if (typeof value !== "object" || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.start === "number" &&
    typeof f.end === "number" &&
    typeof f.language === "string" &&
    typeof f.text === "string"
  );
}

export function articleFromRow(row: ArticleRow): Article {
  return {
    id: Number(row.id),
    guid: row.guid,
    // The CHECK constraints in the schema guarantee these values.
    kind: row.kind as ArticleKind,
    status: row.status as ArticleStatus,
    headline: row.headline,
    standfirst: row.standfirst,
    body: row.body,
    byline: row.byline,
    language: row.language,
    sectionSlug: row.section_slug,
    sectionName: row.section_name,
    slug: row.slug,
    canonicalUrl: row.canonical_url,
    externalUrl: row.external_url,
    publishedAt: toIsoOrNull(row.published_at),
    updatedAt: toIso(row.updated_at),
    createdAt: toIso(row.created_at),
    sourceId: row.source_id === null ? null : Number(row.source_id),
    imageUrl: row.image_url,
    categories: parseJsonArray(row.categories).filter((v): v is string => typeof v === "string"),
    fragments: parseJsonArray(row.fragments).filter(isFragment),
    ...(row.story_id === undefined
      ? {}
      : { storyId: row.story_id === null ? null : Number(row.story_id) }),
  };
}
