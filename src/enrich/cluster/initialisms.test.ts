import assert from "node:assert/strict";
import { test } from "node:test";
import { initialisms } from "./initialisms.ts";
import { tokenize } from "./tokens.ts";
import { Vocabulary } from "./vocabulary.ts";

const of = (text: string) => initialisms(tokenize(text, new Vocabulary())).map((r) => r.initials);

test("runs of capitalized words give their initials", () => {
  assert.deepEqual(of("the National Democratic Alliance won"), ["nda"]);
  assert.deepEqual(of("says the European Central Bank."), ["ecb"]);
  assert.deepEqual(of("the Bank of England held"), ["boe"]);
  assert.deepEqual(of("the World Health Organization, in Geneva"), ["who"]);
  assert.deepEqual(of("National Transportation Safety Board investigators"), ["ntsb"]);
});

test("short runs, broken runs and acronyms give nothing", () => {
  assert.deepEqual(of("Real Madrid beat Manchester City"), []);
  assert.deepEqual(of("in Paris, France and Berlin"), []);
  assert.deepEqual(of("the ECB and the FAA"), []);
});
