// Copy-quality lint: precision and recall per rule against labelled copy, through the same
// code as `dispatch lint` (lintArticle). Parts: clean articles written for this set (every
// finding is a false positive), copies with planted defects marked inline, the clean
// articles of the entities and cluster sets (written by others, so not tuned against), and
// a seeded slice of the demo wire (item-level: its generator knows which defects it
// planted, not where). See bench/quality/README.md and bench/quality/lint/README.md.
//
//   node --import tsx bench/quality/lint-eval.ts [dir] [--verbose]
//
// With `dir`, only that folder is scored (a hidden set in the same format). Exits 1 when
// overall precision < 0.95 or recall < 0.9.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DefectKind } from "../../src/demo/defects.ts";
import { createStoryStream } from "../../src/demo/stories.ts";
import { bodyText } from "../../src/domain/body-text.ts";
import type { LintFinding } from "../../src/domain/enrichment.ts";
import { detectLanguage } from "../../src/enrich/language.ts";
import { lintArticle } from "../../src/enrich/lint/lint.ts";
import { labeledSet } from "./cluster-eval.ts";
import { loadArticles } from "./entities-eval.ts";
import { ecbplusCopies, reviewedGold } from "./lint-ecbplus.ts";
import { plantedCopies } from "./lint-plant.ts";
import { ECBPLUS_FILE, ECBPLUS_LAST_TUNING_TOPIC } from "./real-sets.ts";

export const LINT_DIR = fileURLToPath(new URL("./lint/", import.meta.url));
export const RULE_IDS = [
  "foreign-fragment",
  "repeated-passage",
  "sentence-break",
  "quote-balance",
  "truncated",
  "boilerplate",
] as const;
export const PRECISION_TARGET = 0.95;
/** Copies of the reported ECB+ topics (36–45), whose errors --verbose keeps hidden. */
const REPORTED = {
  has: (id: string) => {
    const topic = /^ecbplus\/(\d+)_/.exec(id)?.[1];
    return topic !== undefined && Number(topic) > ECBPLUS_LAST_TUNING_TOPIC;
  },
};
export const RECALL_TARGET = 0.9;

export interface GoldDefect {
  rule: string;
  start: number;
  end: number;
  /** For foreign-fragment: the language the passage is in. */
  language?: string;
  /** How a planted defect was made ("reworded-number"), for recall by kind. */
  variant?: string;
}

export interface LabelledCopy {
  id: string;
  headline: string;
  text: string;
  defects: GoldDefect[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
}

export interface Miss {
  id: string;
  kind: "missed" | "spurious";
  rule: string;
  text: string;
}

export interface PartScore {
  copies: number;
  overall: Score;
  rules: Record<string, Score>;
  /** Recall by how the planted defects were made ("reworded-number"), where they say. */
  variants: Record<string, Score>;
}

export interface LintEvaluation {
  /** Pooled over the parts written or generated here (not the real-copy parts). */
  overall: Score;
  rules: Record<string, Score>;
  parts: Record<string, PartScore>;
  /** Real copy (ECB+), each part on its own: tuning topics and reported topics apart. */
  real: Record<string, PartScore>;
  /** Real sets whose file is not here, with where they were looked for. */
  missing: string[];
  errors: Miss[];
}

// ⟦rule|passage⟧ or ⟦foreign-fragment:es|passage⟧: the passage stays in the text, labelled.
const MARK = /⟦([a-z-]+)(?::([a-z]{2,3}))?\|([^⟧]*)⟧/g;

/** Plain text and gold spans from copy with inline labels. */
export function parseMarked(source: string): { text: string; defects: GoldDefect[] } {
  const defects: GoldDefect[] = [];
  let text = "";
  let last = 0;
  for (const m of source.matchAll(MARK)) {
    text += source.slice(last, m.index);
    const passage = m[3] ?? "";
    defects.push({
      rule: m[1] ?? "",
      start: text.length,
      end: text.length + passage.length,
      ...(m[2] ? { language: m[2] } : {}),
    });
    text += passage;
    last = (m.index ?? 0) + m[0].length;
  }
  return { text: text + source.slice(last), defects };
}

/**
 * Every labelled copy under `dir`: `*.txt` (an optional `# headline` line, then the text
 * with inline labels) and `*.json` (`{id?, headline?, text, defects: [{rule, start, end,
 * language?}]}`), in path order.
 */
export function loadCopies(dir: string): LabelledCopy[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".txt") || file.endsWith(".json"))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(dir, file), "utf8");
      if (file.endsWith(".json")) {
        const v = JSON.parse(source) as Partial<LabelledCopy>;
        if (typeof v.text !== "string") throw new Error(`${file}: expected {text, defects}`);
        return {
          id: v.id ?? file,
          headline: v.headline ?? "",
          text: v.text,
          defects: v.defects ?? [],
        };
      }
      const heading = /^# (.*)\n+/.exec(source);
      const body = heading ? source.slice(heading[0].length) : source;
      const { text, defects } = parseMarked(body.trim());
      return { id: file, headline: heading?.[1] ?? "", text, defects };
    });
}

