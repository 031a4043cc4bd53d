import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import zlib from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import pino from "pino";
import sharp from "sharp";
import { loadConfig } from "../src/config/settings.ts";
import { IMAGE_CACHE_FOLDER, registerImageProxy } from "../src/images/image-proxy.ts";
import { createImageSigner, type ImageWidth } from "../src/images/image-url.ts";
import { freshSqlite, type TestDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

// HARD RULE: loopback only. The outlet is a server on 127.0.0.1, allowlisted by port;
// a second loopback server, not allowlisted, stands for a private address and must never
// see a request.

const SECRET = "image-proxy-test-key-0123456789abcdef";
const WEBP = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8";
const MAX_BYTES = 200_000;

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header claiming 100,000 × 100,000 pixels, in a few kilobytes. */
function bombPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", zlib.deflateSync(Buffer.alloc(100_001 * 40))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
const HTML = "<!doctype html><title>Not found</title><p>No image here";

interface Origin {
  server: http.Server;
  base: string;
  hits: Map<string, number>;
}

async function startOrigin(routes: Record<string, http.RequestListener>): Promise<Origin> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const route = (req.url ?? "/").split("?")[0] ?? "/";
    hits.set(route, (hits.get(route) ?? 0) + 1);
    const handler = routes[route];
    if (handler) handler(req, res);
    else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, hits };
}

const send =
  (type: string, body: () => Buffer | string, delayMs = 0): http.RequestListener =>
  (_req, res) => {
    setTimeout(() => res.writeHead(200, { "content-type": type }).end(body()), delayMs);
  };

let jpeg: Buffer;
let png: Buffer;
let smallPng: Buffer;
let outlet: Origin;
let privateHost: Origin;

before(async () => {
  jpeg = await sharp({
    create: { width: 2000, height: 1000, channels: 3, background: { r: 180, g: 40, b: 40 } },
  })
    .withExif({ IFD0: { Copyright: "Outlet Photo Desk" } })
    .jpeg({ quality: 90 })
    .toBuffer();
  png = await sharp({
    create: {
      width: 1600,
      height: 900,
      channels: 4,
      background: { r: 0, g: 90, b: 160, alpha: 1 },
    },
  })
    .png()
    .toBuffer();
  smallPng = await sharp(png).resize(300, 200).png().toBuffer();
  outlet = await startOrigin({
    "/photo.jpg": send("image/jpeg", () => jpeg),
    "/again.jpg": send("image/jpeg", () => jpeg),
    "/chart.png": send("image/png", () => png),
    "/slow.jpg": send("image/jpeg", () => jpeg, 150),
    "/small.png": send("image/png", () => smallPng),
    "/vector.svg": send("image/svg+xml", () => SVG),
    "/svg-as-png": send("image/png", () => SVG),
    "/page.html": send("text/html; charset=utf-8", () => HTML),
    "/jpeg-as-html": send("text/html", () => jpeg),
    "/huge.jpg": send("image/jpeg", () => Buffer.concat([jpeg, Buffer.alloc(MAX_BYTES)])),
    "/huge-chunked.jpg": (_req, res) => {
      res.writeHead(200, { "content-type": "image/jpeg" });
      for (let i = 0; i < 8; i++) res.write(Buffer.alloc(50_000, 0xff));
      res.end();
    },
    "/bomb.png": send("image/png", bombPng),
    "/to-private.jpg": (_req, res) => {
      res.writeHead(302, { location: `${privateHost.base}/photo.jpg` }).end();
    },
  });
  privateHost = await startOrigin({ "/photo.jpg": send("image/jpeg", () => jpeg) });
});

after(async () => {
  outlet.server.close();
  privateHost.server.close();
});

function proxyConfig(dataDir: string) {
  return loadConfig({
    DATA_DIR: dataDir,
    FETCH_ALLOW_HOSTS: new URL(outlet.base).host,
    IMAGE_MAX_BYTES: String(MAX_BYTES),
    FETCH_TIMEOUT_SECONDS: "10",
  });
}

