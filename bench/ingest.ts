// ingest: items per second through parse → normalize → sanitize → persist on one core,
// against parseFeed alone over the same feeds in the same run, plus the peak memory one
// 15 MB feed costs. See bench/README.md.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { planCores } from "./support/affinity.ts";
import type { BenchResult, BenchRow, Json } from "./support/bench-result.ts";
import { ROOT } from "./support/dispatch-process.ts";
import { type FixtureRoute, startFixtureServer } from "./support/fixture-server.ts";
import {
  FEED_COUNT,
  FIXTURE_FEEDS,
  feedText,
  ITEMS_PER_FEED,
  largeFeed,
  roundPath,
} from "./support/ingest-fixtures.ts";
import type { MemoryMode, MemoryPlan, MemoryResult } from "./support/ingest-memory-worker.ts";
import type { Pass, PassKind, WorkerPlan, WorkerResult } from "./support/ingest-worker.ts";
import { makeTempDir, pinned, spawnChild } from "./support/resources.ts";

const WORKER = fileURLToPath(new URL("support/ingest-worker.ts", import.meta.url));
const MEMORY_WORKER = fileURLToPath(new URL("support/ingest-memory-worker.ts", import.meta.url));

const TARGET_ITEMS_PER_S = 3_000;
const TARGET_MEMORY_RATIO = 3;
const LARGE_FEED_BYTES = 15_000_000;
// FETCH_MAX_BYTES defaults to 10 MiB, which refuses the 15 MB feed: raised for this run.
const MAX_BYTES = 32 * 1024 * 1024;
const MEMORY_MODES: readonly MemoryMode[] = ["parse", "ingest", "fetch+ingest"];

