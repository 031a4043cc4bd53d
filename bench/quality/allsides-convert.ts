// Turns the AllSides headline-roundup crawl kept with NeuS (Lee et al., NAACL 2022;
// HLTCHKUST/framing-bias-metric, data/raw_crawled/headline_11_2021-10-19_crawled_all.jsonl)
// into the real-set JSONL that real-sets.ts reads: one line per outlet's report, the gold
// story being the AllSides story that grouped it. How and why: bench/quality/README.md.
// Run: node --import tsx bench/quality/allsides-convert.ts <crawl.jsonl> <out.jsonl>

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

interface CrawledReport {
  newsSource?: unknown;
  newsTitle?: unknown;
  newsLink?: unknown;
  newBody?: unknown;
}
interface CrawledStory {
  id: number;
  issue: string;
  topic: string;
  date: string;
  news?: Record<string, CrawledReport> | null;
}

export interface AllSidesLine {
  id: string;
  cluster: string;
  /** When AllSides posted the story (its own time zone kept): the split is drawn on it. */
  storyDate: string;
  topic: string;
  title: string;
  text: string;
  /** The publisher's host name, as ecbplus.jsonl has it. */
  source: string;
  outlet: string;
  url: string;
  published: string;
}

/**
 * A report's date is in its URL for about 40% of them (/2021/10/15/), 0–3 days before the
 * story for nearly all; the crawl has no time of day. Every report is put at noon UTC of that
 * day, or of the story's own day when the URL has none (or one more than 15 days off), so a
 * story's reports do not share an exact time that reports of other stories lack.
 */
const URL_DATE = /\/(20\d\d)[/-](\d\d)[/-](\d\d)(?=[/-]|$|\b)/;
const MAX_LAG_DAYS = 15;

function publishedOf(url: string, storyDate: string): string {
  const storyDay = storyDate.slice(0, 10);
  const m = URL_DATE.exec(url);
  if (m) {
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    const lag = (Date.parse(storyDay) - Date.parse(day)) / 86_400_000;
    if (Number.isFinite(lag) && lag >= 0 && lag <= MAX_LAG_DAYS) return `${day}T12:00:00Z`;
  }
  return `${storyDay}T12:00:00Z`;
}

function host(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

export function convert(raw: string): AllSidesLine[] {
  const stories = raw
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as CrawledStory);
  const out: AllSidesLine[] = [];
  for (const s of stories) {
    for (const [stance, r] of Object.entries(s.news ?? {})) {
      if (typeof r.newsTitle !== "string" || typeof r.newsLink !== "string") continue;
      const paragraphs = Array.isArray(r.newBody)
        ? r.newBody.filter((p): p is string => typeof p === "string")
        : [];
      const source = host(r.newsLink);
      if (source === null) continue;
      out.push({
        id: `allsides-${s.id}-${stance}`,
        cluster: `allsides-${s.id}`,
        storyDate: s.date,
        topic: s.topic,
        title: r.newsTitle.trim(),
        text: paragraphs.map((p) => p.trim()).join("\n\n"),
        source,
        outlet: typeof r.newsSource === "string" ? r.newsSource : source,
        url: r.newsLink,
        published: publishedOf(r.newsLink, s.date),
      });
    }
  }
  // Stream order: by day, and within a day in an order fixed by a hash of the URL, so the
  // reports of one story are interleaved with the day's other stories as a wire would have them.
  const key = (a: AllSidesLine) => createHash("sha1").update(a.url).digest("hex");
  out.sort((a, b) => a.published.localeCompare(b.published) || key(a).localeCompare(key(b)));
  // Two reports were grouped under two stories each: the report stays in the first only.
  const seen = new Set<string>();
  return out.filter((a) => !seen.has(a.url) && seen.add(a.url));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [from, to] = process.argv.slice(2);
  if (!from || !to) throw new Error("usage: allsides-convert.ts <crawl.jsonl> <out.jsonl>");
  const lines = convert(readFileSync(from, "utf8"));
  writeFileSync(to, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  const stories = new Set(lines.map((l) => l.cluster)).size;
  console.log(`${lines.length} reports, ${stories} stories → ${to}`);
}
