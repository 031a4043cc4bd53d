/**
 * Web Push for breaking alerts, end to end over HTTP. The real push services (FCM, Mozilla,
 * Apple) cannot be reached from these machines: test/support/push-endpoint.ts stands in for
 * them on loopback, checking the VAPID signature and decrypting each payload with the
 * private key of a subscription made here, as a browser would.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { createPushSubscriptionRepository } from "../src/db/push-subscription-repository.ts";
import { articlePath } from "../src/domain/article-path.ts";
import type { User } from "../src/domain/user.ts";
import { PUSH_MAX_FAILURES } from "../src/live/push-alerts.ts";
import { hashSecret } from "../src/newsroom/session-auth.ts";
import { VAPID_KEY_FILE } from "../src/server/vapid-keys.ts";
import { forEachDatabase } from "./support/databases.ts";
import { createUser, NewsroomClient } from "./support/newsroom.ts";
import { type PushEndpoint, startPushEndpoint } from "./support/push-endpoint.ts";
import { importSeed, type RunningServer, startServer } from "./support/server.ts";

const SITE = "http://127.0.0.1:3999";
const LIMIT = 40;

async function waitFor(what: string, check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

forEachDatabase("web push for breaking alerts", ({ database }) => {
  let server: RunningServer;
  let push: PushEndpoint;
  let dataDir = "";
  let editor: User;
  let token = "";
  let articleUrl = "";

  before(async () => {
    articleUrl = articlePath(await importSeed(database())) ?? "";
    push = await startPushEndpoint();
    dataDir = mkdtempSync(path.join(tmpdir(), "dispatch-push-"));
    server = await startServer(database(), {
      DATA_DIR: dataDir,
      // The stand-in push service lives on loopback, which the sender refuses by default.
      FETCH_ALLOW_HOSTS: new URL(push.origin).host,
      PUSH_SUBSCRIBE_LIMIT: String(LIMIT),
    });
    editor = await createUser(server.dispatch, "editor");
    token = randomBytes(24).toString("base64url");
    await server.dispatch.tokens.create({
      name: "push-test",
      tokenHash: hashSecret(token),
      role: "editor",
      createdBy: editor.id,
      now: new Date(),
    });
  });
  after(async () => {
    await server?.stop();
    await push?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const reader = (address = "127.0.0.1") => new NewsroomClient(server.base, address);
  const subscribe = (body: unknown, address?: string, headers = { origin: SITE }) =>
    reader(address).request("POST", "/push/subscriptions", { json: body, headers });
  const sendAlert = (headline: string, minutes = 5) =>
    reader().request("POST", "/api/v1/alerts", {
      json: { headline, url: articleUrl, minutes },
      headers: { authorization: `Bearer ${token}` },
    });
  // The repository the routes write, read straight from the database.
  const createRepo = () => createPushSubscriptionRepository(database());
  const stored = () => createRepo().page(0, 1000);

  test("the public key is generated once, kept in DATA_DIR (0600) and served", async () => {
    const first = await reader().request("GET", "/push/key");
    assert.equal(first.status, 200);
    const { publicKey } = JSON.parse(first.body) as { publicKey: string };
    const raw = Buffer.from(publicKey, "base64url");
    assert.equal(raw.length, 65, "an uncompressed P-256 point");
    assert.equal(raw[0], 4);
    const file = path.join(dataDir, VAPID_KEY_FILE);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const again = JSON.parse((await reader().request("GET", "/push/key")).body) as {
      publicKey: string;
    };
    assert.equal(again.publicKey, publicKey);
  });

  test("a reader's browser subscribes over HTTP; the same endpoint again keeps one row", async () => {
    const browser = push.subscribe();
    const answer = await subscribe({ ...browser, expirationTime: null });
    assert.equal(answer.status, 201, answer.body);
    assert.equal(answer.headers["cache-control"], "no-store");
    const rows = await stored();
    const row = rows.find((r) => r.endpoint === browser.endpoint);
    assert.ok(row, "stored");
    assert.equal(row.p256dh, browser.keys.p256dh);
    assert.equal(row.auth, browser.keys.auth);
    assert.equal(row.failures, 0);

    assert.equal((await subscribe(browser)).status, 201);
    const after = (await stored()).filter((r) => r.endpoint === browser.endpoint);
    assert.equal(after.length, 1);

    // A client that is not a browser sends no Origin: accepted (it has no cookies to ride on).
    const noOrigin = await subscribe(push.subscribe(), undefined, {} as { origin: string });
    assert.equal(noOrigin.status, 201);

    const gone = await reader().request("DELETE", "/push/subscriptions", {
      json: { endpoint: browser.endpoint },
      headers: { origin: SITE },
    });
    assert.equal(gone.status, 204);
    assert.ok(!(await stored()).some((r) => r.endpoint === browser.endpoint));
    // Unsubscribing twice answers the same: nobody learns which endpoints are stored.
    const twice = await reader().request("DELETE", "/push/subscriptions", {
      json: { endpoint: browser.endpoint },
      headers: { origin: SITE },
    });
    assert.equal(twice.status, 204);
  });

  test("an alert sent through the API reaches each subscriber signed and encrypted; 410 prunes, failures count", async () => {
    const store = createRepo();
    for (const row of await store.page(0, 100)) await store.remove(row.endpoint);
    const healthy = push.subscribe();
    const unsubscribed = push.subscribe();
    unsubscribed.answer = 410;
    const broken = push.subscribe();
    broken.answer = 500;
    for (const browser of [healthy, unsubscribed, broken]) {
      assert.equal((await subscribe(browser)).status, 201);
    }
    const publicKey = (
      JSON.parse((await reader().request("GET", "/push/key")).body) as { publicKey: string }
    ).publicKey;

    const before = push.received.length;
    const started = Date.now();
    const sent = await sendAlert("Polls close across the country", 5);
    assert.equal(sent.status, 201, sent.body);
    const alert = (JSON.parse(sent.body) as { alert: { id: number } }).alert;
    const reports = server.dispatch.pushes.reports;
    await waitFor("the push run", () => reports.some((r) => r.alertId === alert.id));
    const report = reports.find((r) => r.alertId === alert.id);
    assert.deepEqual(
      { sent: report?.sent, gone: report?.gone, failed: report?.failed },
      { sent: 1, gone: 1, failed: 1 },
    );

    const got = push.received.slice(before);
    assert.equal(got.length, 3, "each subscriber was sent the alert once");
    const message = got.find((m) => m.endpoint === healthy.endpoint);
    assert.ok(message);
    assert.equal(message.vapidPublicKey, publicKey, "signed with the key readers subscribed to");
    assert.equal(message.claims.aud, push.origin);
    assert.equal(message.claims.sub, "mailto:webmaster@127.0.0.1", "derived from SITE_URL");
    assert.deepEqual(JSON.parse(message.plaintext), {
      alertId: alert.id,
      headline: "Polls close across the country",
      url: `${SITE}${articleUrl}`,
    });
    assert.equal(message.headers.urgency, "high");
    assert.equal(message.headers.topic, "breaking");
    assert.equal(message.headers["content-encoding"], "aes128gcm");
    const ttl = Number(message.headers.ttl);
    // Five minutes of alert: never held past its expiry (15 minutes is the most).
    assert.ok(ttl > 240 && ttl <= 300, `TTL ${ttl}`);
    assert.ok(Date.now() - started < 5_000);

    const rows = await store.page(0, 100);
    assert.ok(!rows.some((r) => r.endpoint === unsubscribed.endpoint), "410: pruned");
    const ok = rows.find((r) => r.endpoint === healthy.endpoint);
    assert.ok(ok?.lastSentAt, "the send time is kept");
    const failing = rows.find((r) => r.endpoint === broken.endpoint);
    assert.equal(failing?.failures, 1, "a 500 is counted, not pruned");

    // A push service that keeps failing is given up on after PUSH_MAX_FAILURES in a row.
    for (let i = 1; i < PUSH_MAX_FAILURES; i++) {
      const next = await sendAlert(`Update ${i}`, 5);
      const id = (JSON.parse(next.body) as { alert: { id: number } }).alert.id;
      await waitFor("the push run", () => reports.some((r) => r.alertId === id));
    }
    const left = await store.page(0, 100);
    assert.ok(!left.some((r) => r.endpoint === broken.endpoint), "given up on");
    assert.ok(
      left.some((r) => r.endpoint === healthy.endpoint),
      "the healthy one stays",
    );
    assert.equal(reports.at(-1)?.givenUp, 1);
  });

  test("a slow push service never holds up the newsroom's answer", async () => {
    const store = createRepo();
    for (const row of await store.page(0, 1000)) await store.remove(row.endpoint);
    const slow = push.subscribe();
    slow.delayMs = 1_500;
    assert.equal((await subscribe(slow)).status, 201);
    const started = Date.now();
    const sent = await sendAlert("Bridge closed", 5);
    const answeredIn = Date.now() - started;
    assert.equal(sent.status, 201);
    assert.ok(answeredIn < 1_000, `the API answered in ${answeredIn} ms`);
    const id = (JSON.parse(sent.body) as { alert: { id: number } }).alert.id;
    const reports = server.dispatch.pushes.reports;
    await waitFor("the slow push", () => reports.some((r) => r.alertId === id));
    assert.equal(reports.find((r) => r.alertId === id)?.sent, 1, "and the push still went out");
  });

  test("bad subscriptions are refused with a 400 naming the field; cross-site requests with a 403", async () => {
    const good = push.subscribe();
    const offCurve = Buffer.alloc(65, 7);
    offCurve[0] = 4;
    const cases: [unknown, string][] = [
      [{ keys: good.keys }, "endpoint"],
      [{ ...good, endpoint: "ftp://push.example.org/x" }, "endpoint"],
      [{ ...good, endpoint: "http://push.example.org/x" }, "endpoint"],
      [{ ...good, endpoint: "not a url" }, "endpoint"],
      [{ ...good, endpoint: `https://push.example.org/${"x".repeat(1100)}` }, "endpoint"],
      [{ endpoint: good.endpoint }, "keys"],
      [{ endpoint: good.endpoint, keys: { auth: good.keys.auth } }, "keys.p256dh"],
      [{ ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, 40) } }, "keys.p256dh"],
      [{ ...good, keys: { ...good.keys, p256dh: offCurve.toString("base64url") } }, "keys.p256dh"],
      [{ ...good, keys: { ...good.keys, auth: "!!not base64!!" } }, "keys.auth"],
      [
        { ...good, keys: { ...good.keys, auth: randomBytes(15).toString("base64url") } },
        "keys.auth",
      ],
      [[good], "body"],
    ];
    for (const [body, field] of cases) {
      const answer = await subscribe(body, "127.0.0.2");
      assert.equal(answer.status, 400, `${JSON.stringify(body).slice(0, 120)}: ${answer.body}`);
      const error = (JSON.parse(answer.body) as { error: { field?: string; message: string } })
        .error;
      assert.equal(error.field, field, answer.body);
      assert.match(error.message, new RegExp(field.replace(".", "\\.")));
    }
    // http is for loopback only: where the stand-in push service is (and only the allow list lets it be reached).
    assert.equal((await subscribe(good, "127.0.0.2")).status, 201);

    const crossSite = await subscribe(push.subscribe(), "127.0.0.2", {
      origin: "https://evil.example",
    });
    assert.equal(crossSite.status, 403);
    assert.equal(
      (JSON.parse(crossSite.body) as { error: { code: string } }).error.code,
      "cross_origin",
    );
    const form = await reader("127.0.0.2").request("POST", "/push/subscriptions", {
      form: { endpoint: good.endpoint },
      headers: { origin: SITE },
    });
    assert.equal(form.status, 400, "a form post is not a subscription");
    const stored = await createRepo().page(0, 1000);
    assert.ok(!stored.some((r) => r.endpoint.includes("push.example.org")), "nothing bad stored");
  });

  test("subscription requests are rate-limited per client address with a 429", async () => {
    const address = "127.0.0.9";
    let accepted = 0;
    for (let i = 0; i < LIMIT; i++) {
      const answer = await subscribe(push.subscribe(), address);
      if (answer.status === 201) accepted++;
    }
    assert.equal(accepted, LIMIT);
    const refused = await subscribe(push.subscribe(), address);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers["retry-after"]) > 0, "Retry-After");
    assert.equal(
      (JSON.parse(refused.body) as { error: { code: string } }).error.code,
      "rate_limited",
    );
    assert.equal((await subscribe(push.subscribe(), "127.0.0.10")).status, 201, "others go on");
  });

  test("the service worker is served from the root, revalidated, with no inline-script needs", async () => {
    const sw = await reader().request("GET", "/push-sw.js");
    assert.equal(sw.status, 200);
    assert.match(String(sw.headers["content-type"]), /^text\/javascript/);
    assert.equal(sw.headers["cache-control"], "no-cache");
    assert.match(sw.body, /showNotification/);
    assert.match(sw.body, /notificationclick/);
  });
});
