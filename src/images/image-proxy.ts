import { createHash } from "node:crypto";
import path from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config/settings.ts";
import { parseAllowList } from "../domain/address-guard.ts";
import { AppError, isAppError } from "../domain/errors.ts";
import { LOG } from "../domain/log-events.ts";
import { createSafeFetcher } from "../ingest/safe-fetch.ts";
import { userAgent } from "../ingest/web-reader.ts";
import { createImageCache } from "./image-cache.ts";
import {
  chooseOutputFormat,
  MAX_INPUT_PIXELS,
  OUTPUT_CONTENT_TYPE,
  type OutputFormat,
  transformImage,
} from "./image-transform.ts";
import { declaredImageType, type ImageType, sniffImageType } from "./image-type.ts";
import { createImageSigner, type ImageWidth, parseImageWidth } from "./image-url.ts";

/**
 * Dispatch's image proxy, `GET /img/{sig}/{width}/{source}`: outlets' images reach
 * readers only through us. The signature limits it to images our pages rendered; the
 * safe fetcher (address guard, FETCH_ALLOW_HOSTS, timeouts) fetches them; declared type
 * and sniffed bytes must both be a raster format; sharp decodes within a pixel budget,
 * shrinks and recompresses; the result is kept on disk and served as immutable.
 */

export type ImageProxyConfig = Pick<
  Config,
  | "DATA_DIR"
  | "FETCH_ALLOW_HOSTS"
  | "FETCH_TIMEOUT_SECONDS"
  | "IMAGE_MAX_BYTES"
  | "IMAGE_CACHE_MAX_MB"
  | "SITE_URL"
>;

export interface ImageProxyDeps {
  config: ImageProxyConfig;
  logger: Pick<Logger, "warn" | "error" | "info">;
  /** From loadSecretKey; pages sign with createImageSigner(secret), the same key. */
  secret: string;
}

export const IMAGE_CACHE_FOLDER = "image-cache";

const ACCEPT = "image/avif, image/webp, image/jpeg, image/png, image/gif;q=0.9";
// An image's bytes are all a reader gets: no script, style or frame may run in them.
const IMAGE_HEADERS = {
  "content-security-policy": "default-src 'none'",
  "x-content-type-options": "nosniff",
};
const IMMUTABLE = "public, max-age=31536000, immutable";
// A broken image on the home page is asked for by every reader: ask its server once a while.
const FAILURE_TTL_MS = 5 * 60 * 1000;
const MAX_REMEMBERED_FAILURES = 5_000;
// Decoding is CPU and memory: a few at once, the rest queue (the fetches do not).
const CONCURRENT_TRANSFORMS = 2;

interface Original {
  bytes: Uint8Array;
  type: ImageType;
}

export function registerImageProxy(app: FastifyInstance, deps: ImageProxyDeps): void {
  const { config, logger } = deps;
  const signer = createImageSigner(deps.secret);
  const fetcher = createSafeFetcher({
    allow: parseAllowList(config.FETCH_ALLOW_HOSTS),
    userAgent: userAgent(config.SITE_URL),
    accept: ACCEPT,
    totalTimeoutMs: config.FETCH_TIMEOUT_SECONDS * 1000,
    connectTimeoutMs: Math.min(10_000, config.FETCH_TIMEOUT_SECONDS * 1000),
    maxBodyBytes: config.IMAGE_MAX_BYTES,
  });
  const cache = createImageCache({
    dir: path.join(config.DATA_DIR, IMAGE_CACHE_FOLDER),
    maxBytes: config.IMAGE_CACHE_MAX_MB * 1024 * 1024,
    onSwept: (result) =>
      logger.info({ event: LOG.imageCacheSwept, ...result }, "image cache swept"),
    onError: (error) =>
      logger.warn({ event: LOG.imageFailed, err: error }, "image cache sweep failed"),
  });
  const publicError = publicErrors(config.IMAGE_MAX_BYTES);
  const transforms = createLimiter(CONCURRENT_TRANSFORMS);
  // Concurrent requests for one image share one fetch and one resize.
  const originals = new Map<string, Promise<Original>>();
  const making = new Map<string, Promise<Buffer>>();
  const failures = new Map<string, { error: AppError; until: number }>();

  app.addHook("onClose", async () => {
    await fetcher.close();
  });

  function fetchOriginal(source: string): Promise<Original> {
    let pending = originals.get(source);
    if (!pending) {
      pending = (async () => {
        const result = await fetcher.fetch(source);
        const declared = declaredImageType(result.headers.contentType);
        const sniffed = sniffImageType(result.body);
        // Both, not either: a server that calls an SVG "image/png" is refused as surely
        // as an image served as text/html. They need not agree: CDNs mislabel WebP.
        if (declared === null || sniffed === null) {
          throw new AppError("not_an_image", "the response is not a supported image", {
            status: 415,
            context: { url: result.url, contentType: result.headers.contentType },
          });
        }
        return { bytes: result.body, type: sniffed };
      })().finally(() => originals.delete(source));
      originals.set(source, pending);
    }
    return pending;
  }

  async function make(source: string, width: ImageWidth, format: OutputFormat, key: string) {
    const original = await fetchOriginal(source);
    const bytes = await transforms(() =>
      transformImage(original.bytes, original.type, { width, format }),
    );
    await cache.write(key, bytes).catch((error: unknown) => {
      logger.warn({ event: LOG.imageFailed, err: error }, "could not write the image cache");
    });
    return bytes;
  }

  async function image(signature: string, source: string, width: ImageWidth, format: OutputFormat) {
    const key = cacheKey(signature, width, format);
    const cached = await cache.read(key).catch((error: unknown) => {
      logger.warn({ event: LOG.imageFailed, err: error }, "could not read the image cache");
      return null;
    });
    if (cached) return cached;
    const failed = failures.get(key);
    if (failed && failed.until > Date.now()) throw failed.error;
    let pending = making.get(key);
    if (!pending) {
      pending = make(source, width, format, key)
        .catch((error: unknown) => {
          const shown = publicError(error);
          logger[shown.code === "internal" ? "error" : "warn"](
            { event: LOG.imageFailed, url: source, code: shown.code, err: error },
            "image proxy could not serve an image",
          );
          remember(failures, key, shown);
          throw shown;
        })
        .finally(() => making.delete(key));
      making.set(key, pending);
    }
    return pending;
  }

  app.get<{ Params: { sig: string; width: string; "*": string } }>(
    "/img/:sig/:width/*",
    async (request, reply) => {
      reply.headers(IMAGE_HEADERS);
      const width = parseImageWidth(request.params.width);
      if (width === null) {
        return sendError(
          reply,
          new AppError("bad_width", "the image width is not one we serve", { status: 400 }),
        );
      }
      const signature = request.params.sig;
      const source = signer.verify(signature, width, request.params["*"]);
      if (source === null) {
        return sendError(
          reply,
          new AppError("bad_signature", "this image address was not issued by this site", {
            status: 403,
          }),
        );
      }
      const format = chooseOutputFormat(request.headers.accept);
      const etag = `"${signature}-${format}"`;
      reply.header("cache-control", IMMUTABLE).header("vary", "Accept").header("etag", etag);
      if (matchesEtag(request.headers["if-none-match"], etag)) return reply.code(304).send();
      try {
        const bytes = await image(signature, source, width, format);
        return reply.type(OUTPUT_CONTENT_TYPE[format]).send(bytes);
      } catch (error) {
        return sendError(reply, isAppError(error) ? error : publicError(error));
      }
    },
  );
}

