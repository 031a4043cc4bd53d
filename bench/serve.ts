// serve: Dispatch's home, article, story, topic and search pages against raw node:http
// sending the same bytes, in one run, plus cold start. See bench/README.md.
import { fileURLToPath } from "node:url";
import { planCores } from "./support/affinity.ts";
import type { BenchResult, BenchRow, Json } from "./support/bench-result.ts";
import {
  currentPath,
  otherSearchTerms,
  seedClusteredSite,
  waitForSettledPages,
} from "./support/clustered-site.ts";
import {
  type DispatchServer,
  ensureBundle,
  ROOT,
  runCli,
  startDispatch,
} from "./support/dispatch-process.ts";
import { type LoadOptions, type LoadSample, measure } from "./support/load.ts";
import { freePort, get, waitFor200 } from "./support/loopback.ts";
import { assertSameResponse, capturePages } from "./support/page-capture.ts";
import { type Child, makeTempDir, pinned, removeTempDir, spawnChild } from "./support/resources.ts";
import { writeGeneratedArticles } from "./support/seed-articles.ts";

const SEED = "/work/shared/fixtures/seed/article.ninjs.json";
const RAW_SERVER = fileURLToPath(new URL("support/raw-server.ts", import.meta.url));
const GENERATED_ARTICLES = 30;
const ROUNDS = 2;
const COLD_STARTS = 5;
const SEARCH_MISSES = 20;

const TARGET_RATIO = 0.7;
const TARGET_P99_MS = 10;
const TARGET_COLD_START_MS = 2_000;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const reqs = (n: number) => `${Math.round(n).toLocaleString("en")} req/s`;
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

async function articleUrl(port: number): Promise<string> {
  const res = await get(port, "/api/v1/articles?q=Lukashenko");
  const body: unknown = JSON.parse(res.body.toString("utf8"));
  const items = (body as { items?: { url?: unknown }[] }).items;
  const url = items?.[0]?.url;
  if (res.status !== 200 || typeof url !== "string") {
    throw new Error(`the seed article is not on /api/v1/articles?q=Lukashenko (${res.status})`);
  }
  return url;
}

/**
 * Distinct searches one after another, each a miss in the search page cache: what a
 * search nobody asked for in the last minute costs (query plus render), with no load.
 */
async function searchMisses(port: number, terms: string[]): Promise<number[]> {
  const samples: number[] = [];
  for (const term of terms) {
    const startedAt = performance.now();
    const res = await get(port, `/search?q=${encodeURIComponent(term)}`);
    samples.push(performance.now() - startedAt);
    if (res.status !== 200) throw new Error(`/search?q=${term} answered ${res.status}`);
  }
  return samples;
}

async function startRawServer(core: number | null, manifest: string): Promise<[Child, number]> {
  const port = await freePort();
  const [command, args] = pinned(core, process.execPath, [
    "--import",
    "tsx",
    RAW_SERVER,
    String(port),
    manifest,
  ]);
  const child = spawnChild(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  await waitFor200(child, port, "/", performance.now());
  return [child, port];
}

interface PageFigures {
  label: string;
  path: string;
  bytes: number;
  raw: LoadSample[];
  dispatch: LoadSample[];
}

function pageRows(page: PageFigures): BenchRow[] {
  const rawRps = mean(page.raw.map((s) => s.requestsPerSecond));
  const dRps = mean(page.dispatch.map((s) => s.requestsPerSecond));
  const ratio = dRps / rawRps;
  // Worst run, not the mean: the target is a ceiling on tail latency.
  const dP99 = Math.max(...page.dispatch.map((s) => s.latencyP99Ms));
  const rawP99 = Math.max(...page.raw.map((s) => s.latencyP99Ms));
  // Requests per CPU-second of the server: what the ratio would be if the server alone set
  // the pace. On a small machine the load generator saturates first, mostly in raw runs.
  const perCore = (samples: LoadSample[]) =>
    mean(samples.map((s) => s.requestsPerSecond / Math.max(s.serverCpu, 0.01)));
  const dPerCore = perCore(page.dispatch);
  const rawPerCore = perCore(page.raw);
  return [
    {
      case: `${page.label}: throughput`,
      dispatch: reqs(dRps),
      reference: reqs(rawRps),
      ratio,
      target: `≥ ${TARGET_RATIO.toFixed(2)}× raw`,
      pass: ratio >= TARGET_RATIO,
    },
    {
      case: `${page.label}: requests per server CPU-second`,
      dispatch: Math.round(dPerCore).toLocaleString("en"),
      reference: Math.round(rawPerCore).toLocaleString("en"),
      ratio: dPerCore / rawPerCore,
      target: null,
      pass: null,
    },
    {
      case: `${page.label}: p50 latency`,
      dispatch: ms(mean(page.dispatch.map((s) => s.latencyP50Ms))),
      reference: ms(mean(page.raw.map((s) => s.latencyP50Ms))),
      ratio: null,
      target: null,
      pass: null,
    },
    {
      case: `${page.label}: p99 latency`,
      dispatch: ms(dP99),
      reference: ms(rawP99),
      ratio: null,
      target: `≤ ${TARGET_P99_MS} ms`,
      pass: dP99 <= TARGET_P99_MS,
    },
  ];
}

async function coldStarts(dataDir: string, core: number | null): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    ensureBundle(dataDir);
    const server: DispatchServer = await startDispatch({ dataDir, core, readyPath: "/" });
    samples.push(server.readyMs);
    await server.child.stop();
  }
  return samples;
}

