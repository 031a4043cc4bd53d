import assert from "node:assert/strict";
import { test } from "node:test";
import { stem } from "./stem.ts";

test("inflections of one word share a stem", () => {
  for (const group of [
    ["strike", "strikes", "striking"],
    ["ship", "ships", "shipping"],
    ["walk", "walked", "walking", "walks"],
    ["cut", "cuts", "cutting"],
    ["injury", "injuries"],
    ["japan", "japan's", "japan’s"],
    ["rate", "rates", "rated"],
  ]) {
    const stems = new Set(group.map(stem));
    assert.equal(stems.size, 1, `${group.join(", ")} → ${[...stems].join(", ")}`);
  }
});

test("short words, numbers and words ending in -ss, -us, -is are left alone", () => {
  for (const w of ["gas", "bus", "crisis", "press", "7.1", "2-1", "3400", "us"]) {
    assert.equal(stem(w), w);
  }
});