/** Clean news copy from the entities and cluster sets: any finding there is spurious. */
export function borrowedCopies(): LabelledCopy[] {
  const entities = loadArticles().map((a) => ({
    id: `entities/${a.id}`,
    headline: a.headline,
    text: a.text,
    defects: [],
  }));
  const cluster = [...labeledSet("labeled"), ...labeledSet("holdout")].map((a) => ({
    id: `cluster/${a.id}`,
    headline: a.title,
    text: a.text,
    defects: [],
  }));
  return [...entities, ...cluster];
}

const overlaps = (f: LintFinding, g: GoldDefect) => f.start < g.end && g.start < f.end;

/** Span-level counts: a finding is right when it overlaps a gold defect of its rule. */
export function scoreCopy(
  copy: LabelledCopy,
  errors: Miss[] = [],
  variants?: Record<string, Counts>,
  /** Findings (`rule|text`) already scored on the unplanted original: counted there, not here. */
  known?: ReadonlySet<string>,
): Record<string, Counts> {
  const counts = emptyCounts();
  const result = lintArticle({ headline: copy.headline, standfirst: null, text: copy.text });
  const matched = new Set<GoldDefect>();
  for (const f of result.findings) {
    if (known?.has(`${f.rule}|${f.text}`) && !copy.defects.some((g) => overlaps(f, g))) continue;
    const c = countsFor(counts, f.rule);
    const language = result.fragments.find((x) => x.start === f.start && x.end === f.end)?.language;
    const candidates = copy.defects.filter(
      (g) =>
        g.rule === f.rule &&
        overlaps(f, g) &&
        (g.language === undefined || f.rule !== "foreign-fragment" || g.language === language),
    );
    const fresh = candidates.find((g) => !matched.has(g));
    if (fresh !== undefined) {
      matched.add(fresh);
      c.tp++;
    } else if (candidates.length === 0) {
      c.fp++;
      errors.push({ id: copy.id, kind: "spurious", rule: f.rule, text: f.text });
    }
  }
  for (const g of copy.defects) {
    if (variants !== undefined && g.variant !== undefined) {
      const v = countsFor(variants, g.variant);
      if (matched.has(g)) v.tp++;
      else v.fn++;
    }
    if (matched.has(g)) continue;
    countsFor(counts, g.rule).fn++;
    errors.push({
      id: copy.id,
      kind: "missed",
      rule: g.rule,
      text: copy.text.slice(g.start, g.end),
    });
  }
  return counts;
}

/** The rules the demo wire's planted faults should trigger (a cut quote unbalances quotes). */
const DEMO_RULES: Readonly<Record<DefectKind, readonly string[]>> = {
  untranslated: ["foreign-fragment"],
  repeated: ["repeated-passage", "quote-balance"],
  "stray-stop": ["sentence-break"],
  "stray-quote": ["quote-balance"],
  boilerplate: ["boilerplate", "truncated"],
};
const DEMO_PRIMARY: Readonly<Record<DefectKind, string>> = {
  untranslated: "foreign-fragment",
  repeated: "repeated-passage",
  "stray-stop": "sentence-break",
  "stray-quote": "quote-balance",
  boilerplate: "boilerplate",
};
export const DEMO_SEED = 20260301;
export const DEMO_ITEMS = 400;

/**
 * Item-level counts on the demo wire: a planted fault is found when the item has a finding
 * of a rule it should trigger; a finding is spurious when no fault planted in its item
 * explains it.
 */
