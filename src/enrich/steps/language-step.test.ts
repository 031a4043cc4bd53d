import assert from "node:assert/strict";
import { test } from "node:test";
import { seedArticle } from "../../../test/support/enrich-fixtures.ts";
import { StoryIndex } from "../cluster/story-index.ts";
import { startEnrichment } from "../enriching-article.ts";
import { languageStep } from "./language-step.ts";

const context = { index: new StoryIndex() };

test("the language step decides the language and splits the text, marking foreign passages", () => {
  const start = startEnrichment(seedArticle({ language: "" }));
  const out = languageStep(start, context);
  assert.equal(out.language, "en");
  assert.deepEqual(
    out.fragments.map((f) => f.language),
    ["es"],
  );
  assert.ok(out.passages && out.passages.paragraphs.length >= 13);
  assert.equal(out.passages?.language, "en");
  assert.deepEqual(out.findings, [], "lint is the next step's");
  assert.equal(start.language, "", "the input value is left as it was");
  assert.equal(start.passages, null);
});

test("a text in another language than the source declared is told by its words", () => {
  const out = languageStep(
    startEnrichment(
      seedArticle({
        headline: "El Gobierno aprueba los presupuestos",
        text: "El Consejo de Ministros aprobó este martes el proyecto de presupuestos generales del Estado para el próximo año, que prevé un aumento del gasto social y de la inversión en vivienda.\n\nLa ministra de Hacienda defendió que las cuentas son las más sociales de la historia.",
        language: "en",
      }),
    ),
    context,
  );
  assert.equal(out.language, "es");
});
