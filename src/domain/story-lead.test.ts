import assert from "node:assert/strict";
import { test } from "node:test";
import {
  isHostedKind,
  type LeadCandidate,
  leadsOver,
  storyLead,
  storyVelocity,
  VELOCITY_HOURS,
} from "./story-lead.ts";

const H = 3_600_000;

// Moved from src/enrich/cluster/story.test.ts with the rule.
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

test("velocity counts when a source joined, not how often it updated; copies are not reports", () => {
  const now = 100 * H;
  const members = [
    // Joined two days ago, updated an hour ago: not spreading now.
    { source: "a", time: now - 48 * H },
    { source: "a", time: now - 1 * H },
    { source: "b", time: now - 3 * H },
    { source: "c", time: now - 2 * H, copy: true },
    // A publisher's clock ahead of ours: still a recent first report.
    { source: "d", time: now + 0.5 * H },
  ];
  assert.equal(VELOCITY_HOURS, 6);
  assert.equal(storyVelocity(members, now), 2 / 6);
  assert.equal(storyVelocity(members, now, 0), 0);
  // The window's start is inside it.
  assert.equal(storyVelocity([{ source: "e", time: now - 6 * H }], now), 1 / 6);
});

const base: LeadCandidate = { hosted: false, copy: false, weight: 1, time: 10 * H, order: 5 };

test("the lead: an original before a copy, hosted before linked, weight, then the earliest, then the first stored", () => {
  assert.ok(leadsOver({ ...base, hosted: true, weight: 0 }, base), "ours leads over weight");
  assert.ok(leadsOver(base, { ...base, copy: true, hosted: true, weight: 9 }), "a copy never");
  assert.ok(leadsOver({ ...base, weight: 2, time: 11 * H }, base), "weight over time");
  assert.ok(leadsOver({ ...base, time: 9 * H }, base), "the earliest");
  assert.ok(leadsOver({ ...base, order: 4 }, base), "the first stored");
  assert.ok(!leadsOver(base, base), "not over itself");
});

test("storyLead picks by the rule whatever the order given", () => {
  const linked = { ...base, id: "linked-early", time: 1 * H };
  const weighty = { ...base, id: "weighty", weight: 3 };
  const ours = { ...base, id: "ours", hosted: true, time: 20 * H };
  const copy = { ...base, id: "copy", copy: true, hosted: true, weight: 9, time: 0 };
  for (const order of [
    [linked, weighty, ours, copy],
    [copy, ours, weighty, linked],
  ])
    assert.equal(storyLead(order)?.id, "ours");
  assert.equal(storyLead([linked, weighty])?.id, "weighty");
  assert.equal(storyLead([copy])?.id, "copy", "a story of copies still has a lead");
  assert.equal(storyLead([]), undefined);
});

test("hosted kinds: our own and full text; links and live blogs are not", () => {
  assert.deepEqual(["own", "full", "link", "liveblog"].map(isHostedKind), [
    true,
    true,
    false,
    false,
  ]);
});
