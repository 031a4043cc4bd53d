import type { Story } from "../domain/enrichment.ts";

/** Half-life of a story's freshness on the home page. */
const HALF_LIFE_HOURS = 6;

/**
 * The home page's order. Coverage breadth (distinct sources, with diminishing returns)
 * and momentum (sources per hour) lift a story; age since it last moved decays it; an
 * editor's boost adds to it and a pin puts it above everything unpinned.
 */
export function storyScore(
  story: Pick<Story, "sourceCount" | "velocity" | "lastSeenAt" | "boost" | "pinned">,
  now: Date,
): number {
  const ageHours = Math.max(0, (now.getTime() - Date.parse(story.lastSeenAt)) / 3_600_000);
  const breadth = Math.log2(1 + story.sourceCount);
  const momentum = Math.min(story.velocity, 4) * 0.5;
  const decay = 0.5 ** (ageHours / HALF_LIFE_HOURS);
  return (breadth + momentum) * decay + story.boost + (story.pinned ? 1000 : 0);
}

export function rankStories<T extends Parameters<typeof storyScore>[0] & { id: number }>(
  stories: readonly T[],
  now: Date,
): T[] {
  return stories
    .map((s) => ({ s, score: storyScore(s, now) }))
    .sort((a, b) => b.score - a.score || b.s.id - a.s.id)
    .map((x) => x.s);
}
