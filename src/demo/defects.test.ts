import assert from "node:assert/strict";
import { test } from "node:test";
import { type Block, plantDefect, splitSentences } from "./defects.ts";
import { createRandom } from "./random.ts";

const blocks: Block[] = [
  {
    kind: "p",
    text: "Ministers arrived in the capital with several advisers, including two from the energy ministry. Talks began at noon.",
  },
  {
    kind: "p",
    text: "The key portfolios in the relationship between the two capitals are transport and energy.",
  },
  { kind: "p", text: "(Reporting by A; editing by B)", fixed: true },
];

test("splitSentences keeps closing quotes with their sentence", () => {
  assert.deepEqual(splitSentences("He said “no.” Then he left. 3 people stayed."), [
    "He said “no.”",
    "Then he left.",
    "3 people stayed.",
  ]);
});

test("each defect changes the copy and leaves fixed blocks and the input alone", () => {
  for (const kind of [
    "untranslated",
    "repeated",
    "stray-stop",
    "stray-quote",
    "boilerplate",
  ] as const) {
    const out = plantDefect(blocks, kind, createRandom(1));
    assert.ok(out, kind);
    assert.notDeepEqual(out, blocks, kind);
    assert.ok(out.some((b) => b.text === "(Reporting by A; editing by B)"));
  }
  assert.equal(blocks.length, 3);
  assert.match(blocks[0]?.text ?? "", /^Ministers arrived/);
});

test("a stray full stop lands mid-sentence, before a lower-case word", () => {
  const out = plantDefect(blocks, "stray-stop", createRandom(9)) ?? [];
  const text = out.map((b) => b.text).join(" ");
  assert.match(text, /\b[a-z]+\. [a-z]/);
});

test("a defect with no place to go is refused", () => {
  assert.equal(
    plantDefect([{ kind: "p", text: "Short.", fixed: true }], "stray-stop", createRandom(1)),
    null,
  );
  assert.equal(
    plantDefect([{ kind: "p", text: "Too short here." }], "stray-stop", createRandom(1)),
    null,
  );
});
