// lighthouse: Lighthouse 12.8's mobile preset in Debian's Chromium on the five page kinds a
// reader meets (home, article, story, topic, search), served by `dispatch serve --demo`, plus
// what each page transfers before images. Audits that do not pass: results/lighthouse/findings.md.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { generateReport, type Result } from "lighthouse";
import type { BenchResult, BenchRow, Json } from "./support/bench-result.ts";
import { launchDebuggableChromium } from "./support/chromium-debug.ts";
import {
  type DemoSite,
  discoverPages,
  type SitePages,
  startDemoSite,
} from "./support/demo-site.ts";
import { startFloorServer } from "./support/floor-page.ts";
import {
  byteWeight,
  CATEGORIES,
  categoryScore,
  findings,
  metrics,
} from "./support/lighthouse-findings.ts";
import { findingsMarkdown } from "./support/lighthouse-report.ts";
import {
  auditOrNull,
  medianRun,
  type PageName,
  type PageResult,
  scoreOf,
} from "./support/lighthouse-runs.ts";
import { get } from "./support/loopback.ts";
import { pageAssets } from "./support/page-links.ts";
import { pageWeight, weightJson } from "./support/page-weight.ts";
import { machineBusySeconds } from "./support/proc-clock.ts";
import { makeTempDir, removeTempDir } from "./support/resources.ts";

