import type { Migration } from "../migration.ts";

const statements = [
  // The quality gate's publish policy (domain/publish-policy.ts); null: the default for the
  // source's mode (`when_clean` for `full`, `always` for `link`).
  "ALTER TABLE sources ADD COLUMN publish_policy TEXT",
  // The wire desk lists items from sources newest first, and held ones on their own.
  "CREATE INDEX articles_wire ON articles (created_at, id)",
  "CREATE INDEX articles_desk_status ON articles (desk_status)",
];

/** The wire desk: sources' publish policies, and the desk's listing order. */
export const migration012: Migration = {
  id: 12,
  name: "wire-desk",
  sqlite: statements,
  postgres: statements,
};
