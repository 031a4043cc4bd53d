import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../domain/errors.ts";
import { type CachedPage, type PageCache, pickEncoding } from "./page-cache.ts";

/** How one kind of response goes out: its type and how long others may keep it. */
export interface ResponseFormat {
  /** The whole Content-Type value. */
  contentType: string;
  /** For 200s; anything else is `no-store`. */
  cacheControl: string;
  /**
   * The body of the page for a missing address, kept once under NOT_FOUND_KEY for every
   * route. Without it a missing address is an AppError 404 for the error handler.
   */
  notFound?: () => string;
}

/** A loader's answer for an address that is not the page's own: a 301 to that one. */
export interface Moved {
  readonly movedTo: string;
}

export function moved(path: string): Moved {
  return { movedTo: path };
}

function isMoved(value: object): value is Moved {
  return "movedTo" in value;
}

/** One entry for every missing page: a key per wrong address would let them crowd out real pages. */
export const NOT_FOUND_KEY = "/404";

/**
 * One cached page or feed. Everything a request needs on a hit (`key`) is cheap; the rest
 * runs on a miss only.
 */
export interface CachedRoute<R extends FastifyRequest, P extends object> {
  format: ResponseFormat;
  /** The entry's key: the path, and only the query parameters that change what is shown. */
  key(request: R): string;
  /** What the page shows, read from the database; null when there is no such page. */
  load(request: R): Promise<P | Moved | null>;
  render(props: P): string;
  /** The entry's tags (and its Surrogate-Key); "" for a page that goes with any change. */
  tags(props: P): string;
  /** 200 unless said: a search form with a mistake is a 400 page. */
  status?(props: P): number;
  /** The Surrogate-Key header when it is not the entry's tags. */
  surrogateKey?: string;
  /** A Link header for the entry at `key` (WebSub discovery on feeds). */
  link?(key: string): string | undefined;
}

/**
 * The page cache's protocol, for every cached route: look up; on a miss take the stamp
 * before reading, load, render, keep (only if nothing changed meanwhile), then send with
 * ETag, 304 and the cache's compressed bytes. Routes using it set `compress: false`.
 *
 * A route with `attachValidation` answers a malformed path parameter with the not-found
 * page (an id that is not a number names no page); a malformed query is still a 400.
 */
export function cachedRoute<R extends FastifyRequest, P extends object>(
  cache: PageCache,
  route: CachedRoute<R, P>,
): (request: R, reply: FastifyReply) => Promise<FastifyReply> {
  const { format } = route;
  return async function serveCached(request, reply) {
    const invalid = request.validationError;
    if (invalid) {
      if (invalid.validationContext !== "params") throw invalid;
      // Fastify stops at the first part that fails; a bad query still outranks a bad path.
      if (
        request.getValidationFunction("querystring") &&
        !request.validateInput(request.query, "querystring")
      ) {
        throw new AppError("bad_request", "malformed query parameters", { status: 400 });
      }
      return notFound(cache, request, reply, format);
    }
    const key = route.key(request);
    const hit = cache.get(key);
    if (hit) return send(cache, request, reply, hit, format, route.surrogateKey, route.link?.(key));
    // Taken before the first read: a write that lands during the render leaves it unkept.
    const stamp = cache.stamp();
    const loaded = await route.load(request);
    if (loaded === null) return notFound(cache, request, reply, format);
    if (isMoved(loaded)) return reply.redirect(loaded.movedTo, 301);
    const page = cache.set(
      key,
      route.status?.(loaded) ?? 200,
      route.render(loaded),
      stamp,
      route.tags(loaded),
    );
    return send(cache, request, reply, page, format, route.surrogateKey, route.link?.(key));
  };
}

function notFound(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  format: ResponseFormat,
): FastifyReply {
  if (!format.notFound) throw new AppError("not_found", "no such page", { status: 404 });
  const page =
    cache.get(NOT_FOUND_KEY) ?? cache.set(NOT_FOUND_KEY, 404, format.notFound(), cache.stamp(), "");
  return send(cache, request, reply, page, format, undefined, undefined);
}

/** A status other than 200 is never stored by a shared cache, nor answered with a 304. */
function send(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  format: ResponseFormat,
  surrogateKey: string | undefined,
  link: string | undefined,
): FastifyReply {
  const ok = page.status === 200;
  reply
    .code(page.status)
    .header("content-type", format.contentType)
    .header("vary", "Accept-Encoding")
    .header("etag", page.etag)
    .header("cache-control", ok ? format.cacheControl : "no-store");
  const keys = surrogateKey ?? page.tags;
  if (ok && keys) reply.header("surrogate-key", keys);
  if (link) reply.header("link", link);
  if (ok && etagMatches(request.headers["if-none-match"], page.etag)) {
    return reply.code(304).send();
  }
  // A body under a kilobyte is not worth compressing (and goes out as it is, unlabelled).
  const encoding =
    page.html.length < 1024 ? null : pickEncoding(request.headers["accept-encoding"]);
  if (encoding === null) return reply.send(page.html);
  return reply.header("content-encoding", encoding).send(cache.encoded(page, encoding));
}

/** If-None-Match holds a list; compression proxies may weaken our tag to W/"…". */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header === etag) return true;
  return header.split(",").some((item) => {
    const tag = item.trim();
    const strong = tag.startsWith("W/") ? tag.slice(2) : tag;
    return strong === etag || strong === "*";
  });
}
