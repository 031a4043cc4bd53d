import assert from "node:assert/strict";
import diagnostics from "node:diagnostics_channel";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import zlib from "node:zlib";
import { classifyAddress, isAllowed, parseAllowList } from "../domain/address-guard.ts";
import { AppError } from "../domain/errors.ts";
import { createSafeFetcher, parseRetryAfter, type Resolver } from "./safe-fetch.ts";

// HARD RULE: every socket here goes to 127.0.0.1. Names resolve through stub resolvers;
// other ranges are only ever refused before a socket exists (and asserted as such).

const UA = "DispatchTest/1.0 (+https://dispatch.example/bot)";
const seen: http.IncomingMessage[] = [];
const posted: { method: string; contentType: string; body: string }[] = [];
let port = 0;
let base = "";
let server: http.Server;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const routes: Record<string, Handler> = {
  "/feed": (_req, res) => {
    res.writeHead(200, {
      "content-type": "application/rss+xml; charset=utf-8",
      etag: '"v1"',
      "last-modified": "Tue, 01 Jul 2025 10:00:00 GMT",
      "cache-control": "public, s-maxage=60, max-age=300",
      link: '<https://hub.example/>; rel="hub"',
    });
    res.end("<rss>hello</rss>");
  },
  "/gzip": (_req, res) => {
    res.writeHead(200, { "content-encoding": "gzip" });
    res.end(zlib.gzipSync("gzipped body"));
  },
  "/br": (_req, res) => {
    res.writeHead(200, { "content-encoding": "br" });
    res.end(zlib.brotliCompressSync("brotli body"));
  },
  "/deflate": (_req, res) => {
    res.writeHead(200, { "content-encoding": "deflate" });
    res.end(zlib.deflateSync("zlib deflate body"));
  },
  "/raw-deflate": (_req, res) => {
    res.writeHead(200, { "content-encoding": "deflate" });
    res.end(zlib.deflateRawSync("raw deflate body"));
  },
  "/bomb": (_req, res) => {
    res.writeHead(200, { "content-encoding": "gzip" });
    res.end(BOMB);
  },
  "/big": (_req, res) => {
    res.end(Buffer.alloc(2 * 1024 * 1024, 0x61));
  },
  "/big-chunked": (_req, res) => {
    // No Content-Length: the cap has to count as the bytes arrive.
    for (let i = 0; i < 32; i++) res.write(Buffer.alloc(64 * 1024, 0x61));
    res.end();
  },
  "/not-gzip": (_req, res) => {
    res.writeHead(200, { "content-encoding": "gzip" });
    res.end("plain text pretending");
  },
  "/zstd": (_req, res) => {
    res.writeHead(200, { "content-encoding": "zstd" });
    res.end("whatever");
  },
  "/slow": (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.write("first bytes, then nothing");
  },
  "/r1": (_req, res) => redirect(res, 301, "r2"),
  "/r2": (_req, res) => redirect(res, 302, "/r3?x=1"),
  "/r3": (_req, res) => redirect(res, 307, `${base}/feed`),
  "/loop": (_req, res) => redirect(res, 302, "/loop"),
  "/to-ftp": (_req, res) => redirect(res, 302, "ftp://127.0.0.1/feed"),
  "/to-file": (_req, res) => redirect(res, 301, "file:///etc/passwd"),
  "/to-hex-literal": (_req, res) => redirect(res, 302, `http://0x7f000001:${port}/feed`),
  "/to-internal": (_req, res) => redirect(res, 302, `http://internal.test:${port}/feed`),
  "/conditional": (req, res) => {
    if (req.headers["if-none-match"] === '"v1"') {
      res.writeHead(304, { etag: '"v1"', "cache-control": "max-age=60" });
      res.end();
      return;
    }
    res.writeHead(200, { etag: '"v1"' });
    res.end("fresh");
  },
  "/429": (_req, res) => {
    res.writeHead(429, { "retry-after": "120" });
    res.end("slow down");
  },
  "/503": (_req, res) => {
    res.writeHead(503, { "retry-after": new Date(Date.now() + 90_000).toUTCString() });
    res.end("maintenance");
  },
  "/hub": (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      posted.push({
        method: req.method ?? "",
        contentType: req.headers["content-type"] ?? "",
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(202);
      res.end();
    });
  },
  "/hub-307": (_req, res) => redirect(res, 307, "/hub"),
  "/hub-302": (_req, res) => redirect(res, 302, "/hub"),
  "/hub-to-internal": (_req, res) => redirect(res, 307, `http://internal.test:${port}/hub`),
  "/404": (_req, res) => {
    res.writeHead(404);
    res.end("gone");
  },
};

