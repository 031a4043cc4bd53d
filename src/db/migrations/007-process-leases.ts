import type { Migration } from "../migration.ts";

const tables = (time: string) => [
  `CREATE TABLE process_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    role TEXT NOT NULL,
    acquired_at ${time} NOT NULL,
    expires_at ${time} NOT NULL
  )`,
];

/**
 * Named leases a process holds while it does work only one process may do at a time (the
 * enricher, whose story index lives in its memory). A holder renews its lease; one that
 * died without releasing it loses it when it expires.
 */
export const migration007: Migration = {
  id: 7,
  name: "process-leases",
  sqlite: tables("TEXT"),
  postgres: tables("TIMESTAMPTZ"),
};
