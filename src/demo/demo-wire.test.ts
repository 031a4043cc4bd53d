import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { parseFeed } from "feedsmith";
import { type DemoWire, startDemoWire } from "./demo-wire.ts";
import { OUTLET_SLUGS } from "./outlets.ts";

let wire: DemoWire;
let time = Date.parse("2026-03-01T12:00:00Z");

before(async () => {
  wire = await startDemoWire({
    intervalMs: 3_600_000,
    seed: 5,
    initialItems: 24,
    now: () => new Date(time),
  });
});
after(async () => {
  await wire.close();
});

function feedOf(format: string) {
  const feed = wire.feeds.find((f) => f.format === format);
  assert.ok(feed, format);
  return feed;
}

test("listens on 127.0.0.1 and lists one feed per outlet, in every format", () => {
  assert.match(wire.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(wire.url, `http://127.0.0.1:${wire.port}`);
  assert.deepEqual(wire.feeds.map((f) => f.outlet).sort(), [...OUTLET_SLUGS].sort());
  assert.deepEqual(
    new Set(wire.feeds.map((f) => f.format)),
    new Set(["rss", "atom", "json", "ninjs"]),
  );
});

test("RSS 2.0 with content:encoded, dc:creator and categories", async () => {
  const res = await fetch(feedOf("rss").url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^application\/rss\+xml/);
  assert.equal(res.headers.get("cache-control"), "max-age=5");
  assert.ok(res.headers.get("etag"));
  assert.ok(res.headers.get("last-modified"));
  const text = await res.text();
  assert.match(text, /<rss/);
  assert.match(text, /<content:encoded>/);
  assert.match(text, /<dc:creator>/);
  assert.match(text, /<category>/);
  const { format, feed } = parseFeed(text);
  assert.equal(format, "rss");
  assert.ok((feed.items?.length ?? 0) > 0);
});

test("Atom 1.0", async () => {
  const res = await fetch(feedOf("atom").url);
  assert.match(res.headers.get("content-type") ?? "", /^application\/atom\+xml/);
  const text = await res.text();
  assert.match(text, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  assert.equal(parseFeed(text).format, "atom");
});

test("JSON Feed 1.1", async () => {
  const res = await fetch(feedOf("json").url);
  assert.match(res.headers.get("content-type") ?? "", /^application\/feed\+json/);
  const body = (await res.json()) as { version: string; items: { content_html?: string }[] };
  assert.equal(body.version, "https://jsonfeed.org/version/1.1");
  assert.ok(body.items.length > 0 && body.items.every((i) => i.content_html?.startsWith("<p>")));
});

test("ninjs 2.0: an array of items with uri, headlines, bodies and the rest", async () => {
  const res = await fetch(feedOf("ninjs").url);
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
  const body = (await res.json()) as Record<string, unknown>[];
  assert.ok(Array.isArray(body) && body.length > 0);
  for (const item of body) {
    assert.match(String(item.uri), /^urn:demo-wire:/);
    assert.deepEqual(Object.keys((item.headlines as object[])[0] ?? {}), ["role", "value"]);
    const [main] = item.bodies as { role: string; contenttype: string; value: string }[];
    assert.equal(main?.role, "main");
    assert.equal(main?.contenttype, "text/html");
    assert.equal(item.language, "en");
    assert.equal(item.pubstatus, "usable");
    assert.ok(item.by && item.firstcreated && item.versioncreated && item.descriptions);
    assert.ok(Array.isArray(item.subjects) && item.subjects.length > 0);
  }
});

test("conditional GET: 304 for a matching ETag or a fresh If-Modified-Since", async () => {
  const url = feedOf("rss").url;
  const first = await fetch(url);
  await first.arrayBuffer();
  const etag = first.headers.get("etag") ?? "";
  const again = await fetch(url, { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get("etag"), etag);
  assert.equal((await again.text()).length, 0);
  const since = await fetch(url, {
    headers: { "if-modified-since": first.headers.get("last-modified") ?? "" },
  });
  assert.equal(since.status, 304);
  const stale = await fetch(url, { headers: { "if-none-match": '"other"' } });
  assert.equal(stale.status, 200);
  await stale.arrayBuffer();
});

test("publishNow adds items that appear in their feeds and pages, and changes the ETag", async () => {
  const before = new Map<string, string>();
  for (const feed of wire.feeds) {
    const res = await fetch(feed.url);
    await res.arrayBuffer();
    before.set(feed.outlet, res.headers.get("etag") ?? "");
  }
  time += 60_000;
  const added = wire.publishNow(6);
  assert.equal(added.length, 6);
  for (const item of added) {
    const feed = wire.feeds.find((f) => f.outlet === item.outlet);
    assert.ok(feed);
    const res = await fetch(feed.url, {
      headers: { "if-none-match": before.get(item.outlet) ?? "" },
    });
    assert.equal(res.status, 200, `${item.outlet} feed changed`);
    assert.ok((await res.text()).includes(`urn:demo-wire:${item.id}`));
    const page = await fetch(item.url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
    const html = await page.text();
    assert.ok(html.includes("<nav>") && html.includes("<footer"));
    assert.ok(html.includes(item.html));
    if (item.imagePath) {
      const image = await fetch(`${wire.url}${item.imagePath}`);
      assert.equal(image.headers.get("content-type"), "image/png");
      const bytes = Buffer.from(await image.arrayBuffer());
      assert.equal(bytes.subarray(1, 4).toString("latin1"), "PNG");
    }
  }
});

test("index, OPML and outlet pages", async () => {
  const index = await fetch(`${wire.url}/`);
  const html = await index.text();
  for (const feed of wire.feeds) assert.ok(html.includes(feed.url));
  const opml = await fetch(`${wire.url}/opml`);
  const text = await opml.text();
  assert.match(text, /<opml version="2\.0">/);
  for (const feed of wire.feeds) assert.ok(text.includes(`xmlUrl="${feed.url}"`));
  const outlet = await fetch(`${wire.url}/science-post/`);
  assert.equal(outlet.status, 200);
  await outlet.arrayBuffer();
});

test("HEAD has the headers and no body", async () => {
  const res = await fetch(feedOf("json").url, { method: "HEAD" });
  assert.equal(res.status, 200);
  assert.ok(Number(res.headers.get("content-length")) > 0);
  assert.equal((await res.text()).length, 0);
});

test("unknown paths are 404, other methods 405", async () => {
  for (const path of [
    "/nope",
    "/feeds/unknown.rss",
    "/harbour-courier/no-such-item",
    "/images/no-such-item.png",
    "/daily-meridian/../opml/x",
  ]) {
    const res = await fetch(`${wire.url}${path}`);
    assert.equal(res.status, 404, path);
    await res.arrayBuffer();
  }
  // An item exists only under its own outlet.
  const [item] = wire.publishNow(1);
  assert.ok(item);
  const other = OUTLET_SLUGS.find((s) => s !== item.outlet);
  const wrong = await fetch(`${wire.url}/${other}/${item.id}`);
  assert.equal(wrong.status, 404);
  await wrong.arrayBuffer();
  const post = await fetch(feedOf("rss").url, { method: "POST", body: "x" });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get("allow"), "GET, HEAD");
  await post.arrayBuffer();
});

test("the same seed publishes the same ids; close() frees the port", async () => {
  const clock = () => new Date("2026-03-01T12:00:00Z");
  const a = await startDemoWire({ intervalMs: 3_600_000, seed: 9, initialItems: 5, now: clock });
  const b = await startDemoWire({ intervalMs: 3_600_000, seed: 9, initialItems: 5, now: clock });
  assert.deepEqual(
    a.publishNow(3).map((i) => i.id),
    b.publishNow(3).map((i) => i.id),
  );
  const port = a.port;
  const res = await fetch(`${a.url}/`);
  await res.arrayBuffer();
  await a.close();
  await b.close();
  await a.close(); // twice is harmless
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(port, "127.0.0.1", resolve);
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

test("the timer publishes on its own", async () => {
  const quick = await startDemoWire({ intervalMs: 20, initialItems: 0 });
  try {
    const feed = quick.feeds[0];
    assert.ok(feed);
    let published = 0;
    for (let i = 0; i < 50 && published === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const res = await fetch(`${quick.url}/`);
      published = Number(/(\d+) items published/.exec(await res.text())?.[1] ?? 0);
    }
    assert.ok(published > 0);
  } finally {
    await quick.close();
  }
});
