import assert from "node:assert/strict";
import { test } from "node:test";
import { lazily } from "./lazily.ts";

test("lazily loads once and shares the result", async () => {
  let calls = 0;
  const load = lazily(async () => {
    calls += 1;
    return { value: calls };
  });
  const [a, b] = await Promise.all([load(), load()]);
  assert.equal(a, b);
  assert.equal((await load()).value, 1);
  assert.equal(calls, 1);
});

test("lazily tries again after a failed load", async () => {
  let calls = 0;
  const load = lazily(async () => {
    calls += 1;
    if (calls === 1) throw new Error("first load fails");
    return calls;
  });
  await assert.rejects(load(), /first load fails/);
  assert.equal(await load(), 2);
});
