import type { LintFinding } from "../../domain/enrichment.ts";
import { isAbbreviation, TITLES } from "../abbreviations.ts";
import { finding, type LintContext } from "./context.ts";

/**
 * `sentence-break`: a full stop in the middle of a sentence ("the relationship. between
 * Minsk and Moscow", "a centre in Vileika. and a radar station"), as left by copy pasted
 * across a line break or a bad edit. A stop before a lower-case word is the sign; the
 * stops that legitimately do that are left alone: abbreviations ("etc. and", "Inc. and"),
 * initialisms ("U.S. and", "a.m. on"), initials ("E. coli"), numbers and web addresses,
 * brand names with an inner capital ("eBay") and name particles ("de Gaulle").
 */

// A letter, digit or apostrophe ("analysts'."), the stop (doubled or spaced, not an ellipsis), white space, then a lower-case word. CANDIDATE finds the
// stops cheaply (no Unicode classes); BREAK then checks each one.
const CANDIDATE = /\.[ \u00a0]+(?![A-Z0-9“‘"'([])/g;
const BREAK = /(?<=[\p{L}\p{N}'’]) ?\.\.?([ \u00a0]+)(\p{Ll}[\p{L}\p{M}'’-]*)/uy;

/** Surname particles that start a name in lower case. */
const PARTICLES = new Set(
  "de del della di da van von der den le la du al el bin ibn ter ten".split(" "),
);

/** Words that more often open a new sentence someone forgot to capitalise: no safe fix. */
const OPENERS = new Set(
  (
    "he she it they we i you this these those there then however meanwhile but still yet " +
    "so now later also his her their its our my one some many most all what why how"
  ).split(" "),
);

export function sentenceBreak(context: LintContext): LintFinding[] {
  const { text } = context;
  const out: LintFinding[] = [];
  let paragraphIndex = 0;
  CANDIDATE.lastIndex = 0;
  for (let c = CANDIDATE.exec(text); c !== null; c = CANDIDATE.exec(text)) {
    // "relationship.. between" and "relationship . between" are stray stops too.
    let from = c.index;
    if (text[from - 1] === ".") from--;
    if (text[from - 1] === " ") from--;
    BREAK.lastIndex = from;
    const m = BREAK.exec(text);
    if (m === null) continue;
    while ((context.paragraphs[paragraphIndex]?.end ?? Infinity) <= c.index) paragraphIndex++;
    const paragraph = context.paragraphs[paragraphIndex];
    if (paragraph === undefined) break;
    const stop = m.index;
    const next = m[2] ?? "";
    const word = wordEndingAt(text, stop);
    if (!isStrayStop(text, stop, word, next, paragraph.end)) continue;
    const fixable = !OPENERS.has(next.toLowerCase());
    const span = { start: stop - word.length, end: stop + m[0].length };
    out.push(
      finding(
        context,
        "sentence-break",
        "warning",
        span,
        fixable
          ? `Full stop in mid-sentence: "${text.slice(span.start, span.end)}" should read "${word} ${next}".`
          : `Full stop before a lower-case "${next}": remove the stop, or capitalise "${next}" if a new sentence starts here.`,
        fixable ? `${word} ${next}` : null,
      ),
    );
  }
  return out;
}

function isStrayStop(
  text: string,
  stop: number,
  word: string,
  next: string,
  limit: number,
): boolean {
  // Inner stops (initialisms, "U.S.", addresses) or letters mixed with digits (codes, "v2")
  // are not words a sentence runs on from; a year is ("in 1991. and"). A capital alone is an
  // initial ("E. coli"); a lower-case letter alone is a stray stop ("a. captain") unless it
  // abbreviates versus, circa or page.
  if (word === "" || /\./.test(word) || /\p{L}\d|\d\p{L}/u.test(word) || isInitial(word))
    return false;
  if (TITLES.has(word.toLowerCase()) || isAbbreviation(word)) return false;
  // Addresses and handles: "example.com. and" is too ambiguous to call.
  const before = text[stop - word.length - 1] ?? " ";
  if (/[/@.\p{L}\p{N}_-]/u.test(before)) return false;
  // "eBay", "iPhone": brands that start in lower case.
  if (/\p{Lu}/u.test(next)) return false;
  if (PARTICLES.has(next)) {
    const after = text
      .slice(stop + 1, Math.min(limit, stop + 60))
      .trimStart()
      .slice(next.length);
    if (/^ +\p{Lu}/u.test(after)) return false;
  }
  return true;
}

/** The word (letters, digits, inner stops, apostrophes, hyphens) that ends at `at`. */
function wordEndingAt(text: string, at: number): string {
  let from = at;
  while (from > 0 && /[\p{L}\p{M}\p{N}.'’-]/u.test(text[from - 1] ?? "")) from--;
  return text.slice(from, at).replace(/^[.'’-]+/, "");
}

function isInitial(word: string): boolean {
  return /^(?:\p{Lu}|[vcp])$/u.test(word);
}
