import type { Migration } from "../migration.ts";

// Migration number 015 is left unused (reserved, never needed); numbers are append-only, so
// the gap stays and nothing is renumbered.
const tables = (time: string) => [
  // A story absorbed into another (two grew into one, ADR 019): its address answers 301 to
  // the survivor's. Chains are kept one hop long: when a survivor is absorbed in its turn,
  // every row pointing at it is pointed on. `from_id` names a story row that is gone (ids
  // are never reused: AUTOINCREMENT, identity), so it has no reference; `to_id` does, and a
  // survivor deleted later (every report gone) takes its redirects with it.
  `CREATE TABLE story_redirects (
    from_id INTEGER PRIMARY KEY,
    to_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    merged_at ${time} NOT NULL
  )`,
  "CREATE INDEX story_redirects_to ON story_redirects (to_id)",
];

/** Merged stories' old ids and the story each now lives on as (issue 14, point 2). */
export const migration019: Migration = {
  id: 19,
  name: "story-redirects",
  sqlite: tables("TEXT"),
  postgres: tables("TIMESTAMPTZ"),
};
