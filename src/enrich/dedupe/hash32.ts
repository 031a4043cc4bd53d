/**
 * Small, fast, deterministic 32-bit hashes for fingerprints. Not cryptographic: they only
 * need to spread text evenly so that SimHash bits and MinHash minima behave like random.
 */

/** MurmurHash3's finalizer: every input bit affects every output bit. */
export function mix32(h: number): number {
  let x = h | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, finalized with mix32. */
export function hashString32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** An order-sensitive combination of two hashes (shingles, band keys). */
export function combine32(a: number, b: number): number {
  return mix32(Math.imul(a ^ 0x9e3779b9, 0x27d4eb2f) + b);
}

/** Set bits in a 32-bit integer. */
export function popcount32(value: number): number {
  let v = value >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
