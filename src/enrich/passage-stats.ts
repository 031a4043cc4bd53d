import { foreignMarkers, functionWords } from "./function-words.ts";

/**
 * The cheap first look at a passage before the language detector is asked about it:
 * counts of the article language's function words, of other languages' function words, of
 * letters in another script or with accents the article language does not write. A
 * passage that reads like the article is never sent to eld.
 */

/** Fewer letters or content words than this and a passage is never called foreign. */
const MIN_LETTERS = 15;
const MIN_CONTENT_WORDS = 3;
/** Letters of a script without case (Han, Arabic, Thai…) that make a passage long enough. */
export const MIN_UNCASED_LETTERS = 8;
/** How many of an article's commonest short words stand in for a missing function-word list. */
const LEARNED_WORDS = 30;

export interface Stats {
  words: number;
  /** Words starting lower case or in a script without case: not names. */
  content: number;
  letters: number;
  uncased: number;
  /** Words the article language uses all the time. */
  own: number;
  /** Of those, the ones in lower case: the share among content words is telling. */
  ownLower: number;
  /** Lower-case function words of another language that the article language lacks. */
  markers: number;
  /** Letters in another script than the article's. */
  foreignScript: number;
  /** Lower-case words with letters the article language does not write (é in English). */
  accented: number;
}

export interface Profile {
  language: string;
  own: ReadonlySet<string>;
  markers: ReadonlySet<string>;
  script: RegExp | null;
  /** Letters, beyond ASCII, that the article language writes without being foreign. */
  plainLatin: boolean;
}

const SCRIPTS: readonly [RegExp, readonly string[]][] = [
  [/\p{Script=Cyrillic}/u, ["ru", "uk", "be", "bg", "sr", "mk", "kk"]],
  [/\p{Script=Greek}/u, ["el"]],
  [/\p{Script=Arabic}/u, ["ar", "fa", "ur", "ku", "ps"]],
  [/\p{Script=Hebrew}/u, ["he", "yi"]],
  [/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u, ["zh", "ja"]],
  [/\p{Script=Hangul}/u, ["ko"]],
  [/\p{Script=Thai}/u, ["th"]],
  [/\p{Script=Devanagari}/u, ["hi", "mr", "ne"]],
];
const LATIN = /\p{Script=Latin}/u;

export function profileFor(language: string, text: string): Profile {
  const script = SCRIPTS.find(([, languages]) => languages.includes(language))?.[0] ?? LATIN;
  const listed = functionWords(language);
  return {
    language,
    own: listed.size > 0 ? listed : frequentShortWords(text),
    markers: foreignMarkers(language),
    script,
    plainLatin: language === "en",
  };
}

/**
 * For a language without a list: the article's own commonest short lower-case words, which
 * in any language are mostly its function words.
 */
function frequentShortWords(text: string): Set<string> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(
    /(?<![\p{L}\p{M}])[\p{Ll}\p{Lo}][\p{L}\p{M}]{0,4}(?![\p{L}\p{M}])/gu,
  )) {
    counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  return new Set(
    [...counts]
      .filter(([, n]) => n >= 3)
      .sort((a, b) => b[1] - a[1])
      .slice(0, LEARNED_WORDS)
      .map(([word]) => word),
  );
}

