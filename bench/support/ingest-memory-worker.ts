// Child process of bench/ingest.ts: how much resident memory one large feed costs, from a
// settled baseline to the kernel's high-water mark (VmHWM, reset just before the work).
// `node --expose-gc --import tsx ingest-memory-worker.ts '<MemoryPlan as JSON>'`
import { readFileSync, writeFileSync } from "node:fs";
import { parseFeed } from "../../src/ingest/feeds/parse-feed.ts";
import { ingestSource } from "../../src/ingest/ingest-source.ts";
import { createWebReader } from "../../src/ingest/web-reader.ts";
import { FIXTURE_FEEDS, feedText } from "./ingest-fixtures.ts";
import { inMemory, openPipeline } from "./ingest-pipeline.ts";
import { rss } from "./proc-clock.ts";

export type MemoryMode = "parse" | "ingest" | "fetch+ingest";

export interface MemoryPlan {
  mode: MemoryMode;
  dataDir: string;
  resultFile: string;
  /** The large feed on disk (parse, ingest) … */
  feedFile: string;
  /** … and on the fixture server (fetch+ingest), where `/warmup.xml` is served too. */
  base: string;
  maxBytes: number;
}

export interface MemoryResult {
  mode: MemoryMode;
  items: number;
  created: number;
  wallMs: number;
  baselineRss: number;
  peakRss: number;
  /** Peak minus baseline: what the feed cost on top of an idle, warmed-up process. */
  growth: number;
  heapUsedBefore: number;
  heapUsedAfter: number;
}

const RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8";

function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --expose-gc: the baseline must be settled");
  gc();
  gc();
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error("usage: ingest-memory-worker.ts '<plan json>'");
  const plan = JSON.parse(arg) as MemoryPlan;
  const pipeline = await openPipeline(plan.dataDir, plan.maxBytes);
  const section = { slug: "world", name: "World" };
  const url = `${plan.base}/large.xml`;
  const source = await pipeline.sources.add({ url, mode: "full", section });
  const warm = await pipeline.sources.add({
    url: `${plan.base}/warmup.xml`,
    mode: "full",
    section,
  });
  const reader = createWebReader({
    FETCH_ALLOW_HOSTS: new URL(plan.base).host,
    FETCH_TIMEOUT_SECONDS: 60,
    FETCH_MAX_BYTES: plan.maxBytes,
    SITE_URL: "http://127.0.0.1",
  });

  // Every code path the measurement takes runs once first, on a small feed: compiling it
  // is start-up cost, not the large feed's.
  const small = FIXTURE_FEEDS[0];
  if (small === undefined) throw new Error("no fixture feed");
  parseFeed(feedText(small, 0), { url, maxBytes: plan.maxBytes });
  const warmDeps = pipeline.deps(
    plan.mode === "fetch+ingest"
      ? (u, c) => reader.fetchFeed(u, c)
      : async (u) => inMemory(u, feedText(small, 1), RSS_CONTENT_TYPE),
  );
  await ingestSource(warm, warmDeps);

  // parse and ingest start with the body in memory (as a fetch leaves it); fetch+ingest
  // starts without it, so its growth includes the body itself.
  const text = plan.mode === "fetch+ingest" ? "" : readFileSync(plan.feedFile, "utf8");
  settle();
  writeFileSync("/proc/self/clear_refs", "5");
  const baseline = rss().now;
  const heapUsedBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  let items = 0;
  let created = 0;
  if (plan.mode === "parse") {
    items = parseFeed(text, { url, maxBytes: plan.maxBytes }).items.length;
  } else {
    const fresh = (await pipeline.sources.get(source.id)) ?? source;
    const deps = pipeline.deps(
      plan.mode === "fetch+ingest"
        ? (u, c) => reader.fetchFeed(u, c)
        : async (u) => inMemory(u, text, RSS_CONTENT_TYPE),
    );
    const report = await ingestSource(fresh, deps);
    if (report.status !== "ok") throw new Error(`large feed: ${JSON.stringify(report.error)}`);
    items = report.items;
    created = report.created;
  }
  const wallMs = performance.now() - start;
  const { peak } = rss();
  const heapUsedAfter = process.memoryUsage().heapUsed;
  await reader.close();
  await pipeline.database.close();
  const result: MemoryResult = {
    mode: plan.mode,
    items,
    created,
    wallMs,
    baselineRss: baseline,
    peakRss: peak,
    growth: peak - baseline,
    heapUsedBefore,
    heapUsedAfter,
  };
  writeFileSync(plan.resultFile, JSON.stringify(result));
}

await main();
