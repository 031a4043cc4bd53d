import { popcount32 } from "./hash32.ts";

/** A 64-bit fingerprint kept as two unsigned 32-bit halves (cheaper than BigInt). */
export interface SimHash64 {
  hi: number;
  lo: number;
}

/**
 * Charikar's SimHash: each feature votes on every bit with its own 64 pseudo-random bits;
 * a bit is set when the votes for it win. Similar feature sets give fingerprints a small
 * Hamming distance apart. `hi[i]` and `lo[i]` are the two halves of feature i's hash.
 */
export function simhash64(hi: ArrayLike<number>, lo: ArrayLike<number>): SimHash64 {
  const votes = new Int32Array(64);
  const n = Math.min(hi.length, lo.length);
  for (let i = 0; i < n; i++) {
    const h = (hi[i] as number) >>> 0;
    const l = (lo[i] as number) >>> 0;
    for (let b = 0; b < 32; b++) {
      votes[b] = (votes[b] as number) + ((h >>> b) & 1) * 2 - 1;
      votes[b + 32] = (votes[b + 32] as number) + ((l >>> b) & 1) * 2 - 1;
    }
  }
  let outHi = 0;
  let outLo = 0;
  for (let b = 0; b < 32; b++) {
    if ((votes[b] as number) > 0) outHi |= 1 << b;
    if ((votes[b + 32] as number) > 0) outLo |= 1 << b;
  }
  return { hi: outHi >>> 0, lo: outLo >>> 0 };
}

export function hamming64(a: SimHash64, b: SimHash64): number {
  return popcount32(a.hi ^ b.hi) + popcount32(a.lo ^ b.lo);
}

/** The fingerprint as 16 hex digits, for logs and tests. */
export function simhashHex(value: SimHash64): string {
  return value.hi.toString(16).padStart(8, "0") + value.lo.toString(16).padStart(8, "0");
}
