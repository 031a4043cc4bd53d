/**
 * A multimap from 32-bit integer keys to 32-bit integer values in typed arrays: chains
 * through `next`, one head per table slot. Band indexes hold millions of (band key, article)
 * pairs; as Map entries with small arrays that would cost hundreds of megabytes.
 * Removal is by `compact`, which keeps the pairs whose value passes a test; eviction
 * removes many values at once, so one rebuild is cheaper than unlinking each.
 */
export class BucketTable {
  private heads: Int32Array;
  private keys: Int32Array;
  private values: Int32Array;
  private next: Int32Array;
  private count = 0;
  private mask: number;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, 2 ** Math.ceil(Math.log2(initialCapacity)));
    this.heads = new Int32Array(capacity * 2).fill(-1);
    this.mask = capacity * 2 - 1;
    this.keys = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  add(key: number, value: number): void {
    if (this.count === this.keys.length) this.grow(this.keys.length * 2);
    const i = this.count++;
    this.keys[i] = key;
    this.values[i] = value;
    const h = slotOf(key) & this.mask;
    this.next[i] = this.heads[h] as number;
    this.heads[h] = i;
  }

  /** Calls `visit` with every value stored under `key`, newest first. */
  forEach(key: number, visit: (value: number) => void): void {
    const k = key | 0;
    for (
      let i = this.heads[slotOf(key) & this.mask] as number;
      i !== -1;
      i = this.next[i] as number
    ) {
      if (this.keys[i] === k) visit(this.values[i] as number);
    }
  }

  /** Keeps only the pairs whose value passes `keep`, preserving their order. */
  compact(keep: (value: number) => boolean): void {
    const keys = this.keys;
    const values = this.values;
    const total = this.count;
    this.heads.fill(-1);
    this.count = 0;
    for (let i = 0; i < total; i++) {
      const value = values[i] as number;
      if (keep(value)) this.add(keys[i] as number, value);
    }
  }

  private grow(capacity: number): void {
    const keys = new Int32Array(capacity);
    const values = new Int32Array(capacity);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
    this.next = new Int32Array(capacity);
    this.heads = new Int32Array(capacity * 2).fill(-1);
    this.mask = capacity * 2 - 1;
    const total = this.count;
    this.count = 0;
    for (let i = 0; i < total; i++) this.add(keys[i] as number, values[i] as number);
  }
}

/** Keys are often structured (a band number in the high bits): spread them first. */
function slotOf(key: number): number {
  let x = key | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x45d9f3b);
  x ^= x >>> 16;
  return x;
}
