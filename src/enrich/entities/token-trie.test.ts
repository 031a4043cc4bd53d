import assert from "node:assert/strict";
import { test } from "node:test";
import { TokenTrie } from "./token-trie.ts";
import { tokenize } from "./tokenize.ts";

function trie(): TokenTrie<string> {
  const t = new TokenTrie<string>();
  t.add("World Bank", "wb");
  t.add("World", "world");
  t.add("WHO", "who");
  t.add("NATO", "nato");
  t.add("People's Republic of China", "prc");
  t.add("al-Qaeda", "aq");
  return t;
}

test("the longest name wins, only across spaces", () => {
  const t = trie();
  const tokens = tokenize("the World Bank said; World. Bank");
  assert.deepEqual(t.longestAt(tokens, 1), { length: 2, value: "wb" });
  assert.deepEqual(t.longestAt(tokens, 4), { length: 1, value: "world" });
  assert.equal(t.longestAt(tokens, 0), null);
});

test("acronyms need capitals, long ones may be written as words", () => {
  const t = trie();
  assert.equal(t.longestAt(tokenize("who"), 0), null);
  assert.equal(t.longestAt(tokenize("Who"), 0), null);
  assert.equal(t.longestAt(tokenize("WHO"), 0)?.value, "who");
  assert.equal(t.longestAt(tokenize("Nato"), 0)?.value, "nato");
});

test("a possessive ends a name unless the name has one inside", () => {
  const t = trie();
  assert.equal(t.longestAt(tokenize("People’s Republic of China"), 0)?.length, 4);
  assert.deepEqual(t.longestAt(tokenize("World’s Bank"), 0), { length: 1, value: "world" });
  assert.equal(t.longestAt(tokenize("al-Qaeda’s leader"), 0)?.value, "aq");
});
