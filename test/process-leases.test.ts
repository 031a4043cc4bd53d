import assert from "node:assert/strict";
import { test } from "node:test";
import pino from "pino";
import { createProcessLeases } from "../src/db/process-leases.ts";
import type { Enricher } from "../src/enrich/enricher.ts";
import { enricherLease } from "../src/server/enricher-lease.ts";
import { forEachDatabase } from "./support/databases.ts";

const a = { holder: "host-a:1:x", pid: 1, host: "host-a", role: "worker" };
const b = { holder: "host-b:2:y", pid: 2, host: "host-b", role: "all" };
const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 12, 0, s));

/** Counts starts and closes; the real enricher needs the language models. */
function countingEnricher(): Enricher & { starts: number; closes: number } {
  return {
    starts: 0,
    closes: 0,
    async start() {
      this.starts++;
    },
    poke() {},
    async drain() {
      return 0;
    },
    async close() {
      this.closes++;
    },
  };
}

forEachDatabase("process leases", ({ database }) => {
  test("one holder at a time; renewals keep it; expiry and release hand it over", async () => {
    const leases = createProcessLeases(database());
    assert.deepEqual(await leases.acquire("l1", a, at(0), 10_000), { acquired: true });
    const refused = await leases.acquire("l1", b, at(5), 10_000);
    assert.equal(refused.acquired, false);
    assert.ok(!refused.acquired);
    assert.equal(refused.heldBy.pid, 1);
    assert.equal(refused.heldBy.host, "host-a");
    assert.equal(refused.heldBy.acquiredAt, at(0).toISOString());
    // a renews at 8 s: its lease now runs to 18 s, and b is still refused at 12 s.
    assert.deepEqual(await leases.acquire("l1", a, at(8), 10_000), { acquired: true });
    assert.equal((await leases.acquire("l1", b, at(12), 10_000)).acquired, false);
    // a stopped renewing (killed): at 19 s the lease has expired and b takes it.
    assert.deepEqual(await leases.acquire("l1", b, at(19), 10_000), { acquired: true });
    assert.equal((await leases.acquire("l1", a, at(20), 10_000)).acquired, false);
    await leases.release("l1", a.holder);
    assert.equal(
      (await leases.acquire("l1", a, at(21), 10_000)).acquired,
      false,
      "not a's to release",
    );
    await leases.release("l1", b.holder);
    assert.deepEqual(await leases.acquire("l1", a, at(22), 10_000), { acquired: true });
  });

  test("a second enricher refuses to start, says who runs it, and takes over after release", async () => {
    await database().db.deleteFrom("process_leases").execute();
    const leases = createProcessLeases(database());
    const lines: { event?: string; msg?: string }[] = [];
    const logger = pino(
      { level: "info" },
      { write: (line: string) => lines.push(JSON.parse(line) as { event?: string; msg?: string }) },
    );
    const first = countingEnricher();
    const second = countingEnricher();
    const one = enricherLease({ leases, enricher: first, logger, role: "worker", renewMs: 20 });
    const two = enricherLease({ leases, enricher: second, logger, role: "worker", renewMs: 20 });
    await one.start();
    await two.start();
    assert.equal(one.running, true);
    assert.equal(two.running, false);
    assert.equal(first.starts, 1);
    assert.equal(second.starts, 0);
    const refusals = lines.filter((l) => l.event === "enrich.enricher_elsewhere");
    assert.equal(refusals.length, 1);
    assert.match(
      refusals[0]?.msg ?? "",
      new RegExp(`already running elsewhere \\(pid ${process.pid} on `),
    );
    // Renewals go on meanwhile without a second refusal line.
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(lines.filter((l) => l.event === "enrich.enricher_elsewhere").length, 1);
    await one.close();
    assert.equal(first.closes, 1);
    // The second one asks again on its next renewal and starts.
    const deadline = Date.now() + 5_000;
    while (!two.running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(two.running, true);
    assert.equal(second.starts, 1);
    await two.close();
  });
});
