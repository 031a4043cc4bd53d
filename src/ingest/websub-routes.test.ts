import assert from "node:assert/strict";
import { test } from "node:test";
import Fastify from "fastify";
import type { Source, WebSubState } from "../domain/source.ts";
import { signBody } from "./websub.ts";
import { registerWebSubRoutes } from "./websub-routes.ts";

// The edges of the callback that need no database: the store is a stub, requests injected.

const secret = "c".repeat(64);
const websub: WebSubState = {
  hub: "https://hub.example/",
  topic: "https://news.example/feed.xml",
  secret,
  leaseUntil: null,
};
const BODY = "<rss><channel><title>x</title></channel></rss>";

function appWith(options: {
  enabled?: boolean;
  onDelivery?: (source: Source) => Promise<unknown>;
  maxConcurrentDeliveries?: number;
}) {
  const app = Fastify();
  registerWebSubRoutes(app, {
    sources: {
      async webSub(id) {
        return id === 1
          ? { source: { id, enabled: options.enabled ?? true } as Source, websub }
          : null;
      },
      async setWebSub() {},
    },
    maxBodyBytes: 4096,
    maxConcurrentDeliveries: options.maxConcurrentDeliveries ?? 16,
    onDelivery: (source) => options.onDelivery?.(source) ?? Promise.resolve(),
  });
  const deliver = (headers: Record<string, string> = {}, payload = BODY) =>
    app.inject({
      method: "POST",
      url: "/websub/1",
      payload,
      headers: {
        "content-type": "application/rss+xml",
        "x-hub-signature": signBody(payload, secret),
        ...headers,
      },
    });
  return { app, deliver };
}

test("busy: beyond the in-flight cap the hub is told to retry (429), and close waits for the rest", async () => {
  let release = () => {};
  let finished = 0;
  const { app, deliver } = appWith({
    maxConcurrentDeliveries: 1,
    onDelivery: () =>
      new Promise<void>((resolve) => {
        release = () => {
          finished++;
          resolve();
        };
      }),
  });
  assert.equal((await deliver()).statusCode, 202);
  const busy = await deliver();
  assert.equal(busy.statusCode, 429);
  assert.equal(busy.headers["retry-after"], "60");
  const closing = app.close();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(finished, 0, "close is still waiting for the delivery");
  release();
  await closing;
  assert.equal(finished, 1);
});

test("compressed bodies, disabled sources, empty bodies and failing stores", async () => {
  const calls: number[] = [];
  const { app, deliver } = appWith({
    onDelivery: async (source) => {
      calls.push(source.id);
      throw new Error("database down");
    },
  });
  try {
    assert.equal((await deliver({ "content-encoding": "gzip" })).statusCode, 415);
    assert.equal((await deliver({}, "")).statusCode, 202);
    assert.equal(calls.length, 0, "an empty body is acknowledged, not ingested");
    // A delivery whose storing fails is still acknowledged; the error is logged, not thrown.
    assert.equal((await deliver()).statusCode, 202);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, [1]);
    assert.equal((await deliver()).statusCode, 202, "the route still works afterwards");
  } finally {
    await app.close();
  }
  const disabled = appWith({
    enabled: false,
    onDelivery: async (s) => {
      calls.push(s.id);
    },
  });
  calls.length = 0;
  assert.equal((await disabled.deliver()).statusCode, 202);
  await disabled.app.close();
  assert.deepEqual(calls, [], "a disabled source takes nothing in");
});
