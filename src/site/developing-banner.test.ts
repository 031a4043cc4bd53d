import assert from "node:assert/strict";
import { test } from "node:test";
import type { StoryWithArticles } from "../db/story-repository.ts";
import type { Story } from "../domain/enrichment.ts";
import { developingStory } from "./developing-banner.tsx";

const NOW = new Date("2026-11-29T12:00:00Z");

function entry(id: number, sourceCount: number, firstSeenAt: string): StoryWithArticles {
  const story: Story = {
    id,
    key: `k${id}`,
    title: `Story ${id}`,
    slug: `story-${id}`,
    leadArticleId: null,
    articleCount: sourceCount,
    sourceCount,
    velocity: 0,
    firstSeenAt,
    lastSeenAt: firstSeenAt,
    pinned: false,
    boost: 0,
  };
  return { story, articles: [], sourceNames: new Map() };
}

test("the slot takes the highest-ranked story that broke lately with three outlets or more", () => {
  const ranked = [
    entry(1, 9, "2026-11-29T06:00:00Z"), // big, but six hours old
    entry(2, 2, "2026-11-29T11:30:00Z"), // new, one outlet short
    entry(3, 3, "2026-11-29T10:05:00Z"),
    entry(4, 5, "2026-11-29T11:50:00Z"), // ranked lower than 3
  ];
  assert.equal(developingStory(ranked, NOW)?.story.id, 3);
});

test("most hours nothing is breaking and the slot stays empty", () => {
  assert.equal(developingStory([entry(1, 9, "2026-11-29T09:59:59Z")], NOW), null);
  assert.equal(developingStory([], NOW), null);
});
