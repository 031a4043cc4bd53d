import { eld } from "eld/small";
import type { ForeignFragment } from "../domain/enrichment.ts";
import {
  MIN_UNCASED_LETTERS,
  type Profile,
  profileFor,
  type Stats,
  stats,
  suspicious,
} from "./passage-stats.ts";
import { paragraphSpans, type Span, sentenceSpans } from "./text-spans.ts";

/**
 * The language of an article, and the passages in another one (an untranslated quote, a
 * bracketed note left in the source language), so they can be flagged to the desk and
 * rendered inside `<span lang="xx">` for screen readers.
 *
 * eld costs ~45 µs a call whatever the length (it reads at most ~350 bytes), so asking it
 * about every sentence would cost 2 ms an article. Instead each sentence, bracket and
 * quotation is first looked at cheaply (function words, script, accents); eld is asked only
 * about passages that do not read like the article, and its answer must beat the article's
 * language by a clear margin. Names, numbers and quotes of a couple of words are never
 * fragments: too short for anyone, eld included, to call.
 */

const detector = eld.newInstance();

export interface LanguageInput {
  headline?: string;
  standfirst?: string | null;
  text: string;
  /** The language the source declared ("en", "en-GB" or ""): used when the text cannot tell. */
  hint?: string;
}

/** eld sees ~350 bytes, so a long text is sampled in a few places and the scores summed. */
const SAMPLE_CHARS = 360;
const SAMPLES = 3;
/** Below this many letters of body, the headline and standfirst join the sample. */
const SHORT_TEXT = 200;
/** Scores this close to the best leave the choice to the declared language (no/da, es/ca). */
const HINT_TOLERANCE = 0.03;
/** A lead this large over the runner-up in one sample settles the article's language. */
const CLEAR = 0.12;

/** ISO 639-1 code of the article's language, or "" when neither text nor hint tells. */
export function detectLanguage(input: LanguageInput): string {
  const hint = (input.hint ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  let text = input.text;
  if (letterCount(text) < SHORT_TEXT) {
    text = [input.headline ?? "", input.standfirst ?? "", text].filter(Boolean).join(". ");
  }
  if (letterCount(text) < 20) return hint;
  const totals = new Map<string, number>();
  const parts = samples(text);
  let used = 0;
  for (const sample of parts) {
    used++;
    for (const [language, score] of Object.entries(detector.detect(sample).getScores())) {
      totals.set(language, (totals.get(language) ?? 0) + score);
    }
    // One clear answer is enough; the other samples are for close calls.
    const [first = 0, second = 0] = [...totals.values()].sort((a, b) => b - a);
    if (first - second >= CLEAR * used) break;
  }
  let best = "";
  let bestScore = 0;
  for (const [language, score] of totals) {
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  if (hint !== "" && (totals.get(hint) ?? 0) >= bestScore - HINT_TOLERANCE * used) return hint;
  return best || hint;
}

function samples(text: string): string[] {
  if (text.length <= SAMPLE_CHARS * 1.5) return [text];
  const out: string[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    let from = Math.floor((text.length * i) / SAMPLES);
    if (from > 0) from = text.indexOf(" ", from) + 1;
    if (from <= 0 && i > 0) continue;
    out.push(text.slice(from, from + SAMPLE_CHARS));
  }
  return out;
}

function letterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n < 1000; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 0xbf) n++;
  }
  return n;
}

/** How far eld's score for the other language must beat the article language's. */
const MARGIN = 0.08;
const MIN_SCORE = 0.55;

/** The other language eld finds with a clear margin over the article's, or null. */
export function foreignLanguage(passage: string, language: string): string | null {
  const scores = detector.detect(passage).getScores();
  let best = "";
  let bestScore = 0;
  for (const [code, score] of Object.entries(scores)) {
    if (score > bestScore) {
      best = code;
      bestScore = score;
    }
  }
  if (best === "" || best === language || bestScore < MIN_SCORE) return null;
  return bestScore - (scores[language] ?? 0) >= MARGIN ? best : null;
}

/**
 * Bracketed, parenthesised and quoted passages: the likeliest home of a foreign fragment.
 * One pattern each, so a bracket inside a quotation is found too.
 */
const ENCLOSURES: readonly RegExp[] = [
  /\[([^\]\n]{12,})\]/g,
  /\(([^)\n]{12,})\)/g,
  /“([^”“\n]{12,})”/g,
  /«([^»\n]{12,})»/g,
  /„([^“”\n]{12,})[“”]/g,
  /"([^"\n]{12,})"/g,
];

/**
 * Passages of `text` in another language than `language`, in text order, never
 * overlapping and never crossing a paragraph.
 */