function redirect(res: http.ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end();
}

// 8 MiB of zeros compress to about 8 KB: a small answer that would fill memory.
const BOMB = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024), { level: 9 });

const stubResolver: Resolver = async (host) => {
  if (host === "feeds.test") return [{ address: "127.0.0.1", family: 4 }];
  if (host === "internal.test") return [{ address: "10.0.0.5", family: 4 }];
  // Loopback first: even a broken guard would only ever reach 127.0.0.1.
  if (host === "mixed.test") {
    return [
      { address: "127.0.0.1", family: 4 },
      { address: "10.0.0.5", family: 4 },
    ];
  }
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
};

before(async () => {
  server = http.createServer((req, res) => {
    seen.push(req);
    const handler = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (handler) handler(req, res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

function trusted(extra: Partial<Parameters<typeof createSafeFetcher>[0]> = {}) {
  return createSafeFetcher({
    allow: parseAllowList("127.0.0.1"),
    userAgent: UA,
    resolver: stubResolver,
    totalTimeoutMs: 1500,
    ...extra,
  });
}

async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  check?: (error: AppError) => void,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, `expected AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    check?.(error);
    return true;
  });
}

test("200: body, caching headers, and our User-Agent and Accept-Encoding sent", async () => {
  const fetcher = trusted();
  try {
    const before = seen.length;
    const result = await fetcher.fetch(`${base}/feed`);
    assert.equal(result.status, 200);
    assert.equal(result.notModified, false);
    assert.equal(result.url, `${base}/feed`);
    assert.equal(Buffer.from(result.body).toString(), "<rss>hello</rss>");
    assert.deepEqual(result.headers, {
      contentType: "application/rss+xml; charset=utf-8",
      etag: '"v1"',
      lastModified: "Tue, 01 Jul 2025 10:00:00 GMT",
      cacheControlMaxAge: 300,
      retryAfterSeconds: null,
      link: '<https://hub.example/>; rel="hub"',
    });
    const request = seen[before];
    assert.equal(request?.headers["user-agent"], UA);
    assert.equal(request?.headers["accept-encoding"], "gzip, deflate, br");
    assert.equal(request?.headers["if-none-match"], undefined);
  } finally {
    await fetcher.close();
  }
});

test("gzip, br and both kinds of deflate are decompressed", async () => {
  const fetcher = trusted();
  try {
    const text = async (path: string) =>
      Buffer.from((await fetcher.fetch(`${base}${path}`)).body).toString();
    assert.equal(await text("/gzip"), "gzipped body");
    assert.equal(await text("/br"), "brotli body");
    assert.equal(await text("/deflate"), "zlib deflate body");
    assert.equal(await text("/raw-deflate"), "raw deflate body");
  } finally {
    await fetcher.close();
  }
});

test("the body cap counts decompressed bytes: a gzip bomb of a few KB is refused", async () => {
  assert.ok(BOMB.length < 16 * 1024, `bomb is ${BOMB.length} bytes`);
  const fetcher = trusted({ maxBodyBytes: 1024 * 1024 });
  try {
    await rejectsWith(fetcher.fetch(`${base}/bomb`), "too_large", (error) =>
      assert.equal(error.context.maxBytes, 1024 * 1024),
    );
    await rejectsWith(fetcher.fetch(`${base}/big`), "too_large", (error) =>
      assert.equal(error.context.contentLength, 2 * 1024 * 1024),
    );
    await rejectsWith(fetcher.fetch(`${base}/big-chunked`), "too_large");
    // The fetcher is still usable after aborting those bodies.
    assert.equal((await fetcher.fetch(`${base}/gzip`)).status, 200);
  } finally {
    await fetcher.close();
  }
});

test("a body that is not what Content-Encoding says, or an encoding we never asked for", async () => {
  const fetcher = trusted();
  try {
    await rejectsWith(fetcher.fetch(`${base}/not-gzip`), "bad_encoding");
    await rejectsWith(fetcher.fetch(`${base}/zstd`), "bad_encoding");
  } finally {
    await fetcher.close();
  }
});

test("a server that stops sending hits the total timeout", async () => {
  const fetcher = trusted({ totalTimeoutMs: 300 });
  try {
    const started = Date.now();
    await rejectsWith(fetcher.fetch(`${base}/slow`), "timeout");
    assert.ok(Date.now() - started < 1500);
  } finally {
    await fetcher.close();
  }
});

test("a connection that cannot be made in time is connect_timeout (DNS hangs here)", async () => {
  const fetcher = createSafeFetcher({
    allow: [],
    userAgent: UA,
    connectTimeoutMs: 100,
    resolver: () => new Promise(() => {}),
  });
  try {
    await rejectsWith(fetcher.fetch(`http://hangs.test:${port}/feed`), "connect_timeout");
  } finally {
    await fetcher.close();
  }
});

test("redirects: relative and absolute Locations followed to the final URL", async () => {
  const fetcher = trusted();
  try {
    const result = await fetcher.fetch(`${base}/r1`);
    assert.equal(result.status, 200);
    assert.equal(result.url, `${base}/feed`);
    assert.equal(Buffer.from(result.body).toString(), "<rss>hello</rss>");
  } finally {
    await fetcher.close();
  }
});

test("redirects: a limit, and never to another scheme", async () => {
  const fetcher = trusted({ maxRedirects: 3 });
  try {
    await rejectsWith(fetcher.fetch(`${base}/loop`), "too_many_redirects");
    // /r1 takes exactly three redirects: allowed at 3, refused at 2.
    assert.equal((await fetcher.fetch(`${base}/r1`)).status, 200);
    const stricter = trusted({ maxRedirects: 2 });
    await rejectsWith(stricter.fetch(`${base}/r1`), "too_many_redirects");
    await stricter.close();
    await rejectsWith(fetcher.fetch(`${base}/to-ftp`), "bad_scheme");
    await rejectsWith(fetcher.fetch(`${base}/to-file`), "bad_scheme");
  } finally {
    await fetcher.close();
  }
});

test("redirects: each hop is checked, literal IPs in any notation and resolved names", async () => {
  // Only the name feeds.test (on this port) is trusted, not the loopback address itself.
  const fetcher = createSafeFetcher({
    allow: parseAllowList(`feeds.test:${port}`),
    userAgent: UA,
    resolver: stubResolver,
  });
  try {
    const ok = await fetcher.fetch(`http://feeds.test:${port}/feed`);
    assert.equal(ok.status, 200);
    const before = seen.length;
    await rejectsWith(
      fetcher.fetch(`http://feeds.test:${port}/to-hex-literal`),
      "blocked_address",
      (error) => {
        assert.equal(error.context.address, "127.0.0.1");
        assert.equal(error.context.reason, "loopback");
      },
    );
    await rejectsWith(
      fetcher.fetch(`http://feeds.test:${port}/to-internal`),
      "blocked_address",
      (error) => assert.equal(error.context.address, "10.0.0.5"),
    );
    // Only the two redirecting requests reached the server; the targets never did.
    assert.deepEqual(
      seen.slice(before).map((r) => r.url),
      ["/to-hex-literal", "/to-internal"],
    );
  } finally {
    await fetcher.close();
  }
});

test("conditional GET: validators sent, 304 is notModified with no body", async () => {
  const fetcher = trusted();
  try {
    const before = seen.length;
    const result = await fetcher.fetch(`${base}/conditional`, {
      etag: '"v1"',
      lastModified: "Tue, 01 Jul 2025 10:00:00 GMT",
    });
    assert.equal(result.status, 304);
    assert.equal(result.notModified, true);
    assert.equal(result.body.length, 0);
    assert.equal(result.headers.etag, '"v1"');
    assert.equal(result.headers.cacheControlMaxAge, 60);
    assert.equal(seen[before]?.headers["if-none-match"], '"v1"');
    assert.equal(seen[before]?.headers["if-modified-since"], "Tue, 01 Jul 2025 10:00:00 GMT");
    const fresh = await fetcher.fetch(`${base}/conditional`, { etag: null, lastModified: null });
    assert.equal(fresh.status, 200);
    // A stored validator that could smuggle a header is dropped, not sent.
    const smuggled = await fetcher.fetch(`${base}/conditional`, { etag: '"v1"\r\nx-evil: 1' });
    assert.equal(smuggled.status, 200);
  } finally {
    await fetcher.close();
  }
});

test("429 and 503 throw http_error carrying Retry-After; other statuses carry null", async () => {
  const fetcher = trusted();
  try {
    await rejectsWith(fetcher.fetch(`${base}/429`), "http_error", (error) => {
      assert.equal(error.context.status, 429);
      assert.equal(error.context.retryAfterSeconds, 120);
    });
    await rejectsWith(fetcher.fetch(`${base}/503`), "http_error", (error) => {
      assert.equal(error.context.status, 503);
      const seconds = error.context.retryAfterSeconds as number;
      assert.ok(seconds >= 85 && seconds <= 91, `retry after ${seconds}`);
    });
    await rejectsWith(fetcher.fetch(`${base}/404`), "http_error", (error) => {
      assert.equal(error.context.status, 404);
      assert.equal(error.context.retryAfterSeconds, null);
    });
  } finally {
    await fetcher.close();
  }
});

test("Retry-After: seconds or an HTTP date", () => {
  const now = Date.parse("2025-07-01T10:00:00Z");
  assert.equal(parseRetryAfter("120", now), 120);
  assert.equal(parseRetryAfter(" 0 ", now), 0);
  assert.equal(parseRetryAfter("Tue, 01 Jul 2025 10:02:00 GMT", now), 120);
  assert.equal(parseRetryAfter("Tue, 01 Jul 2025 09:00:00 GMT", now), 0);
  assert.equal(parseRetryAfter("soon", now), null);
  assert.equal(parseRetryAfter("-5", now), null);
  assert.equal(parseRetryAfter(null, now), null);
});

test("only http and https", async () => {
  const fetcher = trusted();
  try {
    for (const url of [
      "file:///etc/passwd",
      "ftp://127.0.0.1/feed",
      "data:text/plain,hi",
      "javascript:alert(1)",
      "gopher://127.0.0.1/",
    ]) {
      await rejectsWith(fetcher.fetch(url), "bad_scheme");
    }
    await rejectsWith(fetcher.fetch("not a url"), "bad_url");
  } finally {
    await fetcher.close();
  }
});

test("without an allow list, loopback is refused in every spelling before any request", async () => {
  const fetcher = createSafeFetcher({ allow: [], userAgent: UA, totalTimeoutMs: 1500 });
  try {
    const before = seen.length;
    for (const host of [
      "127.0.0.1",
      "localhost",
      "[::1]",
      "2130706433",
      "0x7f.1",
      "[::ffff:127.0.0.1]",
    ]) {
      await rejectsWith(
        fetcher.fetch(`http://${host}:${port}/feed`),
        "blocked_address",
        (error) => {
          assert.match(String(error.context.reason), /^loopback$/);
        },
      );
    }
    assert.equal(seen.length, before, "no request reached the server");
  } finally {
    await fetcher.close();
  }
});

test("a name resolving to a private address is refused at connect time, before any socket connects", async () => {
  // Belt and braces for the hard rule: if the guard's own verdict were wrong, do not try.
  assert.equal(classifyAddress("10.0.0.5"), "private");
  assert.equal(isAllowed([], { host: "internal.test", port, address: "10.0.0.5" }), false);

  const events: string[] = [];
  const onConnected = (message: unknown) => {
    const { connectParams } = message as { connectParams: { hostname: string } };
    events.push(`connected ${connectParams.hostname}`);
  };
  const onConnectError = (message: unknown) => {
    const { error } = message as { error: unknown };
    events.push(`error ${error instanceof AppError ? error.code : String(error)}`);
  };
  diagnostics.subscribe("undici:client:connected", onConnected);
  diagnostics.subscribe("undici:client:connectError", onConnectError);
  const resolved: string[] = [];
  const fetcher = createSafeFetcher({
    allow: parseAllowList("127.0.0.1"),
    userAgent: UA,
    resolver: async (host) => {
      resolved.push(host);
      return stubResolver(host);
    },
  });
  try {
    await rejectsWith(
      fetcher.fetch(`http://internal.test:${port}/feed`),
      "blocked_address",
      (error) => {
        assert.equal(error.context.address, "10.0.0.5");
        assert.equal(error.context.reason, "private");
      },
    );
    // Every answer is checked: one allowed address does not carry a private one.
    await rejectsWith(fetcher.fetch(`http://mixed.test:${port}/feed`), "blocked_address", (error) =>
      assert.equal(error.context.address, "10.0.0.5"),
    );
    // https takes the same path (tls.connect with the same lookup hook).
    await rejectsWith(fetcher.fetch(`https://internal.test:${port}/feed`), "blocked_address");
    assert.deepEqual(resolved, ["internal.test", "mixed.test", "internal.test"]);
    assert.deepEqual(events, Array(3).fill("error blocked_address"));
  } finally {
    diagnostics.unsubscribe("undici:client:connected", onConnected);
    diagnostics.unsubscribe("undici:client:connectError", onConnectError);
    await fetcher.close();
  }
});

test("an allow-listed name connects: the lookup passes trusted answers through", async () => {
  const fetcher = createSafeFetcher({
    allow: parseAllowList(`feeds.test:${port}`),
    userAgent: UA,
    resolver: stubResolver,
  });
  try {
    const result = await fetcher.fetch(`http://feeds.test:${port}/gzip`);
    assert.equal(Buffer.from(result.body).toString(), "gzipped body");
    // The same name on another port is not covered by the rule.
    await rejectsWith(fetcher.fetch(`http://feeds.test:${port + 1}/feed`), "blocked_address");
    await rejectsWith(fetcher.fetch(`http://nowhere.test:${port}/feed`), "dns_failed");
  } finally {
    await fetcher.close();
  }
});

test("post: a form reaches an allow-listed hub on loopback, 307 re-sends the body", async () => {
  const fetcher = trusted();
  try {
    posted.length = 0;
    const form = "hub.mode=subscribe&hub.topic=https%3A%2F%2Fexample.com%2Ffeed";
    const result = await fetcher.post(`${base}/hub`, form, "application/x-www-form-urlencoded");
    assert.equal(result.status, 202);
    const redirected = await fetcher.post(`${base}/hub-307`, form, "text/plain");
    assert.equal(redirected.status, 202);
    assert.equal(redirected.url, `${base}/hub`);
    assert.deepEqual(posted, [
      { method: "POST", contentType: "application/x-www-form-urlencoded", body: form },
      { method: "POST", contentType: "text/plain", body: form },
    ]);
    // A 302 would turn the POST into a GET elsewhere: it is an answer, not followed.
    await rejectsWith(fetcher.post(`${base}/hub-302`, form, "text/plain"), "http_error", (error) =>
      assert.equal(error.context.status, 302),
    );
    assert.equal(posted.length, 2);
  } finally {
    await fetcher.close();
  }
});

test("post: the same guard on every hop, literal or resolved", async () => {
  const fetcher = createSafeFetcher({
    allow: [],
    userAgent: UA,
    resolver: stubResolver,
    totalTimeoutMs: 1500,
  });
  const redirecting = createSafeFetcher({
    allow: parseAllowList(`feeds.test:${port}`),
    userAgent: UA,
    resolver: stubResolver,
    totalTimeoutMs: 1500,
  });
  try {
    posted.length = 0;
    const before = seen.length;
    await rejectsWith(fetcher.post(`${base}/hub`, "x=1", "text/plain"), "blocked_address");
    await rejectsWith(
      fetcher.post(`http://internal.test:${port}/hub`, "x=1", "text/plain"),
      "blocked_address",
      (error) => assert.equal(error.context.reason, "private"),
    );
    await rejectsWith(
      fetcher.post(`http://feeds.test:${port}/hub`, "x=1", "text/plain"),
      "blocked_address",
    );
    assert.equal(seen.length, before, "no request reached the server");
    // Trusted first hop, untrusted redirect target: refused before the second request.
    await rejectsWith(
      redirecting.post(`http://feeds.test:${port}/hub-to-internal`, "x=1", "text/plain"),
      "blocked_address",
      (error) => assert.equal(error.context.address, "10.0.0.5"),
    );
    assert.deepEqual(
      seen.slice(before).map((r) => r.url),
      ["/hub-to-internal"],
    );
    assert.deepEqual(posted, []);
    await rejectsWith(fetcher.post("ftp://127.0.0.1/hub", "x=1", "text/plain"), "bad_scheme");
  } finally {
    await fetcher.close();
    await redirecting.close();
  }
});
