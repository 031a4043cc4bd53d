import { sql } from "kysely";
import type { Database } from "./connection.ts";
import type { Migration } from "./migration.ts";
import { migration001 } from "./migrations/001-content.ts";
import { migration002 } from "./migrations/002-sources.ts";
import { migration003 } from "./migrations/003-enrichment.ts";
import { migration004 } from "./migrations/004-liveblog.ts";
import { migration005 } from "./migrations/005-search-speed.ts";
import { migration006 } from "./migrations/006-item-hash.ts";
import { migration007 } from "./migrations/007-process-leases.ts";
import { migration008 } from "./migrations/008-newsroom.ts";
import { migration009 } from "./migrations/009-writing.ts";
import { migration010 } from "./migrations/010-corrections.ts";
import { migration011 } from "./migrations/011-liveblogs-alerts.ts";
import { migration012 } from "./migrations/012-wire-desk.ts";
import { migration013 } from "./migrations/013-front-page.ts";
import { migration014 } from "./migrations/014-source-warnings.ts";
import { migration016 } from "./migrations/016-live-events.ts";
import { migration017 } from "./migrations/017-push-subscriptions.ts";
import { migration018 } from "./migrations/018-listed-index.ts";
import { migration019 } from "./migrations/019-story-redirects.ts";

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration016,
  migration017,
  migration018,
  migration019,
];

// Any constant works; it only has to be the same on every node.
const PG_LOCK_KEY = 7_245_031;

export interface MigrateResult {
  applied: { id: number; name: string }[];
  current: number;
}

/**
 * Applies every pending migration, each in its own transaction. On PostgreSQL several
 * nodes may start at once: a transaction-scoped advisory lock makes them take turns and
 * each re-reads what is applied under the lock.
 */
export async function migrate(
  database: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrateResult> {
  const { db, dialect } = database;
  await db.transaction().execute(async (trx) => {
    if (dialect === "postgres")
      await sql`SELECT pg_advisory_xact_lock(${PG_LOCK_KEY})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS dispatch_migrations (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(trx);
  });

  const applied: { id: number; name: string }[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    const done = await db.transaction().execute(async (trx) => {
      if (dialect === "postgres") {
        await sql`SELECT pg_advisory_xact_lock(${PG_LOCK_KEY})`.execute(trx);
      }
      const row = await trx
        .selectFrom("dispatch_migrations")
        .select("id")
        .where("id", "=", migration.id)
        .executeTakeFirst();
      if (row) return false;
      for (const statement of migration[dialect]) await sql.raw(statement).execute(trx);
      await trx
        .insertInto("dispatch_migrations")
        .values({ id: migration.id, name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      return true;
    });
    if (done) applied.push({ id: migration.id, name: migration.name });
  }
  const last = await db
    .selectFrom("dispatch_migrations")
    .select((eb) => eb.fn.max("id").as("max"))
    .executeTakeFirst();
  return { applied, current: Number(last?.max ?? 0) };
}
