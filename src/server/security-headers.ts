import type { FastifyInstance } from "fastify";

/**
 * The security headers every response carries: the ones @fastify/helmet sent with our
 * options, built once. Helmet rebuilt them on every request, which cost more than
 * serving a cached page (security-headers.test.ts checks both still agree).
 */
export function securityHeaders(options: { https: boolean }): Readonly<Record<string, string>> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  // Lower-case names: Fastify keeps reply headers lower-cased, so they go out as given.
  return Object.freeze({
    "content-security-policy": csp.join(";"),
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "origin-agent-cluster": "?1",
    "referrer-policy": "no-referrer",
    ...(options.https
      ? { "strict-transport-security": "max-age=31536000; includeSubDomains" }
      : {}),
    "x-content-type-options": "nosniff",
    "x-dns-prefetch-control": "off",
    "x-download-options": "noopen",
    "x-frame-options": "SAMEORIGIN",
    "x-permitted-cross-domain-policies": "none",
    "x-xss-protection": "0",
  });
}

/**
 * Sets the headers on every reply (pages, API, errors, 404s) as it starts, so a handler
 * or the error handler can still override one. Reply headers rather than the raw
 * response's: Node then checks each header once, when Fastify writes the head.
 */
export function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  const headers = securityHeaders(options);
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
