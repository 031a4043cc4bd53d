import assert from "node:assert/strict";
import { test } from "node:test";
import { rankStories, storyScore } from "./ranking.ts";

const now = new Date("2026-11-28T12:00:00Z");
const story = (id: number, over: Partial<Parameters<typeof storyScore>[0]> = {}) => ({
  id,
  sourceCount: 1,
  velocity: 0,
  lastSeenAt: "2026-11-28T11:00:00Z",
  boost: 0,
  pinned: false,
  ...over,
});

test("more sources rank higher; the same story loses its place as it ages", () => {
  const wide = story(1, { sourceCount: 6 });
  const narrow = story(2, { sourceCount: 1 });
  assert.deepEqual(
    rankStories([narrow, wide], now).map((s) => s.id),
    [1, 2],
  );
  const stale = story(3, { sourceCount: 6, lastSeenAt: "2026-11-27T12:00:00Z" });
  assert.ok(storyScore(stale, now) < storyScore(narrow, now), "a day-old story sinks");
});

test("momentum lifts, a boost lifts, a pin beats everything", () => {
  assert.ok(storyScore(story(1, { velocity: 2 }), now) > storyScore(story(2), now));
  assert.ok(
    storyScore(story(1, { boost: 2 }), now) > storyScore(story(2, { sourceCount: 6 }), now),
  );
  const pinned = story(9, { pinned: true, lastSeenAt: "2026-11-20T00:00:00Z" });
  assert.equal(rankStories([story(1, { sourceCount: 20, velocity: 9 }), pinned], now)[0]?.id, 9);
});
