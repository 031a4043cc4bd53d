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

test("a sentence said again in other words is a repeat: a clause moved, a synonym, a number rewritten", () => {
  const cases: [string, string][] = [
    [
      "Police said on Tuesday that the suspect had been arrested near the border with Austria.",
      "The suspect had been arrested near the border with Austria, police stated on Tuesday.",
    ],
    [
      "The storm killed 12 people and left 1.5 million homes without power across the region.",
      "The storm left twelve people dead and 1,500,000 homes without power across the region.",
    ],
    [
      "Unemployment fell to 4.2 per cent in March, the lowest level since the financial crisis.",
      "Unemployment also fell to 4.2% in March, the lowest level since the crisis.",
    ],
  ];
  for (const [first, again] of cases) {
    const text = `${first}\n\nThe government said it would publish a full report next month.\n\n${again}`;
    const findings = check(text);
    assert.deepEqual(
      findings.map((f) => f.text),
      [again],
      again,
    );
  }
});

test("a number written as a word is the same number", () => {
  const first = "Officials said twelve people were injured when the roof of the station collapsed.";
  const again = "Officials said 12 people were injured when the roof of the station collapsed.";
  assert.equal(check(`${first}\n\nRescue teams worked through the night.\n\n${again}`).length, 1);
});

test("sentences that share their frame but give different figures are not repeats", () => {
  const text = [
    "An earthquake with a preliminary magnitude of 4.4 struck this morning, the survey said.",
    "The earthquake struck at about 9:30 a.m. and had a depth of 2.7 miles, according to the USGS.",
    "Earlier this morning, an earthquake with a preliminary magnitude of 2.0 struck nearby.",
    "The earthquake struck at about 7:30 a.m. and had a depth of 1.4 miles, according to the USGS.",
    "Smith won the first race in 1 minute 42 seconds, ahead of Jones and Brown.",
    "Jones won the second race in 1 minute 45 seconds, ahead of Smith and Brown.",
  ].join("\n\n");
  assert.deepEqual(check(text), []);
});

test("a legal text that restates the charges in a new sentence is not a repeat", () => {
  const text = [
    "The complaint alleged three special circumstances that would make Orozco eligible for the death penalty: murder of a peace officer during performance of his duties, lying in wait and murder to avoid arrest.",
    "The defendant is due in court on Monday.",
    "Orozco is charged with one count of murder of a peace officer with the special circumstances of murder of a peace officer during performance of his duties, lying in wait and murder to avoid arrest.",
  ].join("\n\n");
  assert.deepEqual(check(text), []);
});

test("a refrain, an announced repeat and date stamps are not repeats; a short line pasted twice is", () => {
  const speech = [
    "It's a plan that will not add to our deficit over the next decade.",
    "Let me repeat that: It is a plan that will not add to our deficit over the next decade.",
    "We are going to get this done.",
    "The muscles in this town to bring about big changes are a little atrophied, but we are whipping folks back into shape.",
    "We are going to get this done.",
  ].join("\n\n");
  assert.deepEqual(check(speech), []);
  const stamps =
    "Published: 09 Sep 2013 11:25 GMT+02:00\n\nThe ministry confirmed the figures.\n\nUpdated: 09 Sep 2013 11:25 GMT+02:00";
  assert.deepEqual(check(stamps), []);
  const pasted = "The gun has not been recovered.\nThe gun has not been recovered.";
  assert.equal(check(pasted).length, 1);
});

test("rewrites in other words are looked for in English only", () => {
  const text =
    "La policía dijo el martes que el sospechoso fue detenido cerca de la frontera con Austria.\n\nEl gobierno publicará un informe.\n\nEl sospechoso fue arrestado cerca de la frontera austriaca, declaró la policía el martes.";
  assert.deepEqual(repeatedPassage(lintContext(text, "es")), []);
});
