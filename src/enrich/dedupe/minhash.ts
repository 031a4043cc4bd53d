import { mix32 } from "./hash32.ts";

/**
 * MinHash: for each of k hash functions, the least hash over a set. Two sets agree at one
 * position with probability equal to their Jaccard similarity, so the share of agreeing
 * positions estimates it, and bands of positions make an LSH index.
 */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(256);
  for (let i = 0; i < seeds.length; i++) seeds[i] = mix32(Math.imul(i + 1, 0x9e3779b9));
  return seeds;
})();

export const MAX_PERMUTATIONS = SEEDS.length;

/**
 * The signature of a set given as 32-bit element hashes (duplicates are harmless). An empty
 * set gives all 0xffffffff, which two empty sets share: callers skip empty sets.
 */
export function minhashSignature(hashes: ArrayLike<number>, k: number): Uint32Array {
  if (k < 1 || k > MAX_PERMUTATIONS) throw new RangeError(`k must be 1…${MAX_PERMUTATIONS}`);
  const sig = new Uint32Array(k).fill(0xffffffff);
  const n = hashes.length;
  for (let i = 0; i < k; i++) {
    const seed = SEEDS[i] as number;
    let min = 0xffffffff;
    for (let j = 0; j < n; j++) {
      // A cheap permutation of an already well-mixed hash: xor a seed, multiply, fold.
      let v = Math.imul((hashes[j] as number) ^ seed, 0x9e3779b1);
      v ^= v >>> 15;
      v = Math.imul(v, 0x85ebca6b);
      v = (v ^ (v >>> 13)) >>> 0;
      if (v < min) min = v;
    }
    sig[i] = min;
  }
  return sig;
}

/** The share of positions where the signatures agree: an estimate of Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/**
 * One-permutation MinHash (Li, Owen and Zhang 2012) with densification by rotation
 * (Shrivastava and Li 2014): each element is hashed once and kept as the minimum of one of
 * k bins; an empty bin borrows from the next filled one. Same estimator as above at a k-th
 * of the cost, for long sets such as every shingle of an article. `k` must be a power of 2.
 */
export function oneHashSignature(hashes: ArrayLike<number>, k: number): Uint32Array {
  if (k < 2 || k > 1024 || (k & (k - 1)) !== 0)
    throw new RangeError("k must be a power of 2 up to 1024");
  const shift = 32 - Math.log2(k);
  const sig = new Uint32Array(k).fill(0xffffffff);
  const filled = new Uint8Array(k);
  for (let j = 0; j < hashes.length; j++) {
    const h = (hashes[j] as number) >>> 0;
    const bin = h >>> shift;
    const v = mix32(h ^ 0x2545f491);
    if (v <= (sig[bin] as number)) sig[bin] = v;
    filled[bin] = 1;
  }
  if (hashes.length === 0) return sig;
  const out = new Uint32Array(k);
  for (let i = 0; i < k; i++) {
    if (filled[i]) {
      out[i] = sig[i] as number;
      continue;
    }
    // Borrow from the next filled bin to the right; the distance keeps borrowed values
    // distinct from the originals so two sets agree only when their filled bins agree.
    let d = 1;
    while (!filled[(i + d) % k]) d++;
    out[i] = mix32((sig[(i + d) % k] as number) + Math.imul(d, 0x9e3779b9)) >>> 0;
  }
  return out;
}
