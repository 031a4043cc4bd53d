import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { mapInOrder } from "./map-in-order.ts";

describe("mapInOrder", () => {
  test("emits in item order whatever order the work finishes in", async () => {
    const items = Array.from({ length: 60 }, (_, i) => i);
    const emitted: number[] = [];
    await mapInOrder(
      items,
      { concurrency: 8, window: 16 },
      async (item) => {
        await sleep((item * 37) % 11);
        return item * 10;
      },
      (result, index) => {
        assert.equal(result, index * 10);
        emitted.push(result);
      },
    );
    assert.deepEqual(
      emitted,
      items.map((i) => i * 10),
    );
  });

  test("never runs more than `concurrency` at once, and does run that many", async () => {
    let running = 0;
    let peak = 0;
    await mapInOrder(
      Array.from({ length: 40 }, (_, i) => i),
      { concurrency: 5, window: 40 },
      async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(2);
        running--;
      },
      () => {},
    );
    assert.equal(peak, 5);
  });

  test("a slow first item holds back at most `window` results, not the whole run", async () => {
    let started = 0;
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run = mapInOrder(
      Array.from({ length: 100 }, (_, i) => i),
      { concurrency: 4, window: 10 },
      async (item) => {
        started++;
        if (item === 0) await slow;
        return item;
      },
      () => {},
    );
    await sleep(30);
    // The stuck item plus the rest of the window; nothing beyond it has begun.
    assert.equal(started, 10);
    release();
    await run;
    assert.equal(started, 100);
  });

  test("no items: nothing emitted", async () => {
    let calls = 0;
    await mapInOrder(
      [],
      { concurrency: 3, window: 3 },
      async () => {
        calls++;
      },
      () => {
        calls++;
      },
    );
    assert.equal(calls, 0);
  });
});
