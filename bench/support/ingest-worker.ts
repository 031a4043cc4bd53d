// Child process of bench/ingest.ts, pinned to one core: ingests the fixture feeds round by
// round and writes what it measured to a JSON file.
// `node --expose-gc --import tsx ingest-worker.ts '<WorkerPlan as JSON>'`
import { writeFileSync } from "node:fs";
import type { Source } from "../../src/domain/source.ts";
import { parseFeed } from "../../src/ingest/feeds/parse-feed.ts";
import {
  type IngestDeps,
  type IngestReport,
  ingestSource,
} from "../../src/ingest/ingest-source.ts";
import { createWebReader } from "../../src/ingest/web-reader.ts";
import {
  FIXTURE_FEEDS,
  type FixtureFeed,
  type FixtureFormat,
  feedText,
  roundPath,
} from "./ingest-fixtures.ts";
import { inMemory, openPipeline, type Pipeline } from "./ingest-pipeline.ts";
import { type Span, timed } from "./proc-clock.ts";

export interface WorkerPlan {
  dataDir: string;
  resultFile: string;
  /** Where the fixture server listens; sources are registered under it. */
  base: string;
  warmupRounds: number;
  rounds: number;
  /** Extra rounds whose feeds are fetched from the fixture server. */
  loopbackRounds: number;
  maxBytes: number;
}

export type PassKind = "parse" | "ingest" | "reingest" | "fetch+ingest";

export interface Pass extends Span {
  round: number;
  kind: PassKind;
  items: number;
  created: number;
  updated: number;
  /** Milliseconds per format, summed over its feeds. */
  formatMs: Record<FixtureFormat, number>;
  /**
   * Milliseconds inside fetchFeed, readFeed, the known-items lookup, sanitizeItem,
   * saveArticles and the source bookkeeping; the rest is hashing and mapping.
   */
  stageMs: Stages;
  /** Articles in the database after the pass. */
  articles: number;
}

export interface WorkerResult {
  passes: Pass[];
  bodyBytesPerRound: number;
}

export interface Stages {
  fetch: number;
  /** readFeed in ingest passes; parseFeed (with sanitizing) in the parse pass. */
  parse: number;
  known: number;
  sanitize: number;
  save: number;
  /** The section-name lookup and the source's health write (one fsync'd commit each fetch). */
  bookkeeping: number;
}

export const NO_STAGES: Readonly<Stages> = {
  fetch: 0,
  parse: 0,
  known: 0,
  sanitize: 0,
  save: 0,
  bookkeeping: 0,
};

