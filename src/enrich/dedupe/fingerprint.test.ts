import assert from "node:assert/strict";
import { test } from "node:test";
import {
  contentKey,
  fingerprint,
  fingerprintWords,
  MIN_WORDS,
  normalizedWords,
} from "./fingerprint.ts";
import { hashString32, mix32 } from "./hash32.ts";

const TEXT =
  "Rescue teams searched the rubble in Malatya after the earthquake, officials said on Monday morning.";

test("the content key reads words, not case, accents or punctuation, on every path", () => {
  assert.equal(contentKey(TEXT), contentKey(TEXT.toUpperCase().replaceAll(",", " ;")));
  // Non-ASCII text takes the slow path and must land on the same key.
  assert.equal(contentKey(TEXT), contentKey(`“${TEXT.replace("Malatya", "Málatya")}”`));
  assert.notEqual(contentKey(TEXT), contentKey(TEXT.replace("Monday", "Tuesday")));
  assert.equal(contentKey("Too short to judge."), null);
});

test("Latin text read char by char keys as the normalized words do", () => {
  // Folded letters (é, ß, ø, the ǆ ligature), a multiplication sign, a fraction, symbols
  // beyond Latin (€, ‰, №), and a Polish ł (read through normalizedWords).
  for (const text of [
    "Prices in Zürich rose 4,5‰ to €3,400 at store № 12 while the café stayed shut all week",
    "Café owners in Zürich, Malmö and São Paulo said the straße was ǆungla × ½ open again today",
    "Łódź officials in Kraków and Gdańsk said the café was open again for visitors this week",
  ]) {
    let a = 0x12345678;
    let b = 0x9abcdef0;
    const words = normalizedWords(text);
    for (const w of words)
      for (const code of [32, ...Array.from(w, (ch) => ch.charCodeAt(0))]) {
        a = Math.imul(a ^ code, 0x01000193);
        b = Math.imul(b ^ code, 0x5bd1e995);
      }
    const hex = (n: number) => (mix32(n) >>> 0).toString(16).padStart(8, "0");
    assert.equal(contentKey(text), `${hex(a)}${hex(b)}:${words.length}`, text);
  }
});

test("normalized words drop accents and punctuation in any script", () => {
  assert.deepEqual(normalizedWords("Kahramanmaraş, İzmir — Ürgüp!"), [
    "kahramanmaras",
    "izmir",
    "urgup",
  ]);
  assert.deepEqual(normalizedWords("Москва и Киев"), ["москва", "и", "киев"]);
});

test("fingerprints from words a caller hashed match fingerprints from text", () => {
  const words = normalizedWords(TEXT);
  assert.ok(words.length >= MIN_WORDS);
  const fromWords = fingerprintWords(
    words.map((w) => hashString32(w)),
    contentKey(TEXT),
  );
  assert.deepEqual(fromWords, fingerprint(TEXT));
});
