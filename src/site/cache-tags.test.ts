import assert from "node:assert/strict";
import { test } from "node:test";
import { enrichmentChangeTags, ingestChangeTags, topicTag } from "./cache-tags.ts";

test("a fetch's change names the home page, its sections, source, articles and sitemaps", () => {
  const tags = ingestChangeTags({
    sourceId: 4,
    changed: [
      { articleId: 10, sectionSlug: "world" },
      { articleId: 11, sectionSlug: "world" },
    ],
  });
  assert.deepEqual(
    tags.sort(),
    ["article:10", "article:11", "home", "section:world", "sitemaps", "source:4", "sources"].sort(),
  );
});

test("an enrichment change names articles, stories, topics and sections", () => {
  assert.deepEqual(
    enrichmentChangeTags({
      articleIds: [3],
      storyIds: [8, 9],
      topicSlugs: ["minsk", "łódź"],
      sectionSlugs: ["world"],
    }),
    [
      "home",
      "article:3",
      "story:8",
      "story:9",
      "topic:minsk",
      "topic:%C5%82%C3%B3d%C5%BA",
      "section:world",
    ],
  );
  assert.equal(topicTag("łódź"), "topic:%C5%82%C3%B3d%C5%BA", "header values stay ASCII");
});
