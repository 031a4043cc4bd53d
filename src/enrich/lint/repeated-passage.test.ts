import assert from "node:assert/strict";
import { test } from "node:test";
import { lintContext } from "./lint.ts";
import { repeatedPassage } from "./repeated-passage.ts";

const check = (text: string) => repeatedPassage(lintContext(text, "en"));

test("the seed's near repeats are found, and the repeat (not the original) is the span", () => {
  const text = [
    "Russia is the main creditor of Belarus, and these days Moscow and Minsk are also discussing the terms of refinancing their debt and analyzing redirecting the supplies of Belarusian fuel.",
    "The Belarusian ruble has plunged. And more when citizen discontent is on the surface and with regional elections this year and some key legislative elections that next no it does.",
    "Russia is Belarus’s main creditor, and these days Moscow and Minsk are also discussing the terms of refinancing their debt. Last year 42% of exports went to Russia.",
    "Social mobilizations, dangerous for the Kremlin. And even more so when citizen discontent is on the surface and with regional elections this year and key legislative elections next.",
  ].join("\n\n");
  const findings = check(text);
  assert.deepEqual(
    findings.map((f) => f.text),
    [
      "Russia is Belarus’s main creditor, and these days Moscow and Minsk are also discussing the terms of refinancing their debt.",
      "And even more so when citizen discontent is on the surface and with regional elections this year and key legislative elections next.",
    ],
  );
  for (const f of findings) assert.equal(f.fix, "");
});

test("a paragraph pasted twice is one finding", () => {
  const paragraph =
    "The union said its members had rejected a 4% pay offer as inadequate at a time of high inflation. The company said it had made a fair offer and urged the union to ballot members.";
  const text = `${paragraph}\n\nOther operators added extra crossings.\n\n${paragraph}`;
  const [f, ...rest] = check(text);
  assert.equal(rest.length, 0);
  assert.equal(f?.text, paragraph);
  assert.equal(f?.start, text.lastIndexOf(paragraph));
});

test("a rewrite that swaps words but repeats every one is a repeat", () => {
  const text =
    "PiS took 35.4% of the vote, while Donald Tusk's Civic Coalition won 30.7%. Turnout was high.\n\nAnalysts said it had no partners. PiS won 35.4% of the vote, while Donald Tusk's Civic Coalition took 30.7%.";
  assert.equal(check(text).length, 1);
});

test("parallel sentences, short refrains and restated figures are not repeats", () => {
  const text = [
    "“We don't want to be Americans. We don't want to be Danes,” he said.",
    "Prices rose 3.2% in March, the statistics office said. Prices rose 3.4% in April, the statistics office said.",
    "He declined to comment. The minister also declined to comment.",
    "The first round will be held on 12 May in Lyon. The second round will be held on 19 May in Nice.",
    "The company cut 1,200 jobs last year. Those 1,200 job cuts were mostly in France, it said.",
  ].join("\n\n");
  assert.deepEqual(check(text), []);
});
