import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import type { WebSubState } from "../domain/source.ts";
import {
  answerVerification,
  callbackUrl,
  checkSignature,
  discoverWebSub,
  hubRequestBody,
  MAX_LEASE_SECONDS,
  NO_WEBSUB,
  parseLeaseSeconds,
  parseLinkHeader,
  pendingLeaseUntil,
  planWebSub,
  renewalDue,
  renewalMarginSeconds,
  signBody,
  UNSTATED_LEASE_SECONDS,
  webSubStatus,
} from "./websub.ts";

const now = new Date("2026-03-01T12:00:00Z");
const topic = "https://news.example/feed.xml";
const hub = "https://hub.example/";
const subscribed: WebSubState = { hub, topic, secret: "s3cret", leaseUntil: null };
const unsubscribing: WebSubState = { ...subscribed, secret: null };

describe("discovery", () => {
  it("reads RFC 8288 Link headers: several values, quoted and bare rels, relative URLs", () => {
    const links = parseLinkHeader(
      '<https://hub.example/>; rel="hub", </feed.xml>; rel=self; type="application/rss+xml", <https://b.example/x> ; rel="alternate HUB"',
      "https://news.example/path/",
    );
    assert.deepEqual(links, [
      { url: "https://hub.example/", rels: ["hub"] },
      { url: "https://news.example/feed.xml", rels: ["self"] },
      { url: "https://b.example/x", rels: ["alternate", "hub"] },
    ]);
    assert.deepEqual(parseLinkHeader("<javascript:alert(1)>; rel=hub, garbage", "https://a/"), []);
    assert.deepEqual(parseLinkHeader(null, "https://a/"), []);
    // A comma inside a quoted parameter does not split the value.
    assert.deepEqual(
      parseLinkHeader('<https://h.example/>; title="a, b"; rel="hub"', "https://a/"),
      [{ url: "https://h.example/", rels: ["hub"] }],
    );
  });

  it("prefers Link headers, then the feed's links; topic falls back to the feed URL", () => {
    const feedUrl = "https://news.example/feed.xml?x=1";
    assert.deepEqual(discoverWebSub({ feed: { hub, self: topic }, feedUrl }), { hub, topic });
    assert.deepEqual(
      discoverWebSub({
        feed: { hub, self: topic },
        feedUrl,
        linkHeader:
          '<https://other-hub.example/>; rel="hub", <https://news.example/canonical>; rel="self"',
      }),
      { hub: "https://other-hub.example/", topic: "https://news.example/canonical" },
    );
    assert.deepEqual(discoverWebSub({ feed: { hub, self: null }, feedUrl }), {
      hub,
      topic: feedUrl,
    });
    assert.equal(discoverWebSub({ feed: { hub: null, self: topic }, feedUrl }), null);
    assert.equal(
      discoverWebSub({ feed: { hub: "ftp://hub.example/", self: null }, feedUrl }),
      null,
    );
  });

  it("plans after a poll: subscribe when new or moved, unsubscribe when no longer advertised", () => {
    assert.equal(planWebSub(null, { hub, topic }), "subscribe");
    assert.equal(planWebSub(subscribed, { hub, topic }), "keep");
    assert.equal(planWebSub(subscribed, { hub: "https://new-hub.example/", topic }), "subscribe");
    assert.equal(planWebSub(unsubscribing, { hub, topic }), "subscribe");
    assert.equal(planWebSub(subscribed, null), "unsubscribe");
    assert.equal(planWebSub(unsubscribing, null), "keep");
    assert.equal(planWebSub({ ...NO_WEBSUB, leaseUntil: null }, null), "keep");
  });
});

describe("requests to the hub", () => {
  it("builds the subscribe form with lease and secret, unsubscribe without", () => {
    const callback = callbackUrl("https://dispatch.example/", 42);
    assert.equal(callback, "https://dispatch.example/websub/42");
    const form = new URLSearchParams(
      hubRequestBody({ mode: "subscribe", topic, callback, secret: "abc", leaseSeconds: 864000 }),
    );
    assert.deepEqual(Object.fromEntries(form), {
      "hub.callback": callback,
      "hub.mode": "subscribe",
      "hub.topic": topic,
      "hub.lease_seconds": "864000",
      "hub.secret": "abc",
    });
    const off = new URLSearchParams(
      hubRequestBody({ mode: "unsubscribe", topic, callback, secret: "abc", leaseSeconds: 9 }),
    );
    assert.deepEqual(Object.fromEntries(off), {
      "hub.callback": callback,
      "hub.mode": "unsubscribe",
      "hub.topic": topic,
    });
  });
});

