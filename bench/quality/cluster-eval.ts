// Story clustering quality: pairwise and B-cubed precision, recall and F1 against gold story
// labels, through the same code path as `dispatch cluster` (clusterLines), beside a plain
// TF-IDF baseline (tfidf-baseline.ts) computed in the same run. The real sets (real-sets.ts:
// ECB+, tuned on topics 1–35, reported on 36–45; AllSides, tuned on stories before August 2021,
// reported on the later ones; ITN, Wikipedia's news blurbs in 20 Latin-script languages, tuned
// on stories first seen before 2023, reported on the later ones, with the cross-language pairs
// scored apart) come first; the sets written here
// (cluster/articles.jsonl, cluster/holdout.jsonl, a seeded slice of the demo wire) are
// regression tests only. See bench/quality/README.md.
// Run: node --import tsx bench/quality/cluster-eval.ts
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createStoryStream } from "../../src/demo/stories.ts";
import { bodyText } from "../../src/domain/body-text.ts";
import { clusterLines } from "../../src/enrich/cluster/cluster-lines.ts";
import type { StoryIndexOptions } from "../../src/enrich/cluster/story-index.ts";
import { itnParts, missingRealSets, type RealPart, realParts } from "./real-sets.ts";
import { baselineClusters } from "./tfidf-baseline.ts";

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClusteringScores {
  pairwise: Scores;
  bcubed: Scores;
}

export interface LabeledArticle {
  id: string;
  title: string;
  text: string;
  source: string;
  published: string;
  /** Gold story label: articles with the same label cover the same event. */
  story: string;
  /** The article's language, where the set says it (not given to the clusterer). */
  language?: string;
}

const HAND_WRITTEN = { labeled: "articles.jsonl", holdout: "holdout.jsonl" } as const;
export type Part = keyof typeof HAND_WRITTEN | "demo";
export const DEMO_SEED = 20260301;
export const DEMO_ITEMS = 180;
/** Demo items are spaced as a busy wire would publish them: the slice spans 45 hours. */
const DEMO_SPACING_MS = 15 * 60_000;
const DEMO_START = Date.parse("2026-03-01T06:00:00Z");

export function labeledSet(part: keyof typeof HAND_WRITTEN = "labeled"): LabeledArticle[] {
  const file = fileURLToPath(new URL(`cluster/${HAND_WRITTEN[part]}`, import.meta.url));
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LabeledArticle);
}

/** The demo wire's items from a fixed seed; gold = the invented event (one-offs stand alone). */
export function demoSet(seed = DEMO_SEED, n = DEMO_ITEMS): LabeledArticle[] {
  let at = DEMO_START;
  const stream = createStoryStream(seed, () => new Date(at));
  const out: LabeledArticle[] = [];
  for (let i = 0; i < n; i++) {
    const item = stream.next();
    out.push({
      id: item.id,
      title: item.title,
      text: bodyText(item.html),
      source: item.outletName,
      published: item.published,
      story: item.eventKey ?? `one-off:${item.id}`,
    });
    at += DEMO_SPACING_MS;
  }
  return out;
}

/** Predicted story per article id, exactly as `dispatch cluster` would print it. */
export function predict(
  articles: readonly LabeledArticle[],
  options: StoryIndexOptions = {},
): Map<string, string> {
  const lines = articles.map(({ story: _gold, language: _language, ...article }) =>
    JSON.stringify(article),
  );
  const predicted = new Map<string, string>();
  // A merge moves every article of the absorbed story: follow the chain to the survivor.
  const into = new Map<string, string>();
  const survivor = (story: string): string => {
    let s = story;
    for (let next = into.get(s); next !== undefined; next = into.get(s)) s = next;
    return s;
  };
  for (const result of clusterLines(lines, options)) {
    if ("merged" in result) {
      into.set(result.merged, result.into);
      continue;
    }
    if ("error" in result)
      throw new Error(`line ${result.line}: ${result.error.code}: ${result.error.message}`);
    predicted.set(result.id, result.story);
  }
  for (const [id, story] of predicted) predicted.set(id, survivor(story));
  return predicted;
}

interface Counts {
  truePairs: number;
  predictedPairs: number;
  goldPairs: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  items: number;
}

