import assert from "node:assert/strict";
import { createECDH, randomBytes } from "node:crypto";
import { test } from "node:test";
import type { BreakingAlert } from "../domain/alert.ts";
import { AppError } from "../domain/errors.ts";
import type { PushSubscriptionRecord } from "../domain/web-push.ts";
import { createPushAlerts, type PushPost } from "./push-alerts.ts";
import type { PushSubscriptionStore } from "./push-subscription-store.ts";

/** The store's contract over an array, so the sender's own rules are tested alone. */
function memoryStore(count: number): PushSubscriptionStore & { rows: PushSubscriptionRecord[] } {
  const rows: PushSubscriptionRecord[] = Array.from({ length: count }, (_, i) => {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    return {
      id: i + 1,
      endpoint: `https://push.example.test/${i + 1}`,
      p256dh: ecdh.getPublicKey().toString("base64url"),
      auth: randomBytes(16).toString("base64url"),
      createdAt: new Date(0).toISOString(),
      lastSentAt: null,
      failures: 0,
    };
  });
  return {
    rows,
    add: async () => {
      throw new Error("not used");
    },
    remove: async () => false,
    page: async (after, limit) => rows.filter((r) => r.id > after).slice(0, limit),
    sent: async (ids) => {
      for (const r of rows) if (ids.includes(r.id)) r.failures = 0;
    },
    failed: async (id) => {
      const row = rows.find((r) => r.id === id);
      if (row) row.failures++;
      return row?.failures ?? 0;
    },
    prune: async (ids) => {
      const before = rows.length;
      rows.splice(0, rows.length, ...rows.filter((r) => !ids.includes(r.id)));
      return before - rows.length;
    },
    count: async () => rows.length,
  };
}

const vapid = (() => {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey().toString("base64url"),
    privateKey: ecdh.getPrivateKey().toString("base64url").padStart(43, "A"),
  };
})();

function alert(id: number, minutes: number, withdrawn = false): BreakingAlert {
  const now = Date.now();
  return {
    id,
    headline: `Alert ${id}`,
    url: "/world/alert",
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + minutes * 60_000).toISOString(),
    withdrawnAt: withdrawn ? new Date(now).toISOString() : null,
    createdBy: null,
  };
}

function sender(store: PushSubscriptionStore, post: PushPost, sendsPerSecond = 1_000) {
  return createPushAlerts({
    store,
    keys: () => vapid,
    subject: "mailto:desk@example.org",
    siteUrl: "https://news.example.org",
    post,
    logger: { info: () => {}, warn: () => {} },
    sendsPerSecond,
  });
}

test("an alert already over, or withdrawn, is not pushed; an alert is pushed once", async () => {
  const store = memoryStore(3);
  const posted: string[] = [];
  const pushes = sender(store, async (url) => {
    posted.push(url);
    return { status: 201 };
  });
  pushes.alertSent(alert(1, -1));
  pushes.alertSent(alert(2, 10, true));
  await pushes.idle();
  assert.deepEqual(posted, []);
  pushes.alertSent(alert(3, 10));
  pushes.alertSent(alert(3, 10));
  pushes.alertSent(alert(2, 10));
  await pushes.idle();
  assert.equal(posted.length, 3, "alert 3 once to each; the older alert 2 not at all");
  await pushes.close();
});

test("the request carries the protocol headers and the TTL never outlives the alert", async () => {
  const store = memoryStore(1);
  const seen: Record<string, string>[] = [];
  const pushes = sender(store, async (_url, _body, headers) => {
    seen.push(headers);
    return { status: 201 };
  });
  pushes.alertSent(alert(1, 2));
  await pushes.idle();
  const [headers] = seen;
  assert.ok(headers);
  assert.equal(headers.urgency, "high");
  assert.equal(headers.topic, "breaking");
  assert.equal(headers["content-encoding"], "aes128gcm");
  assert.ok(Number(headers.ttl) <= 120 && Number(headers.ttl) > 100, headers.ttl);
  assert.match(headers.authorization ?? "", /^vapid t=.+, k=/);
  assert.equal(headers["content-length"], undefined, "the HTTP client counts the body");
  await pushes.close();
});

test("a newer alert stops an older one's run", async () => {
  const store = memoryStore(40);
  const pushes = sender(
    store,
    async () => ({ status: 201 }),
    // Slow enough that the first run is still going when the second alert arrives.
    100,
  );
  pushes.alertSent(alert(1, 10));
  await new Promise((resolve) => setTimeout(resolve, 50));
  pushes.alertSent(alert(2, 10));
  await pushes.idle();
  const [first, second] = pushes.reports;
  assert.equal(first?.alertId, 1);
  assert.equal(first?.superseded, true);
  assert.ok((first?.sent ?? 40) < 40, `the older alert reached ${first?.sent} of 40`);
  assert.equal(second?.alertId, 2);
  assert.equal(second?.sent, 40, "the newer one reaches everyone");
  await pushes.close();
});

test("404, 410 and a refused address prune; other failures count until five in a row", async () => {
  const store = memoryStore(4);
  const pushes = sender(store, async (url) => {
    const n = Number(url.split("/").pop());
    if (n === 1) return { status: 201 };
    if (n === 2) throw new AppError("http_error", "HTTP 410", { context: { status: 410 } });
    if (n === 3) throw new AppError("blocked_address", "private address", { status: 400 });
    throw new AppError("http_error", "HTTP 503", { context: { status: 503 } });
  });
  for (let id = 1; id <= 5; id++) {
    pushes.alertSent(alert(id, 10));
    await pushes.idle();
  }
  const [first, , , , last] = pushes.reports;
  assert.deepEqual(
    { sent: first?.sent, gone: first?.gone, failed: first?.failed },
    { sent: 1, gone: 2, failed: 1 },
  );
  assert.equal(last?.givenUp, 1, "the fifth failure in a row gives up");
  assert.deepEqual(
    store.rows.map((r) => r.id),
    [1],
  );
  await pushes.close();
});
