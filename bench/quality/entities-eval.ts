import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractEntities } from "../../src/enrich/entities/extract-entities.ts";
import { gazetteer } from "../../src/enrich/entities/gazetteer.ts";
import type { Entities, Entity } from "../../src/enrich/entities/types.ts";

/**
 * Precision, recall and F1 of `extractEntities` against hand-labelled articles
 * (bench/quality/entities/README.md says how they were made). A predicted entity matches a
 * gold one of the same kind when any of its names — canonical, the forms the article used,
 * or the gazetteer's other names for it — equals any of the gold's names, ignoring case and
 * accents. Each gold entity matches at most one prediction.
 *
 *   node --import tsx bench/quality/entities-eval.ts [dir] [--verbose]
 *
 * `dir` defaults to all of bench/quality/entities/; a hidden set in the same JSON shape can
 * be scored by passing its folder.
 */

/** Every labelled set: tuning/, blind-2/, blind-3/ (see entities/README.md). */
export const ARTICLES_DIR = fileURLToPath(new URL("./entities/", import.meta.url));

const KINDS = ["people", "places", "organisations"] as const;
type KindKey = (typeof KINDS)[number];

export interface Score {
  kind: KindKey | "overall";
  precision: number;
  recall: number;
  f1: number;
}

interface GoldEntity {
  name: string;
  aliases?: string[];
}

export interface LabelledArticle {
  id: string;
  headline: string;
  standfirst?: string;
  text: string;
  gold: Record<KindKey, GoldEntity[]>;
}

export interface ArticleErrors {
  id: string;
  kind: KindKey;
  missed: string[];
  spurious: string[];
}

/** Every `*.json` under `dir`, in subfolders too, in path order. */
export function loadArticles(dir = ARTICLES_DIR): LabelledArticle[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => parseArticle(JSON.parse(readFileSync(path.join(dir, file), "utf8")), file));
}

function parseArticle(value: unknown, file: string): LabelledArticle {
  const v = value as Partial<LabelledArticle> | null;
  if (!v || typeof v.headline !== "string" || typeof v.text !== "string" || !v.gold) {
    throw new Error(`${file}: expected {headline, text, gold: {people, places, organisations}}`);
  }
  const gold = {} as Record<KindKey, GoldEntity[]>;
  for (const kind of KINDS) {
    gold[kind] = (v.gold[kind] ?? []).map((g) => (typeof g === "string" ? { name: g } : g));
  }
  return {
    id: v.id ?? file,
    headline: v.headline,
    ...(typeof v.standfirst === "string" ? { standfirst: v.standfirst } : {}),
    text: v.text,
    gold,
  };
}

export function evaluateEntities(dir = ARTICLES_DIR): Score[] {
  return score(loadArticles(dir)).scores;
}

export function score(articles: readonly LabelledArticle[]): {
  scores: Score[];
  errors: ArticleErrors[];
} {
  const counts = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<
    KindKey,
    { tp: number; fp: number; fn: number }
  >;
  const errors: ArticleErrors[] = [];
  for (const article of articles) {
    const predicted: Entities = extractEntities({
      headline: article.headline,
      standfirst: article.standfirst ?? null,
      text: article.text,
    });
    for (const kind of KINDS) {
      const result = compare(predicted[kind], article.gold[kind]);
      counts[kind].tp += result.tp;
      counts[kind].fp += result.spurious.length;
      counts[kind].fn += result.missed.length;
      if (result.spurious.length > 0 || result.missed.length > 0) {
        errors.push({ id: article.id, kind, missed: result.missed, spurious: result.spurious });
      }
    }
  }
  const scores: Score[] = KINDS.map((kind) => metrics(kind, counts[kind]));
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const kind of KINDS) {
    total.tp += counts[kind].tp;
    total.fp += counts[kind].fp;
    total.fn += counts[kind].fn;
  }
  scores.push(metrics("overall", total));
  return { scores, errors };
}

function compare(
  predicted: readonly Entity[],
  gold: readonly GoldEntity[],
): { tp: number; missed: string[]; spurious: string[] } {
  const unmatched = new Set(gold.map((_, index) => index));
  const spurious: string[] = [];
  let tp = 0;
  for (const entity of predicted) {
    const names = new Set([entity.name, ...entity.aliases, ...knownAliases(entity.name)].map(fold));
    const hit = [...unmatched].find((index) => {
      const g = gold[index] as GoldEntity;
      return [g.name, ...(g.aliases ?? [])].some((name) => names.has(fold(name)));
    });
    if (hit === undefined) spurious.push(entity.name);
    else {
      unmatched.delete(hit);
      tp++;
    }
  }
  return { tp, missed: [...unmatched].map((index) => (gold[index] as GoldEntity).name), spurious };
}

function knownAliases(name: string): readonly string[] {
  return gazetteer().byName.get(name.toLowerCase())?.aliases ?? [];
}

function fold(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

function metrics(kind: Score["kind"], c: { tp: number; fp: number; fn: number }): Score {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { kind, precision, recall, f1 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith("--")) ?? ARTICLES_DIR;
  const articles = loadArticles(dir);
  const { scores, errors } = score(articles);
  if (args.includes("--verbose")) {
    for (const e of errors) {
      console.log(
        `${e.id} ${e.kind}: missed [${e.missed.join("; ")}] spurious [${e.spurious.join("; ")}]`,
      );
    }
  }
  console.log(`${articles.length} articles from ${dir}`);
  console.log("kind           precision  recall  f1");
  for (const s of scores) {
    console.log(
      `${s.kind.padEnd(14)} ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}  ${s.f1.toFixed(3)}`,
    );
  }
}
