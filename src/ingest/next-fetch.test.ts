import assert from "node:assert/strict";
import { test } from "node:test";
import type { Source } from "../domain/source.ts";
import { nextFetch } from "./next-fetch.ts";

const NOW = new Date("2026-11-28T12:00:00.000Z");

function source(health: Partial<Source["health"]> = {}) {
  return {
    minIntervalSeconds: 300,
    maxIntervalSeconds: 3600,
    health: {
      lastSuccessAt: null,
      lastErrorAt: null,
      lastError: null,
      lastErrorCode: null,
      consecutiveFailures: 0,
      etag: null,
      lastModified: null,
      itemsPerDay: 0,
      nextFetchAt: null,
      disabledReason: null,
      ...health,
    },
  };
}

const seconds = (at: Date) => (at.getTime() - NOW.getTime()) / 1000;

test("a first good fetch counts its new items as an hour's worth", () => {
  const next = nextFetch(
    source(),
    { kind: "ok", created: 12, cacheMaxAgeSeconds: null, ttlMinutes: null },
    NOW,
    0.5,
  );
  assert.equal(next.itemsPerDay, 288);
  assert.equal(seconds(next.at), 300);
});

test("a good fetch blends the rate seen since the last success into the old one", () => {
  const next = nextFetch(
    source({ lastSuccessAt: "2026-11-28T11:00:00.000Z", itemsPerDay: 48 }),
    { kind: "ok", created: 0, cacheMaxAgeSeconds: null, ttlMinutes: 90 },
    NOW,
    0.5,
  );
  assert.equal(next.itemsPerDay, 0.7 * 48);
  assert.equal(seconds(next.at), 5400, "the feed's ttl is a floor");
});

test("not modified: the rate decays, max-age is a floor", () => {
  const next = nextFetch(
    source({ lastSuccessAt: "2026-11-28T11:00:00.000Z", itemsPerDay: 1000 }),
    { kind: "not_modified", cacheMaxAgeSeconds: 900 },
    NOW,
    0.5,
  );
  assert.equal(next.itemsPerDay, 700);
  assert.equal(seconds(next.at), 900);
});

test("a failure backs off from the failures so far, and honours Retry-After", () => {
  const third = nextFetch(
    source({ consecutiveFailures: 2, itemsPerDay: 100 }),
    { kind: "failed", retryAfterSeconds: null },
    NOW,
    0.5,
  );
  assert.equal(seconds(third.at), 2400);
  assert.equal(third.itemsPerDay, 100, "a failure says nothing about the publishing rate");
  const busy = nextFetch(source(), { kind: "failed", retryAfterSeconds: 7200 }, NOW, 0);
  assert.equal(seconds(busy.at), 7200);
});

test("a storage failure keeps the source's normal schedule, whatever its failures", () => {
  const next = nextFetch(
    source({ consecutiveFailures: 5, itemsPerDay: 48 }),
    { kind: "storage_failed" },
    NOW,
    0.5,
  );
  assert.equal(seconds(next.at), 1800);
  assert.equal(next.itemsPerDay, 48);
});

test("jitter stays within 10%", () => {
  const outcome = { kind: "storage_failed" } as const;
  assert.equal(seconds(nextFetch(source(), outcome, NOW, 0).at), 3240);
  assert.equal(seconds(nextFetch(source(), outcome, NOW, 1).at), 3960);
});
