import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { brotliDecompressSync } from "node:zlib";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import { Type } from "typebox";
import { installErrorHandling } from "../src/server/error-handler.ts";
import { createPageCache, type PageCache } from "../src/site/page-cache.ts";
import type { SchemaRequest } from "../src/site/routes/html-page.tsx";
import {
  cachedRoute,
  etagMatches,
  moved,
  NOT_FOUND_KEY,
  type ResponseFormat,
} from "../src/site/serve-cached.ts";

// The one cache protocol every page, feed, sitemap and search goes through, on a bare
// Fastify app (inject, no socket) with the real error handler behind it.

const HTML: ResponseFormat = {
  contentType: "text/html; charset=utf-8",
  cacheControl: "public, max-age=30",
  notFound: () => "<h1>Page not found</h1>",
};
const XML: ResponseFormat = {
  contentType: "application/xml; charset=utf-8",
  cacheControl: "public, max-age=60",
};

interface Thing {
  id: number;
  body: string;
}

const LONG = `<p>${"news ".repeat(400)}</p>`;

describe("cachedRoute", () => {
  let app: FastifyInstance;
  let cache: PageCache;
  const loads: string[] = [];
  /** Runs inside a load: a write landing while the page renders. */
  let duringLoad: (() => void) | null = null;

  const schema = {
    params: Type.Object({ id: Type.String({ pattern: "^\\d{1,6}$" }) }),
    querystring: Type.Object({ page: Type.Optional(Type.String()) }),
  };
  type ThingRequest = SchemaRequest<typeof schema>;

  before(async () => {
    cache = createPageCache({ externalChangeToken: () => null, ttlMs: 60_000, maxEntries: 100 });
    app = Fastify();
    installErrorHandling(app, (status) => `<h1>status ${status}</h1>`);
    const things = new Map<number, Thing>([
      [1, { id: 1, body: "<p>one</p>" }],
      [2, { id: 2, body: LONG }],
      [5, { id: 5, body: "<p>a mistake</p>" }],
    ]);
    app.withTypeProvider<TypeBoxTypeProvider>().get(
      "/thing/:id",
      { schema, attachValidation: true, compress: false },
      cachedRoute(cache, {
        format: HTML,
        key: (request: ThingRequest) => `/thing/${request.params.id}`,
        load: async (request) => {
          loads.push(request.url);
          duringLoad?.();
          const id = Number(request.params.id);
          if (id === 9) return moved("/thing/1");
          return things.get(id) ?? null;
        },
        render: (thing) => thing.body,
        tags: (thing) => `pages thing:${thing.id}`,
        status: (thing) => (thing.id === 5 ? 400 : 200),
      }),
    );
    app.get(
      "/feed/:name",
      { compress: false },
      cachedRoute(cache, {
        format: XML,
        key: (request) => request.url,
        load: async (request) =>
          (request.params as { name: string }).name === "none" ? null : { xml: "<feed/>" },
        render: (props) => props.xml,
        tags: () => "",
        surrogateKey: "feeds",
        link: (key) => `<http://hub>; rel="hub", <http://site${key}>; rel="self"`,
      }),
    );
    await app.ready();
  });
  after(async () => app.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url, headers });

  test("a hit is served without loading; the key ignores other query parameters", async () => {
    loads.length = 0;
    const first = await get("/thing/1");
    assert.equal(first.statusCode, 200);
    assert.equal(first.body, "<p>one</p>");
    assert.equal(first.headers["content-type"], "text/html; charset=utf-8");
    assert.equal(first.headers.vary, "Accept-Encoding");
    assert.equal(first.headers["cache-control"], "public, max-age=30");
    assert.equal(first.headers["surrogate-key"], "pages thing:1");
    assert.match(String(first.headers.etag), /^"[\w-]+"$/);
    const again = await get("/thing/1?utm_source=x");
    assert.equal(again.body, first.body);
    assert.deepEqual(loads, ["/thing/1"], "loaded once");
  });

  test("the stamp comes before the load: a write during the render is not outlived", async () => {
    loads.length = 0;
    cache.invalidate();
    duringLoad = () => cache.invalidate(["thing:1"]);
    await get("/thing/1");
    duringLoad = null;
    await get("/thing/1");
    await get("/thing/1");
    assert.equal(loads.length, 2, "the render that raced the write was sent, not kept");
  });

  test("ETag: 304 for the tag, a list holding it, its weak form or *", async () => {
    const { etag } = (await get("/thing/1")).headers;
    for (const header of [String(etag), `"x", ${etag}`, `W/${etag}`, "*"]) {
      const res = await get("/thing/1", { "if-none-match": header });
      assert.equal(res.statusCode, 304, header);
      assert.equal(res.body, "");
    }
    assert.equal((await get("/thing/1", { "if-none-match": '"other"' })).statusCode, 200);
    assert.equal(etagMatches(undefined, '"a"'), false);
    assert.equal(etagMatches('"b", "c"', '"a"'), false);
  });

  test("compressed copies above a kilobyte, the plain bytes below", async () => {
    const br = await get("/thing/2", { "accept-encoding": "gzip, br" });
    assert.equal(br.headers["content-encoding"], "br");
    assert.equal(brotliDecompressSync(br.rawPayload).toString("utf8"), LONG);
    const small = await get("/thing/1", { "accept-encoding": "br" });
    assert.equal(small.headers["content-encoding"], undefined);
  });

  test("a missing page is the one shared 404 entry, never stored by others", async () => {
    const res = await get("/thing/404");
    assert.equal(res.statusCode, 404);
    assert.equal(res.body, "<h1>Page not found</h1>");
    assert.equal(res.headers["cache-control"], "no-store");
    assert.equal(res.headers["surrogate-key"], undefined);
    assert.ok(cache.get(NOT_FOUND_KEY), "kept under one key");
    assert.equal(cache.get("/thing/404"), undefined, "not under its own");
    const etag = String(res.headers.etag);
    assert.equal((await get("/thing/404", { "if-none-match": etag })).statusCode, 404, "no 304");
  });

  test("a page of another status goes out uncached by others, never as a 304", async () => {
    const res = await get("/thing/5");
    assert.equal(res.statusCode, 400);
    assert.equal(res.body, "<p>a mistake</p>");
    assert.equal(res.headers["cache-control"], "no-store");
    assert.equal(res.headers["surrogate-key"], undefined);
    const again = await get("/thing/5", { "if-none-match": String(res.headers.etag) });
    assert.equal(again.statusCode, 400);
  });

  test("a moved page redirects to its own address", async () => {
    const res = await get("/thing/9");
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, "/thing/1");
  });

  test("a malformed path parameter is the 404 page; a malformed query a 400, first", async () => {
    const path = await get("/thing/abc");
    assert.equal(path.statusCode, 404);
    assert.equal(path.body, "<h1>Page not found</h1>");
    const query = await get("/thing/1?page=1&page=2");
    assert.equal(query.statusCode, 400);
    assert.equal(query.body, "<h1>status 400</h1>");
    assert.equal(query.headers["cache-control"], "no-store");
    const both = await get("/thing/abc?page=1&page=2");
    assert.equal(both.statusCode, 400, "as before the schemas: the query was checked first");
  });

  test("a format without a 404 page leaves a missing one to the error handler", async () => {
    const missing = await get("/feed/none");
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, "<h1>status 404</h1>");
    assert.equal(missing.headers["cache-control"], "no-store");
    const feed = await get("/feed/main");
    assert.equal(feed.headers["content-type"], "application/xml; charset=utf-8");
    assert.equal(feed.headers["surrogate-key"], "feeds", "the route's key, not the entry's tags");
    assert.equal(feed.headers.link, '<http://hub>; rel="hub", <http://site/feed/main>; rel="self"');
    const hit = await get("/feed/main");
    assert.equal(hit.headers.link, feed.headers.link, "on a hit too");
  });
});
