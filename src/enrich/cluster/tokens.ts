import { mix32 } from "../dedupe/hash32.ts";
import type { Vocabulary } from "./vocabulary.ts";
import { H1_OFFSET, H1_PRIME, H2_OFFSET, H2_PRIME } from "./word-table.ts";

/** A word or figure of running text, with what the punctuation around it says. */
export interface Token {
  /** The vocabulary entry of its lowercased form. */
  entry: number;
  /** Lowercased; figures normalized ("3,400" → "3400"). */
  lower: string;
  /** Characters as written. */
  length: number;
  figure: boolean;
  /** Starts with a capital letter. */
  capital: boolean;
  /** Two letters or more, all capitals ("US", "MARROWGATE"). */
  upper: boolean;
  /** Starts a sentence, a quote or a line: a capital here does not mark a name. */
  initial: boolean;
  /** Punctuation before it ends a sentence (for where the lead stops). */
  sentenceEnd: boolean;
  /** Only spaces separate it from the token before (for runs of names). */
  joined: boolean;
}

// Text in other scripts than Latin takes the Unicode pattern; Latin text (most news, once
// accents are stripped) is read char by char, hashing each word as it goes, so a word the
// vocabulary knows costs no string at all.
const UNICODE_TOKEN = /\p{N}+(?:[.,]\p{N}+)*(?:-\p{N}+)?|\p{L}+(?:['’]\p{L}+)*/gu;
const BEYOND_LATIN = /[\u0100-\u1fff\u2070-\u20cf\u2c00-\uffff]/;
/**
 * Whether the text has a letter or digit the char-by-char path reads otherwise than the
 * pattern (not ASCII, not a Latin-1 letter). Beyond Latin, text without one (a "€", a "‰"
 * among Latin words) is read the same by both: everything else is a gap to each. Read by
 * code (a pattern with a lookahead cost ~60 µs an article); each other code point is
 * classed once.
 */
function hasOtherLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xaa) continue;
    if (c < 0x100) {
      if (c < 0xc0 && LATIN1_OTHER.has(c)) return true;
      continue;
    }
    const point = text.codePointAt(i) as number;
    if (point > 0xffff) i++;
    let other = OTHER_CLASS.get(point);
    if (other === undefined) {
      other = LETTER_OR_DIGIT.test(String.fromCodePoint(point));
      OTHER_CLASS.set(point, other);
    }
    if (other) return true;
  }
  return false;
}

/** ª ² ³ µ ¹ º ¼ ½ ¾: the letters and digits of Latin-1 that are not Latin letters. */
const LATIN1_OTHER = new Set([0xaa, 0xb2, 0xb3, 0xb5, 0xb9, 0xba, 0xbc, 0xbd, 0xbe]);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const OTHER_CLASS = new Map<number, boolean>();

/**
 * The story index reads each article's headline and body twice, for its terms and then for
 * its representations (the second time further into the body). The last few texts read are
 * kept, with how far they were tokenized, so the second reading costs a copy of the list
 * and the tokens past the first one's limit. Tokens are never changed by their readers, and
 * a vocabulary's entries never change once made, so a kept list stays right; words past the
 * first limit still get their entries at the same point as when each reading started over.
 */
const KEPT = 4;

interface Reading {
  text: string;
  vocabulary: Vocabulary;
  tokens: Token[];
  /** Where tokenizing stopped: the end of the last token, or the text's end. */
  next: number;
  done: boolean;
}

const readings: Reading[] = [];
const plainKept: { text: string; plain: string }[] = [];

/** Accents and dotless i are spelling, not meaning: "Kahramanmaraş" = "Kahramanmaras". */
export function plainText(text: string): string {
  for (const kept of plainKept) if (kept.text === text) return kept.plain;
  let plain = text;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      plain = text
        .normalize("NFKD")
        .replace(/\p{M}+/gu, "")
        .replaceAll("ı", "i");
      break;
    }
  }
  plainKept.unshift({ text, plain });
  if (plainKept.length > KEPT) plainKept.pop();
  return plain;
}

/** Tokens of text already passed through plainText, at most `limit`. */
export function tokenize(
  text: string,
  vocabulary: Vocabulary,
  limit = Number.POSITIVE_INFINITY,
): Token[] {
  let reading = readings.find((r) => r.text === text && r.vocabulary === vocabulary);
  if (reading === undefined) {
    reading = { text, vocabulary, tokens: [], next: 0, done: false };
    readings.unshift(reading);
    if (readings.length > KEPT) readings.pop();
  }
  if (!reading.done && reading.tokens.length < limit) {
    if (BEYOND_LATIN.test(text) && hasOtherLetter(text)) tokenizeUnicode(reading, limit);
    else tokenizeLatin(reading, limit);
  }
  return reading.tokens.slice(0, Math.min(limit, reading.tokens.length));
}