async function bareProxy(dataDir: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerImageProxy(app, {
    config: proxyConfig(dataDir),
    logger: pino({ level: "silent" }),
    secret: SECRET,
  });
  await app.ready();
  return app;
}

const signer = createImageSigner(SECRET);
const pathFor = (source: string, width: ImageWidth = 640) =>
  signer.imageProxyUrl(source, width) ?? assert.fail(`could not sign ${source}`);

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

describe("image proxy in the running portal", () => {
  let db: TestDatabase;
  let portal: RunningServer;
  let dataDir: string;
  const get = (p: string, headers: Record<string, string> = { accept: WEBP }) =>
    fetch(`${portal.base}${p}`, { headers });

  before(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(path.join(tmpdir(), "dispatch-img-"));
    portal = await startServer(db.database, {
      DATA_DIR: dataDir,
      SECRET_KEY: SECRET,
      FETCH_ALLOW_HOSTS: new URL(outlet.base).host,
      IMAGE_MAX_BYTES: String(MAX_BYTES),
    });
  });

  after(async () => {
    await portal.stop();
    await db.dispose();
  });

  test("resizes a JPEG to the width, as WebP, metadata stripped, with safe headers", async () => {
    const response = await get(pathFor(`${outlet.base}/photo.jpg`, 640));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/webp");
    assert.equal(response.headers.get("content-security-policy"), "default-src 'none'");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(response.headers.get("vary"), "Accept");
    assert.ok(response.headers.get("etag"));
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["webp", 640, 320]);
    assert.equal(meta.exif, undefined);
  });

  test("a browser without WebP gets JPEG; a PNG is never enlarged", async () => {
    const jpegOut = await get(pathFor(`${outlet.base}/chart.png`, 960), { accept: "image/*" });
    assert.equal(jpegOut.headers.get("content-type"), "image/jpeg");
    const meta = await sharp(Buffer.from(await jpegOut.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["jpeg", 960, 540]);
    const large = await get(pathFor(`${outlet.base}/small.png`, 1280));
    const kept = await sharp(Buffer.from(await large.arrayBuffer())).metadata();
    assert.deepEqual([kept.format, kept.width, kept.height], ["webp", 300, 200]);
  });

  test("the second request is served from disk without asking the outlet", async () => {
    const p = pathFor(`${outlet.base}/again.jpg`, 320);
    const first = await get(p);
    const firstBytes = Buffer.from(await first.arrayBuffer());
    assert.equal(outlet.hits.get("/again.jpg"), 1);
    const second = await get(p);
    assert.equal(second.status, 200);
    assert.deepEqual(Buffer.from(await second.arrayBuffer()), firstBytes);
    assert.equal(outlet.hits.get("/again.jpg"), 1);
    const files = readdirSync(path.join(dataDir, IMAGE_CACHE_FOLDER), { recursive: true });
    assert.ok(files.some((f) => String(f).endsWith(".webp")));
    const etag = second.headers.get("etag") ?? "";
    const revalidated = await get(p, { accept: WEBP, "if-none-match": etag });
    assert.equal(revalidated.status, 304);
  });

  test("concurrent requests for one image share one fetch", async () => {
    const p = pathFor(`${outlet.base}/slow.jpg`, 640);
    const responses = await Promise.all(Array.from({ length: 6 }, () => get(p)));
    for (const r of responses) assert.equal(r.status, 200);
    assert.equal(outlet.hits.get("/slow.jpg"), 1);
  });

  test("a bad signature or a tampered address is refused with 403", async () => {
    const p = pathFor(`${outlet.base}/photo.jpg`, 640);
    const [, , sig = "", width = "", encoded = ""] = p.split("/");
    const forged = `/img/${"A".repeat(22)}/${width}/${encoded}`;
    const badSig = await get(forged);
    assert.equal(badSig.status, 403);
    assert.equal((await errorOf(badSig)).code, "bad_signature");
    const other = Buffer.from(`${outlet.base}/chart.png`).toString("base64url");
    const tampered = await get(`/img/${sig}/${width}/${other}`);
    assert.equal(tampered.status, 403);
    const otherWidth = await get(`/img/${sig}/1280/${encoded}`);
    assert.equal(otherWidth.status, 403, "the width is part of what is signed");
    // Nothing unsigned reaches the network: an attacker's URL with a made-up signature.
    const metadata = Buffer.from(`${privateHost.base}/photo.jpg`).toString("base64url");
    assert.equal((await get(`/img/${sig}/${width}/${metadata}`)).status, 403);
    assert.equal(privateHost.hits.size, 0);
  });

  test("a width outside the fixed set is a 400", async () => {
    const p = pathFor(`${outlet.base}/photo.jpg`, 640);
    const response = await get(p.replace("/640/", "/641/"));
    assert.equal(response.status, 400);
    assert.equal((await errorOf(response)).code, "bad_width");
    assert.equal(response.headers.get("content-security-policy"), "default-src 'none'");
  });

  test("SVG, HTML and mislabelled bytes are refused as not an image", async () => {
    for (const route of ["/vector.svg", "/svg-as-png", "/page.html", "/jpeg-as-html"]) {
      const response = await get(pathFor(`${outlet.base}${route}`));
      assert.equal(response.status, 415, route);
      const error = await errorOf(response);
      assert.equal(error.code, "not_an_image", route);
      assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
      assert.equal(response.headers.get("cache-control"), "no-store");
    }
  });

  test("an image over IMAGE_MAX_BYTES is refused, declared or counted", async () => {
    for (const route of ["/huge.jpg", "/huge-chunked.jpg"]) {
      const response = await get(pathFor(`${outlet.base}${route}`));
      assert.equal(response.status, 502, route);
      assert.equal((await errorOf(response)).code, "too_large", route);
    }
  });

  test("a decompression bomb is refused by its header, before decoding", async () => {
    const started = Date.now();
    const response = await get(pathFor(`${outlet.base}/bomb.png`));
    assert.equal(response.status, 502);
    assert.equal((await errorOf(response)).code, "too_many_pixels");
    assert.ok(Date.now() - started < 2_000, "refused quickly");
  });

  test("a loopback address not in FETCH_ALLOW_HOSTS is blocked, directly or by redirect", async () => {
    for (const source of [`${privateHost.base}/photo.jpg`, `${outlet.base}/to-private.jpg`]) {
      const response = await get(pathFor(source));
      assert.equal(response.status, 403, source);
      const error = await errorOf(response);
      assert.equal(error.code, "blocked_address");
      assert.ok(!error.message.includes("127.0.0.1"), "no addresses in what readers see");
    }
    assert.equal(privateHost.hits.size, 0, "no request reached the private host");
  });

  test("an outlet error is a 502, remembered rather than asked again at once", async () => {
    const p = pathFor(`${outlet.base}/gone.jpg`);
    const first = await get(p);
    assert.equal(first.status, 502);
    assert.equal((await errorOf(first)).code, "http_error");
    assert.equal((await get(p)).status, 502);
    assert.equal(outlet.hits.get("/gone.jpg"), 1);
  });
});

describe("image proxy cache on disk", () => {
  test("a new process over the same DATA_DIR serves cached images without the outlet", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "dispatch-img-"));
    const p = pathFor(`${outlet.base}/photo.jpg`, 960);
    const first = await bareProxy(dataDir);
    const before = outlet.hits.get("/photo.jpg") ?? 0;
    const a = await first.inject({ url: p, headers: { accept: WEBP } });
    assert.equal(a.statusCode, 200);
    await first.close();
    assert.equal(outlet.hits.get("/photo.jpg"), before + 1);

    const second = await bareProxy(dataDir);
    const b = await second.inject({ url: p, headers: { accept: WEBP } });
    assert.equal(b.statusCode, 200);
    assert.deepEqual(b.rawPayload, a.rawPayload);
    assert.equal(outlet.hits.get("/photo.jpg"), before + 1, "served from disk");
    await second.close();
  });
});
