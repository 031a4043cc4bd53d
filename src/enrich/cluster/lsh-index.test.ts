import assert from "node:assert/strict";
import { test } from "node:test";
import { hashString32 } from "../dedupe/hash32.ts";
import { minhashSignature } from "../dedupe/minhash.ts";
import { LshIndex } from "./lsh-index.ts";
import { DEFAULT_BANDS, DEFAULT_ROWS } from "./story-index.ts";

/** Two 30-term sets sharing `shared` terms (Jaccard shared / (60 - shared)). */
function pair(n: number, shared: number): [number[], number[]] {
  const a = Array.from({ length: 30 }, (_, i) => hashString32(`p${n}-${i}`));
  const b = Array.from({ length: 30 }, (_, i) =>
    i < shared ? (a[i] as number) : hashString32(`q${n}-${i}`),
  );
  return [a, b];
}

function found(shared: number, pairs = 200): number {
  const lsh = new LshIndex(DEFAULT_BANDS, DEFAULT_ROWS);
  const k = lsh.permutations;
  const queries: Uint32Array[] = [];
  for (let n = 0; n < pairs; n++) {
    const [a, b] = pair(n, shared);
    lsh.add(n, minhashSignature(a, k));
    queries.push(minhashSignature(b, k));
  }
  let hits = 0;
  queries.forEach((q, n) => {
    let hit = false;
    lsh.query(q, (slot) => {
      if (slot === n) hit = true;
    });
    if (hit) hits++;
  });
  return hits / pairs;
}

test("LSH finds paraphrase-level overlap and ignores unrelated sets", () => {
  // 12 of 30 terms shared: Jaccard 0.25, typical of two outlets' headline and lead.
  assert.ok(found(12) >= 0.9, `recall at J=0.25: ${found(12)}`);
  assert.ok(found(18) >= 0.99, `recall at J=0.43: ${found(18)}`);
  assert.ok(found(0) <= 0.02, `false hits at J=0: ${found(0)}`);
});

test("compaction drops slots; a wrong-length signature is refused", () => {
  const lsh = new LshIndex(4, 2);
  const sig = minhashSignature([1, 2, 3], 8);
  lsh.add(1, sig);
  lsh.add(2, sig);
  lsh.compact((slot) => slot !== 1);
  const seen: number[] = [];
  lsh.query(sig, (slot) => seen.push(slot));
  assert.deepEqual([...new Set(seen)], [2]);
  assert.throws(() => lsh.add(3, minhashSignature([1], 6)), RangeError);
});
