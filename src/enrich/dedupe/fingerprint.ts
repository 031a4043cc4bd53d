import { combine32, hashString32, mix32 } from "./hash32.ts";
import { oneHashSignature } from "./minhash.ts";
import { type SimHash64, simhash64 } from "./simhash.ts";

/** What duplicate detection knows about one article's body. */
export interface DuplicateFingerprint {
  /** The canonical URL, when known. */
  url: string | null;
  /** A 64-bit hash of the normalized words (and their count); null for very short text. */
  content: string | null;
  /** SimHash over 3-word shingles; null for very short text. */
  simhash: SimHash64 | null;
  /** MinHash of the same shingles; catches near copies of short text that SimHash misses. */
  resemblance: Uint32Array | null;
}

/** Below this many words, equal text says little (a caption, "Video", a one-line brief). */
export const MIN_WORDS = 12;
export const SHINGLE = 3;
export const RESEMBLANCE_PERMUTATIONS = 64;

/**
 * Case, accents, punctuation and spacing are not what makes two copies different, so they
 * are dropped before hashing: "Kahramanmaraş" and "Kahramanmaras" are the same word.
 */
export function normalizedWords(text: string): string[] {
  const plain = isAscii(text)
    ? text
    : text
        .normalize("NFKD")
        .replace(/\p{M}+/gu, "")
        .replaceAll("ı", "i");
  const lower = plain.toLowerCase();
  // The Latin-1 pattern is about three times faster; other scripts need the Unicode one.
  return (
    (BEYOND_LATIN.test(lower) ? lower.match(/[\p{L}\p{N}]+/gu) : lower.match(LATIN_WORD)) ?? []
  );
}

const LATIN_WORD = /[a-z0-9\u00df-\u00f6\u00f8-\u00ff]+/g;
const BEYOND_LATIN = /[\u0100-\u1fff\u2070-\u20cf\u2c00-\uffff]/;

export function fingerprint(text: string, url: string | null = null): DuplicateFingerprint {
  return fingerprintWords(
    normalizedWords(text).map((w) => hashString32(w)),
    contentKey(text),
    url,
  );
}

/**
 * The fingerprint from word hashes a caller already has (the story index hashes every word
 * once for everything it does), with `content` from contentKey() over the full text.
 */
export function fingerprintWords(
  wordHashes: ArrayLike<number>,
  content: string | null,
  url: string | null = null,
): DuplicateFingerprint {
  if (wordHashes.length < MIN_WORDS) return { url, content, simhash: null, resemblance: null };
  const n = wordHashes.length - SHINGLE + 1;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = combine32(
      combine32(wordHashes[i] as number, wordHashes[i + 1] as number),
      wordHashes[i + 2] as number,
    );
    hi[i] = h;
    lo[i] = combine32(h, 0x7f4a7c15);
  }
  return {
    url,
    content,
    simhash: simhash64(hi, lo),
    resemblance: oneHashSignature(hi, RESEMBLANCE_PERMUTATIONS),
  };
}

/**
 * A 64-bit hash of the text's letters and digits, lowercased, word by word (and the word
 * count); null below MIN_WORDS. ASCII text (curly quotes and dashes allowed) is read char by char without allocating.
 */
export function contentKey(text: string): string | null {
  const read = readWords(text) ?? readNormalizedWords(text);
  return read.words < MIN_WORDS ? null : `${hex(mix32(read.a))}${hex(mix32(read.b))}:${read.words}`;
}

interface WordsRead {
  a: number;
  b: number;
  words: number;
}

/**
 * contentKey's reading of ASCII and Latin text char by char, without allocating: each
 * character beyond ASCII is folded as normalizedWords would fold it (from a table made with
 * the same calls), curly quotes and dashes are gaps. Null for a text with other characters
 * (another script, a combining mark), which normalizedWords reads.
 */
