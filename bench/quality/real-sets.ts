// Real news that nobody here wrote or tuned on, with the split between what may be tuned on
// and what is only reported. See bench/quality/README.md for each set's source and licence.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LabeledArticle } from "./cluster-eval.ts";

export interface RealPart {
  /** "<set>/tune" or "<set>/report": "ecbplus/report", "allsides/tune". */
  name: string;
  role: "tune" | "report";
  /** Where the split is drawn, for the printed table. */
  split: string;
  articles: LabeledArticle[];
}

/** shared/ sits beside the repository (as CI lays it out too). */
// The shared data sit beside the checkout on the workplace's machines; a checkout elsewhere
// (a CI clone in a temp folder) finds them at their usual place, or names them itself.
const ECBPLUS_PLACES = [
  process.env.DISPATCH_ECBPLUS,
  fileURLToPath(new URL("../../../shared/data/stories/ecbplus.jsonl", import.meta.url)),
  "/work/shared/data/stories/ecbplus.jsonl",
].filter((p): p is string => typeof p === "string" && p !== "");
export const ECBPLUS_FILE =
  ECBPLUS_PLACES.find((p) => existsSync(p)) ?? (ECBPLUS_PLACES[0] as string);
/** Tune on topics 1–35, report only on 36–45: never tune on the second. */
export const ECBPLUS_LAST_TUNING_TOPIC = 35;

/** The fields every converted set's line carries, besides its own. */
interface SetLine {
  id: string;
  cluster: string;
  title: string;
  text: string;
  source: string;
  published: string;
  language?: string;
}

/** One converted set's lines, in file order. */
function readLines<T extends SetLine>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as T);
}

/** A line as the clusterer reads it, with its gold story (and language, where named). */
function toArticle(d: SetLine): LabeledArticle {
  return {
    id: d.id,
    title: d.title,
    text: d.text,
    source: d.source,
    published: d.published,
    story: d.cluster,
    ...(d.language === undefined ? {} : { language: d.language }),
  };
}

interface EcbLine extends SetLine {
  topic: number;
}

/** ECB+ in file order (topics in turn, the two events of a topic interleaved), split by topic. */
export function ecbplusParts(file = ECBPLUS_FILE): RealPart[] {
  if (!existsSync(file)) return [];
  const lines = readLines<EcbLine>(file);
  return [
    {
      name: "ecbplus/tune",
      role: "tune",
      split: `topics 1–${ECBPLUS_LAST_TUNING_TOPIC}`,
      articles: lines.filter((d) => d.topic <= ECBPLUS_LAST_TUNING_TOPIC).map(toArticle),
    },
    {
      name: "ecbplus/report",
      role: "report",
      split: `topics ${ECBPLUS_LAST_TUNING_TOPIC + 1}–45`,
      articles: lines.filter((d) => d.topic > ECBPLUS_LAST_TUNING_TOPIC).map(toArticle),
    },
  ];
}

// AllSides roundups as crawled for NeuS (Lee et al., NAACL 2022): each story is one day's news
// item with two or three outlets' headline and first paragraphs. Converted from the crawl by
// allsides-convert.ts; like ECB+ it is kept outside the repository (the texts are the outlets').
const ALLSIDES_PLACES = [
  process.env.DISPATCH_ALLSIDES,
  fileURLToPath(new URL("../../../shared/data/stories/allsides.jsonl", import.meta.url)),
  "/work/shared/data/stories/allsides.jsonl",
].filter((p): p is string => typeof p === "string" && p !== "");
export const ALLSIDES_FILE =
  ALLSIDES_PLACES.find((p) => existsSync(p)) ?? (ALLSIDES_PLACES[0] as string);
/** Tune on stories AllSides posted before this day (its own time zone); report on the rest. */
export const ALLSIDES_FIRST_REPORTED_DAY = "2021-08-01";

interface AllSidesLine extends SetLine {
  storyDate: string;
}

/**
 * AllSides in stream order (by day, the day's reports interleaved), split by when the story
 * was posted: every story wholly on one side, the reported part entirely later than the tuning.
 */
