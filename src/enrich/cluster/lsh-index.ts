import { BucketTable } from "../dedupe/bucket-table.ts";
import { combine32 } from "../dedupe/hash32.ts";

/**
 * Locality-sensitive hashing over MinHash signatures: the signature is cut into bands of
 * `rows` values; two articles whose sets have Jaccard similarity s share at least one band
 * with probability 1 - (1 - s^rows)^bands. Few rows per band favour recall: paraphrased
 * headlines share only a fifth to a third of their terms, and the cosine check that follows
 * throws out the chance matches.
 */
export class LshIndex {
  readonly bands: number;
  readonly rows: number;
  private readonly table = new BucketTable(1 << 16);

  constructor(bands: number, rows: number) {
    if (!Number.isInteger(bands) || !Number.isInteger(rows) || bands < 1 || rows < 1)
      throw new RangeError("bands and rows must be positive integers");
    this.bands = bands;
    this.rows = rows;
  }

  get permutations(): number {
    return this.bands * this.rows;
  }

  add(slot: number, signature: Uint32Array): void {
    for (const key of this.keys(signature)) this.table.add(key, slot);
  }

  /** Calls `visit` once per shared band: an article sharing three bands is visited three times. */
  query(signature: Uint32Array, visit: (slot: number) => void): void {
    for (const key of this.keys(signature)) this.table.forEach(key, visit);
  }

  compact(keep: (slot: number) => boolean): void {
    this.table.compact(keep);
  }

  private keys(signature: Uint32Array): number[] {
    if (signature.length !== this.permutations)
      throw new RangeError(
        `signature has ${signature.length} values, expected ${this.permutations}`,
      );
    const keys: number[] = [];
    for (let band = 0; band < this.bands; band++) {
      let h = mixBand(band);
      for (let r = 0; r < this.rows; r++)
        h = combine32(h, signature[band * this.rows + r] as number);
      keys.push(h | 0);
    }
    return keys;
  }
}

function mixBand(band: number): number {
  return Math.imul(band + 1, 0x9e3779b1);
}