export function scoreDemo(
  errors: Miss[] = [],
  seed = DEMO_SEED,
  n = DEMO_ITEMS,
): Record<string, Counts> {
  const counts = emptyCounts();
  let at = Date.parse("2026-03-01T06:00:00Z");
  const stream = createStoryStream(seed, () => new Date(at));
  for (let i = 0; i < n; i++) {
    const item = stream.next();
    at += 15 * 60_000;
    const { findings } = lintArticle({
      headline: item.title,
      standfirst: null,
      text: bodyText(item.html),
    });
    const allowed = new Set(item.defects.flatMap((kind) => DEMO_RULES[kind]));
    for (const f of findings) {
      if (allowed.has(f.rule)) continue;
      countsFor(counts, f.rule).fp++;
      errors.push({ id: `demo/${item.id}`, kind: "spurious", rule: f.rule, text: f.text });
    }
    for (const kind of item.defects) {
      const c = countsFor(counts, DEMO_PRIMARY[kind]);
      if (findings.some((f) => DEMO_RULES[kind].includes(f.rule))) c.tp++;
      else {
        c.fn++;
        errors.push({
          id: `demo/${item.id}`,
          kind: "missed",
          rule: DEMO_PRIMARY[kind],
          text: kind,
        });
      }
    }
  }
  return counts;
}

/**
 * Scores every part (or only `dir`), pooled: true and false positives and misses are summed
 * over the parts, then precision and recall are taken per rule and overall. The real-copy
 * parts (ECB+: its originals, and the same texts with defects planted) are scored apart,
 * the tuning topics (1–35) and the reported ones (36–45) each on their own, and never pooled.
 */
