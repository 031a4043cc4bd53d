import assert from "node:assert/strict";
import { test } from "node:test";
import { hashString32 } from "./hash32.ts";
import { estimateJaccard, minhashSignature, oneHashSignature } from "./minhash.ts";

const set = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => hashString32(`e${from + i}`));

test("MinHash estimates Jaccard similarity", () => {
  // [0, 300) and [100, 400): 200 shared of 400, J = 0.5.
  for (const sign of [
    (h: number[]) => minhashSignature(h, 256),
    (h: number[]) => oneHashSignature(h, 256),
  ]) {
    const j = estimateJaccard(sign(set(0, 300)), sign(set(100, 400)));
    assert.ok(Math.abs(j - 0.5) < 0.1, `estimate ${j}`);
    assert.equal(estimateJaccard(sign(set(0, 300)), sign(set(0, 300))), 1);
    assert.ok(estimateJaccard(sign(set(0, 300)), sign(set(1000, 1300))) < 0.05);
  }
});

test("one-hash signatures of small sets are filled, and equal sets agree", () => {
  const small = set(0, 5);
  const sig = oneHashSignature(small, 64);
  assert.equal(sig.length, 64);
  assert.deepEqual(sig, oneHashSignature([...small].reverse(), 64));
  assert.throws(() => oneHashSignature(small, 48), RangeError);
});
