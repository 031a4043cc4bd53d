import assert from "node:assert/strict";
import { test } from "node:test";
import { hashString32 } from "../dedupe/hash32.ts";
import { plainText, tokenize } from "./tokens.ts";
import { Vocabulary } from "./vocabulary.ts";

const TEXT = `MARROWGATE (Northwind) – About 3,400 dockworkers walked off the job. "We will stay out," said Delia Franko; the Dock and Harbour Workers' Union's 4.5% offer…
Japan’s US-bound cargo: 7.1 tonnes, score 2-1.`;

test("the char-by-char path finds the same words as the string path", () => {
  const v = new Vocabulary();
  const fast = tokenize(TEXT, v);
  // Seen first through the fast path, then looked up by string: the same entries.
  for (const t of fast) assert.equal(v.entry(t.lower), t.entry, t.lower);
  assert.deepEqual(
    fast.map((t) => t.lower),
    [
      "marrowgate",
      "northwind",
      "about",
      "3400",
      "dockworkers",
      "walked",
      "off",
      "the",
      "job",
      "we",
      "will",
      "stay",
      "out",
      "said",
      "delia",
      "franko",
      "the",
      "dock",
      "and",
      "harbour",
      "workers",
      "union's",
      "4.5",
      "offer",
      "japan’s",
      "us",
      "bound",
      "cargo",
      "7.1",
      "tonnes",
      "score",
      "2-1",
    ],
  );
  for (const t of fast) assert.equal(v.entryHash(t.entry), hashString32(t.lower));
  // A fresh vocabulary meeting the words by string first gives the fast path the same ids.
  const w = new Vocabulary();
  const ids = fast.map((t) => w.entry(t.lower));
  assert.deepEqual(
    tokenize(TEXT, w).map((t) => t.entry),
    ids,
  );
});

test("capitals, sentence starts and joins are read from the punctuation", () => {
  const t = tokenize(TEXT, new Vocabulary());
  const at = (lower: string) => t.find((x) => x.lower === lower);
  assert.deepEqual([at("marrowgate")?.upper, at("marrowgate")?.initial], [true, true]);
  assert.equal(at("northwind")?.initial, true, "after a parenthesis");
  assert.equal(at("about")?.initial, true, "after a dash");
  assert.equal(at("we")?.initial, true, "after a quote");
  assert.deepEqual(
    [at("delia")?.capital, at("delia")?.initial, at("franko")?.joined],
    [true, false, true],
  );
  assert.equal(at("japan’s")?.sentenceEnd, true, "after a line break");
  assert.deepEqual([at("us")?.upper, at("us")?.capital], [true, true]);
  assert.equal(at("dockworkers")?.figure, false);
  assert.equal(at("3400")?.figure, true);
});

test("other scripts go through the Unicode path; accents are dropped first", () => {
  const v = new Vocabulary();
  const t = tokenize(plainText("Пожар в Москве, 12 человек. Kahramanmaraş"), v);
  assert.deepEqual(
    t.map((x) => x.lower),
    ["пожар", "в", "москве", "12", "человек", "kahramanmaras"],
  );
  assert.deepEqual(
    t.map((x) => x.capital),
    [true, false, true, false, false, true],
  );
  assert.equal(tokenize("one two three", v, 2).length, 2);
});

test("a text read again further (the story index's second reading) gets the tokens of one reading", () => {
  for (const text of [TEXT, `${TEXT} Москва и Киев, 2024.`]) {
    const once = tokenize(text, new Vocabulary());
    const v = new Vocabulary();
    const first = tokenize(text, v, 12);
    const again = tokenize(text, v);
    assert.deepEqual(first, once.slice(0, 12));
    assert.deepEqual(again, once);
    // Each reading is its own list: the caller may keep it.
    assert.notEqual(tokenize(text, v), again);
  }
});

test("symbols beyond Latin (€, ‰, an emoji) leave Latin text on the char-by-char path, with the pattern's tokens", () => {
  const text = "Prices rose 4,5‰ to €3,400 in Zürich 😀 – “We’re done,” said Zoë.";
  // A Cyrillic word sends the whole text through the pattern: the tokens before it agree.
  const byPattern = tokenize(`${text} я`, new Vocabulary()).slice(0, -1);
  assert.deepEqual(tokenize(text, new Vocabulary()), byPattern);
});
