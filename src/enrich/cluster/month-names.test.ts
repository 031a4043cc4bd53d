import assert from "node:assert/strict";
import { test } from "node:test";
import { foreignMonth } from "./month-names.ts";
import { readRepresentations } from "./representations.ts";
import { Vocabulary } from "./vocabulary.ts";

test("a month named in another language reads as the English month", () => {
  for (const [word, month] of [
    ["septembrie", "sep"],
    ["setembro", "sep"],
    ["września", "sep"],
    ["märz", "mar"],
    ["décembre", "dec"],
  ] as const) {
    assert.equal(foreignMonth(word), month, word);
  }
  for (const w of ["mars", "mayo", "julio", "augustus", "september", "may"])
    assert.equal(foreignMonth(w), undefined, w);
});

test("a date in Romanian and one in English share the month among the figures", () => {
  const v = new Vocabulary();
  const ro = readRepresentations(
    { title: "6 septembrie: Liz Truss devine prim-ministru", text: "" },
    v,
  );
  const en = readRepresentations(
    { title: "Liz Truss becomes prime minister (September 6)", text: "" },
    v,
  );
  const shared = [...ro.figures.ids].filter((t) => en.figures.ids.includes(t));
  assert.deepEqual(shared, [v.term("#sep")]);
});
