import type { Migration } from "../migration.ts";

/**
 * `item_hash`: a hash of the feed item an article was last made from, together with what
 * the mapping read (source mode, section, language). A fetch asks which of its items are
 * already stored with the same hash and skips sanitizing and full-text extraction for
 * them. The lookup goes by `guid`, which is already unique (indexed); null for newsroom
 * articles, imports and items stored before this migration.
 */
export const migration006: Migration = {
  id: 6,
  name: "item-hash",
  sqlite: ["ALTER TABLE articles ADD COLUMN item_hash TEXT"],
  postgres: ["ALTER TABLE articles ADD COLUMN item_hash TEXT"],
};
