// `npm test`: type-check, lint, then every test file (unit tests beside the code, integration
// and browser tests in test/) with one throwaway PostgreSQL cluster shared by all files.
// Node 20's test runner has no glob, so the files are listed here.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { findPostgresBin, startPostgres, type TestPostgres } from "../test/support/postgres.ts";

const root = path.resolve(import.meta.dirname, "..");
const ci = process.env.CI === "true";

function step(
  name: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`✖ ${name} failed after ${seconds}s\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✔ ${name} (${seconds}s)\n`);
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...testFiles(full));
    else if (/\.test\.tsx?$/.test(entry)) out.push(path.relative(root, full));
  }
  return out.sort();
}

const only = process.argv.slice(2);
const files =
  only.length > 0
    ? only
    : [...testFiles(path.join(root, "src")), ...testFiles(path.join(root, "test"))];

if (only.length === 0) {
  step("type-check (tsc)", process.execPath, [
    path.join(root, "node_modules/typescript/bin/tsc"),
    "--noEmit",
    "-p",
    root,
  ]);
  step("layering (dependency-cruiser)", process.execPath, [
    "--import",
    "tsx",
    path.join(root, "scripts/layering.ts"),
  ]);
  step("lint (biome)", process.execPath, [
    path.join(root, "node_modules/@biomejs/biome/bin/biome"),
    "check",
    ".",
  ]);
}

let pg: TestPostgres | undefined;
const env: NodeJS.ProcessEnv = { ...process.env };
if (findPostgresBin()) {
  pg = await startPostgres();
  env.TEST_PG_URL = pg.url;
  process.stdout.write(`PostgreSQL for tests at ${pg.url}\n`);
} else if (ci) {
  process.stdout.write("✖ CI=true but PostgreSQL (initdb, pg_ctl) is not installed\n");
  process.exit(1);
} else {
  process.stdout.write(
    "! PostgreSQL binaries not found: the PostgreSQL half of the database tests is skipped\n",
  );
}

try {
  step(
    `tests (${files.length} files)`,
    process.execPath,
    ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=2", ...files],
    env,
  );
} finally {
  pg?.stop();
}
