// Turns the ITN corpus (shizhao/ITN-corpus, corpus/corpus.json at commit b6fb9b7c, CC BY-SA
// 3.0): Wikipedia's "In the news" blurbs in 56 languages, each written by that language's
// editors and keyed by the Wikidata item of the event they bold, as a crawler saw them from
// September 2022 to April 2023, into the real-set JSONL that real-sets.ts reads: one line per
// blurb, the gold story being the item and the episode (below). How and why:
// bench/quality/README.md.
// Run: node --import tsx bench/quality/itn-convert.ts <corpus.json> <out.jsonl>

import { readFileSync, writeFileSync } from "node:fs";

interface Sighting {
  lang?: unknown;
  keyword?: unknown;
  blurb?: unknown;
}

export type Script = "latin" | "cyrillic" | "arabic" | "cjk" | "other";

export interface ItnLine {
  id: string;
  cluster: string;
  /** The Wikidata item the blurb bolds. */
  item: string;
  /** Wikimedia language code of the edition ("en", "pt", "zh-yue"). */
  language: string;
  script: Script;
  title: string;
  text: string;
  source: string;
  published: string;
}

/**
 * The crawler started in September 2022; a few editions (fa, da, azb) carry times from 2018 and
 * 2021 for blurbs of 2023 events: a clock fault, not a publication time. Those are left out.
 */
const CRAWL_START = Date.parse("2022-09-01T00:00:00Z");
/**
 * One item names several events over months (a head of state, a country): its blurbs are cut
 * into episodes where no edition posted a new blurb for this long. Most editions post an
 * event within days of each other; a small one can lag by over a week.
 */
const EPISODE_GAP_MS = 14 * 86_400_000;
/** A later blurb of one edition sharing this share of its letter trigrams is an edit, not news. */
const EDIT_OVERLAP = 0.5;

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
};

/** The blurb as a reader sees it: tags and hidden spans gone, entities decoded. */
export function blurbText(html: string): string {
  return html
    .replace(/<(\w+)[^>]*display:\s*none[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number.parseInt(d, 10)))
    .replace(/&(\w+);/g, (m, name: string) => ENTITIES[name] ?? m)
    .replace(/\s+/g, " ")
    .trim();
}

/** The writing system most of the blurb's letters are in. */
export function scriptOf(text: string): Script {
  const counts: Record<Script, number> = { latin: 0, cyrillic: 0, arabic: 0, cjk: 0, other: 0 };
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) counts.latin++;
    else if (/\p{Script=Cyrillic}/u.test(ch)) counts.cyrillic++;
    else if (/\p{Script=Arabic}/u.test(ch)) counts.arabic++;
    else if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch))
      counts.cjk++;
    else counts.other++;
  }
  let best: Script = "other";
  for (const s of Object.keys(counts) as Script[]) if (counts[s] > counts[best]) best = s;
  return best;
}

function trigrams(text: string): Set<string> {
  const t = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ");
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const g of a) if (b.has(g)) both++;
  return both / Math.min(a.size, b.size);
}

export function convert(raw: string): ItnLine[] {
  const corpus = JSON.parse(raw) as Record<string, Record<string, Sighting>>;
  const blurbs: { at: number; lang: string; text: string; item: string; cluster: string }[] = [];
  for (const item of Object.keys(corpus).sort()) {
    const sightings = Object.entries(corpus[item] ?? {})
      .map(([time, s]) => ({ at: Number(time) * 1000, s }))
      .filter(
        (x): x is { at: number; s: { lang: string; blurb: string } } =>
          Number.isFinite(x.at) &&
          x.at >= CRAWL_START &&
          typeof x.s.lang === "string" &&
          typeof x.s.blurb === "string",
      )
      .map((x) => ({ at: x.at, lang: x.s.lang, text: blurbText(x.s.blurb) }))
      .filter((x) => x.text !== "")
      .sort((a, b) => a.at - b.at || a.lang.localeCompare(b.lang) || a.text.localeCompare(b.text));
    // The crawler sees a blurb every day it stays up, edited now and then (a toll raised,
    // "(pictured)" dropped): only a blurb unlike the edition's earlier ones for this item is new.
    const kept: { at: number; lang: string; text: string }[] = [];
    const earlier = new Map<string, Set<string>[]>();
    for (const x of sightings) {
      const grams = trigrams(x.text);
      const before = earlier.get(x.lang) ?? [];
      if (before.some((g) => overlap(g, grams) >= EDIT_OVERLAP)) continue;
      before.push(grams);
      earlier.set(x.lang, before);
      kept.push(x);
    }
    let episode = 0;
    let last = Number.NEGATIVE_INFINITY;
    for (const x of kept) {
      if (x.at - last > EPISODE_GAP_MS && last !== Number.NEGATIVE_INFINITY) episode++;
      last = x.at;
      blurbs.push({ ...x, item, cluster: `${item}-${episode}` });
    }
  }
  // A blurb that bolds two items (a prize and its laureate) is kept under each: the episodes
  // that share a blurb are one event.
  const parent = new Map<string, string>();
  const root = (c: string): string => {
    let r = c;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    return r;
  };
  const firstWith = new Map<string, string>();
  for (const b of blurbs) {
    const key = `${b.lang}\u0000${b.text}`;
    const other = firstWith.get(key);
    if (other === undefined) firstWith.set(key, b.cluster);
    else {
      const [x, y] = [root(other), root(b.cluster)].sort() as [string, string];
      if (x !== y) parent.set(y, x);
    }
  }
  blurbs.sort((a, b) => a.at - b.at || a.cluster.localeCompare(b.cluster));
  // One blurb per edition and story: a second is the same edition's edit or next move.
  const seen = new Set<string>();
  const out: ItnLine[] = [];
  for (const b of blurbs) {
    const cluster = root(b.cluster);
    if (seen.has(`${cluster}\u0000${b.lang}`)) continue;
    seen.add(`${cluster}\u0000${b.lang}`);
    out.push({
      id: `itn-${cluster}-${b.lang}`,
      cluster,
      item: b.item,
      language: b.lang,
      script: scriptOf(b.text),
      title: b.text,
      text: "",
      source: `${b.lang}.wikipedia.org`,
      published: new Date(b.at).toISOString(),
    });
  }
  out.sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id));
  return out;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [from, to] = process.argv.slice(2);
  if (!from || !to) throw new Error("usage: itn-convert.ts <corpus.json> <out.jsonl>");
  const lines = convert(readFileSync(from, "utf8"));
  writeFileSync(to, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  const stories = new Set(lines.map((l) => l.cluster)).size;
  console.log(`${lines.length} blurbs, ${stories} stories → ${to}`);
}