function readWords(text: string): WordsRead | null {
  let a = 0x12345678;
  let b = 0x9abcdef0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (alnum) {
        if (!inWord) {
          words++;
          a = Math.imul(a ^ 32, 0x01000193);
          b = Math.imul(b ^ 32, 0x5bd1e995);
        }
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
      }
      inWord = alnum;
    } else if (isWordlessPunctuation(c)) {
      inWord = false;
    } else {
      const folded = foldOf(c);
      if (folded === null) return null;
      for (let k = 0; k < folded.length; k++) {
        const d = folded[k] as number;
        const letter = isLatinWordChar(d);
        if (letter) {
          if (!inWord) {
            words++;
            a = Math.imul(a ^ 32, 0x01000193);
            b = Math.imul(b ^ 32, 0x5bd1e995);
          }
          a = Math.imul(a ^ d, 0x01000193);
          b = Math.imul(b ^ d, 0x5bd1e995);
        }
        inWord = letter;
      }
    }
  }
  return { a, b, words };
}

function readNormalizedWords(text: string): WordsRead {
  let a = 0x12345678;
  let b = 0x9abcdef0;
  let words = 0;
  for (const w of normalizedWords(text)) {
    words++;
    a = Math.imul(a ^ 32, 0x01000193);
    b = Math.imul(b ^ 32, 0x5bd1e995);
    for (let i = 0; i < w.length; i++) {
      a = Math.imul(a ^ w.charCodeAt(i), 0x01000193);
      b = Math.imul(b ^ w.charCodeAt(i), 0x5bd1e995);
    }
  }
  return { a, b, words };
}

/** What LATIN_WORD matches: a–z, digits, ß–ö, ø–ÿ. */
function isLatinWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    (c >= 0xdf && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0xff)
  );
}

/**
 * A character beyond ASCII folded as normalizedWords folds a whole text (NFKD, marks
 * dropped, ı → i, lower case), as the codes left; per character the same, since all NFKD
 * would reorder are marks, which go. What is left is either a letter or digit LATIN_WORD
 * reads, or no letter or digit at all (€, a dash), a gap in the Latin and the Unicode
 * pattern alike. Null for a character whose fold holds any other letter or digit (ł, a
 * Cyrillic letter: only the Unicode pattern reads it), or a surrogate.
 */
function foldOf(c: number): readonly number[] | null {
  if (c < LATIN_FOLDS.length) return LATIN_FOLDS[c] ?? null;
  if (c >= 0xd800 && c <= 0xdfff) return null;
  let folded = OTHER_FOLDS.get(c);
  if (folded === undefined) {
    folded = fold(c);
    OTHER_FOLDS.set(c, folded);
  }
  return folded;
}

function fold(c: number): readonly number[] | null {
  const folded = String.fromCharCode(c)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replaceAll("ı", "i")
    .toLowerCase();
  const codes: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    const d = folded.charCodeAt(i);
    if (!isLatinWordChar(d) && LETTER_OR_DIGIT.test(folded[i] ?? "")) return null;
    codes.push(d);
  }
  return codes;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\uD800-\uDFFF]/u;
/** Latin-1 and Latin Extended, folded up front; other characters as they are met. */
const LATIN_FOLDS: readonly (readonly number[] | null)[] = Array.from({ length: 0x250 }, (_, c) =>
  c < 128 ? null : fold(c),
);
const OTHER_FOLDS = new Map<number, readonly number[] | null>();

/**
 * Typographic punctuation that the Unicode path folds to nothing a word is made of (NFKD
 * leaves it, or makes it spaces and dots; it is no letter or digit; no mark to drop): read
 * without a fold.
 */
function isWordlessPunctuation(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0xab ||
    code === 0xbb ||
    code === 0xb0 ||
    code === 0xb7 ||
    (code >= 0x2010 && code <= 0x2015) ||
    (code >= 0x2018 && code <= 0x201f) ||
    code === 0x2022 ||
    code === 0x2026
  );
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}
