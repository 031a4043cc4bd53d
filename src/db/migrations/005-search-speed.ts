import type { Migration } from "../migration.ts";

/**
 * Search at the size of a real archive (bench/search.ts: 200,000 articles).
 *
 * SQLite: checking a match's visibility and filters read its article row, and the
 * columns tested sit after the body, often on overflow pages; a narrow index holding
 * just those columns answers the check instead.
 *
 * PostgreSQL: `search_facets`, words for an article's publication day and the blocks of
 * days around it, its section, source and language (see src/db/search-facets.ts), kept
 * by the database itself as a generated column. One GIN index over the text and the
 * facets lets a search read the newest matches of a common word a few days at a time
 * instead of all of them; it also serves text-only searches, so it replaces the old one.
 * Adding the column rewrites the table once.
 */
export const migration005: Migration = {
  id: 5,
  name: "search-speed",
  sqlite: [
    `CREATE INDEX articles_search_filter
      ON articles (id, status, published_at, duplicate_of, section_id, source_id, language)`,
  ],
  postgres: [
    // Day numbers count from 1970-01-01 UTC; `>>` floors, as search-facets.ts does.
    `CREATE FUNCTION dispatch_search_facets(at TIMESTAMPTZ, section INTEGER, source INTEGER, lang TEXT)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT array_to_tsvector(array_remove(ARRAY[
        'a', 's' || section::text, 'o' || source::text, 'l' || lang,
        'd' || day::text, 'w' || (day >> 3)::text, 'q' || (day >> 6)::text,
        'y' || (day >> 9)::text, 'e' || (day >> 12)::text
      ], NULL))
      FROM (SELECT floor(extract(epoch FROM at AT TIME ZONE 'UTC') / 86400)::integer AS day) d
    $$`,
    `ALTER TABLE articles ADD COLUMN search_facets TSVECTOR
      GENERATED ALWAYS AS (dispatch_search_facets(published_at, section_id, source_id, language)) STORED`,
    "CREATE INDEX articles_search_facets ON articles USING GIN (search, search_facets)",
    "DROP INDEX articles_search",
  ],
};