export function allsidesParts(file = ALLSIDES_FILE): RealPart[] {
  if (!existsSync(file)) return [];
  const lines = readLines<AllSidesLine>(file);
  const reported = (d: AllSidesLine) => d.storyDate.slice(0, 10) >= ALLSIDES_FIRST_REPORTED_DAY;
  return [
    {
      name: "allsides/tune",
      role: "tune",
      split: `stories posted 2021-04-22 to ${dayBefore(ALLSIDES_FIRST_REPORTED_DAY)}`,
      articles: lines.filter((d) => !reported(d)).map(toArticle),
    },
    {
      name: "allsides/report",
      role: "report",
      split: `stories posted ${ALLSIDES_FIRST_REPORTED_DAY} to 2021-10-18`,
      articles: lines.filter(reported).map(toArticle),
    },
  ];
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

// Wikipedia's "In the news" blurbs (shizhao/ITN-corpus, CC BY-SA 3.0): one event told by each
// language's editors in their own words, keyed by the event's Wikidata item. Converted by
// itn-convert.ts; kept outside the repository (data fetched from a snapshot is not committed).
const ITN_PLACES = [
  process.env.DISPATCH_ITN,
  fileURLToPath(new URL("../../../shared/data/stories/itn.jsonl", import.meta.url)),
  "/work/shared/data/stories/itn.jsonl",
].filter((p): p is string => typeof p === "string" && p !== "");
export const ITN_FILE = ITN_PLACES.find((p) => existsSync(p)) ?? (ITN_PLACES[0] as string);
/** Tune on stories whose first blurb came before this day (UTC); report on the later ones. */
export const ITN_FIRST_REPORTED_DAY = "2023-01-01";
/**
 * Names, places and figures can bridge languages only where they are spelled in one script:
 * the set is the Latin-script editions (20 of them, English one of many).
 */
export const ITN_SCRIPTS: readonly string[] = ["latin"];

interface ItnLine extends SetLine {
  language: string;
  script: string;
}

/** ITN in time order, split by when each story's first blurb was seen: no story on both sides. */
export function itnParts(file = ITN_FILE, scripts: readonly string[] = ITN_SCRIPTS): RealPart[] {
  if (!existsSync(file)) return [];
  const lines = readLines<ItnLine>(file).filter((d) => scripts.includes(d.script));
  const firstDay = new Map<string, string>();
  for (const d of lines) {
    const day = d.published.slice(0, 10);
    const known = firstDay.get(d.cluster);
    if (known === undefined || day < known) firstDay.set(d.cluster, day);
  }
  const reported = (d: ItnLine) => (firstDay.get(d.cluster) as string) >= ITN_FIRST_REPORTED_DAY;
  const name = scripts.length === 1 && scripts[0] === "latin" ? "itn" : "itn-all-scripts";
  return [
    {
      name: `${name}/tune`,
      role: "tune",
      split: `stories first seen 2022-09-01 to ${dayBefore(ITN_FIRST_REPORTED_DAY)}`,
      articles: lines.filter((d) => !reported(d)).map(toArticle),
    },
    {
      name: `${name}/report`,
      role: "report",
      split: `stories first seen ${ITN_FIRST_REPORTED_DAY} to 2023-04-14`,
      articles: lines.filter(reported).map(toArticle),
    },
  ];
}

/** The real sets whose file is not here, with where it was looked for and how to name it. */
export function missingRealSets(): { set: string; file: string; variable: string }[] {
  return [
    { set: "ecbplus", file: ECBPLUS_FILE, variable: "DISPATCH_ECBPLUS" },
    { set: "allsides", file: ALLSIDES_FILE, variable: "DISPATCH_ALLSIDES" },
    { set: "itn", file: ITN_FILE, variable: "DISPATCH_ITN" },
  ].filter((s) => !existsSync(s.file));
}

/** Every real set's parts that can be read here, and the crowded parts made of them. */
export function realParts(): RealPart[] {
  const parts = [...ecbplusParts(), ...allsidesParts(), ...itnParts()];
  return [...parts, ...crowdedParts(parts)];
}

/**
 * ITN's few events a week leave a report in another language little to join wrongly: a
 * portal holds hundreds of English stories open beside it. A crowded part is one ITN part
 * with the English sets' part of the same role (tuning with tuning, reported with reported)
 * moved into its weeks as distractors: AllSides' days mapped in order onto ITN's span, ECB+'s
 * topics (one date for every document) laid out one after another across it. Gold keeps
 * every set's own stories apart; the distractors are labelled English. A report of ITN
 * joined to an English story of another set counts against precision.
 */
export function crowdedParts(parts: readonly RealPart[]): RealPart[] {
  const out: RealPart[] = [];
  for (const role of ["tune", "report"] as const) {
    const itn = parts.find((p) => p.name === `itn/${role}`);
    const english = parts.filter((p) => p.role === role && !p.name.startsWith("itn"));
    if (itn === undefined || english.length === 0 || itn.articles.length === 0) continue;
    const times = itn.articles.map((a) => Date.parse(a.published));
    const start = Math.min(...times);
    const span = Math.max(...times) - start;
    const moved = english.flatMap((p) => {
      const own = p.articles.map((a) => Date.parse(a.published));
      const from = Math.min(...own);
      const width = Math.max(...own) - from;
      // Undated (one time for all): spread in file order, which keeps a topic together.
      return p.articles.map((a, i) => ({
        ...a,
        id: `${p.name}:${a.id}`,
        story: `${p.name}:${a.story}`,
        language: "en",
        published: new Date(
          start +
            (width > 0
              ? ((Date.parse(a.published) - from) / width) * span
              : (i / p.articles.length) * span),
        ).toISOString(),
      }));
    });
    const articles = [...itn.articles, ...moved].sort(
      (a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id),
    );
    out.push({
      name: `crowded/${role}`,
      role,
      split: `itn/${role} with ${english.map((p) => p.name).join(" and ")} moved into its weeks`,
      articles,
    });
  }
  return out;
}
