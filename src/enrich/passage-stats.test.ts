import assert from "node:assert/strict";
import { test } from "node:test";
import { profileFor, stats, suspicious } from "./passage-stats.ts";

const ENGLISH = profileFor("en", "");
const look = (passage: string, enclosed = false) =>
  suspicious(stats(passage, 0, passage.length, ENGLISH), enclosed);

test("English prose, names and short phrases are not worth asking eld about", () => {
  assert.equal(
    look("The council voted on Tuesday to approve the plan after months of debate."),
    false,
  );
  assert.equal(look("Pedro Sánchez met Alberto Núñez Feijóo in São Paulo"), false);
  assert.equal(look("Wir schaffen das", true), false);
});

test("other languages' function words, accents or scripts make a passage worth asking about", () => {
  assert.equal(look("responsables de alrededor del 50% del PIB y del 75% de la producción"), true);
  assert.equal(look("Nous avons empêché plusieurs départs pendant la nuit"), true);
  assert.equal(look("Мы не отступим и продолжим защищать наш город"), true);
  assert.equal(look("Depremde evimizi ve tüm eşyalarımızı kaybettik"), true);
});

test("without a word list, an article's own commonest short words stand in", () => {
  const polish =
    "To jest nasz kraj i nasz dom. To jest nasza sprawa i nasz wybór. To jest i będzie.";
  const profile = profileFor("pl", polish);
  assert.ok(profile.own.has("jest"));
  const english = "the government said the talks would resume in the spring";
  assert.equal(suspicious(stats(english, 0, english.length, profile)), true);
});
