import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { pipeline, Readable, type Transform } from "node:stream";
import zlib from "node:zlib";
import type { Agent, buildConnector } from "undici";
import {
  type AllowRule,
  classifyAddress,
  isAllowed,
  parseHostLiteral,
} from "../domain/address-guard.ts";
import { AppError, describeError, isAppError } from "../domain/errors.ts";
import { lazily } from "../domain/lazily.ts";

/**
 * The one way Dispatch reads from the network (feeds, pages, images). Every hop of every
 * request is checked against the address guard: literal IPs before the request, names at
 * connect time inside the socket's DNS lookup, so the address checked is the address
 * connected to (no window for DNS rebinding).
 *
 * Outcome contract: 2xx and 304 are results; every other final status throws AppError
 * `http_error` with `{ status, url, retryAfterSeconds }` in its context (429 and 503 carry
 * the parsed Retry-After there), so no caller can mistake an error page for a feed.
 *
 * `post` (WebSub hub requests) goes through the same guard, caps and timeouts. It follows
 * only 307 and 308, which keep the method and body; any other redirect is an error.
 */

export interface FetchResult {
  status: number;
  /** The final URL, after redirects. */
  url: string;
  headers: {
    contentType: string | null;
    etag: string | null;
    lastModified: string | null;
    cacheControlMaxAge: number | null;
    retryAfterSeconds: number | null;
    /** The raw `Link` header(s), comma-joined: WebSub advertises hub and self there. */
    link: string | null;
  };
  /** Decompressed bytes; empty for 304. */
  body: Uint8Array;
  notModified: boolean;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export interface SafeFetcherOptions {
  allow: readonly AllowRule[];
  userAgent: string;
  accept?: string;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Tests pass a stub; the default is the system resolver (dns.lookup, all addresses). */
  resolver?: Resolver;
}

export interface SafeFetcher {
  fetch(
    url: string,
    conditional?: { etag?: string | null; lastModified?: string | null },
  ): Promise<FetchResult>;
  /**
   * A POST of a small form or document, e.g. a WebSub subscription request or a Web Push
   * message (whose protocol headers come in `headers`).
   */
  post(
    url: string,
    body: string | Uint8Array,
    contentType: string,
    headers?: Readonly<Record<string, string>>,
  ): Promise<FetchResult>;
  close(): Promise<void>;
}

interface Outgoing {
  method: "GET" | "POST";
  body?: string | Uint8Array;
  contentType?: string;
  conditional?: { etag?: string | null; lastModified?: string | null };
  headers?: Readonly<Record<string, string>>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Only these repeat a POST as a POST, body and all.
const METHOD_KEEPING_REDIRECTS = new Set([307, 308]);
const ENCODINGS = new Set(["gzip", "x-gzip", "deflate", "br"]);

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

function fetchError(
  code: string,
  message: string,
  context: Record<string, unknown>,
  status = 502,
  cause?: unknown,
): AppError {
  return new AppError(code, message, { status, context, cause });
}

function first(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === "" ? null : text;
}

function joined(value: string | string[] | undefined): string | null {
  return first(Array.isArray(value) ? value.join(", ") : value);
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^[0-9]+$/.test(text)) return Number(text);
  // Date.parse takes almost anything ("-5" is a year): an HTTP date names its month.
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function parseMaxAge(cacheControl: string | null): number | null {
  const match = /(?:^|,)\s*max-age\s*=\s*"?([0-9]+)"?/i.exec(cacheControl ?? "");
  return match ? Number(match[1]) : null;
}

function isHttpUrl(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

function parseTarget(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw fetchError("bad_url", `not a valid URL: ${text.slice(0, 200)}`, { url: text }, 400);
  }
  if (!isHttpUrl(url)) {
    throw fetchError(
      "bad_scheme",
      `only http and https can be fetched, not ${url.protocol}`,
      { url: url.href.slice(0, 200) },
      400,
    );
  }
  return url;
}

function portOf(url: { port: string; protocol: string }): number {
  return Number(url.port) || (url.protocol === "https:" ? 443 : 80);
}

/** A header value we stored from a server goes back only if it is still a valid header. */
function headerSafe(value: string | null | undefined): string | null {
  return value && /^[\t\x20-\x7e\x80-\xff]+$/.test(value) ? value : null;
}

type Stage = (source: AsyncIterable<Buffer>) => AsyncIterable<Buffer>;

function createDecoder(encoding: string, head: Buffer): Transform {
  // Lenient about a missing trailer, as browsers are: a truncated feed still parses or fails later.
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (encoding === "br") return zlib.createBrotliDecompress();
  if (encoding === "deflate") {
    // "deflate" should be zlib-wrapped, but some servers send raw deflate.
    const cmf = head[0] ?? 0;
    const flg = head[1] ?? 0;
    const wrapped = (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0;
    return wrapped ? zlib.createInflate(lenient) : zlib.createInflateRaw(lenient);
  }
  return zlib.createGunzip(lenient);
}

/** A decoding stage that picks its decoder after seeing the first bytes. */
function decodeStage(encoding: string): Stage {
  return async function* (source) {
    const iterator = source[Symbol.asyncIterator]();
    let head = Buffer.alloc(0);
    while (head.length < 2) {
      const next = await iterator.next();
      if (next.done) break;
      head = Buffer.concat([head, next.value]);
    }
    if (head.length === 0) return;
    const decoder = createDecoder(encoding, head);
    const input = Readable.from(
      (async function* () {
        yield head;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      })(),
    );
    // Errors reach us through the decoder, which pipeline destroys with them.
    pipeline(input, decoder, () => {});
    for await (const chunk of decoder) {
      yield chunk as Buffer;
    }
  };
}

function capStage(maxBytes: number, what: string, url: string): Stage {
  return async function* (source) {
    let size = 0;
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) {
        throw fetchError("too_large", `the ${what} is larger than ${maxBytes} bytes`, {
          url,
          maxBytes,
        });
      }
      yield chunk;
    }
  };
}

async function readBody(
  body: AsyncIterable<Buffer>,
  contentEncoding: string | null,
  maxBytes: number,
  url: string,
): Promise<Uint8Array> {
  const encodings = (contentEncoding ?? "")
    .toLowerCase()
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "" && e !== "identity");
  const unknown = encodings.find((e) => !ENCODINGS.has(e));
  if (unknown !== undefined) {
    throw fetchError("bad_encoding", `unsupported Content-Encoding "${unknown}"`, { url });
  }
  // Raw bytes are capped too: a stream of empty deflate blocks grows nothing but the wire.
  let stream = capStage(maxBytes, "response on the wire", url)(body);
  // Encodings are listed in the order applied: undo them last first.
  for (const encoding of encodings.reverse()) stream = decodeStage(encoding)(stream);
  stream = capStage(maxBytes, "decompressed body", url)(stream);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && (code.startsWith("Z_") || code.includes("BROTLI"))) {
      throw fetchError("bad_encoding", `the body is not valid ${encodings.join(", ")}`, {
        url,
      });
    }
    throw error;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toAppError(error: unknown, url: string, timedOut: boolean, totalMs: number): AppError {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isAppError(error)) return error;
  if (isAppError(cause)) return cause;
  if (timedOut) {
    return fetchError("timeout", `no complete response within ${totalMs} ms`, { url }, 504);
  }
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  const context = code ? { url, cause: code } : { url };
  if (code === "UND_ERR_CONNECT_TIMEOUT") {
    return fetchError("connect_timeout", "could not connect in time", context, 504, error);
  }
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return fetchError("timeout", "the server stopped sending", context, 504, error);
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") {
    return fetchError("dns_failed", `could not resolve ${safeHost(url)}`, context, 502, error);
  }
  return fetchError("network_error", describeError(error), context, 502, error);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 200);
  }
}