describe("verification of intent", () => {
  const q = (extra: Record<string, unknown>) => ({
    "hub.mode": "subscribe",
    "hub.topic": topic,
    "hub.challenge": "c-123",
    "hub.lease_seconds": "86400",
    ...extra,
  });

  it("confirms a subscribe for our topic and records the lease", () => {
    const answer = answerVerification(q({}), subscribed, now);
    assert.equal(answer.kind, "confirm");
    if (answer.kind !== "confirm") return;
    assert.equal(answer.challenge, "c-123");
    assert.equal(answer.mode, "subscribe");
    assert.equal(answer.leaseSeconds, 86400);
    assert.deepEqual(answer.next, {
      hub,
      topic,
      secret: "s3cret",
      leaseUntil: new Date("2026-03-02T12:00:00Z"),
    });
  });

  it("an unstated lease is recorded short; a garbage one is refused; a huge one capped", () => {
    const unstated = answerVerification(q({ "hub.lease_seconds": undefined }), subscribed, now);
    assert.equal(unstated.kind, "confirm");
    if (unstated.kind === "confirm") {
      assert.equal(
        unstated.next.leaseUntil?.getTime(),
        now.getTime() + UNSTATED_LEASE_SECONDS * 1000,
      );
    }
    for (const bad of ["-5", "0", "1.5", "10s", "1e9"]) {
      assert.equal(
        answerVerification(q({ "hub.lease_seconds": bad }), subscribed, now).kind,
        "refuse",
        bad,
      );
    }
    assert.equal(parseLeaseSeconds("999999999999"), MAX_LEASE_SECONDS);
    assert.equal(parseLeaseSeconds(null), null);
  });

  it("refuses what we did not ask for", () => {
    const refused = (query: unknown, state: WebSubState | null) =>
      answerVerification(query, state, now).kind === "refuse";
    assert.ok(refused(q({}), null), "no source");
    assert.ok(refused(q({}), { ...NO_WEBSUB, leaseUntil: null }), "no subscription");
    assert.ok(refused(q({ "hub.topic": "https://news.example/other.xml" }), subscribed), "topic");
    assert.ok(refused(q({ "hub.topic": `${topic} ` }), subscribed), "topics match exactly");
    assert.ok(refused(q({ "hub.mode": "unsubscribe" }), subscribed), "not unsubscribing");
    assert.ok(refused(q({}), unsubscribing), "not subscribing");
    assert.ok(refused(q({ "hub.challenge": "" }), subscribed), "empty challenge");
    assert.ok(refused(q({ "hub.challenge": "x".repeat(5000) }), subscribed), "huge challenge");
    assert.ok(refused(q({ "hub.mode": "publish" }), subscribed), "unknown mode");
    // Repeated parameters arrive as arrays: ambiguous, refused.
    assert.ok(refused(q({ "hub.topic": [topic, topic] }), subscribed), "repeated topic");
    assert.ok(refused("hub.mode=subscribe", subscribed), "not an object");
  });

  it("confirms an unsubscribe only while unsubscribing, and then forgets it all", () => {
    const answer = answerVerification(q({ "hub.mode": "unsubscribe" }), unsubscribing, now);
    assert.equal(answer.kind, "confirm");
    if (answer.kind === "confirm") assert.deepEqual(answer.next, NO_WEBSUB);
  });

  it("a denial for our topic clears the subscription", () => {
    const answer = answerVerification(
      { "hub.mode": "denied", "hub.topic": topic, "hub.reason": "not allowed" },
      subscribed,
      now,
    );
    assert.deepEqual(answer, { kind: "denied", reason: "not allowed", next: NO_WEBSUB });
    assert.equal(
      answerVerification(
        { "hub.mode": "denied", "hub.topic": "https://x.example/" },
        subscribed,
        now,
      ).kind,
      "refuse",
    );
  });

  it("status follows the stored columns", () => {
    assert.equal(webSubStatus(null), "none");
    assert.equal(webSubStatus({ ...subscribed, topic: null }), "none");
    assert.equal(webSubStatus(subscribed), "subscribed");
    assert.equal(webSubStatus(unsubscribing), "unsubscribing");
  });
});

