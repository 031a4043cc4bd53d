import assert from "node:assert/strict";
import { test } from "node:test";
import { DocumentFrequencies, type SparseVector, tfidfCosine } from "./tfidf.ts";

const vec = (pairs: [number, number][]): SparseVector => ({
  ids: Int32Array.from(pairs, (p) => p[0]),
  weights: Float32Array.from(pairs, (p) => p[1]),
});

test("cosine is 1 for the same vector, 0 for disjoint ones, and symmetric", () => {
  const df = new DocumentFrequencies();
  const a = vec([
    [1, 1],
    [2, 2],
    [5, 1],
  ]);
  const b = vec([
    [2, 1],
    [5, 3],
    [9, 1],
  ]);
  df.add(a.ids);
  df.add(b.ids);
  assert.ok(Math.abs(tfidfCosine(a, a, df) - 1) < 1e-9);
  assert.equal(
    tfidfCosine(
      a,
      vec([
        [3, 1],
        [4, 1],
      ]),
      df,
    ),
    0,
  );
  assert.equal(tfidfCosine(a, b, df), tfidfCosine(b, a, df));
  assert.equal(tfidfCosine(a, vec([]), df), 0);
});

test("IDF learned from the documents: a term in every document weighs less than a rare one", () => {
  const df = new DocumentFrequencies();
  for (let i = 0; i < 50; i++) df.add([0, 100 + i]);
  df.add([0, 7]);
  assert.ok(df.idf(0) < df.idf(7));
  assert.ok(df.idf(0) > 0, "smoothed: never zero");
  // Sharing only the everywhere-term scores lower than sharing only the rare one.
  const q = vec([
    [0, 1],
    [7, 1],
  ]);
  assert.ok(
    tfidfCosine(
      q,
      vec([
        [0, 1],
        [8, 1],
      ]),
      df,
    ) <
      tfidfCosine(
        q,
        vec([
          [7, 1],
          [8, 1],
        ]),
        df,
      ),
  );
  df.remove([0, 7]);
  assert.equal(df.df(7), 0);
  assert.equal(df.documents, 50);
});
