/** Cookie headers in and out: the few lines the newsroom needs, not a plugin. */

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    // Our values are base64url: anything else is not ours.
    return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : null;
  }
  return null;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; absent: a session cookie. 0 deletes it. */
  maxAge?: number;
}

/**
 * HttpOnly, SameSite=Lax, Path=/. Over https the `__Host-` prefix (see cookieName) makes
 * browsers refuse the cookie unless Secure and host-only, so a subdomain cannot plant one.
 */
export function cookieHeader(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (options.secure) parts.push("Secure");
  if (options.maxAge !== undefined)
    parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  return parts.join("; ");
}

export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}
