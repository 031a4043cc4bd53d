import assert from "node:assert/strict";
import { test } from "node:test";
import { lintContext } from "./lint.ts";
import { sentenceBreak } from "./sentence-break.ts";

const check = (text: string) => sentenceBreak(lintContext(text, "en"));

test("a full stop before a lower-case word is reported, with the stop removed as the fix", () => {
  const text =
    "Two key portfolios in the relationship. between Minsk and Moscow, and a centre in Vileika. and a radar station.";
  const findings = check(text);
  assert.deepEqual(
    findings.map((f) => [f.text, f.fix]),
    [
      ["relationship. between", "relationship between"],
      ["Vileika. and", "Vileika and"],
    ],
  );
  for (const f of findings) {
    assert.equal(text.slice(f.start, f.end), f.text);
    assert.equal(f.rule, "sentence-break");
  }
});

test("a year, a lone lower-case letter and a possessive can carry a stray stop", () => {
  const found = check(
    "Turnout was the highest since 1989. and far above that of a. captain of the country’s. own.",
  );
  assert.deepEqual(
    found.map((f) => f.text),
    ["1989. and", "a. captain", "country’s. own"],
  );
});

test("a doubled or spaced stray stop is one too; an ellipsis is not", () => {
  assert.deepEqual(
    check(
      "The relationship.. between them and the talks . on Friday went on and on... and on.",
    ).map((f) => [f.text, f.fix]),
    [
      ["relationship.. between", "relationship between"],
      ["talks . on", "talks on"],
    ],
  );
});

test("abbreviations, initialisms, initials, decimals, addresses and brands are left alone", () => {
  const text = [
    "Officials in the U.S. and Canada met at 9 a.m. on Monday, e.g. the trade envoy, i.e. Ms Tai.",
    "Walmart Inc. and Kroger Co. pulled lettuce; E. coli spreads fast, et al. found, etc. and so on.",
    "On behalf of Newman, Anzalone & Newman, LLP. posted in Hit and Run Accidents on Friday.",
    "Prices rose 3.5 per cent in Mass. and Calif. last year, vs. the 2.1 per cent seen in Jan. and Feb.",
    "Details are at www.gov.uk. and the form at example.com. then submit it.",
    "Sales rose. eBay and iPhone makers gained. de Gaulle's heirs were not consulted.",
    "The court cited Roe v. and the p. number, among others.",
  ].join("\n\n");
  assert.deepEqual(check(text), []);
});

test("a lower-case opener after the stop gets no fix: it may be a new sentence", () => {
  const [f] = check("The minister resigned on Friday. he said he had no regrets.");
  assert.equal(f?.text, "Friday. he");
  assert.equal(f?.fix, null);
});