const REPORTS_DIR = fileURLToPath(new URL("results/lighthouse/", import.meta.url));
const KIB = 1024;
/** Transferred before images, HTML + CSS + JS compressed (issue 5's budgets). */
const BUDGETS: Partial<Record<PageName, number>> = { home: 50 * KIB, article: 30 * KIB };
const PAGE_NAMES: PageName[] = ["home", "article", "story", "topic", "search"];
const MAX_REDIRECTS = 3;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KB`;

function header(rawHeaders: string[], name: string): string | null {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === name) return rawHeaders[i + 1] ?? null;
  }
  return null;
}

/**
 * Fetches the page and each of its images once, so an audited load pays neither for filling
 * the page cache nor for the image proxy's first resize. Follows redirects: a story's slug
 * follows its headline, which the enricher may change while the bench runs.
 */
async function warm(
  site: DemoSite,
  path: string,
): Promise<{ path: string; html: string; redirectedFrom: string[] }> {
  const redirectedFrom: string[] = [];
  let current = path;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await get(site.port, current, 10_000);
    const location = header(res.rawHeaders, "location");
    if (res.status >= 300 && res.status < 400 && location !== null) {
      redirectedFrom.push(current);
      const next = new URL(location, site.origin);
      current = `${next.pathname}${next.search}`;
      continue;
    }
    if (res.status !== 200) throw new Error(`${current} answered ${res.status}`);
    const html = res.body.toString("utf8");
    for (const image of pageAssets(html).images) await get(site.port, image, 10_000);
    return { path: current, html, redirectedFrom };
  }
  throw new Error(`${path}: more than ${MAX_REDIRECTS} redirects`);
}

function saveReport(name: string, lhr: Result, html: boolean): void {
  writeFileSync(`${REPORTS_DIR}${name}.json`, JSON.stringify(lhr));
  if (html) writeFileSync(`${REPORTS_DIR}${name}.html`, generateReport(lhr, "html"));
}

function rowsFor(page: PageResult, floorScore: number | null): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const category of CATEGORIES) {
    const score = page.available ? scoreOf(page, category) : null;
    const floor = category === "performance" && floorScore !== null;
    rows.push({
      case: `${page.name}: ${category}`,
      dispatch: !page.available ? "not available" : score === null ? "no score" : String(score),
      reference: floor ? `${floorScore} (floor page)` : null,
      ratio: null,
      target: "100",
      pass: page.available ? score === 100 : null,
    });
  }
  const budget = BUDGETS[page.name];
  const transferred = page.weight?.transferred ?? null;
  rows.push({
    case: `${page.name}: HTML + CSS + JS transferred (br/gzip, headers included)`,
    dispatch: transferred === null ? "not available" : `${kib(transferred)} (${transferred} B)`,
    reference: null,
    ratio: null,
    target: budget === undefined ? null : `≤ ${kib(budget)}`,
    pass: budget === undefined || transferred === null ? null : transferred <= budget,
  });
  if (page.full) {
    const weight = byteWeight(page.full);
    rows.push({
      case: `${page.name}: Lighthouse transfer (HTML + CSS + JS / everything)`,
      dispatch: `${kib(weight.textual)} / ${kib(weight.total ?? 0)}`,
      reference: null,
      ratio: null,
      target: null,
      pass: null,
    });
  }
  return rows;
}

function metricsNote(name: string, runs: Result[]): string | null {
  const median = medianRun(runs);
  if (!median) return null;
  const m = metrics(median);
  const perf = runs.map((r) => categoryScore(r, "performance")).join("/");
  return `${name}: FCP ${Math.round(m.fcpMs ?? 0)} ms, LCP ${Math.round(m.lcpMs ?? 0)} ms, TBT ${Math.round(m.tbtMs ?? 0)} ms, CLS ${(m.cls ?? 0).toFixed(3)}, SI ${Math.round(m.speedIndexMs ?? 0)} ms (performance per run ${perf}).`;
}

export async function run(): Promise<BenchResult> {
  const runs = envNumber("LIGHTHOUSE_RUNS", 3);
  // Rounds after the first start only while audits have taken less than this many seconds.
  const budgetSeconds = envNumber("LIGHTHOUSE_BUDGET_S", 170);
  mkdirSync(REPORTS_DIR, { recursive: true });
  // Reports of an earlier run with more rounds would otherwise sit beside this run's.
  for (const file of readdirSync(REPORTS_DIR)) {
    if (/\.(json|html)$/.test(file)) rmSync(`${REPORTS_DIR}${file}`);
  }

  const startedAt = performance.now();
  const dataDir = makeTempDir("lighthouse");
  const pages: PageResult[] = [];
  const floorRuns: Result[] = [];
  const errors: string[] = [];
  let chromiumVersion = "unknown";
  let busyCores = Number.NaN;
  let discovered: SitePages;
  try {
    const site = await startDemoSite(dataDir);
    discovered = await discoverPages(site);
    for (const name of PAGE_NAMES) {
      const available = name !== "search" || discovered.searchAvailable;
      pages.push({
        name,
        path: discovered[name],
        redirectedFrom: [],
        available,
        weight: null,
        full: null,
        perfRuns: [],
      });
    }
    const floor = await startFloorServer();
    const chromium = await launchDebuggableChromium();
    chromiumVersion = chromium.version;
    const auditsStarted = performance.now();
    const busyAtStart = machineBusySeconds();
    try {
      for (let round = 1; round <= runs; round++) {
        if (round > 1 && (performance.now() - auditsStarted) / 1000 > budgetSeconds) break;
        // The floor page in every round: what the machine costs at that moment.
        const floorRun = await auditOrNull(chromium.port, floor.url, ["performance"], errors);
        if (floorRun) floorRuns.push(floorRun);
        for (const page of pages) {
          if (!page.available || (round > 1 && !page.full)) continue;
          const warmed = await warm(site, page.path);
          page.path = warmed.path;
          for (const from of warmed.redirectedFrom) {
            if (!page.redirectedFrom.includes(from)) page.redirectedFrom.push(from);
          }
          const url = `${site.origin}${page.path}`;
          if (round === 1) page.weight = await pageWeight(site.port, page.path, warmed.html);
          const categories = round === 1 ? CATEGORIES : (["performance"] as const);
          const lhr = await auditOrNull(chromium.port, url, categories, errors);
          if (!lhr) continue;
          if (round === 1) page.full = lhr;
          page.perfRuns.push(lhr);
          saveReport(`${page.name}-${round}`, lhr, round === 1);
        }
      }
      busyCores =
        (machineBusySeconds() - busyAtStart) / ((performance.now() - auditsStarted) / 1000);
    } finally {
      await chromium.child.stop();
      await floor.close();
      await site.child.stop();
    }
  } finally {
    removeTempDir(dataDir);
  }
  const seconds = (performance.now() - startedAt) / 1000;

  const all = pages.flatMap((page) => {
    const median = medianRun(page.perfRuns);
    return [
      ...(median ? findings(median, page.name, ["performance"]) : []),
      ...(page.full ? findings(page.full, page.name, CATEGORIES.slice(1)) : []),
    ];
  });
  const floorMedian = medianRun(floorRuns);
  const floorScore = floorMedian ? categoryScore(floorMedian, "performance") : null;
  const first = pages.find((p) => p.full)?.full;
  const settings = first?.configSettings;
  const notes = [
    `Lighthouse ${first?.lighthouseVersion ?? "?"}, ${settings?.formFactor ?? "?"} preset, ${settings?.throttlingMethod ?? "?"} throttling, in ${chromiumVersion}; ${seconds.toFixed(0)} s in all; the machine's CPUs were busy ${busyCores.toFixed(2)} of ${availableParallelism()} cores on average during the audits, Lighthouse, Chromium and Dispatch included.`,
    `Pages: ${pages.map((p) => `${p.name} ${p.path}`).join(", ")}; the article's text is ${discovered.articleKind === "full" ? "on the page (a full-text wire item)" : "at the outlet (a link item)"}.`,
    `Performance is the median of ${pages.map((p) => p.perfRuns.length).join("/")} runs (home/article/story/topic/search); the other categories come from the first run. Findings: bench/results/lighthouse/findings.md; full reports beside it (not committed).`,
    "Floor page: a text-only page from node:http audited in every round; its performance score is what the machine alone allows (simulated throttling multiplies observed main-thread time by 4, so a busy CPU shows up as Total Blocking Time).",
    "Transferred = status line, headers and compressed body of the page, its stylesheet and its scripts, fetched with Accept-Encoding: br, gzip; 1 KB = 1,024 B.",
  ];
  if (!discovered.searchAvailable) {
    notes.push(`search: ${discovered.search} answered 404, not available yet.`);
  }
  for (const error of errors) notes.push(`Lighthouse failed on ${error}`);
  for (const page of pages) {
    if (page.redirectedFrom.length > 0) {
      notes.push(
        `${page.name}: reached through a redirect from ${page.redirectedFrom.join(", ")}.`,
      );
    }
  }
  for (const note of [
    metricsNote("floor page", floorRuns),
    ...pages.map((p) => metricsNote(p.name, p.perfRuns)),
  ]) {
    if (note) notes.push(note);
  }

  const stamp = new Date().toISOString().slice(0, 16).replace("T", " ");
  const header = [`Measured ${stamp} UTC with \`npm run bench -- lighthouse\`.`, ...notes];
  writeFileSync(`${REPORTS_DIR}findings.md`, findingsMarkdown(pages, all, header));

  return {
    title: "Lighthouse scores and page weight",
    method:
      "Lighthouse's default (mobile) config on `dispatch serve --demo` pages found by following links from home; each category against 100 (performance next to a text-only floor page audited in the same rounds), and HTML + CSS + JS transferred against the issue's budgets.",
    rows: pages.flatMap((page) => rowsFor(page, floorScore)),
    notes,
    data: {
      machineBusyCores: Number.isFinite(busyCores) ? busyCores : null,
      floor: {
        performanceRuns: floorRuns.map((r) => categoryScore(r, "performance")),
        metrics: floorMedian ? { ...metrics(floorMedian) } : null,
      },
      pages: pages.map(
        (p): Json => ({
          name: p.name,
          path: p.path,
          redirectedFrom: p.redirectedFrom,
          available: p.available,
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, scoreOf(p, c)])),
          performanceRuns: p.perfRuns.map((r) => categoryScore(r, "performance")),
          metrics: (() => {
            const median = medianRun(p.perfRuns);
            return median ? { ...metrics(median) } : null;
          })(),
          weight: p.weight ? weightJson(p.weight) : null,
          lighthouseBytes: p.full ? { ...byteWeight(p.full) } : null,
        }),
      ),
      findings: all.map((f): Json => ({ ...f, details: [...f.details] })),
    },
  };
}