function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const perSecond = (n: number) => `${Math.round(n).toLocaleString("en")} items/s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function runWorker<T>(script: string, core: number | null, plan: object): Promise<T> {
  const [command, args] = pinned(core, process.execPath, [
    "--expose-gc",
    "--import",
    "tsx",
    script,
    JSON.stringify(plan),
  ]);
  const child = spawnChild(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  const code = await child.exit;
  const output = child.output().trimEnd();
  if (code !== "0") throw new Error(`${path.basename(script)} exited with ${code}:\n${output}`);
  if (output !== "") console.log(output);
  const resultFile = (plan as { resultFile: string }).resultFile;
  return JSON.parse(readFileSync(resultFile, "utf8")) as T;
}

function rate(pass: Pass): number {
  return (pass.items / pass.wallMs) * 1000;
}

function ratesOf(passes: Pass[], kind: PassKind): number[] {
  return passes.filter((p) => p.kind === kind).map(rate);
}

function memoryRow(label: string, result: MemoryResult, bodyBytes: number): BenchRow {
  const ratio = result.growth / bodyBytes;
  return {
    case: label,
    dispatch: mb(result.growth),
    reference: `${mb(bodyBytes)} body`,
    ratio,
    target: `≤ ${TARGET_MEMORY_RATIO}× body (${mb(TARGET_MEMORY_RATIO * bodyBytes)})`,
    pass: ratio <= TARGET_MEMORY_RATIO,
  };
}

export async function run(): Promise<BenchResult> {
  const warmupRounds = 1;
  const rounds = envCount("INGEST_ROUNDS", 5);
  const loopbackRounds = envCount("INGEST_LOOPBACK_ROUNDS", 2);
  const cores = planCores();
  const work = makeTempDir("ingest");

  console.log("  generating fixture feeds");
  const routes = new Map<string, FixtureRoute>();
  const firstLoopback = warmupRounds + rounds;
  for (let round = firstLoopback; round < firstLoopback + loopbackRounds; round++) {
    for (const feed of FIXTURE_FEEDS) {
      routes.set(roundPath(feed, round), {
        body: Buffer.from(feedText(feed, round)),
        contentType: feed.contentType,
      });
    }
  }
  const large = largeFeed(LARGE_FEED_BYTES);
  const largeBody = Buffer.from(large.text);
  const largeFile = path.join(work, "large.xml");
  writeFileSync(largeFile, largeBody);
  const rssType = "application/rss+xml; charset=utf-8";
  routes.set("/large.xml", { body: largeBody, contentType: rssType });
  const warmFeed = FIXTURE_FEEDS[0];
  if (warmFeed === undefined) throw new Error("no fixture feeds");
  routes.set("/warmup.xml", { body: Buffer.from(feedText(warmFeed, 999)), contentType: rssType });
  const server = await startFixtureServer(routes);

  let throughput: WorkerResult;
  const memory: MemoryResult[] = [];
  try {
    console.log("  throughput (worker pinned to the server core)");
    const plan: WorkerPlan = {
      dataDir: makeTempDir("ingest-db"),
      resultFile: path.join(work, "throughput.json"),
      base: server.base,
      warmupRounds,
      rounds,
      loopbackRounds,
      maxBytes: MAX_BYTES,
    };
    throughput = await runWorker<WorkerResult>(WORKER, cores.server, plan);
    for (const mode of MEMORY_MODES) {
      console.log(`  peak memory: ${mode} of a ${mb(largeBody.length)} feed`);
      const memoryPlan: MemoryPlan = {
        mode,
        dataDir: makeTempDir("ingest-mem"),
        resultFile: path.join(work, `memory-${mode}.json`),
        feedFile: largeFile,
        base: server.base,
        maxBytes: MAX_BYTES,
      };
      memory.push(await runWorker<MemoryResult>(MEMORY_WORKER, cores.server, memoryPlan));
    }
  } finally {
    await server.close();
  }

  const passes = throughput.passes;
  const parse = median(ratesOf(passes, "parse"));
  const ingest = median(ratesOf(passes, "ingest"));
  const reingest = median(ratesOf(passes, "reingest"));
  const fetched = median(ratesOf(passes, "fetch+ingest"));
  const reingestWrites = passes
    .filter((p) => p.kind === "reingest")
    .reduce((n, p) => n + p.created + p.updated, 0);
  const ingestPasses = passes.filter((p) => p.kind === "ingest");
  const perCpu = (kind: PassKind) =>
    median(passes.filter((p) => p.kind === kind).map((p) => (p.items / p.cpuMs) * 1000));
  const target = `≥ ${TARGET_ITEMS_PER_S.toLocaleString("en")} items/s`;

  const rows: BenchRow[] = [
    {
      case: "parse only: parseFeed (parse, normalize, sanitize), the ceiling",
      dispatch: perSecond(parse),
      reference: null,
      ratio: null,
      target: null,
      pass: null,
    },
    {
      case: "end to end, new items: parse → normalize → sanitize → persist (every item an insert)",
      dispatch: perSecond(ingest),
      reference: perSecond(parse),
      ratio: ingest / parse,
      target,
      pass: ingest >= TARGET_ITEMS_PER_S,
    },
    {
      case: "end to end, the same items again (a changed feed, every item already stored: no writes)",
      dispatch: perSecond(reingest),
      reference: perSecond(parse),
      ratio: reingest / parse,
      target: `${target}, 0 writes`,
      pass: reingest >= TARGET_ITEMS_PER_S && reingestWrites === 0,
    },
    {
      case: "end to end with the fetch over loopback, new items",
      dispatch: perSecond(fetched),
      reference: perSecond(parse),
      ratio: fetched / parse,
      target: null,
      pass: null,
    },
    ...MEMORY_MODES.flatMap((mode) => {
      const result = memory.find((m) => m.mode === mode);
      if (result === undefined) return [];
      const label = {
        parse: "peak RSS growth, parseFeed of the 15 MB feed (body already in memory)",
        ingest: "peak RSS growth, ingest of the 15 MB feed end to end (body already in memory)",
        "fetch+ingest":
          "peak RSS growth, fetch over loopback + ingest of the 15 MB feed (body included)",
      }[mode];
      return [memoryRow(label, result, largeBody.length)];
    }),
  ];

  const feedBytes = throughput.bodyBytesPerRound;
  const formatRates = (["rss", "atom", "json"] as const).map((format) => {
    const itemsPerRound = (FEED_COUNT / 3) * ITEMS_PER_FEED;
    const r = median(
      passes
        .filter((p) => p.kind === "parse")
        .map((p) => (itemsPerRound / p.formatMs[format]) * 1000),
    );
    return `${format.toUpperCase()} ${Math.round(r).toLocaleString("en")}`;
  });
  // Where a round's wall time goes, as a share of it (median round).
  const split = (kind: PassKind) => {
    const of = passes.filter((p) => p.kind === kind);
    const share = (f: (p: Pass) => number) =>
      `${Math.round(100 * median(of.map((p) => f(p) / p.wallMs)))}%`;
    const fetchPart = kind === "fetch+ingest" ? `fetchFeed ${share((p) => p.stageMs.fetch)}, ` : "";
    const rest = (p: Pass) =>
      p.wallMs -
      p.stageMs.fetch -
      p.stageMs.parse -
      p.stageMs.known -
      p.stageMs.sanitize -
      p.stageMs.save -
      p.stageMs.bookkeeping;
    return `${fetchPart}readFeed ${share((p) => p.stageMs.parse)}, known-items lookup ${share((p) => p.stageMs.known)}, sanitizeFeedItem ${share((p) => p.stageMs.sanitize)}, saveMany ${share((p) => p.stageMs.save)}, section lookup and source health write ${share((p) => p.stageMs.bookkeeping)}, the rest (item hashes, itemToArticle) ${share(rest)}`;
  };
  const busiest = Math.max(...passes.map((p) => p.otherCores));
  const largeMs = (mode: MemoryMode) => memory.find((m) => m.mode === mode)?.wallMs ?? 0;
  const firstIngest = ingestPasses[0];
  const lastIngest = ingestPasses.at(-1);
  const notes = [
    `${FEED_COUNT} fixture feeds (8 RSS 2.0 with content:encoded, 8 Atom, 8 JSON Feed) of ${ITEMS_PER_FEED} items each, ${mb(feedBytes)} per round: the demo wire's seeded news with bodies padded to 2–6 KB of CMS markup (figure with srcset, classes and inline styles, an embed with its script in 30% of items, a relative link in 25%). Every source is \`full\` (bodies kept), spread over 4 sections.`,
    `${rounds} measured rounds after ${warmupRounds} warm-up round; each round has new guids and runs parseFeed over all feeds, then ingestSource on each feed (fetchFeed stubbed with the text already in memory), then ingestSource again on the same text. Then ${loopbackRounds} rounds fetched over loopback through the real web reader from a node:http server in the parent process. Figures are the median round, wall clock; ${cores.server === null ? cores.note : `worker pinned to core ${cores.server}, fixture server to core ${cores.client}`}.`,
    `Real SQLite file in a temp dir (WAL, synchronous=FULL, FTS5 triggers), one transaction per fetch; ${firstIngest?.articles ?? 0} → ${lastIngest?.articles ?? 0} articles over the measured rounds (new-item rounds ${firstIngest ? Math.round(rate(firstIngest)) : 0} → ${lastIngest ? Math.round(rate(lastIngest)) : 0} items/s).`,
    `Items per CPU-second of the worker: parse ${Math.round(perCpu("parse")).toLocaleString("en")}, new items ${Math.round(perCpu("ingest")).toLocaleString("en")}, unchanged ${Math.round(perCpu("reingest")).toLocaleString("en")}. parseFeed by format (items/s): ${formatRates.join(", ")}. Writes during the unchanged rounds: ${reingestWrites}.`,
    `Where the time goes: new items — ${split("ingest")}; unchanged — ${split("reingest")}; over loopback — ${split("fetch+ingest")}.`,
    `Large feed: RSS 2.0, ${large.items.toLocaleString("en")} items with 3–5 KB bodies, ${largeBody.length.toLocaleString("en")} bytes; parse ${Math.round(largeMs("parse"))} ms, ingest ${Math.round(largeMs("ingest"))} ms, fetch + ingest ${Math.round(largeMs("fetch+ingest"))} ms. Peak RSS is the kernel's high-water mark (VmHWM, reset after two forced GCs), minus the RSS at that moment (${mb(Math.min(...memory.map((m) => m.baselineRss)))}–${mb(Math.max(...memory.map((m) => m.baselineRss)))}: node, tsx, the warmed-up pipeline and, for parse and ingest, the body as a string); garbage not yet collected counts, as the process holds it. Each mode in a fresh process. The default FETCH_MAX_BYTES (10 MiB) refuses this feed with \`too_large\`: the run raises it to 32 MiB.`,
    `Everything else on the machine used up to ${busiest.toFixed(2)} cores during a pass${busiest > 0.15 ? ": a shared host was busy, so items/s are noisy; items per CPU-second hold up better" : ""}.`,
  ];

  const data: Json = {
    rounds,
    warmupRounds,
    loopbackRounds,
    cores: { worker: cores.server, fixtureServer: cores.client },
    feedBytesPerRound: feedBytes,
    passes: passes.map((p) => ({ ...p, formatMs: { ...p.formatMs }, stageMs: { ...p.stageMs } })),
    largeFeed: { bytes: largeBody.length, items: large.items },
    memory: memory.map((m) => ({ ...m })),
  };

  return {
    title: "items per second through parse → normalize → sanitize → persist, vs parseFeed alone",
    method:
      "Fixture feeds (RSS 2.0, Atom, JSON Feed; 2–6 KB HTML bodies) through `ingestSource` with the server's parser and repositories on a real SQLite file, on one core, against `parseFeed` over the same feeds in the same run; plus peak RSS growth for one 15 MB feed.",
    rows,
    notes,
    data,
  };
}
