import { hashString32 } from "../dedupe/hash32.ts";
import { latinLetters } from "./cyrillic.ts";
import { canonicalWord } from "./demonyms.ts";
import { englishPlace } from "./exonyms.ts";
import { americanSpelling } from "./spelling.ts";
import { stem } from "./stem.ts";
import { STOPWORDS } from "./stopwords.ts";
import { WordTable, wordHashPair } from "./word-table.ts";

export const STOP = -1;

/**
 * Interns terms as small integers so vectors are typed arrays and term weights are array
 * lookups. A lowercased word maps to an entry holding its stem's id (or STOP) and its hash;
 * the cache makes the stemmer, the stopword test and string hashing run once per distinct
 * word, not once per occurrence: one Map lookup per word of text is all that is left.
 */
export class Vocabulary {
  private readonly words = new Map<string, number>();
  private readonly wordTerms: number[] = [];
  private readonly wordHashes: number[] = [];
  private readonly wordStrings: string[] = [];
  private readonly byHash = new WordTable();
  private readonly terms = new Map<string, number>();
  private readonly hashes: number[] = [];
  private work = { weight: new Float64Array(1024), flags: new Uint8Array(1024) };
  /** Per term: times seen capitalized, and in lower case, where capitals mean something. */
  private capitalized = new Int32Array(1024);
  private lowercase = new Int32Array(1024);

  get size(): number {
    return this.hashes.length;
  }

  /** The entry of a lowercased word, created on first sight. */
  entry(lower: string): number {
    const known = this.words.get(lower);
    if (known !== undefined) return known;
    const id = this.wordTerms.length;
    this.wordTerms.push(
      STOPWORDS.has(lower) || lower.length < 2
        ? STOP
        : this.term(stem(americanSpelling(canonicalWord(englishPlace(latinLetters(lower)))))),
    );
    const [h1, h2] = wordHashPair(lower);
    this.wordHashes.push(h1);
    this.wordStrings.push(lower);
    this.words.set(lower, id);
    this.byHash.set(h1, h2, id);
    return id;
  }

  /**
   * The entry for the word at text[start, end), given its hash pair (see wordHashPair):
   * a known word costs one table probe and no string.
   */
  entryAt(h1: number, h2: number, text: string, start: number, end: number): number {
    const known = this.byHash.get(h1, h2);
    return known !== -1 ? known : this.entry(text.slice(start, end).toLowerCase());
  }

  /** The lowercased word of an entry. */
  entryWord(entry: number): string {
    return this.wordStrings[entry] ?? "";
  }

  /** The term an entry's word counts as, or STOP. */
  entryTerm(entry: number): number {
    return this.wordTerms[entry] ?? STOP;
  }

  /** hashString32 of the entry's word: what duplicate fingerprints are made of. */
  entryHash(entry: number): number {
    return this.wordHashes[entry] ?? 0;
  }

  /** The term id of a lowercased word, or STOP. */
  word(lower: string): number {
    return this.entryTerm(this.entry(lower));
  }

  /** The id of a term given as is (a stem, or a namespaced key like "@slug"). */
  term(text: string): number {
    const known = this.terms.get(text);
    if (known !== undefined) return known;
    const id = this.hashes.length;
    this.terms.set(text, id);
    this.hashes.push(hashString32(text));
    return id;
  }

  /** Records how a term was written mid-sentence, where a capital marks a name. */
  noteCase(id: number, capital: boolean): void {
    if (id >= this.capitalized.length) {
      let size = this.capitalized.length;
      while (size <= id) size *= 2;
      const caps = new Int32Array(size);
      const lows = new Int32Array(size);
      caps.set(this.capitalized);
      lows.set(this.lowercase);
      this.capitalized = caps;
      this.lowercase = lows;
    }
    if (capital) this.capitalized[id] = (this.capitalized[id] as number) + 1;
    else this.lowercase[id] = (this.lowercase[id] as number) + 1;
  }

  /**
   * A name learned from earlier text: mostly written with a capital mid-sentence. Lets a
   * name at the start of a sentence or in a Title Case headline count as one ("Turkey's
   * central bank…" after "…in eastern Turkey").
   */
  isName(id: number): boolean {
    const caps = this.capitalized[id] ?? 0;
    return caps > 0 && caps > 2 * (this.lowercase[id] ?? 0);
  }

  /**
   * Per-term work arrays for one analysis at a time (by term id, all zero between uses):
   * cheaper than a Map per article. The user puts back the zeros.
   */
  workspace(): { weight: Float64Array; flags: Uint8Array } {
    if (this.work.weight.length < this.hashes.length) {
      let size = this.work.weight.length;
      while (size < this.hashes.length) size *= 2;
      const weight = new Float64Array(size);
      const flags = new Uint8Array(size);
      weight.set(this.work.weight);
      flags.set(this.work.flags);
      this.work = { weight, flags };
    }
    return this.work;
  }

  /** A 32-bit hash of the term's text, the same in every process (for MinHash). */
  hash(id: number): number {
    return this.hashes[id] ?? 0;
  }
}
