import lighthouse, { type Result } from "lighthouse";
import { categoryScore } from "./lighthouse-findings.ts";
import type { PageWeight } from "./page-weight.ts";

export type PageName = "home" | "article" | "story" | "topic" | "search";

export interface PageResult {
  name: PageName;
  /** The path audited last: a story's slug can change while the bench runs. */
  path: string;
  /** Paths that answered with a redirect to the page on the way, if any. */
  redirectedFrom: string[];
  available: boolean;
  weight: PageWeight | null;
  /** The run with every category; the extra runs score performance only. */
  full: Result | null;
  perfRuns: Result[];
}

/** Lighthouse's default config (mobile, simulated throttling) through Chromium's DevTools port. */
export async function audit(
  port: number,
  url: string,
  categories: readonly string[],
): Promise<Result> {
  const result = await lighthouse(url, {
    port,
    hostname: "127.0.0.1",
    logLevel: "error",
    output: "json",
    onlyCategories: [...categories],
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (result.lhr.runtimeError) {
    throw new Error(`${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`);
  }
  return result.lhr;
}

/**
 * `audit`, tried once more when Lighthouse reports a broken run (NO_NAVSTART, NO_FCP…): on a
 * busy machine a trace is sometimes cut short. Null with the reason when both tries fail.
 */
export async function auditOrNull(
  port: number,
  url: string,
  categories: readonly string[],
  errors: string[],
): Promise<Result | null> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await audit(port, url, categories);
    } catch (error) {
      errors.push(
        `${url} (try ${attempt}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return null;
}

/** The run with the median performance score (the lower middle for an even count). */
export function medianRun(runs: Result[]): Result | null {
  const sorted = [...runs].sort(
    (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0),
  );
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}

/** Performance from the median run, the other categories from the run that had them all. */
export function scoreOf(page: PageResult, category: string): number | null {
  const run = category === "performance" ? medianRun(page.perfRuns) : page.full;
  return run ? categoryScore(run, category) : null;
}
