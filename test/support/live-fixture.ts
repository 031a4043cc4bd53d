import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  formatLiveId,
  type LiveChannel,
  type LiveEvent,
  type LiveEventType,
  type LivePayloads,
  parseLiveId,
} from "../../src/domain/live-event.ts";
import { buildLiveClient } from "../../src/site/live-client-bundle.ts";
import { STYLESHEET_CSS } from "../../src/site/styles.ts";

/**
 * A loopback stand-in for the live side of the server, to test the page client alone:
 * pages shaped like the reader pages (the same classes and ids), the real client bundle and
 * stylesheet, and a `/live` SSE stream and `/live/poll` over an in-memory log that the test
 * appends to. It counts streams, can drop them all and refuse new ones for a while (a
 * restart), and embeds the log's head in each page as the real pages do.
 */
export interface LiveFixture {
  base: string;
  epoch: string;
  /** Streams opened since the start, and open now. */
  opened(): number;
  open(): number;
  publish<T extends LiveEventType>(
    channel: LiveChannel,
    type: T,
    payload: LivePayloads[T],
  ): LiveEvent;
  /** Close every stream and answer 503 until `up()`. */
  down(): void;
  up(): void;
  /** The next page served embeds this epoch instead of the log's own. */
  stampEpoch(epoch: string | null): void;
  /** A breaking alert the pages render under the masthead, as alert-clock does. */
  setAlert(alert: { id: number; headline: string; url: string } | null): void;
  close(): Promise<void>;
}

const PAGES: Record<string, { channels: string; title: string; main: string }> = {
  liveblog: {
    channels: "live:10 article:10 breaking",
    title: "Storm Hesper: live",
    main: `<article class="article"><p class="kicker"><span class="live-badge">Live</span>News</p>
<h1>Storm Hesper: live</h1><p class="meta"><span>By Desk</span></p>
<div class="body"><p>Rivers are rising across the valley.</p></div>
<section aria-labelledby="live-heading" class="live"><h2 id="live-heading">Live updates</h2>
<div id="live-entries"><article class="entry" id="entry-1" data-entry="1" aria-labelledby="entry-1-title">
<p class="meta-line"><a href="/news/2026/12/07/storm?entry=1#entry-1" class="permalink"><time datetime="2026-12-07T08:00:00Z">7 December 2026 at 08:00</time></a></p>
<h3 id="entry-1-title">Warnings issued</h3><div class="body"><p>Amber warnings for the coast.</p></div></article></div>
</section></article>`,
  },
  home: {
    channels: "home breaking",
    title: "Dispatch",
    main: `<h1 class="live-sr">Dispatch</h1><section aria-labelledby="latest-heading"><h2 class="section-title" id="latest-heading">Latest</h2>
<ol class="river">${[1, 2, 3, 4, 5, 6]
      .map(
        (
          n,
        ) => `<li data-story="${n}"><h3><a href="/news/2026/12/07/report-${n}">Report number ${n} on the harbour</a></h3>
<p>What happened at the harbour, part ${n}.</p><p class="meta-line">News · <time datetime="2026-12-07T07:0${n}:00Z">07:0${n}</time></p></li>`,
      )
      .join("")}</ol></section>`,
  },
  article: {
    channels: "article:20 breaking",
    title: "Harbour bridge reopens",
    main: `<article class="article"><p class="kicker">News</p><h1>Harbour bridge reopens</h1>
<p class="meta"><span>By Ana Ruiz</span></p><div class="body"><p>The bridge reopened at dawn after repairs.</p></div></article>`,
  },
  story: {
    channels: "story:30 breaking",
    title: "Harbour strike: coverage",
    main: `<article class="article story"><h1>Harbour strike</h1>
<p class="meta-line"><span data-live-counts>2 sources, 2 reports</span></p><h2>Coverage</h2>
<ol class="coverage"><li><a href="/news/2026/12/07/strike-a">Dockworkers walk out</a><span class="meta-line"> Outlet A</span></li>
<li><a href="/news/2026/12/07/strike-b">Port closed by strike</a><span class="meta-line"> Outlet B</span></li></ol></article>`,
  },
};

