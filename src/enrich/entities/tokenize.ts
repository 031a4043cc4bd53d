import { wordKey } from "./normalize.ts";

export interface Token {
  /** As written, without a possessive "'s". */
  text: string;
  key: string;
  start: number;
  end: number;
  /** Starts with a capital letter. */
  cap: boolean;
  /** Two or more letters, all capitals ("NATO", "U.S."). */
  upper: boolean;
  /** First word of a sentence, a paragraph or a quotation after a full stop. */
  initial: boolean;
  /** "Lukashenko's", "Belarus’": a name can end here but not go on. */
  possessive: boolean;
  /**
   * Only spaces between it and the word before (or its "'s"): the two can belong to one
   * name, though a name that is not "People's Republic"-shaped ends at a possessive.
   */
  joined: boolean;
}

// Words are read by wordEnd() below: dotted acronyms (U.S.), initials before a capital
// (R. Politik), then words with inner hyphens and apostrophes (Guinea-Bissau, O'Brien,
// al-Assad). As one pattern, /(?:\p{Lu}\.){2,}|\p{Lu}\.(?=[ \t\u00a0]+\p{Lu})|
// [\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-'’‘][\p{L}\p{M}\p{N}]+)*/gu, it cost twice as much
// (a third of the entities stage): most characters are ASCII and are classed here by code.

/** Their full stop does not end a sentence, and a name may follow ("Mr. Smith", "Gen. Lee"). */
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof gen lt col maj capt cpt sgt adm gov sen rep rev fr st jr sr hon pres supt cmdr insp det".split(
    " ",
  ),
);

const CAPITAL = /^[\p{Lu}\p{Lt}]/u;
const LETTER = /\p{L}/u;

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

function keyOf(word: string): string {
  // Plain ASCII words (most of them) are keyed by wordKey's own ASCII rule, lower case
  // without dots, read here a char at a time: cheaper than hashing the word for the cache.
  let dotted = false;
  let upper = false;
  let plain = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) continue;
    if (c >= 65 && c <= 90) upper = true;
    else if (c === 46) dotted = true;
    else if (!((c >= 48 && c <= 57) || c === 39 || c === 45)) {
      plain = false;
      break;
    }
  }
  if (plain) {
    const lower = upper ? word.toLowerCase() : word;
    return dotted ? lower.replace(/\./g, "") : lower;
  }
  // wordKey remembers the others (articles repeat their words).
  return wordKey(word);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previous: Token | undefined;
  let previousEnd = 0;
  for (let start = wordStart(text, 0); start < text.length; ) {
    const end = wordEnd(text, start);
    let word = text.slice(start, end);
    let rawEnd = end;
    let possessive = false;
    const lastCode = word.charCodeAt(word.length - 1);
    const endsInS = lastCode === 115 || lastCode === 83;
    if (endsInS && word.length > 3 && isApostrophe(word.charCodeAt(word.length - 2))) {
      word = word.slice(0, -2);
      possessive = true;
    } else if (endsInS && isApostrophe(text.charCodeAt(rawEnd))) {
      // "Belarus’ dependence": an apostrophe that closes the word rather than a quotation.
      if (!LETTER.test(text[rawEnd + 1] ?? "")) {
        possessive = true;
        rawEnd++;
      }
    }
    const key = keyOf(word);
    const code = word.charCodeAt(0);
    const cap = code >= 65 && code <= 90 ? true : code < 128 ? false : CAPITAL.test(word[0] ?? "");
    let joined = false;
    let initial = previous === undefined;
    if (previous !== undefined) {
      const gap = scanGap(text, previousEnd, start);
      const afterAbbreviation = gap === ABBREVIATION_GAP && ABBREVIATIONS.has(previous.key);
      joined = gap === SPACES_ONLY || afterAbbreviation;
      initial = gap === SENTENCE_BREAK || (gap === ABBREVIATION_GAP && !afterAbbreviation);
    }
    const token: Token = {
      text: word,
      key,
      start,
      end: start + word.length,
      cap,
      upper: cap && isUpper(word),
      initial,
      possessive,
      joined,
    };
    tokens.push(token);
    previous = token;
    previousEnd = rawEnd;
    start = wordStart(text, end);
  }
  return tokens;
}

const LETTER_BIT = 1;
const UPPER_BIT = 2;
const MARK_BIT = 4;
const NUMBER_BIT = 8;
const CLASSES = new Map<number, number>();

