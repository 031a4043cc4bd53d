import assert from "node:assert/strict";
import { test } from "node:test";
import { nextIntervalSeconds, updatedItemsPerDay } from "./poll-interval.ts";

const base = { minSeconds: 300, maxSeconds: 3600, random: 0.5 };

test("busy sources are polled often, quiet ones at the upper bound", () => {
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 1000 }), 300);
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 48 }), 1800);
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 2 }), 3600);
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 0 }), 3600);
});

test("the server's max-age, ttl and Retry-After are floors", () => {
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 1000, cacheMaxAgeSeconds: 900 }), 900);
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 1000, ttlMinutes: 60 }), 3600);
  assert.equal(
    nextIntervalSeconds({ ...base, itemsPerDay: 1000, retryAfterSeconds: 7200, random: 0 }),
    7200,
  );
  assert.equal(
    nextIntervalSeconds({ ...base, itemsPerDay: 0, cacheMaxAgeSeconds: 10 ** 9 }),
    86_400,
  );
});

test("failures back off exponentially up to a day; jitter stays within 10%", () => {
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 100, consecutiveFailures: 1 }), 600);
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 100, consecutiveFailures: 3 }), 2400);
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 100, consecutiveFailures: 40 }), 86_400);
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 0, random: 0 }), 3240);
  assert.equal(nextIntervalSeconds({ ...base, itemsPerDay: 0, random: 1 }), 3960);
});

test("items per day are smoothed", () => {
  assert.equal(updatedItemsPerDay(0, 10, 86_400), 10);
  assert.equal(updatedItemsPerDay(10, 0, 86_400), 7);
  assert.equal(updatedItemsPerDay(10, 5, 0), 10);
});