export function run(options: { dir?: string; real?: boolean } = {}): LintEvaluation {
  const errors: Miss[] = [];
  const partCounts: Record<
    string,
    { copies: number; counts: Record<string, Counts>; variants: Record<string, Counts> }
  > = {};
  const realCounts: typeof partCounts = {};
  const missing: string[] = [];
  // The real originals' findings, by copy: a planted copy is scored on what planting changed.
  const originals = new Map<string, Set<string>>();
  const addCopies = (name: string, copies: readonly LabelledCopy[], into = partCounts) => {
    const counts = emptyCounts();
    const variants: Record<string, Counts> = {};
    for (const copy of copies) {
      const source = copy.id.replace(/^planted\/[^/]+\//, "");
      add(counts, scoreCopy(copy, errors, variants, originals.get(source)));
    }
    into[name] = { copies: copies.length, counts, variants };
  };
  if (options.dir !== undefined) {
    addCopies(path.basename(path.resolve(options.dir)), loadCopies(options.dir));
  } else {
    const clean = loadCopies(path.join(LINT_DIR, "clean"));
    const borrowed = borrowedCopies();
    addCopies("clean", clean);
    addCopies("defects", loadCopies(path.join(LINT_DIR, "defects")));
    addCopies("blind", loadCopies(path.join(LINT_DIR, "blind")));
    addCopies("borrowed", borrowed);
    addCopies(
      "planted",
      plantedCopies(
        [...clean, ...borrowed].filter((c) => detectLanguage(c) === "en"),
        undefined,
        { reworded: true },
      ),
    );
    partCounts.demo = { copies: DEMO_ITEMS, counts: scoreDemo(errors), variants: {} };
  }
  if (options.dir === undefined && options.real !== false) {
    const sets = ecbplusCopies();
    if (sets.length === 0)
      missing.push(`ecbplus: ${ECBPLUS_FILE} not found (name it with DISPATCH_ECBPLUS)`);
    for (const set of sets) {
      const role = set.role === "tune" ? "tune" : "report";
      addCopies(`ecbplus-clean/${role}`, set.copies, realCounts);
      for (const copy of set.copies) {
        const { findings } = lintArticle({
          headline: copy.headline,
          standfirst: null,
          text: copy.text,
        });
        originals.set(copy.id, new Set(findings.map((f) => `${f.rule}|${f.text}`)));
      }
      addCopies(
        `ecbplus-planted/${role}`,
        plantedCopies(set.copies, ECBPLUS_PLANT_SEED, {
          reworded: true,
          keep: (source, text) => reviewedGold(source.id, text, undefined, false),
        }),
        realCounts,
      );
    }
  }
  const total = emptyCounts();
  const parts: LintEvaluation["parts"] = {};
  for (const [name, part] of Object.entries(partCounts)) {
    add(total, part.counts);
    parts[name] = partScore(part);
  }
  const real: LintEvaluation["real"] = {};
  for (const [name, part] of Object.entries(realCounts)) real[name] = partScore(part);
  return { ...summarize(total), parts, real, missing, errors };
}

export const ECBPLUS_PLANT_SEED = 20241207;

function partScore(part: {
  copies: number;
  counts: Record<string, Counts>;
  variants: Record<string, Counts>;
}): PartScore {
  return {
    copies: part.copies,
    ...summarize(part.counts),
    variants: Object.fromEntries(Object.entries(part.variants).map(([k, c]) => [k, score(c)])),
  };
}

function emptyCounts(): Record<string, Counts> {
  return Object.fromEntries(RULE_IDS.map((rule) => [rule, { tp: 0, fp: 0, fn: 0 }]));
}

function countsFor(counts: Record<string, Counts>, rule: string): Counts {
  counts[rule] ??= { tp: 0, fp: 0, fn: 0 };
  return counts[rule];
}

function add(into: Record<string, Counts>, from: Record<string, Counts>): void {
  for (const [rule, c] of Object.entries(from)) {
    const target = countsFor(into, rule);
    target.tp += c.tp;
    target.fp += c.fp;
    target.fn += c.fn;
  }
}

function score(c: Counts): Score {
  return {
    ...c,
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  };
}

function summarize(counts: Record<string, Counts>): {
  overall: Score;
  rules: Record<string, Score>;
} {
  const all = { tp: 0, fp: 0, fn: 0 };
  const rules: Record<string, Score> = {};
  for (const [rule, c] of Object.entries(counts)) {
    rules[rule] = score(c);
    all.tp += c.tp;
    all.fp += c.fp;
    all.fn += c.fn;
  }
  return { overall: score(all), rules };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith("--"));
  const result = run(dir === undefined ? {} : { dir });
  if (args.includes("--verbose")) {
    // The reported ECB+ topics' errors stay hidden unless asked for: they are not tuned on.
    const shown = result.errors.filter(
      (e) => args.includes("--show-report") || !REPORTED.has(e.id.replace(/^planted\/[^/]+\//, "")),
    );
    for (const e of shown)
      console.log(
        `${e.kind.padEnd(8)} ${e.rule.padEnd(16)} ${e.id}: ${JSON.stringify(e.text.slice(0, 120))}`,
      );
  }
  const row = (name: string, s: Score) =>
    `${name.padEnd(18)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(7)}   ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`;
  const table = (rules: Record<string, Score>, overall: Score) => {
    console.log(`${"rule".padEnd(18)} precision  recall     tp   fp   fn`);
    for (const [rule, s] of Object.entries(rules)) console.log(row(rule, s));
    console.log(row("overall", overall));
  };
  for (const [name, part] of Object.entries(result.parts)) {
    console.log(
      `${name} (${part.copies} copies): precision ${part.overall.precision.toFixed(3)}, recall ${part.overall.recall.toFixed(3)}`,
    );
  }
  console.log("\npooled over the parts above:");
  table(result.rules, result.overall);
  const reworded = result.parts.planted?.variants ?? {};
  for (const [variant, s] of Object.entries(reworded)) console.log(row(`  ${variant}`, s));
  for (const line of result.missing) console.log(`\n${line}; real-copy parts skipped`);
  for (const [name, part] of Object.entries(result.real)) {
    const split = name.endsWith("/tune") ? "topics 1–35, tuned on" : "topics 36–45, reported only";
    console.log(`\n${name} (${split}; ${part.copies} copies):`);
    table(part.rules, part.overall);
    for (const [variant, s] of Object.entries(part.variants)) console.log(row(`  ${variant}`, s));
  }
  const pass =
    result.overall.precision >= PRECISION_TARGET && result.overall.recall >= RECALL_TARGET;
  console.log(
    `\ntargets (pooled parts): precision ≥ ${PRECISION_TARGET}, recall ≥ ${RECALL_TARGET}: ${pass ? "met" : "MISSED"}`,
  );
  process.exitCode = pass ? 0 : 1;
}