export function createSafeFetcher(options: SafeFetcherOptions): SafeFetcher {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const resolver = options.resolver ?? systemResolver;
  const rules = options.allow;

  function checkAddress(host: string, port: number, address: string): void {
    const reason = classifyAddress(address);
    if (reason === "public") return;
    if (reason !== "invalid" && isAllowed(rules, { host, port, address })) return;
    throw fetchError(
      "blocked_address",
      `refused to connect to ${host} (${address}): ${reason} address`,
      { host, port, address, reason },
      400,
    );
  }

  async function resolveChecked(host: string, port: number): Promise<LookupAddress[]> {
    const literal = parseHostLiteral(host);
    const answers = literal ? [literal] : await resolver(host);
    if (answers.length === 0) {
      throw fetchError("dns_failed", `${host} has no addresses`, { host });
    }
    // Every answer, not just the first: the socket may try any of them.
    for (const answer of answers) checkAddress(host, port, answer.address);
    return answers.map(({ address, family }) => ({ address, family }));
  }

  function guardedLookup(port: number): LookupFunction {
    return (hostname: string, lookupOptions: LookupOptions, callback) => {
      resolveChecked(hostname, port).then(
        (addresses) => {
          const family = lookupOptions.family;
          const wanted =
            family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
          const chosen = wanted[0];
          if (!chosen) {
            const error = fetchError("dns_failed", `${hostname} has no IPv${family} address`, {
              host: hostname,
            });
            callback(error as NodeJS.ErrnoException, "", 0);
          } else if (lookupOptions.all) callback(null, wanted);
          else callback(null, chosen.address, chosen.family);
        },
        (error: unknown) => callback(error as NodeJS.ErrnoException, "", 0),
      );
    };
  }

  // One connector per port: the lookup hook needs the port for host:port allow rules.
  const connectors = new Map<number, buildConnector.connector>();
  // undici takes ~80 ms to load: a web node that never fetches answers its first page
  // without waiting for it, and a fetching one loads it on the first fetch.
  const client = lazily(async () => {
    const undici = await import("undici");
    const agent: Agent = new undici.Agent({
      connect(connectOptions, callback) {
        const port = portOf(connectOptions);
        let connector = connectors.get(port);
        if (!connector) {
          connector = undici.buildConnector({
            timeout: connectTimeoutMs,
            lookup: guardedLookup(port),
          });
          connectors.set(port, connector);
        }
        connector(connectOptions, callback);
      },
      headersTimeout: totalTimeoutMs,
      bodyTimeout: totalTimeoutMs,
    });
    return { agent, request: undici.request };
  });
  let loaded: Awaited<ReturnType<typeof client>> | null = null;

  async function fetchOnce(
    start: string,
    outgoing: Outgoing,
    signal: AbortSignal,
  ): Promise<FetchResult> {
    let url = parseTarget(start);
    const { method, body: requestBody } = outgoing;
    const headers: Record<string, string> = {
      "user-agent": options.userAgent,
      accept: options.accept ?? "*/*",
      "accept-encoding": "gzip, deflate, br",
    };
    const etag = headerSafe(outgoing.conditional?.etag);
    const lastModified = headerSafe(outgoing.conditional?.lastModified);
    if (etag) headers["if-none-match"] = etag;
    if (lastModified) headers["if-modified-since"] = lastModified;
    const contentType = headerSafe(outgoing.contentType);
    if (contentType) headers["content-type"] = contentType;
    for (const [name, value] of Object.entries(outgoing.headers ?? {})) {
      const safe = headerSafe(value);
      if (safe && /^[a-z0-9-]+$/.test(name)) headers[name] = safe;
    }

    loaded ??= await client();
    const { agent, request } = loaded;
    for (let redirects = 0; ; ) {
      // undici never calls the lookup hook for an IP literal: check it here, every hop.
      const literal = parseHostLiteral(url.hostname);
      if (literal) checkAddress(url.hostname, portOf(url), literal.address);
      const response = await request(url, {
        dispatcher: agent,
        method,
        headers,
        signal,
        ...(requestBody === undefined ? {} : { body: requestBody }),
      });
      const status = response.statusCode;
      const location = first(response.headers.location);
      const follows = method === "GET" ? REDIRECTS : METHOD_KEEPING_REDIRECTS;
      if (follows.has(status) && location !== null) {
        await response.body.dump().catch(() => {});
        if (redirects >= maxRedirects) {
          throw fetchError("too_many_redirects", `more than ${maxRedirects} redirects`, {
            url: start,
            last: url.href,
          });
        }
        redirects++;
        url = parseTarget(location, url);
        continue;
      }
      const meta: FetchResult["headers"] = {
        contentType: first(response.headers["content-type"]),
        etag: first(response.headers.etag),
        lastModified: first(response.headers["last-modified"]),
        cacheControlMaxAge: parseMaxAge(first(response.headers["cache-control"])),
        retryAfterSeconds: parseRetryAfter(first(response.headers["retry-after"])),
        link: joined(response.headers.link),
      };
      if (status === 304) {
        await response.body.dump().catch(() => {});
        return { status, url: url.href, headers: meta, body: new Uint8Array(), notModified: true };
      }
      if (status < 200 || status > 299) {
        await response.body.dump().catch(() => {});
        const retry =
          meta.retryAfterSeconds === null ? "" : `; retry after ${meta.retryAfterSeconds} s`;
        throw fetchError("http_error", `HTTP ${status} from ${url.host}${retry}`, {
          status,
          url: url.href,
          retryAfterSeconds: meta.retryAfterSeconds,
        });
      }
      const contentEncoding = first(response.headers["content-encoding"]);
      const declaredLength = Number(first(response.headers["content-length"]) ?? 0);
      if (contentEncoding === null && declaredLength > maxBodyBytes) {
        // Said up front: no need to read a byte of it.
        response.body.destroy();
        throw fetchError("too_large", `the body is larger than ${maxBodyBytes} bytes`, {
          url: url.href,
          maxBytes: maxBodyBytes,
          contentLength: declaredLength,
        });
      }
      const body = await readBody(response.body, contentEncoding, maxBodyBytes, url.href);
      return { status, url: url.href, headers: meta, body, notModified: false };
    }
  }

  async function send(url: string, outgoing: Outgoing): Promise<FetchResult> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, totalTimeoutMs);
    try {
      return await fetchOnce(url, outgoing, controller.signal);
    } catch (error) {
      throw toAppError(error, url, timedOut, totalTimeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    fetch: (url, conditional = {}) => send(url, { method: "GET", conditional }),
    post: (url, body, contentType, headers) =>
      send(url, { method: "POST", body, contentType, ...(headers ? { headers } : {}) }),
    close: async () => {
      await loaded?.agent.close();
    },
  };
}
