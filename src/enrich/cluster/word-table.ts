import { mix32 } from "../dedupe/hash32.ts";

/**
 * Two independent hashes of a lowercased word, computed char by char. The tokenizer runs the
 * same loop over the raw text (lowercasing as it goes), so a known word is found without
 * building its string. The first is exactly hashString32(word).
 */
export const H1_OFFSET = 0x811c9dc5;
export const H1_PRIME = 0x01000193;
export const H2_OFFSET = 0x9747b28c;
export const H2_PRIME = 0x5bd1e995;

export function wordHashPair(lower: string): [number, number] {
  let h1 = H1_OFFSET;
  let h2 = H2_OFFSET;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, H1_PRIME);
    h2 = Math.imul(h2 ^ c, H2_PRIME);
  }
  return [mix32(h1), mix32(h2)];
}

/**
 * Open addressing from a word's hash pair to its vocabulary entry, in one typed array of
 * (h1, h2, entry + 1) triples: one cache line per lookup. Both 32-bit hashes must match, so
 * two different words share an entry with odds around one in 2^64 per pair.
 */
export class WordTable {
  private slots = new Int32Array(3 * 4096);
  private mask = 4095;
  private count = 0;

  get(h1: number, h2: number): number {
    const a = h1 | 0;
    const b = h2 | 0;
    for (let s = a & this.mask; ; s = (s + 1) & this.mask) {
      const at = s * 3;
      const entry = this.slots[at + 2] as number;
      if (entry === 0) return -1;
      if (this.slots[at] === a && this.slots[at + 1] === b) return entry - 1;
    }
  }

  set(h1: number, h2: number, entry: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.place(h1 | 0, h2 | 0, entry + 1);
    this.count++;
  }

  private place(a: number, b: number, value: number): void {
    for (let s = a & this.mask; ; s = (s + 1) & this.mask) {
      const at = s * 3;
      if (this.slots[at + 2] === 0 || (this.slots[at] === a && this.slots[at + 1] === b)) {
        this.slots[at] = a;
        this.slots[at + 1] = b;
        this.slots[at + 2] = value;
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += 3) {
      const value = old[at + 2] as number;
      if (value !== 0) this.place(old[at] as number, old[at + 1] as number, value);
    }
  }
}