/** \p{L}, \p{Lu}, \p{M} and \p{N} of a code point, as bits. */
function classOf(code: number): number {
  if (code < 128) {
    if (code >= 97 && code <= 122) return LETTER_BIT;
    if (code >= 65 && code <= 90) return LETTER_BIT | UPPER_BIT;
    return code >= 48 && code <= 57 ? NUMBER_BIT : 0;
  }
  let bits = CLASSES.get(code);
  if (bits === undefined) {
    const char = String.fromCodePoint(code);
    bits =
      (/\p{L}/u.test(char) ? LETTER_BIT : 0) |
      (/\p{Lu}/u.test(char) ? UPPER_BIT : 0) |
      (/\p{M}/u.test(char) ? MARK_BIT : 0) |
      (/\p{N}/u.test(char) ? NUMBER_BIT : 0);
    CLASSES.set(code, bits);
  }
  return bits;
}

/** Code units of the code point at `i`: 2 for a surrogate pair. */
function width(code: number): number {
  return code > 0xffff ? 2 : 1;
}

/** Where the next word starts at or after `from` (a letter or digit), or text.length. */
function wordStart(text: string, from: number): number {
  for (let i = from; i < text.length; ) {
    const code = text.codePointAt(i) as number;
    if (classOf(code) & (LETTER_BIT | NUMBER_BIT)) return i;
    i += width(code);
  }
  return text.length;
}

function isWordChar(code: number): boolean {
  return (classOf(code) & (LETTER_BIT | MARK_BIT | NUMBER_BIT)) !== 0;
}

function isUpperAt(text: string, i: number): boolean {
  return i < text.length && (classOf(text.codePointAt(i) as number) & UPPER_BIT) !== 0;
}

/** The end of the word starting at `start`, read as the pattern above would. */
function wordEnd(text: string, start: number): number {
  const first = text.codePointAt(start) as number;
  if (classOf(first) & UPPER_BIT && text.charCodeAt(start + width(first)) === 46) {
    // "U.S.": two or more capitals each with its full stop.
    let i = start;
    let pairs = 0;
    while (isUpperAt(text, i)) {
      const w = width(text.codePointAt(i) as number);
      if (text.charCodeAt(i + w) !== 46) break;
      i += w + 1;
      pairs++;
    }
    if (pairs >= 2) return i;
    // "R. Politik": an initial, then spaces and a capital.
    const afterStop = start + width(first) + 1;
    let j = afterStop;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c !== 32 && c !== 9 && c !== 0xa0) break;
      j++;
    }
    if (j > afterStop && isUpperAt(text, j)) return afterStop;
  }
  let i = start + width(first);
  for (;;) {
    while (i < text.length) {
      const code = text.codePointAt(i) as number;
      if (!isWordChar(code)) break;
      i += width(code);
    }
    const c = text.charCodeAt(i);
    // An inner hyphen or apostrophe joins when a word character follows it.
    if (!(c === 45 || c === 39 || c === 0x2019 || c === 0x2018)) return i;
    if (i + 1 >= text.length || !isWordChar(text.codePointAt(i + 1) as number)) return i;
    i++;
  }
}

/** Two or more letters, no lower-case one: "NATO", "U.S.", "G7" is not (one letter). */
function isUpper(word: string): boolean {
  // ASCII words, read by code: the same answer without a string per character.
  let ascii = 0;
  for (; ascii < word.length; ascii++) {
    const c = word.charCodeAt(ascii);
    if (c >= 97 && c <= 122) return false;
    if (c > 127) break;
  }
  if (ascii === word.length) {
    let capitals = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c >= 65 && c <= 90) capitals++;
    }
    return capitals >= 2;
  }
  let letters = 0;
  for (const char of word) {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    if (lower === upper) continue;
    if (char === lower) return false;
    letters++;
  }
  return letters >= 2;
}

const SPACES_ONLY = 0;
/** A full stop and spaces: a sentence ends, unless the word before was "Mr" or "Gen". */
const ABBREVIATION_GAP = 1;
const SENTENCE_BREAK = 2;
const OTHER = 3;

/** What lies between two words, read a character at a time (this runs for every word). */
function scanGap(text: string, from: number, to: number): number {
  if (to - from === 1 && text.charCodeAt(from) === 32) return SPACES_ONLY;
  let spaces = true;
  let stops = 0;
  let other = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0) continue;
    spaces = false;
    if (c === 10 || c === 13 || c === 33 || c === 63 || c === 58 || c === 0x2026)
      return SENTENCE_BREAK;
    if (c === 46) stops++;
    else other = true;
  }
  if (spaces) return to > from ? SPACES_ONLY : OTHER;
  if (stops === 1 && !other && text.charCodeAt(from) === 46) return ABBREVIATION_GAP;
  return stops > 0 ? SENTENCE_BREAK : OTHER;
}
