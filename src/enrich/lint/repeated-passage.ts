import type { LintFinding } from "../../domain/enrichment.ts";
import type { Span } from "../text-spans.ts";
import { excerpt, finding, type LintContext } from "./context.ts";

/**
 * `repeated-passage`: a sentence that says again, word for word or nearly, what an earlier
 * sentence of the same article said, as when copy is pasted twice or a rewrite leaves the
 * old version in ("Russia is the main creditor of Belarus, and these days…" then "Russia is
 * Belarus's main creditor, and these days…").
 *
 * A later sentence counts as a repeat when most of its words sit in three-word sequences
 * that also occur in one earlier sentence, or when it shares a long run of words with one.
 * Short sentences ("He declined to comment.") are never compared: news repeats those
 * legitimately. Consecutive repeated sentences in a paragraph make one finding.
 */

const MIN_WORDS = 6;
/**
 * Share of the later sentence's words found in three-word runs of one earlier sentence.
 * Short sentences must match whole: "We don't want to be Americans." and "…to be Danes."
 * is rhetoric, not a repeat.
 */
function coverageNeeded(words: number): number {
  if (words < 10) return 1;
  return words < 15 ? 0.85 : 0.7;
}
/** Reworded repeats: every word found again, half of them in the same three-word runs. */
const REWORDED_MIN_WORDS = 8;
const REWORDED_COVERAGE = 0.5;
/** A run of this many shared words is a repeat whatever the sentences' lengths. */
const LONG_RUN = 12;
/** Share of the later sentence's words the earlier one has: from here, deleting loses nothing. */
const SAFE_TO_DELETE = 0.9;

interface Unit {
  span: Span;
  paragraph: number;
  tokens: number[];
}

interface Repeat {
  span: Span;
  paragraph: number;
  of: Span;
  /** Share of the repeat's words that the earlier passage also has. */
  contained: number;
}

// Runs of anything but white space and punctuation (ASCII, Latin-1, general, CJK): words
// and numbers in any script, without the cost of Unicode property classes.
const TOKEN = /[^\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]+/g;
/**
 * A three-word run as a 30-bit hash: a small integer keeps the maps fast, and a rare
 * collision can only add one shared run to a comparison.
 */
function runKey(a: number, b: number, c: number): number {
  return (
    (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b) ^ Math.imul(c + 2, 0xc2b2ae35)) &
    0x3fffffff
  );
}

export function repeatedPassage(context: LintContext): LintFinding[] {
  const { text } = context;
  const units: Unit[] = [];
  // Three-word run → the sentences it occurs in, in order.
  const postings = new Map<number, number[]>();
  const ids = new Map<string, number>();
  const repeats: Repeat[] = [];
  for (let paragraph = 0; paragraph < context.sentences.length; paragraph++) {
    for (const span of context.sentences[paragraph] ?? []) {
      const words = text.slice(span.start, span.end).toLowerCase().match(TOKEN) ?? [];
      const tokens: number[] = new Array(words.length);
      for (let j = 0; j < words.length; j++) {
        const word = words[j] as string;
        let id = ids.get(word);
        if (id === undefined) {
          id = ids.size;
          ids.set(word, id);
        }
        tokens[j] = id;
      }
      const grams: number[] = [];
      for (let j = 0; j + 2 < tokens.length; j++) {
        grams.push(runKey(tokens[j] as number, tokens[j + 1] as number, tokens[j + 2] as number));
      }
      if (tokens.length >= MIN_WORDS) {
        const best = bestMatch(grams, tokens, postings, units);
        if (best !== null) {
          repeats.push({
            span,
            paragraph,
            of: best.span,
            contained: containment(tokens, best.tokens),
          });
        }
      }
      const id = units.length;
      units.push({ span, paragraph, tokens });
      for (const gram of grams) {
        const list = postings.get(gram);
        if (list === undefined) postings.set(gram, [id]);
        else if (list[list.length - 1] !== id) list.push(id);
      }
    }
  }
  return merge(repeats, context).map(({ span, of, contained }) =>
    finding(
      context,
      "repeated-passage",
      "warning",
      span,
      `Repeats an earlier passage ("${excerpt(text.slice(of.start, of.end))}"): delete the repeat, or keep only what is new in it.`,
      contained >= SAFE_TO_DELETE ? "" : null,
    ),
  );
}

/** Share of `tokens` that `other` also has. */
function containment(tokens: readonly number[], other: readonly number[]): number {
  const set = new Set(other);
  let n = 0;
  for (const t of tokens) if (set.has(t)) n++;
  return n / tokens.length;
}

/** The earlier sentence this one repeats best, if it repeats one. */
function bestMatch(
  grams: readonly number[],
  tokens: readonly number[],
  postings: ReadonlyMap<number, number[]>,
  units: readonly Unit[],
): Unit | null {
  // Earlier sentence → the positions of this sentence's runs it shares.
  let shared: Map<number, number[]> | null = null;
  for (let j = 0; j < grams.length; j++) {
    const list = postings.get(grams[j] as number);
    if (list === undefined) continue;
    shared ??= new Map();
    for (const id of list) {
      const positions = shared.get(id);
      if (positions === undefined) shared.set(id, [j]);
      else positions.push(j);
    }
  }
  if (shared === null) return null;
  const length = tokens.length;
  let best: Unit | null = null;
  let bestCoverage = 0;
  for (const [id, positions] of shared) {
    // One shared run can reach neither threshold.
    if (positions.length < 2) continue;
    let total = 0;
    let run = 0;
    let longest = 0;
    let coveredTo = 0;
    for (const j of positions) {
      // Each run covers words j..j+2; positions are ascending.
      const from = Math.max(j, coveredTo);
      const to = j + 3;
      if (j > coveredTo) run = 0;
      total += to - from;
      run += to - from;
      coveredTo = to;
      if (run > longest) longest = run;
    }
    const coverage = total / length;
    if (coverage < REWORDED_COVERAGE && longest < LONG_RUN) continue;
    const unit = units[id] as Unit;
    // Every word again, partly reordered ("PiS took 35.4%… Coalition won" then "PiS won
    // 35.4%… Coalition took"): a rewrite that left the old version in.
    const reworded = length >= REWORDED_MIN_WORDS && containment(tokens, unit.tokens) === 1;
    if (
      (coverage >= coverageNeeded(length) || longest >= LONG_RUN || reworded) &&
      coverage > bestCoverage
    ) {
      best = unit;
      bestCoverage = coverage;
    }
  }
  return best;
}

/** Runs of repeated sentences in one paragraph become one passage. */
function merge(repeats: readonly Repeat[], context: LintContext): Repeat[] {
  const out: Repeat[] = [];
  for (const r of repeats) {
    const previous = out[out.length - 1];
    const sentences = context.sentences[r.paragraph] ?? [];
    const adjacent =
      previous !== undefined &&
      previous.paragraph === r.paragraph &&
      sentences.findIndex((s) => s.start === r.span.start) ===
        sentences.findIndex((s) => s.end === previous.span.end) + 1;
    if (adjacent) {
      previous.span = { start: previous.span.start, end: r.span.end };
      previous.contained = Math.min(previous.contained, r.contained);
    } else {
      out.push({ ...r, span: { ...r.span } });
    }
  }
  return out;
}
