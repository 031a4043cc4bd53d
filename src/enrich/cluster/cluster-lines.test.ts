import assert from "node:assert/strict";
import { test } from "node:test";
import { clusterLines } from "./cluster-lines.ts";

const article = (id: string, published: string, title: string) =>
  JSON.stringify({
    id,
    title,
    text: `${title}. Officials in Marrowgate said the Dock and Harbour Workers' Union strike would go on.`,
    source: id,
    published,
  });

test("results follow the lines, errors carry the line number, blank lines are skipped", () => {
  const out = [
    ...clusterLines([
      article("a", "2026-03-01T10:00:00Z", "Marrowgate dockers strike over pay"),
      "",
      "{",
      article("b", "2026-03-01T11:00:00Z", "Dock strike shuts Marrowgate harbour"),
    ]),
  ];
  assert.deepEqual(out, [
    { id: "a", story: "a", duplicateOf: null },
    {
      line: 3,
      error: {
        code: "invalid_json",
        message: (out[1] as { error: { message: string } }).error.message,
      },
    },
    { id: "b", story: "a", duplicateOf: null },
  ]);
});

test("long files drop articles far older than the newest, without changing answers", () => {
  const lines: string[] = [];
  for (let i = 0; i < 2500; i++) {
    const t = new Date(Date.parse("2026-01-01T00:00:00Z") + i * 3_600_000).toISOString();
    lines.push(article(`x${i}`, t, `Unrelated item number ${i} about topic${i}`));
  }
  const out = [...clusterLines(lines, { windowHours: 24 })];
  assert.equal(out.length, 2500);
  assert.ok(out.every((r) => "story" in r));
});