export function stats(text: string, start: number, end: number, profile: Profile): Stats {
  const s: Stats = {
    words: 0,
    content: 0,
    letters: 0,
    uncased: 0,
    own: 0,
    ownLower: 0,
    markers: 0,
    foreignScript: 0,
    accented: 0,
  };
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!(isAsciiLetter(c) || (c >= 128 && isLetter(text[i] ?? "")))) {
      i++;
      continue;
    }
    const from = i;
    let ascii = true;
    let letters = 0;
    // The word's hash as the sets are looked up: lower-cased when it starts with a capital.
    const lowering = c < 97;
    let hash = HASH_OFFSET;
    for (; i < end; i++) {
      let d = text.charCodeAt(i);
      if (isAsciiLetter(d)) {
        letters++;
        if (lowering && d <= 90) d += 32;
        hash = Math.imul(hash ^ d, HASH_PRIME);
      } else if (d === 39 || d === 45 || d === 0x2019) {
        hash = Math.imul(hash ^ d, HASH_PRIME);
      } else if (d < 128) break;
      else {
        const ch = text[i] ?? "";
        if (!isLetter(ch)) break;
        ascii = false;
        letters++;
        if (profile.script !== null && !profile.script.test(ch)) s.foreignScript++;
        if (!/[\p{Lu}\p{Ll}\p{M}]/u.test(ch)) s.uncased++;
      }
    }
    s.words++;
    s.letters += letters;
    const lowerStart = ascii ? c >= 97 : /[\p{Ll}\p{Lo}]/u.test(text[from] ?? "");
    if (lowerStart) s.content++;
    if (!ascii && lowerStart && profile.plainLatin && LATIN.test(text[from] ?? "")) s.accented++;
    // Function words are short; longer words need no lookup. An ASCII word is looked up by
    // its hash first: most words are in neither set, and need no string.
    if (i - from <= 8 && ascii) {
      if (hashedHas(profile.own, hash, text, from, i, lowering)) {
        s.own++;
        if (lowerStart) s.ownLower++;
      }
      if (lowerStart && hashedHas(profile.markers, hash, text, from, i, false)) s.markers++;
    } else if (i - from <= 8) {
      const word = text.slice(from, i);
      const lower = lowerStart ? word : word.toLowerCase();
      if (profile.own.has(lower)) {
        s.own++;
        if (lowerStart) s.ownLower++;
      }
      if (lowerStart && profile.markers.has(lower)) s.markers++;
    }
  }
  return s;
}

const HASH_OFFSET = 0x811c9dc5;
const HASH_PRIME = 0x01000193;
/** Per word set: its words by hash of their char codes (sets are made once a language). */
const HASHED = new WeakMap<ReadonlySet<string>, Map<number, string[]>>();

function hashedWords(set: ReadonlySet<string>): Map<number, string[]> {
  let table = HASHED.get(set);
  if (table === undefined) {
    table = new Map();
    for (const word of set) {
      let hash = HASH_OFFSET;
      for (let k = 0; k < word.length; k++) hash = Math.imul(hash ^ word.charCodeAt(k), HASH_PRIME);
      const bucket = table.get(hash);
      if (bucket === undefined) table.set(hash, [word]);
      else bucket.push(word);
    }
    HASHED.set(set, table);
  }
  return table;
}

/** set.has(the ASCII word text[from, to), lower-cased when `lowering`), without slicing it. */
function hashedHas(
  set: ReadonlySet<string>,
  hash: number,
  text: string,
  from: number,
  to: number,
  lowering: boolean,
): boolean {
  const bucket = hashedWords(set).get(hash);
  if (bucket === undefined) return false;
  for (const word of bucket) {
    if (word.length !== to - from) continue;
    let k = 0;
    for (; k < word.length; k++) {
      let d = text.charCodeAt(from + k);
      if (lowering && d >= 65 && d <= 90) d += 32;
      if (d !== word.charCodeAt(k)) break;
    }
    if (k === word.length) return true;
  }
  return false;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isLetter(ch: string): boolean {
  return /[\p{L}\p{M}]/u.test(ch);
}

function longEnough(s: Stats): boolean {
  return (
    s.letters >= MIN_LETTERS && (s.content >= MIN_CONTENT_WORDS || s.uncased >= MIN_UNCASED_LETTERS)
  );
}

/**
 * Worth asking eld: the passage does not read like the article's language. Quotations and
 * brackets, where fragments live and which are few, are looked at more readily.
 */
export function suspicious(s: Stats, enclosed = false): boolean {
  if (!longEnough(s)) return false;
  if (s.markers >= 2 && s.markers * 2 >= s.own) return true;
  if (s.foreignScript * 3 >= s.letters) return true;
  if (s.accented >= 2 && s.accented * 4 >= s.content) return true;
  // Lower-case words in the article's language are about half function words; a passage
  // with none, or very few, is in some other language.
  if (enclosed) return s.content >= 4 && s.ownLower * 5 < s.content;
  return (s.content >= 4 && s.ownLower === 0) || (s.content >= 8 && s.ownLower * 8 < s.content);
}
