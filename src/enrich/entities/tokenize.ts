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

// Dotted acronyms (U.S.), initials before a capital (R. Politik), then words with inner
// hyphens and apostrophes (Guinea-Bissau, O'Brien, al-Assad).
const WORD =
  /(?:\p{Lu}\.){2,}|\p{Lu}\.(?=[ \t\u00a0]+\p{Lu})|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-'’‘][\p{L}\p{M}\p{N}]+)*/gu;

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

// Articles repeat their words ("the", "Russia"): remember keys, within bounds.
const KEYS = new Map<string, string>();
const MAX_KEYS = 50_000;

function keyOf(word: string): string {
  let key = KEYS.get(word);
  if (key === undefined) {
    key = wordKey(word);
    if (KEYS.size >= MAX_KEYS) KEYS.clear();
    KEYS.set(word, key);
  }
  return key;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previous: Token | undefined;
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    let word = match[0];
    const start = match.index;
    let rawEnd = start + word.length;
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
  }
  return tokens;
}

/** Two or more letters, no lower-case one: "NATO", "U.S.", "G7" is not (one letter). */
function isUpper(word: string): boolean {
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
