import type { FastifyReply, FastifyRequest } from "fastify";
import { type CachedPage, type PageCache, pickEncoding } from "./page-cache.ts";

/**
 * A rendered page on the wire: ETag and 304, and the cache's compressed bytes for the
 * encoding the client takes. A status other than 200 is never stored by a shared cache.
 */
export function sendPage(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  cacheControl: string,
) {
  reply
    .code(page.status)
    .header("content-type", "text/html; charset=utf-8")
    .header("vary", "Accept-Encoding")
    .header("etag", page.etag)
    .header("cache-control", page.status === 200 ? cacheControl : "no-store");
  if (page.tags && page.status === 200) reply.header("surrogate-key", page.tags);
  if (page.status === 200 && request.headers["if-none-match"] === page.etag) {
    return reply.code(304).send();
  }
  // A page under a kilobyte is not worth compressing (and goes out as it is, unlabelled).
  const encoding =
    page.html.length < 1024 ? null : pickEncoding(request.headers["accept-encoding"]);
  if (encoding === null) return reply.send(page.html);
  return reply.header("content-encoding", encoding).send(cache.encoded(page, encoding));
}
