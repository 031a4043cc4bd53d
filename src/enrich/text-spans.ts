import { isAbbreviation, isInitial, isInitialism, TITLES } from "./abbreviations.ts";

/** A half-open range [start, end) of character offsets into an article's plain text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The paragraphs of a plain text as `bodyText` writes it (blank lines between them); any
 * line break also separates paragraphs so pasted plain text splits the same way. Each span
 * is trimmed of surrounding white space.
 */
export function paragraphSpans(text: string): Span[] {
  const out: Span[] = [];
  const line = /[^\n]+/g;
  for (let m = line.exec(text); m !== null; m = line.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

// Terminal punctuation, then any closing quotes or brackets, then white space.
const STOP = /[.!?…]+[”’"'»)\]]*(?=\s)/g;
const OPENERS = /[“‘"'«([¿¡\s]/u;

/**
 * Words that usually open a sentence: after an abbreviation or initialism ("Inc.", "U.S.")
 * one of these means the stop also ended the sentence.
 */
const STARTERS = new Set(
  (
    "the he she it they we i you this that these those there then but and or so yet in on " +
    "at for from by with after before when while although though however meanwhile still " +
    "its his her their our my a an some many most all both each if as since until " +
    "officials police authorities analysts critics"
  ).split(" "),
);

/**
 * The sentences of one paragraph. A stop ends a sentence when white space and a capital,
 * digit or opening quote follow, except after a title ("Mr. Smith"), an initial
 * ("J. K. Rowling") or, unless a common opening word follows, an abbreviation or
 * initialism ("Apple Inc. said", "the U.S. government"). A stop before a lower-case word
 * never ends one: that is the sentence-break rule's business.
 */
export function sentenceSpans(text: string, paragraph: Span): Span[] {
  const out: Span[] = [];
  let start = paragraph.start;
  STOP.lastIndex = paragraph.start;
  for (let m = STOP.exec(text); m !== null; m = STOP.exec(text)) {
    const end = m.index + m[0].length;
    if (end >= paragraph.end) break;
    let next = end;
    while (next < paragraph.end && isSpace(text.charCodeAt(next))) next++;
    if (next >= paragraph.end) break;
    if (endsSentence(text, m.index, m[0], next, paragraph.end)) {
      out.push({ start, end });
      start = next;
    }
  }
  if (start < paragraph.end) out.push({ start, end: paragraph.end });
  return out;
}

function endsSentence(
  text: string,
  at: number,
  stop: string,
  next: number,
  limit: number,
): boolean {
  let first = next;
  while (first < limit && OPENERS.test(text[first] ?? "")) first++;
  const c = text[first] ?? "";
  if (/\p{Ll}/u.test(c)) return false;
  if (!/[\p{Lu}\p{Lt}\p{N}\p{Lo}]/u.test(c)) return true;
  if (stop !== ".") return true;
  const word = wordBefore(text, at);
  const bare = word.toLowerCase();
  if (TITLES.has(bare) || isInitial(word)) return false;
  if (isAbbreviation(word) || isInitialism(`${word}.`)) {
    const following = /^[\p{L}]+/u.exec(text.slice(first, first + 20))?.[0] ?? "";
    return STARTERS.has(following.toLowerCase());
  }
  return true;
}

/** The word (letters, digits, inner stops) that ends just before `at`. */
export function wordBefore(text: string, at: number): string {
  let from = at;
  while (from > 0 && /[\p{L}\p{N}.]/u.test(text[from - 1] ?? "")) from--;
  return text.slice(from, at).replace(/^\.+/, "");
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
}
