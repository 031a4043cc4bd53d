import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createPageCache, pickEncoding } from "./page-cache.ts";

function cacheWith(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let external: number | null = 1;
  const cache = createPageCache({
    externalChangeToken: () => external,
    ttlMs: options.ttlMs ?? 60_000,
    maxEntries: options.maxEntries ?? 10,
  });
  return { cache, setExternal: (value: number | null) => (external = value) };
}

describe("page cache", () => {
  test("a stored page comes back with a strong ETag of its bytes", () => {
    const { cache } = cacheWith();
    const page = cache.set("/a", 200, "<p>a</p>", cache.stamp());
    assert.equal(cache.get("/a"), page);
    assert.match(page.etag, /^"[\w-]{22}"$/);
    assert.equal(cache.set("/b", 200, "<p>a</p>", cache.stamp()).etag, page.etag);
    assert.equal(cache.get("/missing"), undefined);
  });

  test("a write by this process drops every page", () => {
    const { cache } = cacheWith();
    cache.set("/a", 200, "a", cache.stamp());
    cache.invalidate();
    assert.equal(cache.get("/a"), undefined);
  });

  test("a change drops the pages that show it and the untagged ones, and keeps the rest", () => {
    const { cache } = cacheWith();
    cache.set("/", 200, "home", cache.stamp(), "pages home");
    cache.set("/world/a", 200, "a", cache.stamp(), "pages article:1 section:world story:7");
    cache.set("/sport/b", 200, "b", cache.stamp(), "pages article:2 section:sport");
    cache.set("/search?q=x", 200, "results", cache.stamp());
    cache.invalidate(["home", "story:7"]);
    assert.equal(cache.get("/"), undefined);
    assert.equal(cache.get("/world/a"), undefined, "its story changed");
    assert.equal(cache.get("/search?q=x"), undefined, "untagged pages depend on everything");
    assert.equal(cache.get("/sport/b")?.html.toString(), "b");
    cache.invalidate(["pages-that-nobody-carries"]);
    assert.ok(cache.get("/sport/b"), "a tag no page carries drops nothing tagged");
  });

  test("a render under way when any change lands is sent but not kept", () => {
    const { cache } = cacheWith();
    const before = cache.stamp();
    cache.invalidate(["section:elsewhere"]);
    cache.set("/a", 200, "a", before, "pages article:1");
    assert.equal(cache.get("/a"), undefined);
  });

  test("a commit by another process drops pages made before it", () => {
    const { cache, setExternal } = cacheWith();
    cache.set("/a", 200, "a", cache.stamp());
    setExternal(2);
    assert.equal(cache.get("/a"), undefined);
    cache.set("/a", 200, "a2", cache.stamp());
    assert.equal(cache.get("/a")?.html.toString(), "a2");
  });

  test("a render that read the database before a write is sent but not kept", () => {
    const { cache, setExternal } = cacheWith();
    const before = cache.stamp();
    cache.invalidate();
    assert.equal(cache.set("/a", 200, "old", before).html.toString(), "old");
    assert.equal(cache.get("/a"), undefined);
    const beforeCommit = cache.stamp();
    setExternal(5);
    cache.set("/b", 200, "old", beforeCommit);
    assert.equal(cache.get("/b"), undefined);
  });

  test("without a change token (PostgreSQL) pages live for the TTL only", async () => {
    const { cache, setExternal } = cacheWith({ ttlMs: 20 });
    setExternal(null);
    cache.set("/a", 200, "a", cache.stamp());
    assert.ok(cache.get("/a"));
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(cache.get("/a"), undefined);
  });

  test("the oldest page goes first when full", () => {
    const { cache } = cacheWith({ maxEntries: 2 });
    for (const key of ["/1", "/2", "/3"]) cache.set(key, 200, key, cache.stamp());
    assert.equal(cache.get("/1"), undefined);
    assert.ok(cache.get("/2") && cache.get("/3"));
  });

  test("compressed bytes are made once per page and decode to the page", () => {
    const { cache } = cacheWith();
    const page = cache.set("/a", 200, "<p>news</p>".repeat(200), cache.stamp());
    const gz = cache.encoded(page, "gzip");
    assert.equal(cache.encoded(page, "gzip"), gz, "the same buffer, not a second compression");
    assert.deepEqual(gunzipSync(gz), page.html);
    assert.deepEqual(brotliDecompressSync(cache.encoded(page, "br")), page.html);
  });
});

describe("pickEncoding", () => {
  test("brotli first, then gzip; q=0 refuses one", () => {
    assert.equal(pickEncoding(undefined), null);
    assert.equal(pickEncoding("gzip, deflate, br, zstd"), "br");
    assert.equal(pickEncoding("gzip"), "gzip");
    assert.equal(pickEncoding("br;q=0, gzip"), "gzip");
    assert.equal(pickEncoding("*"), "gzip");
    assert.equal(pickEncoding("identity"), null);
  });

  test("answers stay right past the remembered ones", () => {
    for (let i = 0; i < 200; i++) {
      assert.equal(pickEncoding(`gzip;q=0.${(i % 9) + 1}, x-${i}`), "gzip");
      assert.equal(pickEncoding(`br;q=0, x-${i}`), null);
    }
    assert.equal(pickEncoding("gzip, deflate, br, zstd"), "br");
  });
});