function count(gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): Counts {
  const ids = [...gold.keys()];
  const groups = (labels: ReadonlyMap<string, string>) => {
    const by = new Map<string, Set<string>>();
    for (const id of ids) {
      const label = labels.get(id) ?? `missing:${id}`;
      const set = by.get(label) ?? new Set<string>();
      set.add(id);
      by.set(label, set);
    }
    return by;
  };
  const goldGroups = groups(gold);
  const predGroups = groups(predicted);
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const c: Counts = {
    truePairs: 0,
    predictedPairs: 0,
    goldPairs: 0,
    bcubedPrecision: 0,
    bcubedRecall: 0,
    items: ids.length,
  };
  for (const g of goldGroups.values()) c.goldPairs += pairs(g.size);
  for (const p of predGroups.values()) {
    c.predictedPairs += pairs(p.size);
    const byGold = new Map<string, number>();
    for (const id of p)
      byGold.set(gold.get(id) as string, (byGold.get(gold.get(id) as string) ?? 0) + 1);
    for (const n of byGold.values()) c.truePairs += pairs(n);
  }
  for (const id of ids) {
    const g = goldGroups.get(gold.get(id) as string) as Set<string>;
    const p = predGroups.get(predicted.get(id) ?? `missing:${id}`) as Set<string>;
    let both = 0;
    for (const other of p) if (g.has(other)) both++;
    c.bcubedPrecision += both / p.size;
    c.bcubedRecall += both / g.size;
  }
  return c;
}

function scores(precision: number, recall: number): Scores {
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function summarize(all: readonly Counts[]): ClusteringScores {
  const sum = (k: keyof Counts) => all.reduce((s, c) => s + c[k], 0);
  const items = sum("items");
  return {
    pairwise: scores(
      sum("predictedPairs") === 0 ? 1 : sum("truePairs") / sum("predictedPairs"),
      sum("goldPairs") === 0 ? 1 : sum("truePairs") / sum("goldPairs"),
    ),
    bcubed: scores(sum("bcubedPrecision") / items, sum("bcubedRecall") / items),
  };
}

export function scoreSet(
  articles: readonly LabeledArticle[],
  options: StoryIndexOptions = {},
): ClusteringScores {
  const gold = new Map(articles.map((a) => [a.id, a.story]));
  return summarize([count(gold, predict(articles, options))]);
}

/** Scores any prediction (the baseline's, a sweep's) against gold labels by article id. */
export function scoreLabels(
  gold: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): ClusteringScores {
  return summarize([count(gold, predicted)]);
}

/**
 * Every part, each clustered in its own index (they are separate worlds), pooled: pairs and
 * items are summed over the parts. `parts` gives each part alone.
 */
export function evaluateClustering(
  options: StoryIndexOptions = {},
): ClusteringScores & { parts: Record<Part, ClusteringScores> } {
  const sets: Record<Part, LabeledArticle[]> = {
    labeled: labeledSet("labeled"),
    holdout: labeledSet("holdout"),
    demo: demoSet(),
  };
  const counts = {} as Record<Part, Counts>;
  const parts = {} as Record<Part, ClusteringScores>;
  for (const [name, articles] of Object.entries(sets) as [Part, LabeledArticle[]][]) {
    const gold = new Map(articles.map((a) => [a.id, a.story]));
    counts[name] = count(gold, predict(articles, options));
    parts[name] = summarize([counts[name]]);
  }
  return { ...summarize(Object.values(counts)), parts };
}

export interface RealPartScores {
  name: string;
  role: RealPart["role"];
  split: string;
  articles: number;
  stories: number;
  ours: ClusteringScores;
  baseline: ClusteringScores;
  /** Only for sets in several languages: pairs whose two articles are in different ones. */
  crossLanguage?: { ours: CrossLanguageScores; baseline: CrossLanguageScores } | undefined;
}

export interface CrossLanguageScores {
  /** Gold pairs in two languages that the clusterer put together, over all such gold pairs. */
  recall: number;
  /** Predicted pairs in two languages that gold puts together, over all such predicted pairs. */
  precision: number;
  goldPairs: number;
  predictedPairs: number;
}

/**
 * Pairwise scores over cross-language pairs only: does a report join the story told in another
 * language, and is a story joined across languages the right one.
 */
export function crossLanguageScores(
  articles: readonly LabeledArticle[],
  predicted: ReadonlyMap<string, string>,
): CrossLanguageScores {
  let goldPairs = 0;
  let predictedPairs = 0;
  let both = 0;
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i] as LabeledArticle;
    for (let j = i + 1; j < articles.length; j++) {
      const b = articles[j] as LabeledArticle;
      if (a.language === undefined || b.language === undefined || a.language === b.language)
        continue;
      const gold = a.story === b.story;
      const pa = predicted.get(a.id);
      const together = pa !== undefined && pa === predicted.get(b.id);
      if (gold) goldPairs++;
      if (together) predictedPairs++;
      if (gold && together) both++;
    }
  }
  return {
    recall: goldPairs === 0 ? 1 : both / goldPairs,
    precision: predictedPairs === 0 ? 1 : both / predictedPairs,
    goldPairs,
    predictedPairs,
  };
}

