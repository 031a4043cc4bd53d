import type { Migration } from "../migration.ts";

const statements = [
  // What went wrong in the last feed that was still read (domain/feed.ts FeedWarning[] as
  // JSON: truncated, items skipped and why); null when it was read without a problem. Kept
  // apart from last_error: a warning is not a failure and never counts toward disabling.
  "ALTER TABLE sources ADD COLUMN last_warnings TEXT",
];

/** Source health: the warnings of the last successful fetch, apart from its failures. */
export const migration014: Migration = {
  id: 14,
  name: "source-warnings",
  sqlite: statements,
  postgres: statements,
};
