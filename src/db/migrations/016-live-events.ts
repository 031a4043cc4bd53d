import type { Migration } from "../migration.ts";

const tables = (id: string, time: string, epoch: string) => [
  // The live log (ADR 011): one row per change a reader can see and per channel it shows
  // on, appended in the change's transaction. `dedupe_key` makes an append that several
  // nodes may attempt (an embargo lifting at its time) land once.
  `CREATE TABLE events (
    id ${id},
    channel TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at ${time} NOT NULL,
    dedupe_key TEXT
  )`,
  "CREATE UNIQUE INDEX events_dedupe ON events (dedupe_key) WHERE dedupe_key IS NOT NULL",
  "CREATE INDEX events_channel ON events (channel, id)",
  "CREATE INDEX events_created ON events (created_at)",
  // One row: the log's epoch (new when the log is reset) and the last id pruned, below
  // which a client's position can no longer be served (it is told to resync).
  `CREATE TABLE live_log (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch TEXT NOT NULL,
    pruned_through INTEGER NOT NULL DEFAULT 0
  )`,
  `INSERT INTO live_log (id, epoch) VALUES (1, ${epoch})`,
];

/** The live events log and its epoch. */
export const migration016: Migration = {
  id: 16,
  name: "live-events",
  sqlite: tables("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT", "lower(hex(randomblob(8)))"),
  postgres: tables(
    "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    "TIMESTAMPTZ",
    "substr(md5(random()::text || clock_timestamp()::text), 1, 16)",
  ),
};
