import nlp from "compromise";
import type { Unsure } from "./classify-run.ts";
import type { Token } from "./tokenize.ts";
import type { EntityKind } from "./types.ts";

/**
 * Characters of context compromise may tag per article. A call costs ~0.2 ms and ~6 µs a
 * character more, in a stage that has ~1.5 ms: so it sees only short windows around the
 * words no rule could place, headline and lead first (they come first). At 120 characters
 * it named 267 entities the rules miss in ECB+'s 982 texts (2.8% of all found; about three
 * in five real names of the right kind, "Andrew Luck", "Bettie Page", the rest "Rue de
 * Castiglione" as a person); 80 keeps 194 of them at the cost of 43 characters an article
 * on the benchmark's texts instead of 74, and the labelled sets score the same.
 */
export const COMPROMISE_BUDGET = 80;
const WORDS_BEFORE = 4;
const WORDS_AFTER = 2;

/**
 * The hooks `nlp()` runs that a term's tags depend on. The others (chunks, the costliest,
 * then typeahead, freeze, alias, machine, id) add nothing this pass reads: the same tags on
 * every ECB+ text and labelled article, for about half the time.
 */
const TAGGING = ["index", "lexicon", "preTagger", "contractionTwo", "postTagger"];

/** A term as compromise keeps it: `pre + text + post` of all terms rebuild the input. */
interface Term {
  pre?: unknown;
  text?: unknown;
  post?: unknown;
  tags?: unknown;
}

/** For each unsure name, what compromise makes of it in its sentence, or null. */
export function kindsFromCompromise(
  text: string,
  tokens: readonly Token[],
  unsure: readonly Unsure[],
  budget = COMPROMISE_BUDGET,
): (EntityKind | null)[] {
  const windows: string[] = [];
  const targets: { start: number; end: number }[] = [];
  let used = 0;
  for (const item of unsure) {
    let from = item.from;
    while (from > 0 && item.from - from < WORDS_BEFORE && !(tokens[from] as Token).initial) from--;
    let to = item.to;
    while (to < tokens.length && to - item.to < WORDS_AFTER && !(tokens[to] as Token).initial) to++;
    const start = (tokens[from] as Token).start;
    const window = text.slice(start, (tokens[to - 1] as Token).end).replace(/\s+/g, " ");
    if (used + window.length > budget) break;
    const offset = used;
    windows.push(window);
    used += window.length + 1;
    targets.push({
      start: offset + ((tokens[item.from] as Token).start - start),
      end: offset + ((tokens[item.to - 1] as Token).end - start),
    });
  }
  const kinds: (EntityKind | null)[] = unsure.map(() => null);
  if (windows.length === 0) return kinds;
  // `.json({offset: true})` would do the same bookkeeping at several times the cost.
  const doc = nlp.tokenize(windows.join("\n")).compute(TAGGING);
  const sentences = (doc as unknown as { docs?: unknown }).docs;
  const located: { start: number; tags: ReadonlySet<unknown> }[] = [];
  let position = 0;
  for (const sentence of Array.isArray(sentences) ? sentences : []) {
    for (const term of (Array.isArray(sentence) ? sentence : []) as Term[]) {
      const pre = typeof term.pre === "string" ? term.pre : "";
      const word = typeof term.text === "string" ? term.text : "";
      const post = typeof term.post === "string" ? term.post : "";
      located.push({
        start: position + pre.length,
        tags: term.tags instanceof Set ? term.tags : new Set<unknown>(),
      });
      position += pre.length + word.length + post.length;
    }
  }
  targets.forEach((target, index) => {
    const tags = located
      .filter((term) => term.start >= target.start && term.start < target.end)
      .map((term) => term.tags);
    const kind = kindOf(tags);
    // A lone word compromise calls a person is usually a storm, a ship or a brand.
    const item = unsure[index] as Unsure;
    kinds[index] = kind === "person" && item.to - item.from < 2 ? null : kind;
  });
  return kinds;
}

function kindOf(termTags: ReadonlySet<unknown>[]): EntityKind | null {
  if (termTags.length === 0) return null;
  const all = (tag: string) => termTags.every((tags) => tags.has(tag));
  const any = (tag: string) => termTags.some((tags) => tags.has(tag));
  if (any("Organization")) return "organisation";
  if (all("Person")) return "person";
  if (any("Place") && !any("Person")) return "place";
  return null;
}
