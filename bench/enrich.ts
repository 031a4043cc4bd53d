// enrich: what the enrichment stages (language, lint, entities, duplicates, story placement)
// cost per 4–8 KB article on one core, against storing the same article without them
// (one SQLite transaction through the article repository), side by side in one run.
// The story index holds a window of demo-wire articles first, as a running portal's would.
// Run: npm run bench -- enrich
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { openDatabase } from "../src/db/connection.ts";
import { migrate } from "../src/db/migrate.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import { StoryIndex } from "../src/enrich/cluster/story-index.ts";
import { enrichArticle } from "../src/enrich/enrich-article.ts";
import type { EnrichInput } from "../src/enrich/enriching-article.ts";
import { demoSet } from "./quality/cluster-eval.ts";
import { speedInputs } from "./quality/lint-speed.ts";
import type { BenchResult } from "./support/bench-result.ts";

const ARTICLES = 600;
const WINDOW = 5_000;
const TARGET_MEDIAN_MS = 5;
const TARGET_P99_MS = 20;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/** Distinct articles from the base texts: paragraphs rotated, a number changed per copy. */
function articles(n: number): EnrichInput[] {
  const base = speedInputs();
  const out: EnrichInput[] = [];
  for (let i = 0; i < n; i++) {
    const b = base[i % base.length];
    if (!b) break;
    const paragraphs = b.text.split("\n\n");
    const k = Math.floor(i / base.length) % paragraphs.length;
    const text = [...paragraphs.slice(k), ...paragraphs.slice(0, k)].join("\n\n");
    out.push({
      id: 1_000_000 + i,
      headline: `${b.headline} (${i})`,
      standfirst: b.standfirst ?? null,
      text: text.replace(/\b(\d+)\b/, `$1${i}`),
      language: "en",
      sourceId: i % 40,
      canonicalUrl: `https://outlet-${i % 40}.example/a/${i}`,
      at: new Date(Date.UTC(2026, 2, 1, 12) + i * 1_000).toISOString(),
    });
  }
  return out;
}

function toInput(a: EnrichInput): ArticleInput {
  const html = a.text
    .split("\n\n")
    .map((p) => `<p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
    .join("");
  return {
    guid: `bench:${a.id}`,
    kind: "full",
    status: "published",
    headline: a.headline,
    standfirst: a.standfirst,
    body: html,
    byline: null,
    language: "en",
    section: { slug: "world", name: "World" },
    slug: null,
    canonicalUrl: a.canonicalUrl,
    externalUrl: null,
    publishedAt: a.at,
  };
}

export async function run(): Promise<BenchResult> {
  const loadAtStart = (loadavg()[0] ?? 0).toFixed(2);
  // Merging as the portal's enricher does: a story that grows like another is compared with it.
  const index = new StoryIndex({ windowHours: 72, merge: true });
  for (const a of demoSet(20260301, WINDOW)) index.add({ ...a, published: a.published });
  const inputs = articles(ARTICLES);

  // Warm both paths (JIT, compromise's lexicon, eld's tables) before measuring.
  for (const a of inputs.slice(0, 30)) enrichArticle({ ...a, id: a.id + 5_000_000 }, { index });
  const enrichMs: number[] = [];
  for (const a of inputs) {
    const start = performance.now();
    enrichArticle(a, { index });
    enrichMs.push(performance.now() - start);
  }

  const dir = mkdtempSync(path.join(tmpdir(), "dispatch-bench-enrich-"));
  const database = openDatabase(`sqlite:${path.join(dir, "bench.db")}`);
  const storeMs: number[] = [];
  try {
    await migrate(database);
    const repo = createArticleRepository(database);
    for (const a of inputs.slice(0, 30)) await repo.save(toInput({ ...a, id: a.id + 5_000_000 }));
    for (const a of inputs) {
      const start = performance.now();
      await repo.save(toInput(a));
      storeMs.push(performance.now() - start);
    }
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }

  enrichMs.sort((a, b) => a - b);
  storeMs.sort((a, b) => a - b);
  const bytes = Math.round(
    inputs.reduce((s, a) => s + Buffer.byteLength(a.text), 0) / inputs.length,
  );
  const e50 = percentile(enrichMs, 50);
  const e99 = percentile(enrichMs, 99);
  const s50 = percentile(storeMs, 50);
  const s99 = percentile(storeMs, 99);
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  return {
    title: "enrichment cost per article vs storing it without enrichment",
    method: `${ARTICLES} articles of ${bytes} bytes on average through every enrichment stage (story index holding ${WINDOW.toLocaleString("en")} demo articles), against saving each through the article repository on SQLite, one process, one core.`,
    rows: [
      {
        case: "enrichment per article: median",
        dispatch: ms(e50),
        reference: ms(s50),
        ratio: e50 / s50,
        target: `≤ ${TARGET_MEDIAN_MS} ms`,
        pass: e50 <= TARGET_MEDIAN_MS,
      },
      {
        case: "enrichment per article: p99",
        dispatch: ms(e99),
        reference: ms(s99),
        ratio: e99 / s99,
        target: `≤ ${TARGET_P99_MS} ms`,
        pass: e99 <= TARGET_P99_MS,
      },
      {
        case: "articles per second, store only vs store + enrich (median)",
        dispatch: `${Math.round(1000 / (s50 + e50))}/s`,
        reference: `${Math.round(1000 / s50)}/s`,
        ratio: s50 / (s50 + e50),
        target: null,
        pass: null,
      },
    ],
    notes: [
      "reference column: the same article saved without enrichment (the cost enrichment adds to).",
      "Enrichment runs after the article is stored, in batches, so a slow article never delays a fetch's commit.",
      "The story index merges stories that grow alike (`merge: true`), as the portal's enricher does.",
      `load average ${loadAtStart} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end (one-minute; the machine may be shared)`,
    ],
    data: {
      enrichMs: enrichMs.map((n) => Number(n.toFixed(3))),
      storeMs: storeMs.map((n) => Number(n.toFixed(3))),
    },
  };
}
