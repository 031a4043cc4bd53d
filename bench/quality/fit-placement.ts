// Fits the placement model (src/enrich/cluster/placement-model.json) on the TUNING parts of
// the real sets only, in two stages. First, on the tuning parts without dates (ECB+ topics
// 1–35): a logistic regression over the centroid features of each article against every open
// story sharing a telling term with it, the stories built from the gold labels as the stream
// goes, then the join and merge thresholds swept on the same part through the real clusterer.
// Then, on the tuning parts with dates (AllSides stories before August 2021), the daysApart
// weight alone is swept through the real clusterer with everything else held: fitting all the
// weights on both kinds of set at once lowered the held-out ECB+ F1 (0.877 to 0.842), as the
// sets differ in kind (full texts with no dates; headline and lead with dates), while a time
// weight cannot change anything on a set whose reports all carry one time. A time weight that
// would split the regression sets' stories is refused (why: beside DAYS_APART_GRID's use).
// Last, on the tuning parts in several languages (ITN before 2023, crowded with the English
// sets' tuning parts: crowdedParts), the weights of the comparisons across languages alone
// (ACROSS_GRID), which are 0 on every single-language set and so cannot move the earlier
// stages' figures. Languages are detected as the portal
// detects them (clusterLines), never read from the set's labels.
// The reporting parts are never read here.
// Run: nice node --import tsx bench/quality/fit-placement.ts [--write]
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseClusterArticle } from "../../src/enrich/cluster/cluster-article.ts";
import type { PlacementModel } from "../../src/enrich/cluster/placement-model.ts";
import { FEATURES } from "../../src/enrich/cluster/story-centroids.ts";
import { joinable, StoryIndex } from "../../src/enrich/cluster/story-index.ts";
import { evaluateClustering, type LabeledArticle, predict, scoreLabels } from "./cluster-eval.ts";
import { realParts } from "./real-sets.ts";

const MODEL_FILE = fileURLToPath(
  new URL("../../src/enrich/cluster/placement-model.json", import.meta.url),
);
/**
 * A wrong merge misleads readers more than a split: the threshold is the one with the best
 * F0.5 (precision weighted twice recall) on the tuning part.
 */
const BETA = 0.5;
const HARD_NEGATIVES = 3;
const TEXT = FEATURES.indexOf("text");
const DAYS = FEATURES.indexOf("daysApart");
/**
 * Across languages, the flag's weight (text cosines are lower there, so a positive one
 * lowers the bar) and the two names-missing shares'.
 */
const ACROSS_GRID = {
  acrossLanguages: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5],
  frontNamesMissingAcross: [-2, -1, -0.5, 0],
  storyNamesMissingAcross: [-2, -1, -0.5, 0],
} as const;
/** Logit change per log(1 + days) between a report and its story's nearest report. */
const DAYS_APART_GRID = [0, -0.5, -1, -1.5, -2, -3, -4, -5, -6, -8];

/** A part with reports in more than one language (as labelled: which part, not how it is clustered). */
function multilingual(articles: readonly LabeledArticle[]): boolean {
  return new Set(articles.map((a) => a.language ?? "")).size > 1;
}

/** A part whose reports carry more than one day (ECB+ gives every document one time). */
function hasDates(articles: readonly LabeledArticle[]): boolean {
  return new Set(articles.map((a) => a.published.slice(0, 10))).size > 1;
}

interface Row {
  x: Float64Array;
  y: number;
}

/** Feature rows from one part streamed in order, each article placed where gold puts it. */
export function rowsOf(articles: readonly LabeledArticle[]): Row[] {
  const index = new StoryIndex();
  const storyOfGold = new Map<string, string>();
  const rows: Row[] = [];
  for (const a of articles) {
    const draft = index.analyze(parseClusterArticle(a));
    const copy = index.findCopy(draft);
    if (copy) {
      index.place(draft, copy);
      continue;
    }
    const goldStory = storyOfGold.get(a.story) ?? null;
    // The decision that matters is against the closest wrong stories: easy negatives (other
    // topics) would drown it, so only the HARD_NEGATIVES most alike by text are kept.
    const candidates = index.candidates(draft).filter(joinable);
    for (const c of candidates) if (c.story === goldStory) rows.push({ x: c.features, y: 1 });
    const negatives = candidates
      .filter((c) => c.story !== goldStory)
      .sort((x, y) => (y.features[TEXT] as number) - (x.features[TEXT] as number))
      .slice(0, HARD_NEGATIVES);
    for (const c of negatives) rows.push({ x: c.features, y: 0 });
    const placed = index.placeAt(draft, goldStory);
    storyOfGold.set(a.story, placed.story.id);
  }
  return rows;
}