/** The same deps, with a clock around the calls that do the heavy work. */
function clocked(deps: IngestDeps, stages: Stages): IngestDeps {
  const since = (start: number) => performance.now() - start;
  return {
    ...deps,
    async fetchFeed(url, conditional) {
      const start = performance.now();
      try {
        return await deps.fetchFeed(url, conditional);
      } finally {
        stages.fetch += since(start);
      }
    },
    readFeed(text, options) {
      const start = performance.now();
      try {
        return deps.readFeed(text, options);
      } finally {
        stages.parse += since(start);
      }
    },
    sanitizeItem(item) {
      const start = performance.now();
      try {
        return deps.sanitizeItem(item);
      } finally {
        stages.sanitize += since(start);
      }
    },
    stores: {
      ...deps.stores,
      async sectionName(slug) {
        const start = performance.now();
        try {
          return await deps.stores.sectionName(slug);
        } finally {
          stages.bookkeeping += since(start);
        }
      },
      async recordSuccess(id, result) {
        const start = performance.now();
        try {
          return await deps.stores.recordSuccess(id, result);
        } finally {
          stages.bookkeeping += since(start);
        }
      },
      async knownItems(sourceId, items) {
        const start = performance.now();
        try {
          return await deps.stores.knownItems(sourceId, items);
        } finally {
          stages.known += since(start);
        }
      },
      async saveArticles(inputs) {
        const start = performance.now();
        try {
          return await deps.stores.saveArticles(inputs);
        } finally {
          stages.save += since(start);
        }
      },
    },
  };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function check(report: IngestReport, feed: FixtureFeed, kind: PassKind): void {
  if (report.status !== "ok" || report.skipped.length > 0) {
    throw new Error(
      `${kind} of ${feed.path}: ${report.status} ${JSON.stringify(report.error)} skipped ${report.skipped.length}`,
    );
  }
}

async function measure(
  pipeline: Pipeline,
  round: number,
  kind: PassKind,
  work: (
    feed: FixtureFeed,
    index: number,
    stages: Stages,
  ) => Promise<{ items: number; created: number; updated: number }>,
): Promise<Pass> {
  // Garbage from generating the round is collected before the clock starts, not during.
  gc();
  const formatMs: Record<FixtureFormat, number> = { rss: 0, atom: 0, json: 0 };
  const stageMs: Stages = { ...NO_STAGES };
  const [totals, span] = await timed(async () => {
    const sum = { items: 0, created: 0, updated: 0 };
    for (const [i, feed] of FIXTURE_FEEDS.entries()) {
      const start = performance.now();
      const r = await work(feed, i, stageMs);
      formatMs[feed.format] += performance.now() - start;
      sum.items += r.items;
      sum.created += r.created;
      sum.updated += r.updated;
    }
    return sum;
  });
  return {
    round,
    kind,
    ...totals,
    ...span,
    formatMs,
    stageMs,
    articles: await pipeline.articleCount(),
  };
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error("usage: ingest-worker.ts '<plan json>'");
  const plan = JSON.parse(arg) as WorkerPlan;
  const pipeline = await openPipeline(plan.dataDir, plan.maxBytes);
  const sources: Source[] = [];
  for (const feed of FIXTURE_FEEDS) {
    sources.push(
      await pipeline.sources.add({
        url: `${plan.base}${feed.path}`,
        mode: "full",
        section: feed.section,
      }),
    );
  }
  // The scheduler reads each source fresh before its fetch; here that is outside the clock.
  const fresh = async () =>
    Promise.all(sources.map(async (s) => (await pipeline.sources.get(s.id)) ?? s));
  const reader = createWebReader({
    FETCH_ALLOW_HOSTS: new URL(plan.base).host,
    FETCH_TIMEOUT_SECONDS: 30,
    FETCH_MAX_BYTES: plan.maxBytes,
    SITE_URL: "http://127.0.0.1",
  });

  const passes: Pass[] = [];
  let bodyBytesPerRound = 0;
  const total = plan.warmupRounds + plan.rounds + plan.loopbackRounds;
  for (let round = 0; round < total; round++) {
    const loopback = round >= plan.warmupRounds + plan.rounds;
    const texts = FIXTURE_FEEDS.map((feed) => feedText(feed, round));
    bodyBytesPerRound = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const roundPasses: Pass[] = [];

    roundPasses.push(
      await measure(pipeline, round, "parse", async (feed, i, stages) => {
        const start = performance.now();
        const parsed = parseFeed(texts[i] ?? "", {
          url: `${plan.base}${feed.path}`,
          maxBytes: plan.maxBytes,
        });
        stages.parse += performance.now() - start;
        return { items: parsed.items.length, created: 0, updated: 0 };
      }),
    );

    const ingest = async (kind: PassKind) => {
      const current = await fresh();
      return measure(pipeline, round, kind, async (feed, i, stages) => {
        const source = current[i] ?? sources[i];
        if (source === undefined) throw new Error(`no source for ${feed.path}`);
        const deps = pipeline.deps(
          loopback
            ? (_url, conditional) =>
                reader.fetchFeed(`${plan.base}${roundPath(feed, round)}`, conditional)
            : async (url) => inMemory(url, texts[i] ?? "", feed.contentType),
        );
        const report = await ingestSource(source, clocked(deps, stages));
        check(report, feed, kind);
        return { items: report.items, created: report.created, updated: report.updated };
      });
    };
    if (loopback) roundPasses.push(await ingest("fetch+ingest"));
    else {
      roundPasses.push(await ingest("ingest"));
      roundPasses.push(await ingest("reingest"));
    }
    for (const pass of roundPasses) {
      console.log(
        `  round ${round}${round < plan.warmupRounds ? " (warm-up)" : ""} ${pass.kind}: ${Math.round((pass.items / pass.wallMs) * 1000)} items/s, ${pass.created} created, others ${pass.otherCores.toFixed(2)} cores`,
      );
    }
    if (round >= plan.warmupRounds) passes.push(...roundPasses);
  }
  await reader.close();
  await pipeline.database.close();
  const result: WorkerResult = { passes, bodyBytesPerRound };
  writeFileSync(plan.resultFile, JSON.stringify(result));
}

await main();
