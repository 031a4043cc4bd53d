import assert from "node:assert/strict";
import { test } from "node:test";
import { dayCover, dayNumber, daySpans, languageFacet, wholeSpan } from "./search-facets.ts";

const SIZES: Record<string, number> = { d: 1, w: 8, q: 64, y: 512, e: 4096 };

/** The days a facet word stands for. */
function daysOf(word: string): [number, number] {
  const size = SIZES[word[0] as string] ?? Number.NaN;
  const n = Number(word.slice(1));
  return [n * size, n * size + size - 1];
}

/** Every day in [lo, hi] exactly once, nothing outside. */
function assertCovers(words: string[], lo: number, hi: number): void {
  const ranges = words.map(daysOf).sort((a, b) => a[0] - b[0]);
  let next = lo;
  for (const [from, to] of ranges) {
    assert.equal(from, next, `${words.join(" ")} covers ${lo}..${hi}`);
    next = to + 1;
  }
  assert.equal(next, hi + 1);
}

test("a run of days is covered by the fewest aligned blocks", () => {
  assertCovers(dayCover(20786, 20786), 20786, 20786);
  assert.deepEqual(dayCover(20786, 20786), ["d20786"]);
  assert.deepEqual(dayCover(20784, 20791), ["w2598"]);
  for (const [lo, hi] of [
    [20700, 20786],
    [0, 20786],
    [-10, 5],
    [20000, 20511],
    [20480, 20991],
  ] as const) {
    const words = dayCover(lo, hi);
    assertCovers(words, lo, hi);
    assert.ok(words.length <= 30, `${lo}..${hi}: ${words.length} words`);
  }
  assert.deepEqual(dayCover(5, 4), []);
});

test("day numbers are UTC days since 1970", () => {
  assert.equal(dayNumber(Date.parse("1970-01-01T23:59:59Z")), 0);
  assert.equal(dayNumber(Date.parse("2026-11-29T00:00:00Z")), 20786);
  assert.equal(dayNumber(Date.parse("1969-12-31T12:00:00Z")), -1);
});

test("spans run newest first, double in length and leave no day out", () => {
  const spans = daySpans({
    lastDay: 20786,
    firstDay: 20420,
    oldestDay: 0,
    firstSpan: 3,
    required: ["s3", "len"],
  });
  let hi = 20786;
  let length = 3;
  for (const [i, span] of spans.entries()) {
    assert.match(span, / & 's3' & 'len'$/);
    const words = [...span.matchAll(/'([dwqye]-?\d+)'/g)].map((m) => m[1] as string);
    const days = words.map(daysOf);
    const lo = Math.min(...days.map((d) => d[0]));
    assert.equal(Math.max(...days.map((d) => d[1])), hi, `span ${i} ends where the last began`);
    assertCovers(words, lo, hi);
    if (i < spans.length - 1 && lo > 20420) assert.equal(hi - lo + 1, length, `span ${i}`);
    length *= 2;
    hi = lo - 1;
  }
  assert.equal(hi, -1, "the last span reaches back to the oldest day");
});

test("a search inside a short range reads it in one or two spans", () => {
  const spans = daySpans({
    lastDay: 20500,
    firstDay: 20470,
    oldestDay: 20470,
    firstSpan: 40,
    required: [],
  });
  assert.equal(spans.length, 1);
  assert.doesNotMatch(spans[0] ?? "", /&/);
});

test("facet words are quoted; a language that could not be one has none", () => {
  assert.equal(wholeSpan([]), null);
  assert.equal(wholeSpan(["s3", "o12"]), "'s3' & 'o12'");
  assert.equal(languageFacet("en"), "len");
  assert.equal(languageFacet("pt-BR"), "lpt-BR");
  assert.equal(languageFacet("en' | 'x"), null);
  assert.equal(languageFacet(""), null);
});
