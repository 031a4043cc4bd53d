import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { bodyText } from "../domain/body-text.ts";
import { detectLanguage, findForeignFragments } from "./language.ts";

const SEED = new URL("../../test/fixtures/seed/article.ninjs.json", import.meta.url);
const seedText = () =>
  bodyText(
    (JSON.parse(readFileSync(SEED, "utf8")) as { bodies: { value: string }[] }).bodies[0]?.value ??
      "",
  );

const ENGLISH =
  "The council voted on Tuesday to approve the new bike lanes, ending months of debate over parking and traffic in the city centre. Supporters said the plan would make the streets safer for everyone.";

test("the article's language comes from its text", () => {
  assert.equal(detectLanguage({ text: seedText() }), "en");
  assert.equal(
    detectLanguage({
      text: "El Consejo de Ministros aprobó este martes la subida del salario mínimo interprofesional hasta los 1.134 euros brutos mensuales en 14 pagas, un 5% más que el año pasado.",
    }),
    "es",
  );
  assert.equal(
    detectLanguage({
      text: "Der Bundestag hat am Freitag eine Reform des Staatsangehörigkeitsrechts beschlossen. Künftig sollen Ausländer bereits nach fünf Jahren einen deutschen Pass beantragen können.",
    }),
    "de",
  );
});

test("a text too short to tell falls back to the declared language", () => {
  assert.equal(detectLanguage({ text: "OK", hint: "en-GB" }), "en");
  assert.equal(detectLanguage({ text: "", hint: "" }), "");
});

test("the seed's bracketed Spanish passage is a fragment, and nothing else is", () => {
  const text = seedText();
  const fragments = findForeignFragments(text, "en");
  assert.equal(fragments.length, 1);
  const [f] = fragments;
  assert.equal(f?.language, "es");
  assert.equal(
    f?.text,
    "responsables de alrededor del 50% del PIB y del 75% de la producción industrial, según datos del Banco Mundial",
  );
  assert.equal(text.slice(f?.start, f?.end), f?.text);
});

test("names, numbers, loanwords and quotes of a few words are not fragments", () => {
  const text = [
    ENGLISH,
    "Pedro Sánchez met Alberto Núñez Feijóo and the head of Médecins Sans Frontières in São Paulo.",
    "“Wir schaffen das,” Merkel said in 2015, a de facto promise that became her motto.",
    "The coup d’état was, per se, no surprise to the Bundestag (Partido Popular) in 2019–2020: 12.5%.",
  ].join("\n\n");
  assert.deepEqual(findForeignFragments(text, "en"), []);
});

test("untranslated quotations and sentences are found, with their language", () => {
  const text = [
    ENGLISH,
    "“No vamos a permitir que esto vuelva a ocurrir en nuestro país”, the minister said.",
    "Nous avons empêché plusieurs départs pendant la nuit, mais les passeurs s'adaptent en permanence, a spokesman said.",
    "He added: «Мы не отступим и продолжим защищать наш город до конца».",
  ].join("\n\n");
  const fragments = findForeignFragments(text, "en");
  const covers = (language: string, passage: string) =>
    fragments.some((f) => f.language === language && f.text.includes(passage));
  assert.equal(fragments.length, 3);
  assert.ok(covers("es", "No vamos a permitir que esto vuelva a ocurrir en nuestro país"));
  assert.ok(covers("fr", "Nous avons empêché plusieurs départs pendant la nuit"));
  assert.ok(covers("ru", "Мы не отступим и продолжим защищать наш город до конца"));
  assert.ok(!fragments.some((f) => f.text.includes("the minister said")));
});

test("a whole paragraph in another language is one fragment", () => {
  const spanish =
    "El acuerdo garantiza la estabilidad de la legislatura. Permite aprobar unas cuentas que benefician a millones de ciudadanos.";
  const text = `${ENGLISH}\n\n${spanish}\n\n${ENGLISH}`;
  const fragments = findForeignFragments(text, "en");
  assert.equal(fragments.length, 1);
  assert.equal(fragments[0]?.text, spanish);
});

test("no article language, no fragments", () => {
  assert.deepEqual(findForeignFragments("[responsables de alrededor del 50% del PIB]", ""), []);
});
