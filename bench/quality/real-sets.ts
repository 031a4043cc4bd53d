// Real news that nobody here wrote or tuned on, with the split between what may be tuned on
// and what is only reported. See bench/quality/README.md for each set's source and licence.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LabeledArticle } from "./cluster-eval.ts";

export interface RealPart {
  /** "ecbplus/tune" or "ecbplus/report". */
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

interface EcbLine {
  id: string;
  cluster: string;
  topic: number;
  title: string;
  text: string;
  source: string;
  published: string;
}

/** ECB+ in file order (topics in turn, the two events of a topic interleaved), split by topic. */
export function ecbplusParts(file = ECBPLUS_FILE): RealPart[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EcbLine);
  const toArticle = (d: EcbLine): LabeledArticle => ({
    id: d.id,
    title: d.title,
    text: d.text,
    source: d.source,
    published: d.published,
    story: d.cluster,
  });
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

/** Every real set's parts that can be read here. */
export function realParts(): RealPart[] {
  return [...ecbplusParts()];
}
