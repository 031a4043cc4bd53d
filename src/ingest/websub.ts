import { createHmac, timingSafeEqual } from "node:crypto";
import type { ParsedFeed } from "../domain/feed.ts";
import type { WebSubState } from "../domain/source.ts";

/**
 * The pure half of our WebSub subscriber (https://www.w3.org/TR/websub/): which hub and
 * topic a feed advertises, what we ask the hub, whether a verification request is one we
 * asked for, whether a delivery is signed with our secret, and when to renew. No I/O:
 * websub-client.ts talks to hubs, server/websub-routes.ts answers them.
 *
 * Subscription states, read from the stored columns (see `webSubStatus`):
 * none (no hub or topic), subscribed (a secret: requested or verified) and unsubscribing
 * (hub and topic kept until the hub confirms, secret dropped so deliveries are refused).
 */

export interface WebSubTarget {
  hub: string;
  topic: string;
}

/** What we store: the repository's `setWebSub` shape. */
export interface WebSubWrite {
  hub: string | null;
  topic: string | null;
  secret: string | null;
  leaseUntil: Date | null;
}

export type WebSubStatus = "none" | "subscribed" | "unsubscribing";

export const NO_WEBSUB: WebSubWrite = { hub: null, topic: null, secret: null, leaseUntil: null };

/** What we ask hubs for; hubs may grant less (10 days is a common ceiling). */
export const DEFAULT_LEASE_SECONDS = 10 * 24 * 3600;
/** Granted when a hub forgets to say: short, so a wrong guess is corrected soon. */
export const UNSTATED_LEASE_SECONDS = 24 * 3600;
/** A longer lease is recorded as this: renewing early is harmless, a year-long blind spot is not. */
export const MAX_LEASE_SECONDS = 365 * 24 * 3600;
const MAX_CHALLENGE_CHARS = 1024;
const MAX_URL_CHARS = 2048;

export function webSubStatus(state: WebSubState | WebSubWrite | null): WebSubStatus {
  if (!state?.hub || !state.topic) return "none";
  return state.secret ? "subscribed" : "unsubscribing";
}

export function callbackUrl(siteUrl: string, sourceId: number): string {
  return `${siteUrl.replace(/\/+$/, "")}/websub/${sourceId}`;
}

// ---------------------------------------------------------------------------------------------
// Discovery

export interface LinkValue {
  url: string;
  rels: string[];
}

const LINK_VALUE = /<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^;,\s]*))?)*)/g;
const LINK_PARAM = /;\s*([^;,=\s]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,\s]*)))?/g;

/** RFC 8288 `Link` header values, resolved against `base`; unparsable URLs are left out. */
export function parseLinkHeader(value: string | null, base: string): LinkValue[] {
  const out: LinkValue[] = [];
  for (const match of (value ?? "").matchAll(LINK_VALUE)) {
    const url = absoluteHttpUrl(match[1] ?? "", base);
    if (url === null) continue;
    const rels: string[] = [];
    for (const param of (match[2] ?? "").matchAll(LINK_PARAM)) {
      if (param[1]?.toLowerCase() !== "rel") continue;
      const text = (param[2] ?? param[3] ?? "").replace(/\\(.)/g, "$1");
      rels.push(...text.toLowerCase().split(/\s+/).filter(Boolean));
      break;
    }
    out.push({ url, rels });
  }
  return out;
}

