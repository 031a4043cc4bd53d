import { NAME_CONNECTORS, ORGANISATION_HEADS, TITLE_WORDS } from "./cue-words.ts";
import type { Segment } from "./name-runs.ts";
import type { Token } from "./tokenize.ts";
import { isCommonWord, isDateWord, isGivenName } from "./word-lexicon.ts";

/** Small readings of a run's segments that the classifier and the head-word rules share. */

export type KnownSegment = Extract<Segment, { type: "known" }>;

/** Only "and"/"or" (or nothing: the caller checked the comma) between `end` and `from`. */
export function followsInList(tokens: readonly Token[], end: number, from: number): boolean {
  if (end === from) return true;
  const word = tokens[end] as Token;
  return end + 1 === from && (word.key === "and" || word.key === "or");
}

/** The known segment touching `at` on that side, if there is one. */
export function adjacent(
  segment: Segment | undefined,
  at: number,
  side: "before" | "after",
): KnownSegment | undefined {
  if (segment?.type !== "known") return undefined;
  return (side === "before" ? segment.to === at : segment.from === at) ? segment : undefined;
}

export function wordsOf(tokens: readonly Token[], from: number, to: number): Token[] {
  const words: Token[] = [];
  for (let i = from; i < to; i++) if ((tokens[i] as Token).cap) words.push(tokens[i] as Token);
  return words;
}

/** Drops what only looks like a name at the start: "The", "But", "Most" opening a sentence. */
export function trimLeading(tokens: readonly Token[], segments: readonly Segment[]): Segment[] {
  const out = [...segments];
  const first = out[0];
  if (first?.type !== "unknown") return out;
  let from = first.from;
  while (from < first.to) {
    const token = tokens[from] as Token;
    const leading =
      (NAME_CONNECTORS.has(token.key) && !token.cap) ||
      token.key === "a" ||
      token.key === "an" ||
      (token.initial && (isCommonWord(token.key) || isDateWord(token.key)));
    if (!leading) break;
    from++;
  }
  if (from >= first.to) out.shift();
  else out[0] = { ...first, from };
  return out;
}

/**
 * "Mitsubishi UFJ Financial Group and Sumitomo Mitsui" is two names; "Ministry of Trade and
 * Industry" and "Fish and Wildlife Service" are one: an organisation's head after the "and",
 * or "of"/"for" before it, keeps it whole.
 */
export function splitAtAnd(tokens: readonly Token[], segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.type !== "unknown") {
      out.push(segment);
      continue;
    }
    let from = segment.from;
    for (let i = segment.from; i < segment.to; i++) {
      const token = tokens[i] as Token;
      if (token.key !== "and" && token.key !== "&") continue;
      let headAfter = false;
      for (let j = i + 1; j < segment.to; j++)
        if (ORGANISATION_HEADS.has((tokens[j] as Token).key)) headAfter = true;
      let ofBefore = false;
      for (let j = from; j < i; j++) {
        const key = (tokens[j] as Token).key;
        if (key === "of" || key === "for") ofBefore = true;
      }
      if (headAfter || ofBefore) continue;
      out.push({ type: "unknown", from, to: i });
      from = i + 1;
    }
    const key = (tokens[from] as Token).key;
    if (key === "and" || key === "&") from++;
    out.push({ type: "unknown", from, to: segment.to });
  }
  return out.filter((s) => s.to > s.from);
}

/**
 * The last word of the titles that open a segment ("Deputy Prime Minister", "National
 * Security Adviser"), or -1. The whole segment may be titles ("Speaker" before a known name).
 */
export function lastTitle(tokens: readonly Token[], segment: Segment): number {
  let end = -1;
  let modifiers = 0;
  const limit = Math.min(segment.to, segment.from + 6);
  for (let i = segment.from; i < limit; i++) {
    const token = tokens[i] as Token;
    if (TITLE_WORDS.has(token.key) || token.key.endsWith("-general")) {
      end = i;
      continue;
    }
    if (end !== -1) {
      // "Secretary of State Marco Rubio": small words inside a title.
      if (!token.cap && NAME_CONNECTORS.has(token.key)) continue;
      break;
    }
    if (++modifiers > 2) break;
  }
  if (end === -1) return -1;
  if (end === segment.to - 1 && end > segment.from) {
    // "Annabel Bishop", "John Major", "Kosmos Energy": a word before the "title" and no
    // name after it make the title word part of a name.
    const after = tokens[segment.to];
    const nameFollows = after?.cap === true && after.joined;
    if (!nameFollows || isGivenName((tokens[segment.from] as Token).key)) return -1;
  }
  return end === segment.to - 1 || tokens[end + 1]?.cap ? end : -1;
}