export function findForeignFragments(
  text: string,
  language: string,
  paragraphs: readonly Span[] = paragraphSpans(text),
  sentences: readonly (readonly Span[])[] = paragraphs.map((p) => sentenceSpans(text, p)),
): ForeignFragment[] {
  if (language === "") return [];
  const profile = profileFor(language, text);
  const out: ForeignFragment[] = [];
  paragraphs.forEach((paragraph, index) => {
    const inner = enclosedFragments(text, paragraph, profile);
    let run: ForeignFragment | null = null;
    for (const sentence of sentences[index] ?? []) {
      const whole = stats(text, sentence.start, sentence.end, profile);
      const found = foreignSentence(text, sentence, whole, inner, profile);
      if (found === null && !inner.some((f) => f.start < sentence.end && sentence.start < f.end)) {
        inner.push(...foreignClauses(text, sentence, whole, profile));
      }
      if (found !== null && run !== null && run.language === found) {
        run.end = sentence.end;
        continue;
      }
      if (run !== null) out.push(run);
      run =
        found === null
          ? null
          : { start: sentence.start, end: sentence.end, language: found, text: "" };
    }
    if (run !== null) out.push(run);
    for (const f of inner) {
      if (!out.some((o) => o.start < f.end && f.start < o.end)) out.push(f);
    }
  });
  out.sort((a, b) => a.start - b.start);
  for (const f of out) f.text = text.slice(f.start, f.end);
  return out;
}

function enclosedFragments(text: string, paragraph: Span, profile: Profile): ForeignFragment[] {
  const out: ForeignFragment[] = [];
  const body = text.slice(paragraph.start, paragraph.end);
  for (const pattern of ENCLOSURES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(body); m !== null; m = pattern.exec(body)) {
      // The quotation's own trailing comma or colon is the article's punctuation.
      const inner = (m[1] ?? "").replace(/[\s,;:]+$/, "");
      const start = paragraph.start + m.index + 1;
      const end = start + inner.length;
      if (out.some((o) => o.start < end && start < o.end)) continue;
      if (!suspicious(stats(text, start, end, profile), true)) continue;
      const language = foreignLanguage(inner, profile.language);
      if (language !== null) out.push({ start, end, language, text: "" });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The sentence's language when, without its foreign inner passages, it is not the article's. */
function foreignSentence(
  text: string,
  sentence: Span,
  whole: Stats,
  inner: readonly ForeignFragment[],
  profile: Profile,
): string | null {
  const inside = inner.filter((f) => f.start >= sentence.start && f.end <= sentence.end);
  let passage = text.slice(sentence.start, sentence.end);
  if (inside.length > 0) {
    for (const f of [...inside].reverse()) {
      passage = `${passage.slice(0, f.start - sentence.start)} ${passage.slice(f.end - sentence.start)}`;
    }
    if (!suspicious(stats(passage, 0, passage.length, profile))) return null;
  } else if (!suspicious(whole)) {
    return null;
  }
  return foreignLanguage(passage, profile.language);
}

// Clause boundaries inside a sentence: a comma, semicolon or colon, or a spaced dash.
const CLAUSE_BREAK = /[,;:]\s+|\s[—–-]\s/g;

/**
 * Clauses in another language inside a sentence that, as a whole, is not: an untranslated
 * quotation with an attribution in the article's language ("Nous avons empêché plusieurs
 * départs, mais…, a spokesman said"). Only sentences showing some foreign sign are split.
 */
function foreignClauses(
  text: string,
  sentence: Span,
  whole: Stats,
  profile: Profile,
): ForeignFragment[] {
  const hint =
    whole.markers >= 2 ||
    whole.accented >= 2 ||
    whole.foreignScript >= MIN_UNCASED_LETTERS ||
    (whole.content >= 8 && whole.ownLower * 4 < whole.content);
  if (!hint) return [];
  const body = text.slice(sentence.start, sentence.end);
  const clauses: Span[] = [];
  let from = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(body); m !== null; m = CLAUSE_BREAK.exec(body)) {
    clauses.push({ start: sentence.start + from, end: sentence.start + m.index });
    from = m.index + m[0].length;
  }
  if (clauses.length === 0) return [];
  clauses.push({ start: sentence.start + from, end: sentence.end });
  const out: ForeignFragment[] = [];
  for (const clause of clauses) {
    if (!suspicious(stats(text, clause.start, clause.end, profile))) continue;
    const language = foreignLanguage(text.slice(clause.start, clause.end), profile.language);
    if (language === null) continue;
    const last = out[out.length - 1];
    const between = last === undefined ? "" : text.slice(last.end, clause.start);
    if (last !== undefined && last.language === language && /^[,;:\s—–-]*$/.test(between)) {
      last.end = clause.end;
    } else {
      out.push({ start: clause.start, end: clause.end, language, text: "" });
    }
  }
  return out;
}