function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  const { status, code, message } = error;
  reply.removeHeader("etag");
  reply.removeHeader("vary");
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("application/json; charset=utf-8")
    .send({ error: { code, message } });
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

/** Content-addressed: one signature (source and width) in one format is one file. */
function cacheKey(signature: string, width: ImageWidth, format: OutputFormat): string {
  return `${createHash("sha256").update(`${signature}/${width}/${format}`).digest("hex")}.${format}`;
}

function remember(
  failures: Map<string, { error: AppError; until: number }>,
  key: string,
  error: AppError,
): void {
  if (error.code === "internal") return;
  failures.delete(key);
  failures.set(key, { error, until: Date.now() + FAILURE_TTL_MS });
  // Oldest first, as a Map iterates in insertion order.
  for (const old of failures.keys()) {
    if (failures.size <= MAX_REMEMBERED_FAILURES) break;
    failures.delete(old);
  }
}

/**
 * What a reader is told: the fetcher's stable code, a message of our own. The fetcher's
 * messages name hosts and the addresses they resolved to, which stay in our logs.
 */
function publicErrors(maxBytes: number): (error: unknown) => AppError {
  const unreachable = "the image's server could not be reached";
  const shown: Readonly<Record<string, { status: number; message: string }>> = {
    blocked_address: { status: 403, message: "the image's address is not allowed" },
    bad_url: { status: 403, message: "the image's address is not allowed" },
    bad_scheme: { status: 403, message: "the image's address is not allowed" },
    too_large: { status: 502, message: `the image is larger than ${maxBytes} bytes` },
    too_many_pixels: {
      status: 502,
      message: `the image has more than ${MAX_INPUT_PIXELS} pixels`,
    },
    not_an_image: {
      status: 415,
      message: "the source is not a JPEG, PNG, GIF, WebP or AVIF image",
    },
    bad_image: { status: 502, message: "the image could not be decoded" },
    http_error: { status: 502, message: "the image's server answered with an error" },
    timeout: { status: 504, message: "the image's server did not answer in time" },
    connect_timeout: { status: 504, message: "the image's server did not answer in time" },
    dns_failed: { status: 502, message: unreachable },
    network_error: { status: 502, message: unreachable },
    too_many_redirects: { status: 502, message: "the image's server redirected too often" },
    bad_encoding: { status: 502, message: "the image's server sent a malformed response" },
  };
  return (error) => {
    const entry = isAppError(error) ? shown[error.code] : undefined;
    if (!isAppError(error) || entry === undefined) {
      return new AppError("internal", "internal error; it has been logged", {
        status: 500,
        cause: error,
      });
    }
    return new AppError(error.code, entry.message, { status: entry.status });
  };
}

/** Runs at most `size` tasks at once; the others wait their turn in order. */
function createLimiter(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next in line, so none can jump it.
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
