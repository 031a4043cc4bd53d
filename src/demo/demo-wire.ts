import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isOutletSlug, type OutletSlug } from "./outlets.ts";
import { createRandom } from "./random.ts";
import { createStoryStream, type DemoItem } from "./stories.ts";
import {
  CONTENT_TYPES,
  listFeeds,
  OUTLET_FORMATS,
  outletOfFeedPath,
  renderFeed,
  renderOpml,
  type WireFeed,
} from "./wire-feeds.ts";
import { articlePage, indexPage, outletPage, svgImage } from "./wire-pages.ts";

/**
 * The demo wire: a small HTTP server on 127.0.0.1 that keeps publishing invented news in
 * every feed format Dispatch reads, so a machine with no network still shows a living portal.
 * It behaves like a decent publisher (ETag, Last-Modified, 304, a short max-age) so the
 * fetcher's conditional GET is exercised too.
 */
export interface DemoWireOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How often 1–3 new items appear; default 5000. */
  intervalMs?: number;
  /** Default 1: the same seed tells the same news with the same ids. */
  seed?: number;
  /** Items already published at start, back-dated a minute and a half apart; default 24. */
  initialItems?: number;
  /** The clock; tests pin it. */
  now?: () => Date;
}

export interface DemoWire {
  url: string;
  port: number;
  feeds: WireFeed[];
  /** Publish n items (default 1) now, outside the timer; returns them. */
  publishNow(n?: number): DemoItem[];
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
/** Items kept for article pages and images; older ones 404, as on a site that archives. */
const KEPT_ITEMS = 600;
const BACKFILL_SPACING_MS = 90_000;
const CACHE_CONTROL = "max-age=5";

export async function startDemoWire(options: DemoWireOptions = {}): Promise<DemoWire> {
  const intervalMs = options.intervalMs ?? 5000;
  const seed = options.seed ?? 1;
  const initialItems = options.initialItems ?? 24;
  const clock = options.now ?? (() => new Date());
  const startedAt = clock();

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("internal error\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${HOST}:${port}`;
  const feeds = listFeeds(baseUrl);

  let backdate: Date | null = null;
  const stream = createStoryStream(seed, () => backdate ?? clock(), { baseUrl });
  const counts = createRandom(seed ^ 0x5bd1e995);
  const items: DemoItem[] = []; // newest first
  const byId = new Map<string, DemoItem>();
  let version = 0;
  let published = 0;
  const feedCache = new Map<OutletSlug, { version: number; body: string }>();

  const publish = (n: number): DemoItem[] => {
    const out: DemoItem[] = [];
    for (let i = 0; i < n; i++) {
      const item = stream.next();
      items.unshift(item);
      byId.set(item.id, item);
      out.push(item);
    }
    for (const old of items.splice(KEPT_ITEMS)) byId.delete(old.id);
    published += out.length;
    version++;
    return out;
  };

  for (let i = 0; i < initialItems; i++) {
    backdate = new Date(startedAt.getTime() - (initialItems - i) * BACKFILL_SPACING_MS);
    publish(1);
  }
  backdate = null;

  const timer = setInterval(() => publish(counts.int(1, 3)), intervalMs);
  timer.unref();

  const pngs = new Map<string, Promise<Buffer>>();
  function pngImage(item: DemoItem): Promise<Buffer> {
    let png = pngs.get(item.id);
    if (!png) {
      png = import("sharp").then(({ default: sharp }) =>
        sharp(Buffer.from(svgImage(item)))
          .png({ compressionLevel: 9 })
          .toBuffer(),
      );
      pngs.set(item.id, png);
      // Drawn images follow the items kept; older ones go with them.
      for (const id of pngs.keys()) if (!byId.has(id)) pngs.delete(id);
    }
    return png;
  }

  function outletItems(slug: OutletSlug): DemoItem[] {
    return items.filter((item) => item.outlet === slug);
  }

  function lastModified(list: readonly DemoItem[]): Date {
    const newest = list[0];
    return newest ? new Date(newest.published) : startedAt;
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
      res.end("method not allowed\n");
      return;
    }
    const path = new URL(req.url ?? "/", baseUrl).pathname;
    if (path === "/") {
      send(req, res, "text/html; charset=utf-8", indexPage(feeds, published), lastModified(items));
      return;
    }
    if (path === "/opml") {
      send(req, res, "text/x-opml; charset=utf-8", renderOpml(baseUrl, startedAt), startedAt);
      return;
    }
    const feedOutlet = outletOfFeedPath(path);
    if (feedOutlet !== null) {
      const list = outletItems(feedOutlet);
      const modified = lastModified(list);
      let cached = feedCache.get(feedOutlet);
      if (cached?.version !== version) {
        cached = { version, body: renderFeed(feedOutlet, list, baseUrl, modified) };
        feedCache.set(feedOutlet, cached);
      }
      send(req, res, CONTENT_TYPES[OUTLET_FORMATS[feedOutlet]], cached.body, modified);
      return;
    }
    const image = /^\/images\/([a-z0-9-]+)\.png$/.exec(path);
    if (image) {
      const item = byId.get(image[1] ?? "");
      if (item?.imagePath === path) {
        // A raster image, as outlets serve: the portal's image proxy refuses SVG.
        pngImage(item).then(
          (png) => send(req, res, "image/png", png, new Date(item.published)),
          () => {
            res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
            res.end("could not draw the image\n");
          },
        );
        return;
      }
    }
    const article = /^\/([a-z-]+)\/([a-z0-9-]*)$/.exec(path);
    if (article) {
      const [, slug = "", id = ""] = article;
      if (isOutletSlug(slug)) {
        const list = outletItems(slug);
        if (id === "") {
          const feed = feeds.find((f) => f.outlet === slug) as WireFeed;
          send(
            req,
            res,
            "text/html; charset=utf-8",
            outletPage(slug, list, feed),
            lastModified(list),
          );
          return;
        }
        const item = byId.get(id);
        if (item?.outlet === slug) {
          const related = list.filter((r) => r.eventKey !== null && r.eventKey === item.eventKey);
          send(
            req,
            res,
            "text/html; charset=utf-8",
            articlePage(item, related.length > 1 ? related : list),
            new Date(item.published),
          );
          return;
        }
      }
    }
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end(req.method === "HEAD" ? undefined : "not found\n");
  }

  return {
    url: baseUrl,
    port,
    feeds,
    publishNow: (n = 1) => publish(Math.max(0, Math.floor(n))),
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(timer);
        if (!server.listening) {
          resolve();
          return;
        }
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** 200 with validators, or 304 when the client's copy is current. */
function send(
  req: IncomingMessage,
  res: ServerResponse,
  type: string,
  body: string | Buffer,
  modified: Date,
): void {
  const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
  const headers = {
    etag,
    "last-modified": modified.toUTCString(),
    "cache-control": CACHE_CONTROL,
  };
  if (notModified(req, etag, modified)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(200, { ...headers, "content-type": type, "content-length": bytes.length });
  res.end(req.method === "HEAD" ? undefined : bytes);
}

function notModified(req: IncomingMessage, etag: string, modified: Date): boolean {
  const match = req.headers["if-none-match"];
  // When both are sent, If-None-Match decides (RFC 9110 §13.2.2).
  if (match !== undefined) {
    return match
      .split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""))
      .some((tag) => tag === etag || tag === "*");
  }
  const since = Date.parse(req.headers["if-modified-since"] ?? "");
  return !Number.isNaN(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}
