import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe } from "node:test";
import pg from "pg";
import { type Database, type DialectName, openDatabase } from "../../src/db/connection.ts";
import { migrate } from "../../src/db/migrate.ts";
import { findPostgresBin, startPostgres, type TestPostgres } from "./postgres.ts";

/**
 * Runs a suite once on SQLite and once on PostgreSQL, each time on a fresh, migrated
 * database. PostgreSQL comes from TEST_PG_URL (the test runner starts one cluster for all
 * files) or, when a file runs alone, a cluster of its own. Without PostgreSQL binaries
 * the PostgreSQL half is skipped with a message, except under CI=true, where it fails.
 */
export function forEachDatabase(
  name: string,
  body: (ctx: { database: () => Database; dialect: DialectName }) => void,
): void {
  for (const dialect of ["sqlite", "postgres"] as const) {
    const unavailable = dialect === "postgres" ? postgresUnavailable() : null;
    if (unavailable && process.env.CI !== "true") {
      describe(`${name} [${dialect}]`, { skip: unavailable }, () => {});
      continue;
    }
    describe(`${name} [${dialect}]`, () => {
      let handle: TestDatabase | undefined;
      before(async () => {
        if (unavailable) throw new Error(`CI=true but ${unavailable}`);
        handle = dialect === "sqlite" ? await freshSqlite() : await freshPostgres();
      });
      body({
        dialect,
        database: () => {
          if (!handle) throw new Error("database not ready");
          return handle.database;
        },
      });
      // After the suite's own `after` hooks (hooks run in the order they are added): a
      // server those hooks stop still reads while it closes (the live bus's last read), and
      // a query on a PostgreSQL pool already ended never settles.
      after(async () => {
        await handle?.dispose();
      });
    });
  }
}

export interface TestDatabase {
  database: Database;
  url: string;
  dispose(): Promise<void>;
}

function postgresUnavailable(): string | null {
  if (process.env.TEST_PG_URL) return null;
  return findPostgresBin() ? null : "PostgreSQL binaries (initdb, pg_ctl) are not installed";
}

export async function freshSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "dispatch-sqlite-"));
  const url = `sqlite:${path.join(dir, "test.db")}`;
  const database = openDatabase(url);
  await migrate(database);
  return {
    database,
    url,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let ownCluster: Promise<TestPostgres> | undefined;

async function adminUrl(): Promise<string> {
  if (process.env.TEST_PG_URL) return process.env.TEST_PG_URL;
  if (!ownCluster) {
    ownCluster = startPostgres();
    const cluster = await ownCluster;
    process.once("exit", () => cluster.stop());
  }
  return (await ownCluster).url;
}

export async function freshPostgres(): Promise<TestDatabase> {
  const admin = await adminUrl();
  const name = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = openDatabase(url.href);
  await migrate(database);
  return {
    database,
    url: url.href,
    async dispose() {
      await database.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
