import assert from "node:assert/strict";
import { test } from "node:test";
import {
  contentKey,
  fingerprint,
  fingerprintWords,
  MIN_WORDS,
  normalizedWords,
} from "./fingerprint.ts";
import { hashString32 } from "./hash32.ts";

const TEXT =
  "Rescue teams searched the rubble in Malatya after the earthquake, officials said on Monday morning.";

test("the content key reads words, not case, accents or punctuation, on every path", () => {
  assert.equal(contentKey(TEXT), contentKey(TEXT.toUpperCase().replaceAll(",", " ;")));
  // Non-ASCII text takes the slow path and must land on the same key.
  assert.equal(contentKey(TEXT), contentKey(`“${TEXT.replace("Malatya", "Málatya")}”`));
  assert.notEqual(contentKey(TEXT), contentKey(TEXT.replace("Monday", "Tuesday")));
  assert.equal(contentKey("Too short to judge."), null);
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
