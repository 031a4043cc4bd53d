import assert from "node:assert/strict";
import { test } from "node:test";
import { fingerprint } from "./fingerprint.ts";
import { combine32, hashString32, popcount32 } from "./hash32.ts";
import { hamming64, simhash64, simhashHex } from "./simhash.ts";

function features(words: string[]): { hi: Uint32Array; lo: Uint32Array } {
  const hi = Uint32Array.from(words, (w) => hashString32(w));
  return { hi, lo: hi.map((h) => combine32(h, 7)) };
}

test("popcount and Hamming distance are exact", () => {
  assert.equal(popcount32(0), 0);
  assert.equal(popcount32(0xffffffff), 32);
  assert.equal(popcount32(0x80000001), 2);
  const a = { hi: 0xf0f0f0f0, lo: 0x00000001 };
  assert.equal(hamming64(a, a), 0);
  assert.equal(hamming64(a, { hi: 0xf0f0f0f1, lo: 0x00000003 }), 2);
  assert.equal(hamming64({ hi: 0, lo: 0 }, { hi: 0xffffffff, lo: 0xffffffff }), 64);
  assert.equal(simhashHex({ hi: 1, lo: 0xabc }), "0000000100000abc");
});

test("SimHash: same features give the same print, order does not matter", () => {
  const words = Array.from({ length: 200 }, (_, i) => `word${i}`);
  const a = features(words);
  const b = features([...words].reverse());
  assert.equal(hamming64(simhash64(a.hi, a.lo), simhash64(b.hi, b.lo)), 0);
});

test("SimHash distance grows with the share of features changed", () => {
  const base = Array.from({ length: 400 }, (_, i) => `w${i}`);
  const at = (changed: number) => {
    const edited = base.map((w, i) => (i < changed ? `x${i}` : w));
    const a = features(base);
    const b = features(edited);
    return hamming64(simhash64(a.hi, a.lo), simhash64(b.hi, b.lo));
  };
  assert.ok(at(2) <= 3, `2 of 400 changed: ${at(2)}`);
  assert.ok(at(200) > 10, `half changed: ${at(200)}`);
  assert.ok(at(400) > 16, `all changed: ${at(400)}`);
});

test("fingerprints ignore case, accents and punctuation, and skip very short text", () => {
  const a = fingerprint(
    "The quake struck Kahramanmaraş at dawn, AFAD said; 14 people died in the rubble.",
  );
  const b = fingerprint(
    "the QUAKE struck kahramanmaras at dawn - afad said: 14 people died in the rubble",
  );
  assert.equal(a.content, b.content);
  assert.ok(a.simhash && b.simhash && hamming64(a.simhash, b.simhash) === 0);
  const short = fingerprint("Watch the video", "https://example.com/v");
  assert.deepEqual(
    { content: short.content, simhash: short.simhash, url: short.url },
    { content: null, simhash: null, url: "https://example.com/v" },
  );
});