/** Every real set's tuning and reporting parts, ours and the baseline's, each part its own stream. */
export function evaluateRealSets(
  options: StoryIndexOptions = {},
  parts: readonly RealPart[] = realParts(),
): RealPartScores[] {
  return parts.map((p) => {
    const gold = new Map(p.articles.map((a) => [a.id, a.story]));
    const ours = predict(p.articles, options);
    const baseline = baselineClusters(p.articles);
    const languages = new Set(p.articles.map((a) => a.language));
    return {
      name: p.name,
      role: p.role,
      split: p.split,
      articles: p.articles.length,
      stories: new Set(gold.values()).size,
      ours: scoreLabels(gold, ours),
      baseline: scoreLabels(gold, baseline),
      crossLanguage:
        languages.size > 1 && !languages.has(undefined)
          ? {
              ours: crossLanguageScores(p.articles, ours),
              baseline: crossLanguageScores(p.articles, baseline),
            }
          : undefined,
    };
  });
}

export const fmtScores = (s: Scores) =>
  `P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`;

/** The real parts as printed lines: ours then the baseline, pairwise and B-cubed. */
export function realSetLines(scores: readonly RealPartScores[]): string[] {
  const out: string[] = [];
  for (const r of scores) {
    const role = r.role === "tune" ? "tuning" : "REPORTED (never tuned on)";
    out.push(`${r.name} — ${r.split}, ${role}: ${r.articles} articles, ${r.stories} stories`);
    out.push(
      `  dispatch  pairwise ${fmtScores(r.ours.pairwise)}   B-cubed ${fmtScores(r.ours.bcubed)}`,
    );
    out.push(
      `  baseline  pairwise ${fmtScores(r.baseline.pairwise)}   B-cubed ${fmtScores(r.baseline.bcubed)}`,
    );
    out.push(
      `  pairwise F1 over the baseline: ${(r.ours.pairwise.f1 - r.baseline.pairwise.f1).toFixed(3)}`,
    );
    const x = r.crossLanguage;
    if (x !== undefined) {
      const fmt = (c: CrossLanguageScores) =>
        `recall ${c.recall.toFixed(3)} (of ${c.goldPairs} gold pairs)  ` +
        `precision ${c.precision.toFixed(3)} (of ${c.predictedPairs} predicted)`;
      out.push(`  cross-language pairs only: dispatch ${fmt(x.ours)}`);
      out.push(`                             baseline ${fmt(x.baseline)}`);
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // --itn-all-scripts: ITN in every script too (Cyrillic, Arabic, CJK editions), where only
  // figures and the odd Latin name can bridge.
  const extra = process.argv.includes("--itn-all-scripts")
    ? itnParts(undefined, ["latin", "cyrillic", "arabic", "cjk", "other"])
    : [];
  const real = evaluateRealSets({}, [...realParts(), ...extra]);
  for (const m of missingRealSets())
    console.log(`${m.set}: not found at ${m.file} (set ${m.variable} to its file)`);
  for (const line of realSetLines(real)) console.log(line);
  console.log("\nregression sets written here (not evidence of quality on real news)");
  const result = evaluateClustering();
  for (const [name, part] of Object.entries({ all: result, ...result.parts })) {
    console.log(
      `  ${name.padEnd(8)} pairwise ${fmtScores(part.pairwise)}   bcubed ${fmtScores(part.bcubed)}`,
    );
  }
}
