import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { createSourceRepository, type SourceRepository } from "../src/db/source-repository.ts";
import { parseAllowList } from "../src/domain/address-guard.ts";
import type { Source } from "../src/domain/source.ts";
import { createSafeFetcher, type SafeFetcher } from "../src/ingest/safe-fetch.ts";
import { signBody } from "../src/ingest/websub.ts";
import { createWebSubClient, type WebSubClient } from "../src/ingest/websub-client.ts";
import { registerWebSubRoutes } from "../src/ingest/websub-routes.ts";
import { forEachDatabase } from "./support/databases.ts";

// Everything here listens on and connects to 127.0.0.1 only: our callback app and a tiny hub.

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Pushed</title><id>urn:test:pushed</id><updated>2026-03-01T12:00:00Z</updated>
  <entry><id>urn:test:1</id><title>Minsk and Moscow sign a treaty</title>
    <updated>2026-03-01T12:00:00Z</updated><link href="https://news.example/1"/></entry>
</feed>`;
const MAX_BODY = 64 * 1024;
const LEASE = 10 * 24 * 3600;

interface Subscription {
  mode: string;
  topic: string;
  callback: string;
  secret: string | null;
  leaseSeconds: number | null;
}

interface Verification {
  mode: string;
  status: number;
  body: string;
  challenge: string;
}

/**
 * A WebSub hub in a few lines: takes (un)subscription requests, verifies intent on the
 * callback before answering 202 (hubs may; it is the harder case for a subscriber), and
 * delivers signed content on request.
 */
function startHub() {
  const requests: Subscription[] = [];
  const verifications: Verification[] = [];
  let grantSeconds = 86_400;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const sub: Subscription = {
        mode: form.get("hub.mode") ?? "",
        topic: form.get("hub.topic") ?? "",
        callback: form.get("hub.callback") ?? "",
        secret: form.get("hub.secret"),
        leaseSeconds: form.has("hub.lease_seconds") ? Number(form.get("hub.lease_seconds")) : null,
      };
      requests.push(sub);
      await verify(sub.callback, { mode: sub.mode, topic: sub.topic });
      res.writeHead(202);
      res.end();
    });
  });

  async function verify(
    callback: string,
    options: { mode: string; topic: string; lease?: string },
  ): Promise<Verification> {
    const challenge = randomBytes(12).toString("hex");
    const url = new URL(callback);
    url.searchParams.set("hub.mode", options.mode);
    url.searchParams.set("hub.topic", options.topic);
    url.searchParams.set("hub.challenge", challenge);
    if (options.mode === "subscribe") {
      url.searchParams.set("hub.lease_seconds", options.lease ?? String(grantSeconds));
    }
    const response = await fetch(url);
    const v = {
      mode: options.mode,
      status: response.status,
      body: await response.text(),
      challenge,
    };
    verifications.push(v);
    return v;
  }

  async function deliver(
    callback: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: string }> {
    const response = await fetch(callback, { method: "POST", body, headers });
    return { status: response.status, body: await response.text() };
  }

  return {
    requests,
    verifications,
    verify,
    deliver,
    grant(seconds: number) {
      grantSeconds = seconds;
    },
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

forEachDatabase("websub", ({ database }) => {
  let hub: ReturnType<typeof startHub>;
  let hubBase = "";
  let app: FastifyInstance;
  let siteUrl = "";
  let repo: SourceRepository;
  let fetcher: SafeFetcher;
  let client: WebSubClient;
  let delivered: { source: Source; text: string; contentType: string | null }[];
  let onDelivered: (() => void) | null;

  before(async () => {
    repo = createSourceRepository(database());
    hub = startHub();
    hubBase = await hub.listen();
    app = Fastify();
    registerWebSubRoutes(app, {
      sources: repo,
      maxBodyBytes: MAX_BODY,
      async onDelivery(source, text, contentType) {
        delivered.push({ source, text, contentType });
        onDelivered?.();
      },
    });
    // A route outside the plugin: the raw-body parser must not reach it.
    app.post("/echo", async (request) => ({ got: request.body }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    siteUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Only the hub's own host:port is trusted, as FETCH_ALLOW_HOSTS would say.
    fetcher = createSafeFetcher({
      allow: parseAllowList(new URL(hubBase).host),
      userAgent: "DispatchTest/1.0",
      totalTimeoutMs: 5000,
    });
    client = createWebSubClient({
      store: repo,
      siteUrl,
      leaseSeconds: LEASE,
      post: (url, body, contentType) => fetcher.post(url, body, contentType),
    });
  });

  after(async () => {
    await app.close();
    await fetcher.close();
    await hub.close();
  });

  beforeEach(async () => {
    await database().db.deleteFrom("sources").execute();
    hub.requests.length = 0;
    hub.verifications.length = 0;
    hub.grant(86_400);
    delivered = [];
    onDelivered = null;
  });

  const addSource = (name: string) =>
    repo.add({
      url: `${hubBase}/${name}.xml`,
      mode: "link",
      section: { slug: "world", name: "World" },
    });

  async function subscribed(name = "feed") {
    const source = await addSource(name);
    const topic = `https://news.example/${name}.xml`;
    await client.subscribe(source, { hub: `${hubBase}/hub`, topic });
    const secret = hub.requests.at(-1)?.secret;
    assert.ok(secret);
    return { source, topic, secret, callback: `${siteUrl}/websub/${source.id}` };
  }

  const waitForDelivery = () =>
    new Promise<void>((resolve) => {
      onDelivered = resolve;
    });

  test("subscribe: the hub gets our callback and secret, its challenge is echoed, the lease recorded", async () => {
    const started = Date.now();
    const { source, topic, secret, callback } = await subscribed();
    assert.deepEqual(hub.requests, [
      { mode: "subscribe", topic, callback, secret, leaseSeconds: LEASE },
    ]);
    assert.match(secret, /^[0-9a-f]{64}$/);
    const [verification] = hub.verifications;
    assert.equal(verification?.status, 200);
    assert.equal(verification?.body, verification?.challenge, "the challenge is echoed");
    const stored = await repo.webSub(source.id);
    assert.equal(stored?.websub.secret, secret);
    assert.equal(stored?.websub.topic, topic);
    const leaseEnd = Date.parse(stored?.websub.leaseUntil ?? "");
    assert.ok(
      leaseEnd >= started + 86_400_000 && leaseEnd <= Date.now() + 86_400_000,
      `lease recorded as granted (${stored?.websub.leaseUntil})`,
    );

    // Another source's subscription gets its own secret.
    const other = await subscribed("other");
    assert.notEqual(other.secret, secret);

    // A verification for a topic we did not ask about, or another callback, is refused.
    const wrongTopic = await hub.verify(callback, { mode: "subscribe", topic: `${topic}?evil` });
    assert.equal(wrongTopic.status, 404);
    assert.notEqual(wrongTopic.body, wrongTopic.challenge);
    assert.equal(
      (await hub.verify(`${siteUrl}/websub/999999`, { mode: "subscribe", topic })).status,
      404,
    );
    assert.equal(
      (await hub.verify(`${siteUrl}/websub/abc`, { mode: "subscribe", topic })).status,
      404,
    );
    assert.equal((await hub.verify(callback, { mode: "unsubscribe", topic })).status, 404);
    assert.equal(
      (await hub.verify(callback, { mode: "subscribe", topic, lease: "-1" })).status,
      404,
    );
    assert.equal((await repo.webSub(source.id))?.websub.secret, secret, "nothing changed");
  });

  test("a signed delivery reaches onDelivery with its text; the answer is 202", async () => {
    const { source, secret, callback } = await subscribed();
    const arrived = waitForDelivery();
    const answer = await hub.deliver(callback, ATOM, {
      "content-type": "application/atom+xml; charset=utf-8",
      "x-hub-signature": signBody(ATOM, secret, "sha256"),
    });
    assert.equal(answer.status, 202);
    await arrived;
    assert.equal(delivered.length, 1);
    assert.equal(delivered[0]?.source.id, source.id);
    assert.equal(delivered[0]?.text, ATOM);
    assert.equal(delivered[0]?.contentType, "application/atom+xml; charset=utf-8");

    // JSON Feed bodies stay raw too (no JSON parser in this scope), and sha1 still counts.
    const json = JSON.stringify({ version: "https://jsonfeed.org/version/1.1", items: [] });
    const second = waitForDelivery();
    const jsonAnswer = await hub.deliver(callback, json, {
      "content-type": "application/feed+json",
      "x-hub-signature": signBody(json, secret, "sha1"),
    });
    assert.equal(jsonAnswer.status, 202);
    await second;
    assert.equal(delivered[1]?.text, json);

    // Routes outside the plugin keep the normal JSON parser.
    const echo = await fetch(`${siteUrl}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    assert.deepEqual(await echo.json(), { got: { a: 1 } });
  });

  test("unsigned, badly signed, oversized and unknown deliveries are refused, nothing stored", async () => {
    const { secret, callback } = await subscribed();
    const xml = { "content-type": "application/atom+xml" };
    assert.equal((await hub.deliver(callback, ATOM, xml)).status, 403, "unsigned");
    assert.equal(
      (await hub.deliver(callback, ATOM, { ...xml, "x-hub-signature": signBody(ATOM, "not-ours") }))
        .status,
      403,
      "another secret",
    );
    assert.equal(
      (
        await hub.deliver(callback, `${ATOM} `, {
          ...xml,
          "x-hub-signature": signBody(ATOM, secret),
        })
      ).status,
      403,
      "body changed after signing",
    );
    assert.equal(
      (await hub.deliver(callback, ATOM, { ...xml, "x-hub-signature": "sha256=zz" })).status,
      403,
      "malformed",
    );
    const big = `${ATOM}${" ".repeat(MAX_BODY)}`;
    assert.equal(
      (await hub.deliver(callback, big, { ...xml, "x-hub-signature": signBody(big, secret) }))
        .status,
      413,
    );
    const signed = { ...xml, "x-hub-signature": signBody(ATOM, secret) };
    assert.equal((await hub.deliver(`${siteUrl}/websub/999999`, ATOM, signed)).status, 410);
    // Nothing was handed on: give a stray async delivery the chance to show up first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(delivered, []);
  });

  test("renewal picks subscriptions near their lease end, with the same secret", async () => {
    const near = await subscribed("near");
    const far = await subscribed("far");
    const now = new Date();
    const nearStored = await repo.webSub(near.source.id);
    assert.ok(nearStored);
    // Near: 30 minutes left. Far: 5 days left of 10, outside the one-day margin.
    await repo.setWebSub(near.source.id, {
      hub: nearStored.websub.hub,
      topic: nearStored.websub.topic,
      secret: nearStored.websub.secret,
      leaseUntil: new Date(now.getTime() + 30 * 60_000),
    });
    const farStored = await repo.webSub(far.source.id);
    await repo.setWebSub(far.source.id, {
      hub: farStored?.websub.hub ?? null,
      topic: farStored?.websub.topic ?? null,
      secret: farStored?.websub.secret ?? null,
      leaseUntil: new Date(now.getTime() + 5 * 86_400_000),
    });
    hub.requests.length = 0;
    hub.grant(LEASE);
    // A fresh client, as on a worker: this one asked the hub a moment ago and waits an hour.
    assert.deepEqual(await client.renewDue(now), []);
    const worker = createWebSubClient({
      store: repo,
      siteUrl,
      leaseSeconds: LEASE,
      post: (url, body, contentType) => fetcher.post(url, body, contentType),
    });
    const renewed = await worker.renewDue(now);
    assert.deepEqual(renewed, [{ sourceId: near.source.id, ok: true, error: null }]);
    assert.deepEqual(
      hub.requests.map((r) => [r.topic, r.secret]),
      [[near.topic, near.secret]],
    );
    // The hub verified the renewal: the lease now runs the full ten days again.
    const after = Date.parse((await repo.webSub(near.source.id))?.websub.leaseUntil ?? "");
    assert.ok(after > now.getTime() + 9 * 86_400_000, "lease extended");
    assert.deepEqual(
      await createWebSubClient({
        store: repo,
        siteUrl,
        post: () => Promise.reject(new Error("must not be called")),
      }).renewDue(now),
      [],
      "nothing left to renew",
    );
  });

  test("unsubscribe: deliveries stop at once, the hub's confirmation clears the subscription", async () => {
    const { source, topic, secret, callback } = await subscribed();
    await client.unsubscribe(source);
    assert.deepEqual(hub.requests.at(-1), {
      mode: "unsubscribe",
      topic,
      callback,
      secret: null,
      leaseSeconds: null,
    });
    const confirmation = hub.verifications.at(-1);
    assert.equal(confirmation?.mode, "unsubscribe");
    assert.equal(confirmation?.status, 200);
    assert.equal(confirmation?.body, confirmation?.challenge);
    const stored = await repo.webSub(source.id);
    assert.deepEqual(stored?.websub, { hub: null, topic: null, secret: null, leaseUntil: null });
    const late = await hub.deliver(callback, ATOM, {
      "content-type": "application/atom+xml",
      "x-hub-signature": signBody(ATOM, secret),
    });
    assert.equal(late.status, 410, "the hub may drop a subscription we no longer hold");
    assert.deepEqual(delivered, []);
  });

  test("a denial from the hub clears the pending subscription", async () => {
    const { source, topic, callback } = await subscribed();
    const url = new URL(callback);
    url.searchParams.set("hub.mode", "denied");
    url.searchParams.set("hub.topic", topic);
    url.searchParams.set("hub.reason", "topic not found");
    assert.equal((await fetch(url)).status, 200);
    assert.equal((await repo.webSub(source.id))?.websub.secret, null);
  });
});
