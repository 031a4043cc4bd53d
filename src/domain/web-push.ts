import { classifyAddress, parseHostLiteral } from "./address-guard.ts";

/** A reader's push subscription as the browser's `PushSubscription.toJSON()` gives it. */
export interface PushSubscriptionInput {
  endpoint: string;
  /** The browser's P-256 public key, base64url (65 bytes, uncompressed point). */
  p256dh: string;
  /** The browser's 16-byte authentication secret, base64url. */
  auth: string;
}

/** A stored subscription: where to push and how it has fared. */
export interface PushSubscriptionRecord extends PushSubscriptionInput {
  id: number;
  createdAt: string;
  lastSentAt: string | null;
  /** Failed sends in a row; reset by a success. */
  failures: number;
}

/** What a notification carries (the service worker shows it): no more than the banner does. */
export interface PushAlertPayload {
  alertId: number;
  headline: string;
  /** Absolute: a notification is opened outside any page. */
  url: string;
}

/** Real endpoints are 100–500 characters; the cap keeps the unique index within limits. */
export const PUSH_ENDPOINT_MAX = 1_024;
export const P256DH_BYTES = 65;
export const AUTH_BYTES = 16;

/**
 * Why `endpoint` cannot be a push endpoint, or null when it can. Push services are https
 * (RFC 8030); plain http is accepted only for a loopback host, where there is no network to
 * protect the request on and where tests run their stand-in push service. Whether the host
 * may be reached at all is the sender's guard's question, asked at send time.
 */
export function pushEndpointProblem(endpoint: string): string | null {
  if (endpoint.length > PUSH_ENDPOINT_MAX) {
    return `must be at most ${PUSH_ENDPOINT_MAX} characters`;
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "must be an absolute https URL";
  }
  if (url.username || url.password) return "may not carry a user name or password";
  if (url.hash) return "may not have a fragment";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return null;
  return "must be an https URL (plain http only for a loopback host)";
}

function isLoopbackHost(hostname: string): boolean {
  if (hostname === "localhost") return true;
  const literal = parseHostLiteral(hostname.replace(/^\[(.*)\]$/, "$1"));
  return literal !== null && classifyAddress(literal.address) === "loopback";
}

/** Bytes of a base64url key (padding tolerated), or null when it is not base64url. */
export function base64urlBytes(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return null;
  return new Uint8Array(Buffer.from(value.replace(/=+$/, ""), "base64url"));
}
