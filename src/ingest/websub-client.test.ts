import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { AppError } from "../domain/errors.ts";
import type { Source, WebSubState } from "../domain/source.ts";
import type { WebSubWrite } from "./websub.ts";
import { createWebSubClient, type WebSubStore } from "./websub-client.ts";

const DAY = 24 * 3600;
const now = new Date("2026-03-01T12:00:00Z");
const hub = "https://hub.example/";
const topic = "https://news.example/feed.xml";

function source(id: number, enabled = true): Source {
  return { id, enabled } as Source;
}

/** The store as the repository behaves, in memory: writes are ISO strings again on read. */
function memoryStore() {
  const rows = new Map<number, WebSubState>();
  const writes: { id: number; websub: WebSubWrite }[] = [];
  const store: WebSubStore = {
    async webSub(id) {
      const websub = rows.get(id);
      return websub ? { source: source(id), websub } : null;
    },
    async setWebSub(id, w) {
      writes.push({ id, websub: w });
      rows.set(id, { ...w, leaseUntil: w.leaseUntil?.toISOString() ?? null });
    },
    async webSubExpiring(before, limit) {
      return [...rows.entries()]
        .filter(
          ([, w]) =>
            w.hub && w.topic && w.secret && w.leaseUntil && w.leaseUntil <= before.toISOString(),
        )
        .slice(0, limit)
        .map(([id, websub]) => ({ source: source(id), websub }));
    },
  };
  return { store, rows, writes };
}

describe("websub client", () => {
  let memory: ReturnType<typeof memoryStore>;
  let posts: { url: string; form: Record<string, string>; stateAtPost: WebSubState | undefined }[];
  let fail: AppError | null;
  let secrets: number;

  const client = () =>
    createWebSubClient({
      store: memory.store,
      siteUrl: "https://dispatch.example",
      newSecret: () => `secret-${++secrets}`,
      async post(url, body, contentType) {
        assert.equal(contentType, "application/x-www-form-urlencoded");
        const form = Object.fromEntries(new URLSearchParams(body));
        posts.push({
          url,
          form,
          stateAtPost: memory.rows.get(Number(form["hub.callback"]?.split("/").at(-1))),
        });
        if (fail) throw fail;
        return { status: 202 };
      },
    });

  beforeEach(() => {
    memory = memoryStore();
    memory.rows.set(7, { hub: null, topic: null, secret: null, leaseUntil: null });
    posts = [];
    fail = null;
    secrets = 0;
  });

  it("subscribe stores the pending state with a fresh secret before asking the hub", async () => {
    const result = await client().subscribe(source(7), { hub, topic }, now);
    assert.deepEqual(result, { sourceId: 7, mode: "subscribe", hub, topic, status: 202 });
    assert.deepEqual(posts[0]?.form, {
      "hub.callback": "https://dispatch.example/websub/7",
      "hub.mode": "subscribe",
      "hub.topic": topic,
      "hub.lease_seconds": String(10 * DAY),
      "hub.secret": "secret-1",
    });
    // The hub may verify before it answers: the secret was already stored.
    assert.equal(posts[0]?.stateAtPost?.secret, "secret-1");
    // Unverified: ask again after a day (plus the renewal margin it is picked up by).
    assert.equal(
      memory.rows.get(7)?.leaseUntil,
      new Date(now.getTime() + 2 * DAY * 1000).toISOString(),
    );
  });

  it("a refused new request leaves no trace; a refused renewal keeps its lease", async () => {
    fail = new AppError("http_error", "HTTP 500", { context: { status: 500 } });
    await assert.rejects(client().subscribe(source(7), { hub, topic }, now), {
      code: "http_error",
    });
    assert.deepEqual(memory.rows.get(7), {
      hub: null,
      topic: null,
      secret: null,
      leaseUntil: null,
    });

    const lease = new Date(now.getTime() + 3600_000).toISOString();
    memory.rows.set(7, { hub, topic, secret: "kept", leaseUntil: lease });
    await assert.rejects(client().subscribe(source(7), { hub, topic }, now), {
      code: "http_error",
    });
    assert.deepEqual(memory.rows.get(7), { hub, topic, secret: "kept", leaseUntil: lease });
  });

  it("renewDue renews leases within the margin, keeps their secret, asks every 6 hours at most", async () => {
    memory.rows.set(8, {
      hub,
      topic: `${topic}?b`,
      secret: "eight",
      leaseUntil: new Date(now.getTime() + 5 * DAY * 1000).toISOString(),
    });
    const ending = new Date(now.getTime() + 20 * 3600_000).toISOString();
    memory.rows.set(7, { hub, topic, secret: "seven", leaseUntil: ending });
    memory.rows.set(9, { hub, topic: `${topic}?c`, secret: null, leaseUntil: ending });
    const c = client();
    const renewed = await c.renewDue(now);
    assert.deepEqual(renewed, [{ sourceId: 7, ok: true, error: null }]);
    assert.equal(posts.length, 1);
    assert.equal(posts[0]?.form["hub.secret"], "seven");
    assert.equal(memory.rows.get(7)?.leaseUntil, ending, "the lease stays what the hub granted");
    // The hub has not verified yet: the passes of the next 6 hours (a quarter of the
    // one-day margin) do not ask again...
    assert.deepEqual(await c.renewDue(new Date(now.getTime() + 359 * 60_000)), []);
    // ...the next one does, and failures are reported, not thrown.
    fail = new AppError("blocked_address", "refused");
    assert.deepEqual(await c.renewDue(new Date(now.getTime() + 361 * 60_000)), [
      { sourceId: 7, ok: false, error: { code: "blocked_address", message: "refused" } },
    ]);
  });

  it("unsubscribe drops the secret first, then asks the hub", async () => {
    memory.rows.set(7, { hub, topic, secret: "seven", leaseUntil: now.toISOString() });
    fail = new AppError("http_error", "HTTP 404");
    await assert.rejects(client().unsubscribe(source(7), now), { code: "http_error" });
    assert.deepEqual(posts[0]?.form, {
      "hub.callback": "https://dispatch.example/websub/7",
      "hub.mode": "unsubscribe",
      "hub.topic": topic,
    });
    assert.deepEqual(memory.rows.get(7), {
      hub,
      topic,
      secret: null,
      leaseUntil: now.toISOString(),
    });
    memory.rows.set(7, { hub: null, topic: null, secret: null, leaseUntil: null });
    assert.equal(await client().unsubscribe(source(7), now), null, "nothing to unsubscribe");
    await assert.rejects(client().unsubscribe(source(99), now), { code: "source_not_found" });
  });
});