/** L2-regularized logistic regression by full-batch gradient descent, classes balanced. */
export function fitLogistic(rows: readonly Row[], iterations = 4000, rate = 0.5, l2 = 1e-3) {
  const d = FEATURES.length;
  const w = new Float64Array(d);
  let b = 0;
  const positives = rows.filter((r) => r.y === 1).length;
  const negatives = rows.length - positives;
  const weightOf = (y: number) =>
    y === 1 ? rows.length / (2 * positives) : rows.length / (2 * negatives);
  for (let it = 0; it < iterations; it++) {
    const gw = new Float64Array(d);
    let gb = 0;
    for (const r of rows) {
      let z = b;
      for (let j = 0; j < d; j++) z += (w[j] as number) * (r.x[j] as number);
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - r.y) * weightOf(r.y);
      for (let j = 0; j < d; j++) gw[j] = (gw[j] as number) + g * (r.x[j] as number);
      gb += g;
    }
    for (let j = 0; j < d; j++)
      w[j] = (w[j] as number) - rate * ((gw[j] as number) / rows.length + l2 * (w[j] as number));
    b -= (rate * gb) / rows.length;
  }
  return { weights: [...w].map((x) => Number(x.toFixed(4))), bias: Number(b.toFixed(4)) };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const allTuning = realParts().filter((p) => p.role === "tune");
  const tuning = allTuning.filter((p) => !hasDates(p.articles));
  const dated = allTuning.filter((p) => hasDates(p.articles) && !multilingual(p.articles));
  // Across languages, on the crowded part where there is one (see crowdedParts: a report
  // joined across languages to the wrong one of many English stories counts there).
  const multi = allTuning.filter((p) => multilingual(p.articles));
  const crowded = multi.filter((p) => p.name.startsWith("crowded/"));
  const languages = crowded.length > 0 ? crowded : multi;
  if (tuning.length === 0)
    throw new Error("no undated tuning part found (is ../shared/data/stories there?)");
  const rows = tuning.flatMap((p) => rowsOf(p.articles));
  console.log(`${rows.length} rows, ${rows.filter((r) => r.y === 1).length} positive`);
  const { weights, bias } = fitLogistic(rows);
  console.log("weights", FEATURES.map((f, i) => `${f}=${weights[i]}`).join(" "), "bias", bias);
  const fbeta = (precision: number, recall: number) => {
    const b2 = BETA * BETA;
    return precision + recall === 0
      ? 0
      : ((1 + b2) * precision * recall) / (b2 * precision + recall);
  };
  /** Mean F0.5 over the tuning parts with these thresholds, each part printed. */
  const tune = (threshold: number, mergeThreshold: number): number => {
    const model: PlacementModel = {
      features: [...FEATURES],
      weights,
      bias,
      threshold,
      mergeThreshold,
    };
    let f = 0;
    for (const p of tuning) {
      const gold = new Map(p.articles.map((a) => [a.id, a.story]));
      const s = scoreLabels(gold, predict(p.articles, { model })).pairwise;
      f += fbeta(s.precision, s.recall) / tuning.length;
      console.log(
        `join ${threshold.toFixed(3)} merge ${mergeThreshold.toFixed(3)}  ${p.name}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`,
      );
    }
    return f;
  };
  // Joins first with merging off, then the merge threshold over the chosen joins.
  let best = { threshold: 0.5, mergeThreshold: 1, f: -1 };
  for (let t = 0.3; t < 0.99; t += 0.025) {
    const f = tune(t, 1);
    if (f > best.f) best = { threshold: t, mergeThreshold: 1, f };
  }
  for (let m = 0.5; m < 0.999; m += 0.025) {
    const f = tune(best.threshold, m);
    if (f > best.f) best = { ...best, mergeThreshold: m, f };
  }
  const threshold = Number(best.threshold.toFixed(3));
  const mergeThreshold = Number(best.mergeThreshold.toFixed(3));
  // Stage two: time, on the parts that have it; the undated parts cannot move (daysApart is 0).
  let timeWeight = 0;
  if (dated.length > 0) {
    let bestF = -1;
    let floor: ReturnType<typeof evaluateClustering>["parts"] | null = null;
    for (const w of DAYS_APART_GRID) {
      const trial = [...weights];
      trial[DAYS] = w;
      const model: PlacementModel = {
        features: [...FEATURES],
        weights: trial,
        bias,
        threshold,
        mergeThreshold,
      };
      // AllSides' stories are one day's item (a bill's passage and its next vote are two), so
      // its F0.5 keeps rewarding a harder cut in time, which would split the running stories
      // the portal must keep (day-two follow-ups of the regression sets, the ten-day wildfire
      // of test/running-story.test.ts). A weight that lowers any regression set's pairwise
      // precision or recall is refused.
      const regression = evaluateClustering({ model }).parts;
      floor ??= regression;
      const base = floor;
      const splits = Object.entries(regression).filter(([name, s]) => {
        const b = base[name as keyof typeof base].pairwise;
        return s.pairwise.recall < b.recall - 0.005 || s.pairwise.precision < b.precision - 0.005;
      });
      if (splits.length > 0) {
        console.log(`daysApart ${w}  refused: lowers ${splits.map(([n]) => n).join(", ")}`);
        continue;
      }
      let f = 0;
      for (const p of dated) {
        const gold = new Map(p.articles.map((a) => [a.id, a.story]));
        const s = scoreLabels(gold, predict(p.articles, { model })).pairwise;
        f += fbeta(s.precision, s.recall) / dated.length;
        console.log(
          `daysApart ${w}  ${p.name}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`,
        );
      }
      if (f > bestF) {
        bestF = f;
        timeWeight = w;
      }
    }
  }
  weights[DAYS] = timeWeight;
  // Stage three: across languages, on the parts that have it; the others cannot move.
  if (languages.length > 0) {
    const names = Object.keys(ACROSS_GRID) as (keyof typeof ACROSS_GRID)[];
    const at = names.map((n) => FEATURES.indexOf(n));
    let bestF = -1;
    let chosen = names.map(() => 0);
    const trials: number[][] = [[]];
    for (const n of names)
      trials.splice(
        0,
        trials.length,
        ...trials.flatMap((t) => ACROSS_GRID[n].map((w) => [...t, w])),
      );
    for (const trial of trials) {
      const w = [...weights];
      trial.forEach((v, i) => {
        w[at[i] as number] = v;
      });
      const model: PlacementModel = {
        features: [...FEATURES],
        weights: w,
        bias,
        threshold,
        mergeThreshold,
      };
      let f = 0;
      for (const p of languages) {
        const gold = new Map(p.articles.map((a) => [a.id, a.story]));
        const s = scoreLabels(gold, predict(p.articles, { model })).pairwise;
        f += fbeta(s.precision, s.recall) / languages.length;
        console.log(
          `${names.map((n, i) => `${n} ${trial[i]}`).join(" ")}  ${p.name}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`,
        );
      }
      if (f > bestF) {
        bestF = f;
        chosen = trial;
      }
    }
    chosen.forEach((v, i) => {
      weights[at[i] as number] = v;
    });
  }
  const model = {
    features: [...FEATURES],
    weights,
    bias,
    threshold,
    mergeThreshold,
    fittedOn:
      `${tuning.map((p) => `${p.name} (${p.split})`).join(", ")} by bench/quality/fit-placement.ts; join and merge thresholds: best tuning F${BETA}` +
      (dated.length > 0
        ? `; then daysApart alone on ${dated.map((p) => `${p.name} (${p.split})`).join(", ")}, best F${BETA}`
        : "") +
      (languages.length > 0
        ? `; then the across-languages weights alone on ${languages.map((p) => `${p.name} (${p.split})`).join(", ")}, best F${BETA}`
        : ""),
  };
  console.log(JSON.stringify(model));
  if (process.argv.includes("--write"))
    writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
}
