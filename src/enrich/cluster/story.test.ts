import assert from "node:assert/strict";
import { test } from "node:test";
import { storyVelocity } from "./story.ts";

const H = 3_600_000;

test("velocity counts distinct sources in the last hours, per hour", () => {
  const now = 100 * H;
  const members = [
    { source: "a", time: now - 0.5 * H },
    { source: "a", time: now - 1 * H },
    { source: "b", time: now - 2 * H },
    { source: "c", time: now - 7 * H },
  ];
  assert.equal(storyVelocity(members, now, 6), 2 / 6);
  assert.equal(storyVelocity(members, now, 8), 3 / 8);
  assert.equal(storyVelocity(members, now + 10 * H, 6), 0);
  assert.equal(storyVelocity([], now, 6), 0);
});
