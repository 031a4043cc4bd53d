import type { Migration } from "../migration.ts";

// What every public list asks (db/visibility.ts `whereListed`): newest first among the
// visible, non-duplicate articles. Partial, so a list reads its first rows in order and
// stops, instead of sorting every visible article (240 ms at 100,000 on SQLite).
const LISTED = "status IN ('published', 'scheduled') AND duplicate_of IS NULL";
const statements = [
  `CREATE INDEX articles_listed ON articles (published_at DESC, id DESC) WHERE ${LISTED}`,
  `CREATE INDEX articles_listed_section ON articles (section_id, published_at DESC, id DESC) WHERE ${LISTED}`,
];

/** The listing's own indexes: the home river, section blocks and pages, feeds. */
export const migration018: Migration = {
  id: 18,
  name: "listed-index",
  sqlite: statements,
  postgres: statements,
};