async function firstStart(core: number | null): Promise<number> {
  const empty = makeTempDir("empty");
  try {
    ensureBundle(empty);
    const server = await startDispatch({ dataDir: empty, core, readyPath: "/" });
    await server.child.stop();
    return server.readyMs;
  } finally {
    removeTempDir(empty);
  }
}

export async function run(): Promise<BenchResult> {
  const load: LoadOptions = {
    durationS: envNumber("BENCH_DURATION", 10),
    connections: envNumber("BENCH_CONNECTIONS", 100),
    warmupS: envNumber("BENCH_WARMUP", 2),
  };
  const cores = planCores();
  const dataDir = makeTempDir("data");
  const work = makeTempDir("work");

  // One import call: one process start and one migration check for all of them.
  runCli(dataDir, ["import", SEED, ...writeGeneratedArticles(work, GENERATED_ARTICLES)]);
  console.log("  seeding stories and topics with serve --demo (the enricher clusters the wire)");
  const clustered = await seedClusteredSite(dataDir);

  // INGEST off: the demo wire is gone, and a server writing new articles mid-run would
  // measure renders, not serving.
  const dispatch = await startDispatch({
    dataDir,
    core: cores.server,
    readyPath: "/healthz",
    env: { INGEST: "off" },
  });
  const pages = [
    { label: "home page", path: "/" },
    { label: "article page", path: await articleUrl(dispatch.port) },
    { label: "story page", path: clustered.story },
    { label: "topic page", path: clustered.topic },
    { label: "search page (same query)", path: clustered.search },
  ];
  await waitForSettledPages(
    dispatch.port,
    pages.map((p) => p.path),
  );
  for (const page of pages) page.path = await currentPath(dispatch.port, page.path);
  const captured = await capturePages(
    dispatch.port,
    pages.map((p) => p.path),
    work,
  );
  const [raw, rawPort] = await startRawServer(cores.server, captured.manifest);
  for (const page of pages) await assertSameResponse(page.path, dispatch.port, rawPort);

  const figures: PageFigures[] = [];
  for (const [i, page] of pages.entries()) {
    const f: PageFigures = { ...page, bytes: captured.pages[i]?.bytes ?? 0, raw: [], dispatch: [] };
    // Alternating raw and Dispatch, so a machine that drifts (thermal, neighbours) drifts both.
    for (let round = 0; round < ROUNDS; round++) {
      console.log(`  ${page.label} round ${round + 1}/${ROUNDS}: raw, then dispatch`);
      f.raw.push(await measure(rawPort, page.path, raw.pid, load));
      f.dispatch.push(await measure(dispatch.port, page.path, dispatch.child.pid, load));
    }
    figures.push(f);
  }
  console.log(`  ${SEARCH_MISSES} distinct searches (search page cache misses)`);
  const missTerms = otherSearchTerms(clustered.headlines, clustered.searchTerm, SEARCH_MISSES);
  const misses = await searchMisses(dispatch.port, missTerms);
  await Promise.all([raw.stop(), dispatch.child.stop()]);

  console.log("  cold starts");
  const cold = await coldStarts(dataDir, cores.server);
  const first = await firstStart(cores.server);
  const coldMedian = median(cold);

  const rows: BenchRow[] = [
    ...figures.flatMap(pageRows),
    {
      case: `search page, cache miss: p50 of ${misses.length} distinct queries, one at a time`,
      dispatch: ms(median(misses)),
      reference: null,
      ratio: null,
      target: null,
      pass: null,
    },
    {
      case: `search page, cache miss: slowest of ${misses.length}`,
      dispatch: ms(Math.max(...misses)),
      reference: null,
      ratio: null,
      target: null,
      pass: null,
    },
    {
      case: `cold start to first 200 from / (median of ${COLD_STARTS})`,
      dispatch: ms(coldMedian),
      reference: null,
      ratio: null,
      target: `≤ ${TARGET_COLD_START_MS / 1000} s`,
      pass: coldMedian <= TARGET_COLD_START_MS,
    },
    {
      case: "first start on an empty DATA_DIR (migrations)",
      dispatch: ms(first),
      reference: null,
      ratio: null,
      target: null,
      pass: null,
    },
  ];

  const avg = (samples: LoadSample[], key: "serverCpu" | "clientCpu") =>
    mean(samples.map((s) => s[key])).toFixed(2);
  const all = figures.flatMap((f) => [...f.raw, ...f.dispatch]);
  const busiest = Math.max(...all.map((s) => s.otherCpu));
  const notes = [
    `autocannon, ${load.connections} connections, ${load.durationS} s per run after a ${load.warmupS} s warm-up, ${ROUNDS} runs each alternating raw/Dispatch, no Accept-Encoding (identity bodies); ${cores.note}.`,
    `Throughput and p50 are the mean of the runs, p99 the worst run. Cold start: spawn of \`node bin/dispatch.js serve\` (bundle already built) to the first 200 from \`/\`, ${ms(Math.min(...cold))}–${ms(Math.max(...cold))}.`,
    ...figures.map(
      (f) =>
        `${f.label} \`${f.path}\`: ${f.bytes.toLocaleString("en")} bytes; CPU used (cores) Dispatch/raw: server ${avg(f.dispatch, "serverCpu")}/${avg(f.raw, "serverCpu")}, load generator ${avg(f.dispatch, "clientCpu")}/${avg(f.raw, "clientCpu")}.`,
    ),
    `Stories and topics: \`serve --demo\` ran on the same DATA_DIR until the enricher had clustered the wire into stories with topics (${(clustered.seededMs / 1000).toFixed(0)} s); the measured server then ran with INGEST=off, so nothing invalidated its page cache during a run.`,
    `The search page is measured with one query (\`${clustered.searchTerm}\`, a word from the top stories' headlines) asked over and over, as a popular search is: after the first request Dispatch answers it from its search page cache (per normalised query, emptied on every published change, 60 s on SQLite). The cache-miss rows time ${misses.length} other words from the headlines, each asked once, sequentially, with no other load: ${missTerms.join(", ")}.`,
    `Everything else on the machine used up to ${busiest.toFixed(2)} cores during a run${busiest > 0.15 ? ": a shared host was busy, so req/s and latency are noisy; requests per server CPU-second hold up better" : ""}.`,
  ];

  const data: Json = {
    load: { ...load },
    cores: { server: cores.server, client: cores.client },
    headers: Object.fromEntries(captured.pages.map((p) => [p.path, p.headers])),
    pages: figures.map((f) => ({
      label: f.label,
      path: f.path,
      bytes: f.bytes,
      raw: f.raw.map((s) => ({ ...s })),
      dispatch: f.dispatch.map((s) => ({ ...s })),
    })),
    searchMissMs: misses,
    searchMissTerms: missTerms,
    seededMs: clustered.seededMs,
    coldStartMs: cold,
    firstStartMs: first,
  };

  return {
    title: "pages served by Dispatch vs raw node:http sending the same bytes",
    method:
      "Home, article, story, topic and search pages from Dispatch (page caches warm) against a raw `node:http` server answering from memory with the same bytes and headers, both on one core; plus cold start and the cost of a search cache miss.",
    rows,
    notes,
    data,
  };
}
