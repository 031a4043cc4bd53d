// `npm run bench [-- name…]`: runs the benchmarks, writes bench/results/<name>.json and
// regenerates the table in bench/README.md from every stored result.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type BenchResult,
  isStoredResult,
  machine,
  type StoredResult,
} from "./support/bench-result.ts";
import { renderTable, replaceBetweenMarkers } from "./support/readme-table.ts";
import { releaseAll, releaseAllSync } from "./support/resources.ts";

// Loaded on demand, so running one benchmark never pays for importing the others.
const BENCHMARKS: Record<string, () => Promise<BenchResult>> = {
  serve: async () => (await import("./serve.ts")).run(),
  ingest: async () => (await import("./ingest.ts")).run(),
  cluster: async () => (await import("./cluster.ts")).run(),
  enrich: async () => (await import("./enrich.ts")).run(),
  search: async () => (await import("./search.ts")).run(),
  lighthouse: async () => (await import("./lighthouse.ts")).run(),
  newsroom: async () => (await import("./newsroom.ts")).run(),
  fanout: async () => (await import("./fanout.ts")).run(),
  "live-latency": async () => (await import("./live-latency.ts")).run(),
};

const RESULTS_DIR = fileURLToPath(new URL("results/", import.meta.url));
const README = fileURLToPath(new URL("README.md", import.meta.url));

function storedResults(): StoredResult[] {
  const out: StoredResult[] = [];
  for (const file of readdirSync(RESULTS_DIR).sort()) {
    if (!file.endsWith(".json")) continue;
    const parsed: unknown = JSON.parse(readFileSync(`${RESULTS_DIR}${file}`, "utf8"));
    if (isStoredResult(parsed) && parsed.name in BENCHMARKS) out.push(parsed);
  }
  return out;
}

function updateReadme(): void {
  let readme = "";
  try {
    readme = readFileSync(README, "utf8");
  } catch {
    readme = "# Benchmarks\n";
  }
  writeFileSync(README, replaceBetweenMarkers(readme, renderTable(storedResults())));
}

function printRows(result: StoredResult): void {
  console.log(`\n${result.name}: ${result.title}`);
  for (const row of result.rows) {
    const ratio = row.ratio === null ? "" : `  ratio ${row.ratio.toFixed(2)}×`;
    const ref = row.reference === null ? "" : `  vs ${row.reference}`;
    const verdict = row.pass === null ? "" : row.pass ? "  PASS" : "  MISS";
    const target = row.target === null ? "" : `  (target ${row.target})`;
    console.log(`  ${row.case}: ${row.dispatch}${ref}${ratio}${target}${verdict}`);
  }
  for (const note of result.notes) console.log(`  note: ${note}`);
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(BENCHMARKS)}`);
    return 2;
  }
  const names = requested.length > 0 ? requested : Object.keys(BENCHMARKS);
  mkdirSync(RESULTS_DIR, { recursive: true });

  let failed = false;
  let missed = false;
  for (const name of names) {
    const bench = BENCHMARKS[name];
    if (bench === undefined) continue;
    console.log(`running ${name}…`);
    try {
      const result: StoredResult = { name, machine: machine(), ...(await bench()) };
      writeFileSync(`${RESULTS_DIR}${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
      printRows(result);
      missed ||= result.rows.some((row) => row.pass === false);
    } catch (error) {
      failed = true;
      console.error(`${name} failed:`, error instanceof Error ? error.message : error);
    } finally {
      await releaseAll();
    }
  }
  updateReadme();
  // A missed target is a finding, not a crash: 1 tells CI apart from 2 (could not measure).
  return failed ? 2 : missed ? 1 : 0;
}

process.once("exit", releaseAllSync);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void releaseAll().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}
process.exitCode = await main();