function tokenizeLatin(reading: Reading, limit: number): void {
  const { text, vocabulary, tokens: out } = reading;
  const n = text.length;
  let end = reading.next;
  let i = end;
  while (i < n && out.length < limit) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let j = skipDigits(text, i + 1);
      while (j + 1 < n && isSeparator(text.charCodeAt(j)) && isDigit(text.charCodeAt(j + 1)))
        j = skipDigits(text, j + 2);
      if (j + 1 < n && text.charCodeAt(j) === 45 && isDigit(text.charCodeAt(j + 1)))
        j = skipDigits(text, j + 2);
      const lower = normalizeFigure(text.slice(i, j));
      const gap = gapFlags(text, end, i, out.length === 0);
      out.push(token(vocabulary.entry(lower), lower, j - i, true, false, false, gap));
      end = i = j;
      continue;
    }
    if (!isLetter(c)) {
      i++;
      continue;
    }
    let h1 = H1_OFFSET;
    let h2 = H2_OFFSET;
    let upper = true;
    let j = i;
    for (;;) {
      let d = text.charCodeAt(j);
      while (j < n && isLetter(d)) {
        const capital = (d >= 65 && d <= 90) || (d >= 0xc0 && d <= 0xde && d !== 0xd7);
        if (capital) d += 32;
        else upper = false;
        h1 = Math.imul(h1 ^ d, H1_PRIME);
        h2 = Math.imul(h2 ^ d, H2_PRIME);
        d = text.charCodeAt(++j);
      }
      // An apostrophe inside a word ("Japan's", "dog’s") belongs to it.
      if ((d === 39 || d === 0x2019) && j + 1 < n && isLetter(text.charCodeAt(j + 1))) {
        h1 = Math.imul(h1 ^ d, H1_PRIME);
        h2 = Math.imul(h2 ^ d, H2_PRIME);
        j++;
        continue;
      }
      break;
    }
    const entry = vocabulary.entryAt(mix32(h1), mix32(h2), text, i, j);
    const capital = (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
    const gap = gapFlags(text, end, i, out.length === 0);
    out.push(
      token(
        entry,
        vocabulary.entryWord(entry),
        j - i,
        false,
        capital,
        capital && upper && j - i >= 2,
        gap,
      ),
    );
    end = i = j;
  }
  reading.next = i;
  reading.done = i >= n;
}

function tokenizeUnicode(reading: Reading, limit: number): void {
  const { text, vocabulary, tokens: out } = reading;
  const pattern = new RegExp(UNICODE_TOKEN);
  let end = reading.next;
  pattern.lastIndex = end;
  let m = pattern.exec(text);
  for (; m !== null && out.length < limit; m = pattern.exec(text)) {
    const raw = m[0];
    const figure = /^\p{N}/u.test(raw);
    const lower = figure ? normalizeFigure(raw) : raw.toLowerCase();
    const capital = !figure && (raw[0] as string) !== (raw[0] as string).toLowerCase();
    const upper = capital && raw.length >= 2 && raw === raw.toUpperCase();
    const gap = gapFlags(text, end, m.index, out.length === 0);
    end = m.index + raw.length;
    out.push(token(vocabulary.entry(lower), lower, raw.length, figure, capital, upper, gap));
  }
  // Stopped by the limit, the pattern has read one match too far: the next reading starts over from the last token's end.
  reading.next = end;
  reading.done = m === null;
}

function token(
  entry: number,
  lower: string,
  length: number,
  figure: boolean,
  capital: boolean,
  upper: boolean,
  gap: number,
): Token {
  return {
    entry,
    lower,
    length,
    figure,
    capital,
    upper,
    initial: (gap & INITIAL) !== 0,
    sentenceEnd: (gap & SENTENCE_END) !== 0,
    joined: (gap & JOINED) !== 0,
  };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSeparator(c: number): boolean {
  return c === 46 || c === 44;
}

function skipDigits(text: string, from: number): number {
  let j = from;
  while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  return j;
}

/** ASCII and Latin-1 letters (× and ÷ are not). */
function isLetter(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7)
  );
}

/** "3,400" and "3400" are one figure; a comma followed by other than 3 digits is a decimal. */
function normalizeFigure(raw: string): string {
  if (!raw.includes(",")) return raw;
  if (/^\d{1,3}(,\d{3})+$/.test(raw)) return raw.replaceAll(",", "");
  return raw.replaceAll(",", ".");
}

const INITIAL = 1;
const SENTENCE_END = 2;
const JOINED = 4;

/** Reads the characters between two tokens once, without slicing them out. */
function gapFlags(text: string, from: number, to: number, first: boolean): number {
  let initial = first;
  let stop = false;
  let space = false;
  let joined = !first;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 32: // space
      case 9: // tab
      case 0xa0: // no-break space
        space = true;
        break;
      case 46: // .
      case 33: // !
      case 63: // ?
        stop = true;
        initial = true;
        joined = false;
        break;
      case 10: // newline
      case 13:
        stop = true;
        space = true;
        initial = true;
        joined = false;
        break;
      case 58: // :
      case 59: // ;
      case 34: // "
      case 40: // (
      case 91: // [
      case 124: // |
      case 0x201c: // “
      case 0x201d: // ”
      case 0xab: // «
      case 0xbb: // »
      case 0x2013: // –
      case 0x2014: // —
      case 0x2022: // •
        initial = true;
        joined = false;
        break;
      case 45: // a hyphen between spaces is a dash
        if (
          i > from &&
          i + 1 < to &&
          text.charCodeAt(i - 1) === 32 &&
          text.charCodeAt(i + 1) === 32
        )
          initial = true;
        joined = false;
        break;
      default:
        joined = false;
    }
  }
  return (
    (initial ? INITIAL : 0) | (!first && stop && space ? SENTENCE_END : 0) | (joined ? JOINED : 0)
  );
}