describe("X-Hub-Signature", () => {
  const body = Buffer.from('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>');
  const secret = "a".repeat(64);

  it("accepts each algorithm the spec names, in any case, computed over the raw bytes", () => {
    for (const algorithm of ["sha1", "sha256", "sha384", "sha512"] as const) {
      const hex = createHmac(algorithm, secret).update(body).digest("hex");
      assert.equal(signBody(body, secret, algorithm), `${algorithm}=${hex}`);
      assert.deepEqual(checkSignature(`${algorithm}=${hex}`, body, secret), {
        ok: true,
        algorithm,
      });
      assert.deepEqual(
        checkSignature(`${algorithm.toUpperCase()}=${hex.toUpperCase()}`, body, secret),
        {
          ok: true,
          algorithm,
        },
      );
    }
  });

  it("refuses missing, malformed, unsupported and mismatched signatures", () => {
    const good = signBody(body, secret);
    const reason = (header: string | string[] | undefined, b = body, s = secret) => {
      const check = checkSignature(header, b, s);
      return check.ok ? "ok" : check.reason;
    };
    assert.equal(reason(good), "ok");
    assert.equal(reason(undefined), "missing");
    assert.equal(reason(""), "missing");
    assert.equal(reason("sha256"), "malformed");
    assert.equal(reason("sha256=xyz"), "malformed");
    assert.equal(reason(good.slice(0, -2)), "malformed", "short digest");
    assert.equal(reason(`md5=${"0".repeat(32)}`), "unsupported");
    assert.equal(reason(`constructor=${"0".repeat(64)}`), "unsupported");
    assert.equal(reason(`__proto__=${"0".repeat(64)}`), "malformed");
    assert.equal(reason([good, good]), "malformed", "two headers");
    assert.equal(reason(good, Buffer.concat([body, Buffer.from(" ")])), "mismatch", "body changed");
    assert.equal(reason(good, body, "b".repeat(64)), "mismatch", "other secret");
    assert.equal(reason(`sha256=${"0".repeat(64)}`), "mismatch");
  });
});

describe("leases", () => {
  const day = 24 * 3600;

  it("renews with a tenth of the lease left, at least an hour", () => {
    assert.equal(renewalMarginSeconds(10 * day), day);
    assert.equal(renewalMarginSeconds(2 * 3600), 3600);
    const end = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    assert.equal(renewalDue(end(day + 60), now, 10 * day), false);
    assert.equal(renewalDue(end(day), now, 10 * day), true);
    assert.equal(renewalDue(end(-60), now, 10 * day), true, "already lapsed");
    assert.equal(renewalDue(end(3601), now, 3 * 3600), false);
    assert.equal(renewalDue(end(3599).toISOString(), now, 3 * 3600), true);
    assert.equal(renewalDue(null, now, day), false);
  });

  it("a renewal keeps the live lease; a new or lapsed one is retried after the retry delay", () => {
    const options = { leaseSeconds: 10 * day, retrySeconds: day };
    const live = { ...subscribed, leaseUntil: new Date(now.getTime() + 3600_000).toISOString() };
    assert.equal(
      pendingLeaseUntil(live, { hub, topic }, now, options).toISOString(),
      live.leaseUntil,
    );
    const retry = now.getTime() + 2 * day * 1000;
    assert.equal(pendingLeaseUntil(null, { hub, topic }, now, options).getTime(), retry);
    assert.equal(
      pendingLeaseUntil(live, { hub: "https://other.example/", topic }, now, options).getTime(),
      retry,
    );
    const lapsed = { ...live, leaseUntil: new Date(now.getTime() - 1000).toISOString() };
    assert.equal(pendingLeaseUntil(lapsed, { hub, topic }, now, options).getTime(), retry);
    // The retry moment is exactly when renewal comes due.
    const at = new Date(now.getTime() + day * 1000);
    assert.equal(renewalDue(new Date(retry), at, options.leaseSeconds), true);
    assert.equal(
      renewalDue(new Date(retry), new Date(at.getTime() - 1000), options.leaseSeconds),
      false,
    );
  });
});
