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
 * that also occur in one earlier sentence, or when it shares a long run of words with one
 * and adds little of its own. In English copy, a rewrite that says the same in other words
 * (a clause moved, a word swapped, words dropped or added) counts too: nearly all of each
 * sentence's content words are in the other. Numbers are compared by value ("12" and
 * "twelve", "1.5 million" and "1,500,000", "per cent" and "%"), and two sentences that
 * give different figures are parallel facts, not a repeat ("struck at 7:30… depth of 1.4
 * miles" then "struck at 9:30… depth of 2.7 miles"). Short sentences ("He declined to
 * comment.") are never compared, and ones under eight words count only beside their original
 * or inside a repeated run: a speech's refrain is said again on purpose, as is a sentence
 * announced as a repeat ("Let me repeat that: …"). Consecutive repeated sentences in a
 * paragraph make one finding.
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
/** A run of this many shared words is a repeat when the sentence adds few words of its own. */
const LONG_RUN = 12;
const LONG_RUN_OWN_WORDS = 8;
/** A sentence shorter than this repeats only beside its original or inside a repeated run. */
const REFRAIN_WORDS = 8;
/** Rewrites in other words: content words of each sentence found in the other. */
const PARAPHRASE_MIN_CONTENT = 5;
const PARAPHRASE_LATER = 0.8;
const PARAPHRASE_EARLIER = 0.7;
const ANNOUNCED = /^\W*(?:let me (?:repeat|say (?:it|that) again)|i repeat|to repeat|again)\b/i;

/** Function words of English: what a rewrite changes freely, left out of the content words. */
const FUNCTION_WORDS = new Set(
  (
    "a an the and or but nor so of to in on at by for from with as into onto over under " +
    "about after before than then that this these those there here it its he she they them " +
    "his her their we us our you your i me my is are was were be been being has have had " +
    "do does did will would shall should can could may might must not no also which who " +
    "whom whose what when where while if s t said says say told also again now just very " +
    "more most some any all each other such only own same too up out off"
  ).split(" "),
);
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
  (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " +
    "fifteen sixteen seventeen eighteen nineteen twenty"
  )
    .split(" ")
    .map((w, i) => [w, i]),
);
const SCALES: ReadonlyMap<string, number> = new Map([
  ["thousand", 1e3],
  ["million", 1e6],
  ["mln", 1e6],
  ["billion", 1e9],
  ["bn", 1e9],
]);
/** Share of the later sentence's words the earlier one has: from here, deleting loses nothing. */
const SAFE_TO_DELETE = 0.9;

interface Unit {
  span: Span;
  paragraph: number;
  tokens: number[];
  /** Its content words (numbers included), each once, for rewrites in other words. */
  content: number[];
  /** The figures the sentence gives, by value, each once. */
  numbers: number[];
}

interface Repeat {
  span: Span;
  paragraph: number;
  /** Index of the sentence among all of the text's sentences, and of the one it repeats. */
  unit: number;
  ofUnit: number;
  words: number;
  of: Span;
  /** Share of the repeat's words that the earlier passage also has. */
  contained: number;
}

// Runs of anything but white space and punctuation (ASCII, Latin-1, general, CJK): words
// and numbers in any script, without the cost of Unicode property classes.
// A number with its group and decimal marks ("1,500,000", "1.5") is one token.
const TOKEN = /\d+(?:[.,]\d+)*|[^\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]+/g;

/** "1,500,000" and "1.5" by value; "1.500.000" as written in much of Europe, too. */
function numberValue(token: string): number {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(token)) return Number(token.replace(/,/g, ""));
  if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(token)) return Number(token.replace(/\./g, ""));
  return Number(token.replace(",", "."));
}
const FUNCTION = 0;
const CONTENT = 1;
const FIGURE = 2;
/** "percent", and "cent" of "per cent": "%" is not a word, so neither is compared. */
const SKIP = 3;

/**
 * The article's words as small integers, each with its kind worked out once: numbers by
 * value, so "12", "twelve" and "12.0" are one word, and "1,500,000" is "1.5 million".
 */
