import assert from "node:assert/strict";
import { test } from "node:test";
import { lintContext } from "./lint.ts";
import { quoteBalance } from "./quote-balance.ts";

const check = (text: string, language = "en") => quoteBalance(lintContext(text, language));
const spans = (text: string) => check(text).map((f) => [text.slice(f.start, f.end), f.fix]);

test("a closing mark with no opening one is reported, with no fix", () => {
  const text =
    "“Russia did not leave us,” he said. But the Kremlin expects something in return ”, remarks Lagvinets.";
  const [f, ...rest] = check(text);
  assert.equal(rest.length, 0);
  assert.equal(f?.text, "”");
  assert.equal(f?.fix, null);
  assert.match(f?.message ?? "", /no opening/);
});

test("a closing mark spaced on the wrong side gets the space moved", () => {
  assert.deepEqual(
    spans("“Belarus is weak, and more dependent on Russia, ”says researcher Petr Piatrouski."),
    [[" ”", "” "]],
  );
  assert.deepEqual(
    spans("“It would be an incorporation for the benefit of the Kremlin ”, considers Lagvinets."),
    [[" ”", "”"]],
  );
});

test("an opening mark followed by a space, or one left open, is reported", () => {
  assert.deepEqual(spans("The fire spread fast. “ It was over in seconds,” he added."), [
    ["“ ", "“"],
  ]);
  assert.deepEqual(
    spans("He said “we cannot stand by while the profession is driven into the ground."),
    [["“", null]],
  );
});

test("a ” used to open or a “ used to close gets the right mark as its fix", () => {
  assert.deepEqual(spans("He said: ”We remain cautious,” and left."), [["”", "“"]]);
  assert.deepEqual(spans("He said “we remain cautious.“ Then he left."), [["“", "”"]]);
  assert.deepEqual(check("Han sa: ”Vi är försiktiga,” och gick.", "sv"), []);
});

test("straight quotes pair in order; a stray or unclosed one is reported", () => {
  assert.deepEqual(
    check('"We are not against bikes," said Tom Becker. "We are against losing parking."'),
    [],
  );
  assert.deepEqual(spans('Joan Pearce said it was "the only warm place they can go" for many ".'), [
    ['"', null],
  ]);
  assert.deepEqual(spans('He wrote on social media. "Together we will create stories.'), [
    ['"', null],
  ]);
  assert.deepEqual(check('The pipe is 12" wide and the wall 3" thick.'), []);
});

test("apostrophes are not quotation marks", () => {
  const text =
    "The bands’ managers said Belarus’ debt, the ’90s and rock ’n’ roll were all Jarvis’s idea; it’s ‘fine’ by them.";
  assert.deepEqual(check(text), []);
});

test("nested quotes and quotations that run over several paragraphs are balanced", () => {
  const text = [
    "“I remember someone saying, ‘We’ve done the exercises,’ and I thought that was not true,” he said.",
    "He said: “We have learned a lot over the last six years.",
    "“Hostels have their place, but we want to close that door for good.”",
    "« Nous ne lâcherons rien », a-t-elle dit. Sie sagte: „Wir schaffen das“.",
  ].join("\n\n");
  assert.deepEqual(check(text), []);
});
