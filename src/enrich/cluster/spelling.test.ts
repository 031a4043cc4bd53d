import assert from "node:assert/strict";
import { test } from "node:test";
import { americanSpelling } from "./spelling.ts";
import { stem } from "./stem.ts";

test("British and American spellings of a word meet", () => {
  for (const [uk, us] of [
    ["harbour", "harbor"],
    ["labourers", "laborers"],
    ["neighbourhood", "neighborhood"],
    ["centre", "center"],
    ["kilometres", "kilometers"],
    ["organised", "organized"],
    ["mobilisation", "mobilization"],
    ["analyse", "analyze"],
    ["defence", "defense"],
    ["cancelled", "canceled"],
  ] as const) {
    assert.equal(stem(americanSpelling(uk)), stem(americanSpelling(us)), `${uk} / ${us}`);
  }
});

test("words that only look British are left alone", () => {
  for (const w of ["hour", "four", "tour", "detour", "rise", "crisis", "is"]) {
    assert.equal(americanSpelling(w), w);
  }
});
