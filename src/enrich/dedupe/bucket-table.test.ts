import assert from "node:assert/strict";
import { test } from "node:test";
import { BucketTable } from "./bucket-table.ts";

const values = (t: BucketTable, key: number) => {
  const out: number[] = [];
  t.forEach(key, (v) => out.push(v));
  return out;
};

test("a bucket table keeps many values per key through growth and compaction", () => {
  const t = new BucketTable(16);
  for (let i = 0; i < 10_000; i++) t.add(i % 100, i);
  assert.equal(t.size, 10_000);
  assert.equal(values(t, 7).length, 100);
  assert.deepEqual(values(t, 7).slice(0, 3), [9907, 9807, 9707]);
  assert.deepEqual(values(t, 12345), []);
  t.compact((v) => v >= 9_900);
  assert.equal(t.size, 100);
  assert.deepEqual(values(t, 7), [9907]);
  t.add(-5, 1);
  assert.deepEqual(values(t, -5), [1]);
});
