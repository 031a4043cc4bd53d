import { BucketTable } from "./bucket-table.ts";
import type { DuplicateFingerprint } from "./fingerprint.ts";
import { combine32 } from "./hash32.ts";
import { estimateJaccard } from "./minhash.ts";
import { hamming64, type SimHash64 } from "./simhash.ts";

export type DuplicateKind = "url" | "content" | "simhash" | "resemblance";

export interface DuplicateMatch {
  /** The earliest indexed article it copies. */
  slot: number;
  kind: DuplicateKind;
}

export interface DuplicateIndexOptions {
  /** Largest SimHash Hamming distance that still counts as a copy (at most 3: 4 bands). */
  maxHamming?: number;
  /** Least estimated Jaccard similarity of 3-word shingles that counts as a copy. */
  minResemblance?: number;
}

const SIMHASH_BANDS = 4;
const RESEMBLANCE_ROWS = 4;

interface Entry {
  simhash: SimHash64 | null;
  resemblance: Uint32Array | null;
}

/**
 * Finds earlier copies of an article across sources: the same canonical URL, the same
 * normalized text, a SimHash within Hamming 3, or (for text too short for SimHash to be
 * steady) nearly the same shingles. Articles are numbered slots given by the caller, who
 * also says which are eligible (for example, inside the time window).
 *
 * SimHash lookups use the pigeonhole principle: split 64 bits into 4 bands of 16; two
 * fingerprints at most 3 bits apart agree exactly on at least one band.
 */
export class DuplicateIndex {
  private readonly maxHamming: number;
  private readonly minResemblance: number;
  private readonly byUrl = new Map<string, number>();
  private readonly byContent = new Map<string, number>();
  private readonly entries = new Map<number, Entry>();
  private readonly simhashBands = new BucketTable(4096);
  private readonly resemblanceBands = new BucketTable(4096);

  constructor(options: DuplicateIndexOptions = {}) {
    this.maxHamming = Math.min(3, Math.max(0, options.maxHamming ?? 3));
    this.minResemblance = options.minResemblance ?? 0.8;
  }

  get size(): number {
    return this.entries.size;
  }

  find(
    fp: DuplicateFingerprint,
    accept: (slot: number, kind: DuplicateKind) => boolean = () => true,
  ): DuplicateMatch | null {
    if (fp.url !== null) {
      const slot = this.byUrl.get(fp.url);
      if (slot !== undefined && accept(slot, "url")) return { slot, kind: "url" };
    }
    if (fp.content !== null) {
      const slot = this.byContent.get(fp.content);
      if (slot !== undefined && accept(slot, "content")) return { slot, kind: "content" };
    }
    let best = -1;
    if (fp.simhash !== null) {
      const query = fp.simhash;
      for (const key of simhashKeys(query)) {
        this.simhashBands.forEach(key, (slot) => {
          if (best !== -1 && slot >= best) return;
          const entry = this.entries.get(slot);
          if (
            entry?.simhash &&
            hamming64(entry.simhash, query) <= this.maxHamming &&
            accept(slot, "simhash")
          )
            best = slot;
        });
      }
      if (best !== -1) return { slot: best, kind: "simhash" };
    }
    if (fp.resemblance !== null) {
      const query = fp.resemblance;
      for (const key of resemblanceKeys(query)) {
        this.resemblanceBands.forEach(key, (slot) => {
          if (best !== -1 && slot >= best) return;
          const entry = this.entries.get(slot);
          if (
            entry?.resemblance &&
            estimateJaccard(entry.resemblance, query) >= this.minResemblance &&
            accept(slot, "resemblance")
          )
            best = slot;
        });
      }
      if (best !== -1) return { slot: best, kind: "resemblance" };
    }
    return null;
  }

  add(slot: number, fp: DuplicateFingerprint): void {
    // The first copy stays the one later copies point at.
    if (fp.url !== null && !this.byUrl.has(fp.url)) this.byUrl.set(fp.url, slot);
    if (fp.content !== null && !this.byContent.has(fp.content))
      this.byContent.set(fp.content, slot);
    if (fp.simhash === null && fp.resemblance === null) return;
    this.entries.set(slot, { simhash: fp.simhash, resemblance: fp.resemblance });
    if (fp.simhash !== null)
      for (const key of simhashKeys(fp.simhash)) this.simhashBands.add(key, slot);
    if (fp.resemblance !== null)
      for (const key of resemblanceKeys(fp.resemblance)) this.resemblanceBands.add(key, slot);
  }

  /** Forgets every slot that fails `keep` (after eviction). */
  compact(keep: (slot: number) => boolean): void {
    for (const [url, slot] of this.byUrl) if (!keep(slot)) this.byUrl.delete(url);
    for (const [content, slot] of this.byContent) if (!keep(slot)) this.byContent.delete(content);
    for (const slot of this.entries.keys()) if (!keep(slot)) this.entries.delete(slot);
    this.simhashBands.compact(keep);
    this.resemblanceBands.compact(keep);
  }
}

function simhashKeys(value: SimHash64): number[] {
  const keys: number[] = [];
  for (let band = 0; band < SIMHASH_BANDS; band++) {
    const half = band < 2 ? value.hi : value.lo;
    const bits = (half >>> ((band % 2) * 16)) & 0xffff;
    keys.push((band << 16) | bits);
  }
  return keys;
}

function resemblanceKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (
    let start = 0, band = 0;
    start + RESEMBLANCE_ROWS <= signature.length;
    start += RESEMBLANCE_ROWS, band++
  ) {
    let h = band;
    for (let i = start; i < start + RESEMBLANCE_ROWS; i++) h = combine32(h, signature[i] as number);
    keys.push(h | 0);
  }
  return keys;
}
