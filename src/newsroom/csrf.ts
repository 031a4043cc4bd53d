import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * CSRF tokens bound to what identifies the browser: the session (signed in) or a random
 * pre-session cookie (the sign-in and setup forms). HMAC with the site's secret key, so
 * nothing is stored and every web node with the same key checks them alike.
 */
export function csrfToken(secret: string, binding: string): string {
  return createHmac("sha256", secret).update(`csrf\0${binding}`).digest("base64url");
}

export function csrfValid(secret: string, binding: string, given: unknown): boolean {
  if (typeof given !== "string" || given.length === 0 || given.length > 100) return false;
  const expected = Buffer.from(csrfToken(secret, binding));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
