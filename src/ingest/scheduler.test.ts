import assert from "node:assert/strict";
import { test } from "node:test";
import { createMemorySourceStore } from "../../test/support/memory-stores.ts";
import type { Source } from "../domain/source.ts";
import type { IngestReport } from "./ingest-source.ts";
import { createScheduler, type SchedulerDeps } from "./scheduler.ts";

function reportFor(source: Source): IngestReport {
  return {
    sourceId: source.id,
    url: source.url,
    status: "ok",
    items: 0,
    created: 0,
    updated: 0,
    changed: [],
    skipped: [],
    error: null,
    disabled: false,
    nextFetchAt: new Date(Date.now() + 3600_000).toISOString(),
  };
}

/** Scheduler deps over the memory source store; a fetch takes `ms` and then reschedules. */
function setup(count: number, ms = 5) {
  const sources = createMemorySourceStore();
  for (let i = 0; i < count; i++) sources.add();
  let inFlight = 0;
  let maxInFlight = 0;
  const fetched: number[] = [];
  const reported: number[] = [];
  const deps: SchedulerDeps = {
    due: (now, limit) => sources.due(now, limit),
    lease: (id, now, until) => sources.lease(id, now, until),
    async ingest(source) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      fetched.push(source.id);
      await new Promise((resolve) => setTimeout(resolve, ms));
      inFlight--;
      const report = reportFor(source);
      await sources.reschedule(source.id, new Date(report.nextFetchAt));
      return report;
    },
    onReport: (r) => reported.push(r.sourceId),
  };
  return { sources, deps, fetched, reported, maxInFlight: () => maxInFlight };
}

const options = { concurrency: 2, leaseMs: 60_000, tickSeconds: 1 };

test("runOnce fetches every due source once and reports each", async () => {
  const s = setup(5);
  const scheduler = createScheduler(s.deps, options);
  const reports = await scheduler.runOnce(new Date());
  assert.deepEqual(reports.map((r) => r.sourceId).sort(), [1, 2, 3, 4, 5]);
  assert.deepEqual([...s.reported].sort(), [1, 2, 3, 4, 5]);
  assert.deepEqual(await scheduler.runOnce(new Date()), [], "nothing is due any more");
});

test("at most `concurrency` fetches run at once", async () => {
  const s = setup(7, 20);
  await createScheduler(s.deps, options).runOnce(new Date());
  assert.equal(s.fetched.length, 7);
  assert.equal(s.maxInFlight(), 2);
});

test("a source leased by another worker is left to it; a lapsed lease is taken", async () => {
  const s = setup(3);
  s.sources.leases.set(2, new Date(Date.now() + 60_000));
  const reports = await createScheduler(s.deps, options).runOnce(new Date());
  assert.deepEqual(reports.map((r) => r.sourceId).sort(), [1, 3]);
  s.sources.leases.set(2, new Date(Date.now() - 1));
  const later = await createScheduler(s.deps, options).runOnce(new Date());
  assert.deepEqual(
    later.map((r) => r.sourceId),
    [2],
  );
});

test("two schedulers on one store fetch each source once between them", async () => {
  const s = setup(6, 10);
  const a = createScheduler(s.deps, options);
  const b = createScheduler(s.deps, options);
  const now = new Date();
  const [ra, rb] = await Promise.all([a.runOnce(now), b.runOnce(now)]);
  assert.deepEqual([...ra, ...rb].map((r) => r.sourceId).sort(), [1, 2, 3, 4, 5, 6]);
  assert.equal(s.fetched.length, 6);
});

test("a disabled source or one not yet due is not fetched", async () => {
  const s = setup(0);
  s.sources.add({ enabled: false });
  s.sources.add({ health: { nextFetchAt: new Date(Date.now() + 60_000).toISOString() } });
  const due = s.sources.add({ health: { nextFetchAt: new Date(Date.now() - 1).toISOString() } });
  const reports = await createScheduler(s.deps, options).runOnce(new Date());
  assert.deepEqual(
    reports.map((r) => r.sourceId),
    [due.id],
  );
});

test("start ticks on its own; stop waits for the tick in progress", async () => {
  const s = setup(2, 50);
  const errors: unknown[] = [];
  const scheduler = createScheduler({ ...s.deps, onError: (e) => errors.push(e) }, options);
  scheduler.start();
  scheduler.start();
  const deadline = Date.now() + 3000;
  while (s.fetched.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await scheduler.stop();
  assert.deepEqual([...s.reported].sort(), [1, 2], "the tick finished before stop returned");
  assert.deepEqual(errors, []);
});

test("a failing tick goes to onError, not to an unhandled rejection", async () => {
  const s = setup(1);
  const errors: unknown[] = [];
  const boom = new Error("database is locked");
  const scheduler = createScheduler(
    {
      ...s.deps,
      due: async () => {
        throw boom;
      },
      onError: (e) => errors.push(e),
    },
    options,
  );
  scheduler.start();
  const deadline = Date.now() + 3000;
  while (errors.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await scheduler.stop();
  assert.equal(errors[0], boom);
});