function absoluteHttpUrl(text: string, base?: string): string | null {
  if (text.trim() === "" || text.length > MAX_URL_CHARS) return null;
  try {
    const url = new URL(text.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The hub and topic to subscribe to. HTTP Link headers win over links in the feed (the
 * spec's order); the topic is the advertised self URL, else the URL the feed came from.
 */
export function discoverWebSub(input: {
  feed: Pick<ParsedFeed, "hub" | "self">;
  feedUrl: string;
  linkHeader?: string | null;
}): WebSubTarget | null {
  const links = parseLinkHeader(input.linkHeader ?? null, input.feedUrl);
  const byRel = (rel: string) => links.find((l) => l.rels.includes(rel))?.url ?? null;
  const hub = byRel("hub") ?? absoluteHttpUrl(input.feed.hub ?? "", input.feedUrl);
  if (hub === null) return null;
  const topic =
    byRel("self") ??
    absoluteHttpUrl(input.feed.self ?? "", input.feedUrl) ??
    absoluteHttpUrl(input.feedUrl);
  return topic === null ? null : { hub, topic };
}

/** What to do after a successful poll, given what the feed advertises now. */
export function planWebSub(
  state: WebSubState | null,
  discovered: WebSubTarget | null,
): "subscribe" | "unsubscribe" | "keep" {
  const status = webSubStatus(state);
  if (discovered === null) return status === "subscribed" ? "unsubscribe" : "keep";
  if (status !== "subscribed") return "subscribe";
  return state?.hub === discovered.hub && state.topic === discovered.topic ? "keep" : "subscribe";
}

// ---------------------------------------------------------------------------------------------
// Requests to the hub

export interface HubRequest {
  mode: "subscribe" | "unsubscribe";
  topic: string;
  callback: string;
  /** Subscribe only. */
  secret?: string | null;
  leaseSeconds?: number | null;
}

/** The application/x-www-form-urlencoded body of a (un)subscription request. */
export function hubRequestBody(request: HubRequest): string {
  const form = new URLSearchParams({
    "hub.callback": request.callback,
    "hub.mode": request.mode,
    "hub.topic": request.topic,
  });
  if (request.mode === "subscribe") {
    if (request.leaseSeconds) form.set("hub.lease_seconds", String(request.leaseSeconds));
    // The spec caps secrets at 200 bytes; ours are 64 hex characters.
    if (request.secret) form.set("hub.secret", request.secret);
  }
  return form.toString();
}

// ---------------------------------------------------------------------------------------------
// Verification of intent (the hub's GET on our callback)

export type VerificationAnswer =
  /** 200 with the challenge as the body, then store `next`. */
  | {
      kind: "confirm";
      mode: "subscribe" | "unsubscribe";
      challenge: string;
      /** As the hub stated it (null: unstated, recorded as UNSTATED_LEASE_SECONDS). */
      leaseSeconds: number | null;
      next: WebSubWrite;
    }
  /** The hub refused our subscription: 200, then store `next` (none). */
  | { kind: "denied"; reason: string | null; next: WebSubWrite }
  /** Not something we asked for: 404, store nothing. */
  | { kind: "refuse"; reason: string };

function param(query: unknown, name: string): string | null {
  if (typeof query !== "object" || query === null) return null;
  const value = Object.hasOwn(query, name) ? (query as Record<string, unknown>)[name] : undefined;
  return typeof value === "string" ? value : null;
}

function writeOf(state: WebSubState): WebSubWrite {
  return {
    hub: state.hub,
    topic: state.topic,
    secret: state.secret,
    leaseUntil: state.leaseUntil === null ? null : new Date(state.leaseUntil),
  };
}

/** `hub.lease_seconds`: absent is null, a positive integer is capped, anything else invalid. */
export function parseLeaseSeconds(value: string | null): number | null | "invalid" {
  if (value === null || value.trim() === "") return null;
  if (!/^\s*[0-9]{1,12}\s*$/.test(value)) return "invalid";
  const seconds = Number(value);
  return seconds > 0 ? Math.min(seconds, MAX_LEASE_SECONDS) : "invalid";
}

/**
 * Answers a verification request (`hub.mode`, `hub.topic`, `hub.challenge`,
 * `hub.lease_seconds`, `hub.reason`) against what we stored for that callback. A
 * subscribe is confirmed only while we hold a secret for exactly that topic, an
 * unsubscribe only while we are unsubscribing from it; anything else is refused.
 */
export function answerVerification(
  query: unknown,
  state: WebSubState | null,
  now: Date,
): VerificationAnswer {
  const mode = param(query, "hub.mode");
  const topic = param(query, "hub.topic");
  const status = webSubStatus(state);
  if (state === null || status === "none") return { kind: "refuse", reason: "no subscription" };
  if (topic === null || topic !== state.topic) return { kind: "refuse", reason: "unknown topic" };
  if (mode === "denied") {
    if (status !== "subscribed") return { kind: "refuse", reason: "nothing to deny" };
    return { kind: "denied", reason: param(query, "hub.reason"), next: NO_WEBSUB };
  }
  const challenge = param(query, "hub.challenge");
  if (challenge === null || challenge === "" || challenge.length > MAX_CHALLENGE_CHARS) {
    return { kind: "refuse", reason: "missing or oversized challenge" };
  }
  if (mode === "subscribe") {
    if (status !== "subscribed") return { kind: "refuse", reason: "not subscribing" };
    const lease = parseLeaseSeconds(param(query, "hub.lease_seconds"));
    if (lease === "invalid") return { kind: "refuse", reason: "invalid hub.lease_seconds" };
    const seconds = lease ?? UNSTATED_LEASE_SECONDS;
    return {
      kind: "confirm",
      mode,
      challenge,
      leaseSeconds: lease,
      next: { ...writeOf(state), leaseUntil: new Date(now.getTime() + seconds * 1000) },
    };
  }
  if (mode === "unsubscribe") {
    if (status !== "unsubscribing") return { kind: "refuse", reason: "not unsubscribing" };
    return { kind: "confirm", mode, challenge, leaseSeconds: null, next: NO_WEBSUB };
  }
  return { kind: "refuse", reason: "unknown hub.mode" };
}

// ---------------------------------------------------------------------------------------------
// Content distribution: X-Hub-Signature

const SIGNATURE_ALGORITHMS = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 } as const;
export type SignatureAlgorithm = keyof typeof SIGNATURE_ALGORITHMS;

export type SignatureCheck =
  | { ok: true; algorithm: SignatureAlgorithm }
  | { ok: false; reason: "missing" | "malformed" | "unsupported" | "mismatch" };

function isAlgorithm(name: string): name is SignatureAlgorithm {
  return Object.hasOwn(SIGNATURE_ALGORITHMS, name);
}

/** `method=hex` over the raw body, as a hub would send it. */
export function signBody(
  body: Uint8Array | string,
  secret: string,
  algorithm: SignatureAlgorithm = "sha256",
): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest("hex")}`;
}

/** Checks `X-Hub-Signature` against the raw body, comparing digests in constant time. */
export function checkSignature(
  header: string | string[] | null | undefined,
  body: Uint8Array,
  secret: string,
): SignatureCheck {
  // Two headers are an ambiguity a forger could use: refuse rather than pick one.
  if (Array.isArray(header)) return { ok: false, reason: header.length ? "malformed" : "missing" };
  if (header === null || header === undefined || header.trim() === "") {
    return { ok: false, reason: "missing" };
  }
  const match = /^\s*([A-Za-z0-9]+)=([0-9A-Fa-f]+)\s*$/.exec(header);
  const name = match?.[1]?.toLowerCase();
  const hex = match?.[2];
  if (name === undefined || hex === undefined) return { ok: false, reason: "malformed" };
  if (!isAlgorithm(name)) return { ok: false, reason: "unsupported" };
  if (hex.length !== SIGNATURE_ALGORITHMS[name] * 2) return { ok: false, reason: "malformed" };
  const expected = createHmac(name, secret).update(body).digest();
  const given = Buffer.from(hex, "hex");
  return timingSafeEqual(expected, given)
    ? { ok: true, algorithm: name }
    : { ok: false, reason: "mismatch" };
}

// ---------------------------------------------------------------------------------------------
// Leases

/** How long before a lease ends we renew: a tenth of it, at least an hour. */
export function renewalMarginSeconds(leaseSeconds: number): number {
  return Math.max(3600, Math.ceil(leaseSeconds / 10));
}

/** True when the lease ends within the renewal margin (or has ended). */
export function renewalDue(
  leaseUntil: string | Date | null,
  now: Date,
  leaseSeconds: number,
): boolean {
  if (leaseUntil === null) return false;
  const end = new Date(leaseUntil).getTime();
  return end - now.getTime() <= renewalMarginSeconds(leaseSeconds) * 1000;
}

/**
 * The `leaseUntil` to store when sending a subscription request. A live lease on the same
 * hub and topic is kept (this is a renewal); otherwise it is the moment to ask again if the
 * hub never verifies: `retrySeconds` from now, plus the margin renewal works ahead by.
 */
export function pendingLeaseUntil(
  current: WebSubState | null,
  target: WebSubTarget,
  now: Date,
  options: { leaseSeconds: number; retrySeconds: number },
): Date {
  const end = current?.leaseUntil ? new Date(current.leaseUntil).getTime() : Number.NaN;
  const renewing =
    webSubStatus(current) === "subscribed" &&
    current?.hub === target.hub &&
    current.topic === target.topic &&
    end > now.getTime();
  if (renewing) return new Date(end);
  const margin = renewalMarginSeconds(options.leaseSeconds);
  return new Date(now.getTime() + (options.retrySeconds + margin) * 1000);
}
