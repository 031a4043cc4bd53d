import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import type { Pool } from "pg";
import { AppError } from "../domain/errors.ts";
import type { Schema } from "./schema.ts";

export type DialectName = "sqlite" | "postgres";

export interface Database {
  readonly db: Kysely<Schema>;
  readonly dialect: DialectName;
  /**
   * A value that changes whenever another connection or process commits, so caches of
   * rendered pages can tell that what they show may be stale. SQLite answers from its
   * shared memory (`PRAGMA data_version`); PostgreSQL has no cheap equivalent, so it
   * returns null and caches rely on in-process invalidation plus a short lifetime.
   * On SQLite the answer may be up to CHANGE_CHECK_INTERVAL_MS old: a page cache asks
   * on every request, and the pragma costs more than the rest of a cached hit.
   */
  externalChangeToken(): number | null;
  /**
   * PostgreSQL: LISTEN on a connection of its own; `onNotify` for each notification,
   * `onLost` once if the connection drops (the caller listens again and catches up).
   * Resolves to the function that stops listening. Null on SQLite, which has no NOTIFY.
   */
  listen:
    | ((
        channel: string,
        onNotify: () => void,
        onLost: (error: unknown) => void,
      ) => Promise<() => Promise<void>>)
    | null;
  close(): Promise<void>;
}

export const CHANGE_CHECK_INTERVAL_MS = 50;

export function openDatabase(url: string): Database {
  if (url.startsWith("sqlite:")) return openSqlite(url.slice("sqlite:".length));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new AppError("database_url", `unsupported DATABASE_URL scheme: ${url.split(":")[0]}`);
}

function openSqlite(file: string): Database {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let native: SQLite.Database;
  try {
    native = new SQLite(file);
  } catch (error) {
    throw new AppError("database_open", `cannot open SQLite database ${file}: ${String(error)}`, {
      cause: error,
    });
  }
  // WAL + synchronous=FULL: a commit that returned is on disk, so it survives kill -9 and
  // power loss; NORMAL would only survive a process crash.
  native.pragma("journal_mode = WAL");
  native.pragma("synchronous = FULL");
  native.pragma("foreign_keys = ON");
  native.pragma("busy_timeout = 5000");
  const versionStmt = native.prepare("PRAGMA data_version").pluck();
  let version = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: native }) });
  return {
    db,
    dialect: "sqlite",
    externalChangeToken: () => {
      const now = performance.now();
      if (now - checkedAt >= CHANGE_CHECK_INTERVAL_MS) {
        version = versionStmt.get() as number;
        checkedAt = now;
      }
      return version;
    },
    listen: null,
    close: () => db.destroy(),
  };
}

function openPostgres(url: string): Database {
  // pg is loaded on first use: an embedded (SQLite) start never pays for it.
  const pool = async (): Promise<Pool> => {
    const { default: pg } = await import("pg");
    const created = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client's network error must not crash the process; the next query reports it.
    created.on("error", () => {});
    return created;
  };
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    externalChangeToken: () => null,
    async listen(channel, onNotify, onLost) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: url });
      let stopped = false;
      const lost = (error: unknown) => {
        if (stopped) return;
        stopped = true;
        client.end().catch(() => {});
        onLost(error);
      };
      client.on("error", lost);
      client.on("end", () => lost(new Error("connection ended")));
      client.on("notification", (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      return async () => {
        stopped = true;
        await client.end().catch(() => {});
      };
    },
    close: () => db.destroy(),
  };
}
