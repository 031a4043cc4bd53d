import assert from "node:assert/strict";
import { test } from "node:test";
import { newsArticles } from "../../../test/support/enrich-fixtures.ts";
import { StoryIndex } from "../cluster/story-index.ts";
import { startEnrichment } from "../enriching-article.ts";
import { entitiesStep } from "./entities-step.ts";

test("the entities step names people, then places, then organisations, with their mentions", () => {
  const [, match] = newsArticles();
  assert.ok(match);
  const out = entitiesStep(startEnrichment(match), { index: new StoryIndex() });
  const kinds = out.entities.map((e) => e.kind);
  assert.deepEqual(
    kinds,
    [...kinds].sort(
      (a, b) =>
        ["person", "place", "organisation"].indexOf(a) -
        ["person", "place", "organisation"].indexOf(b),
    ),
  );
  // Headline and text: "Saka double", "Bukayo Saka scored", "Saka levelled".
  const saka = out.entities.find((e) => e.slug === "bukayo-saka");
  assert.deepEqual(saka, { kind: "person", name: "Bukayo Saka", slug: "bukayo-saka", mentions: 3 });
  assert.ok(out.entities.some((e) => e.kind === "organisation" && e.slug === "arsenal"));
  assert.equal(out.storyKey, null, "nothing else is decided here");
});
