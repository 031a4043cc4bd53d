import assert from "node:assert/strict";
import { test } from "node:test";
import { foreignFragment, languageName } from "./foreign-fragment.ts";
import { lintContext } from "./lint.ts";

const ENGLISH =
  "The council voted on Tuesday to approve the plan, ending months of debate over parking.";

test("each fragment of the language stage becomes a finding with no fix", () => {
  const text = `${ENGLISH} Companies [responsables de alrededor del 50% del PIB y del 75% de la producción industrial] rose.`;
  const [f, ...rest] = foreignFragment(lintContext(text, "en"));
  assert.equal(rest.length, 0);
  assert.equal(f?.rule, "foreign-fragment");
  assert.equal(f?.severity, "warning");
  assert.equal(f?.fix, null);
  assert.equal(
    f?.text,
    "responsables de alrededor del 50% del PIB y del 75% de la producción industrial",
  );
  assert.match(f?.message ?? "", /Spanish \(es\).*English \(en\).*lang="es"/);
});

test("a quotation left in the original language is only a note", () => {
  const text = `${ENGLISH} “No vamos a permitir que esto vuelva a ocurrir en nuestro país”, she said.`;
  const [f] = foreignFragment(lintContext(text, "en"));
  assert.equal(f?.severity, "info");
});

test("language names fall back to the code", () => {
  assert.equal(languageName("de"), "German (de)");
  assert.equal(languageName("zz"), "zz");
  assert.equal(languageName(""), "an unknown language");
});