export async function startLiveFixture(): Promise<LiveFixture> {
  const epoch = "fixture1";
  const script = buildLiveClient();
  const log: LiveEvent[] = [];
  const streams = new Map<ServerResponse, Set<string>>();
  let opened = 0;
  let refusing = false;
  let stamp: string | null = null;
  let alert: { id: number; headline: string; url: string } | null = null;

  const frame = (e: LiveEvent) =>
    `id: ${formatLiveId(epoch, e.id)}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

  function page(name: string, res: ServerResponse): void {
    const shape = PAGES[name];
    if (!shape) {
      res.writeHead(404).end();
      return;
    }
    const head = `${stamp ?? epoch}:${log.at(-1)?.id ?? 0}`;
    const banner = alert
      ? `<section class="breaking" aria-label="Breaking news" data-alert="${alert.id}"><p class="breaking-inner"><strong class="breaking-label">Breaking</strong> <a href="${alert.url}">${alert.headline}</a></p></section>`
      : "";
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'",
    });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${shape.title}</title>
<meta name="color-scheme" content="light dark"><link rel="stylesheet" href="/site.css">
<meta name="dispatch-live" content="${head}" data-channels="${shape.channels}">
<script src="/live.js" defer></script></head><body>
<a class="skip" href="#main">Skip to content</a>
<header class="masthead"><div class="masthead-inner"><a class="site-name" href="/">Dispatch</a><nav aria-label="Site"><a href="/">Latest</a></nav></div></header>
${banner}<main id="main" tabindex="-1">${shape.main}${"<p>More of the page to scroll through.</p>".repeat(80)}</main>
<footer class="site-footer"><p>Dispatch</p></footer></body></html>`);
  }

  function live(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (refusing) {
      res.writeHead(503, { "retry-after": "1" }).end();
      return;
    }
    const channels = new Set((url.searchParams.get("channels") ?? "").split(","));
    const raw = String(req.headers["last-event-id"] ?? url.searchParams.get("last_event_id") ?? "");
    const from = parseLiveId(raw);
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    });
    res.write("retry: 1000\n\n");
    opened += 1;
    if (from && from.epoch !== epoch) {
      res.write(`id: ${formatLiveId(epoch, log.at(-1)?.id ?? 0)}\nevent: resync\ndata: {}\n\n`);
    } else {
      for (const e of log)
        if (e.id > (from?.id ?? 0) && channels.has(e.channel)) res.write(frame(e));
    }
    streams.set(res, channels);
    req.on("close", () => streams.delete(res));
  }

  function poll(res: ServerResponse, url: URL): void {
    const channels = new Set((url.searchParams.get("channels") ?? "").split(","));
    const after = parseLiveId(url.searchParams.get("after") ?? "")?.id ?? 0;
    const events = log.filter((e) => e.id > after && channels.has(e.channel));
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ events, retry: 500 }));
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/live.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(script);
    } else if (url.pathname === "/site.css") {
      res.writeHead(200, { "content-type": "text/css; charset=utf-8" }).end(STYLESHEET_CSS);
    } else if (url.pathname === "/live") live(req, res, url);
    else if (url.pathname === "/live/poll") poll(res, url);
    else if (url.pathname.startsWith("/page/")) page(url.pathname.slice(6), res);
    else res.writeHead(404, { "content-type": "text/plain" }).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    base: `http://127.0.0.1:${port}`,
    epoch,
    opened: () => opened,
    open: () => streams.size,
    publish(channel, type, payload) {
      const event = {
        id: (log.at(-1)?.id ?? 0) + 1,
        channel,
        type,
        at: new Date().toISOString(),
        payload,
      } as LiveEvent;
      log.push(event);
      for (const [res, channels] of streams) if (channels.has(channel)) res.write(frame(event));
      return event;
    },
    down() {
      refusing = true;
      for (const res of streams.keys()) res.destroy();
      streams.clear();
    },
    up() {
      refusing = false;
    },
    stampEpoch(value) {
      stamp = value;
    },
    setAlert(value) {
      alert = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams.keys()) res.destroy();
        server.close(() => resolve());
      }),
  };
}