class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly kinds: number[] = [];
  /** A figure's value, by id (NaN for words). */
  readonly values: number[] = [];
  /** The last sentence each word was listed for, by id. */
  readonly seenIn: number[] = [];

  add(word: string): number {
    const first = word.charCodeAt(0);
    const value = first >= 48 && first <= 57 ? numberValue(word) : NUMBER_WORDS.get(word);
    const id =
      value === undefined
        ? this.push(
            word === "percent" || word === "cent"
              ? SKIP
              : word.length > 1 && !FUNCTION_WORDS.has(word)
                ? CONTENT
                : FUNCTION,
            Number.NaN,
          )
        : this.figure(value);
    this.ids.set(word, id);
    return id;
  }

  figure(value: number): number {
    // "#" never starts a token, so the key cannot be a word of the text.
    const key = `#${value}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.push(FIGURE, value);
      this.ids.set(key, id);
    }
    return id;
  }

  private push(kind: number, value: number): number {
    this.kinds.push(kind);
    this.values.push(value);
    this.seenIn.push(-1);
    return this.kinds.length - 1;
  }
}

/**
 * Three-word run → the sentences it occurs in, in order. Most runs occur once, so the first
 * sentence is kept in an open-addressed table of integers and only a run seen in a second
 * sentence gets a list: a Map of arrays made an array for every run of every article.
 */
class RunPostings {
  #keys: Int32Array;
  #firsts: Int32Array;
  #size = 0;
  readonly #lists = new Map<number, number[]>();

  constructor(textLength: number) {
    let capacity = 64;
    // About one run per six characters of text, at most half full.
    while (capacity < textLength / 3) capacity *= 2;
    this.#keys = new Int32Array(capacity).fill(-1);
    this.#firsts = new Int32Array(capacity);
  }

  /** The first sentence with the run, or -1. */
  first(run: number): number {
    const slot = this.#slot(run);
    return this.#keys[slot] === run ? (this.#firsts[slot] as number) : -1;
  }

  /** Every sentence with the run, when there are two or more. */
  more(run: number): readonly number[] | undefined {
    return this.#lists.get(run);
  }

  /** Notes the run in sentence `unit` (sentences are added in order). */
  add(run: number, unit: number): void {
    const slot = this.#slot(run);
    if (this.#keys[slot] !== run) {
      this.#keys[slot] = run;
      this.#firsts[slot] = unit;
      if (++this.#size * 2 > this.#keys.length) this.#grow();
      return;
    }
    const first = this.#firsts[slot] as number;
    const list = this.#lists.get(run);
    if (list === undefined) {
      if (first !== unit) this.#lists.set(run, [first, unit]);
    } else if (list[list.length - 1] !== unit) list.push(unit);
  }

  /** The run's slot, or the empty one where it would go. */
  #slot(run: number): number {
    const mask = this.#keys.length - 1;
    let slot = (Math.imul(run, 0x9e3779b1) >>> 0) & mask;
    while (this.#keys[slot] !== -1 && this.#keys[slot] !== run) slot = (slot + 1) & mask;
    return slot;
  }

  #grow(): void {
    const keys = this.#keys;
    const firsts = this.#firsts;
    this.#keys = new Int32Array(keys.length * 2).fill(-1);
    this.#firsts = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const run = keys[i] as number;
      if (run === -1) continue;
      const slot = this.#slot(run);
      this.#keys[slot] = run;
      this.#firsts[slot] = firsts[i] as number;
    }
  }
}

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
  const postings = new RunPostings(text.length);
  const vocabulary = new Vocabulary();
  const { ids } = vocabulary;
  // Content word (by id) → the sentences it occurs in (English only), in order; and the last
  // sentence each word was seen in, so a sentence lists each of its words once.
  const contentPostings: number[][] = [];
  const seenIn = vocabulary.seenIn;
  const repeats: Repeat[] = [];
  const english = context.language === "en" || context.language === "";
  for (let paragraph = 0; paragraph < context.sentences.length; paragraph++) {
    for (const span of context.sentences[paragraph] ?? []) {
      const sentence = text.slice(span.start, span.end);
      const raw = sentence.toLowerCase().match(TOKEN) ?? [];
      const tokens: number[] = [];
      const content: number[] = [];
      const numbers: number[] = [];
      for (let j = 0; j < raw.length; j++) {
        const word = raw[j] as string;
        let id = ids.get(word) ?? vocabulary.add(word);
        const kind = vocabulary.kinds[id] as number;
        if (kind === SKIP || (word === "per" && raw[j + 1] === "cent")) continue;
        if (kind === FIGURE) {
          // "1.5 million" is the figure 1500000.
          const scale = SCALES.get(raw[j + 1] ?? "");
          if (scale !== undefined) {
            id = vocabulary.figure((vocabulary.values[id] as number) * scale);
            j++;
          }
        }
        tokens.push(id);
        if (kind === FUNCTION || seenIn[id] === units.length) continue;
        seenIn[id] = units.length;
        content.push(id);
        if (kind === FIGURE) numbers.push(id);
      }
      const unit: Unit = { span, paragraph, tokens, content, numbers };
      const grams: number[] = [];
      for (let j = 0; j + 2 < tokens.length; j++) {
        grams.push(runKey(tokens[j] as number, tokens[j + 1] as number, tokens[j + 2] as number));
      }
      if (tokens.length >= MIN_WORDS && !ANNOUNCED.test(sentence)) {
        const best =
          bestMatch(grams, unit, postings, units) ??
          (english ? paraphrased(unit, units, contentPostings) : null);
        if (best !== null) {
          repeats.push({
            span,
            paragraph,
            unit: units.length,
            ofUnit: units.indexOf(best),
            words: tokens.length,
            of: best.span,
            contained: containment(tokens, best.tokens),
          });
        }
      }
      const id = units.length;
      units.push(unit);
      if (english) {
        for (const w of content) {
          const list = contentPostings[w];
          if (list === undefined) contentPostings[w] = [id];
          else list.push(id);
        }
      }
      for (const gram of grams) postings.add(gram, id);
    }
  }
  return merge(withoutRefrains(repeats), context).map(({ span, of, contained }) =>
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

/**
 * Short repeats stand only beside their original or next to another repeat: a refrain said
 * again further on is rhetoric, a line pasted twice or part of a pasted run is not.
 */
function withoutRefrains(repeats: readonly Repeat[]): Repeat[] {
  const at = new Set(repeats.map((r) => r.unit));
  return repeats.filter(
    (r) =>
      r.words >= REFRAIN_WORDS ||
      r.ofUnit === r.unit - 1 ||
      at.has(r.unit - 1) ||
      at.has(r.unit + 1),
  );
}

/** Figures on both sides that the other lacks: the same frame, different facts. */
function differentFigures(a: Unit, b: Unit): boolean {
  if (!a.numbers.some((n) => !b.numbers.includes(n))) return false;
  return b.numbers.some((n) => !a.numbers.includes(n));
}

/**
 * The earlier sentence this one says again in other words: nearly all of its content words
 * in the earlier one, and most of the earlier one's in it (so a longer sentence that happens
 * to contain a short one's words is not taken for it).
 */
function paraphrased(
  unit: Unit,
  units: readonly Unit[],
  contentPostings: readonly (number[] | undefined)[],
): Unit | null {
  const { content } = unit;
  // Figures aside, enough words to tell a rewrite from a stamp ("Published: 09 Sep 2013
  // 11:25" then "Updated: 09 Sep 2013 11:25").
  if (content.length - unit.numbers.length < PARAPHRASE_MIN_CONTENT) return null;
  const neededLater = Math.ceil(content.length * PARAPHRASE_LATER);
  // Earlier sentence → how many of this one's content words it has.
  const shared: number[] = new Array(units.length).fill(0);
  for (const w of content) {
    for (const id of contentPostings[w] ?? []) shared[id] = (shared[id] as number) + 1;
  }
  for (let id = 0; id < shared.length; id++) {
    const n = shared[id] as number;
    if (n < neededLater) continue;
    const other = units[id] as Unit;
    if (other.content.length - other.numbers.length < PARAPHRASE_MIN_CONTENT) continue;
    if (n < other.content.length * PARAPHRASE_EARLIER || differentFigures(unit, other)) continue;
    return other;
  }
  return null;
}

/** The earlier sentence this one repeats best, if it repeats one. */
function bestMatch(
  grams: readonly number[],
  unit: Unit,
  postings: RunPostings,
  units: readonly Unit[],
): Unit | null {
  const { tokens } = unit;
  // Earlier sentence → the positions of this sentence's runs it shares.
  let shared: Map<number, number[]> | null = null;
  for (let j = 0; j < grams.length; j++) {
    const gram = grams[j] as number;
    const first = postings.first(gram);
    if (first === -1) continue;
    shared ??= new Map();
    const list = postings.more(gram);
    if (list === undefined) {
      const positions = shared.get(first);
      if (positions === undefined) shared.set(first, [j]);
      else positions.push(j);
      continue;
    }
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
    const other = units[id] as Unit;
    if (differentFigures(unit, other)) continue;
    // Every word again, partly reordered ("PiS took 35.4%… Coalition won" then "PiS won
    // 35.4%… Coalition took"): a rewrite that left the old version in.
    const reworded = length >= REWORDED_MIN_WORDS && containment(tokens, other.tokens) === 1;
    // A long shared run in a sentence with much of its own (a charge sheet restating the
    // counts in a new sentence) is not a repeat.
    const longRun = longest >= LONG_RUN && length - total <= LONG_RUN_OWN_WORDS;
    if ((coverage >= coverageNeeded(length) || longRun || reworded) && coverage > bestCoverage) {
      best = other;
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
