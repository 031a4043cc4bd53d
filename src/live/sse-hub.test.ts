import assert from "node:assert/strict";
import { createServer, get, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import type { LiveEvent } from "../domain/live-event.ts";
import { createSseHub, type HubOptions, type SseHub } from "./sse-hub.ts";

// The hub over real sockets on loopback: a node:http server hands it each response.
const servers: Server[] = [];
after(() => {
  for (const s of servers) s.close();
});

async function serve(options: Partial<HubOptions> = {}) {
  const hub = createSseHub({ maxStreams: 100, maxPerAddress: 100, lifetimeMs: 60_000, ...options });
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.flushHeaders();
    const stream = hub.add(res, "127.0.0.1", (req.url ?? "").slice(1).split(","));
    hub.live(stream, 0);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { hub, url: (channels: string) => `http://127.0.0.1:${port}/${channels}` };
}

function connect(url: string): Promise<{ res: IncomingMessage; text: () => string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        text += c;
      });
      resolve({ res, text: () => text });
    }).on("error", reject);
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await wait(10);
  }
}
const ended = (res: IncomingMessage) => new Promise<void>((r) => res.once("close", () => r()));

function entry(id: number, channel: string, size = 10): LiveEvent {
  return {
    id,
    channel: channel as LiveEvent["channel"],
    type: "entry.deleted",
    at: "2026-12-07T10:00:00.000Z",
    payload: { liveblogId: 1, entryId: id, ...(size > 10 ? { pad: "x".repeat(size) } : {}) },
  } as LiveEvent;
}

test("each event reaches the streams of its channel once, and only those", async () => {
  const { hub, url } = await serve();
  hub.epoch = "e1";
  const a = await connect(url("home,live:1"));
  const b = await connect(url("live:2"));
  await until("two streams", () => hub.size === 2);
  hub.broadcast([entry(1, "home"), entry(2, "live:1"), entry(3, "live:2"), entry(2, "live:1")]);
  await until("deliveries", () => a.text().includes("e1:2") && b.text().includes("e1:3"));
  await wait(50);
  assert.equal(a.text().match(/^id: /gm)?.length, 2);
  assert.ok(!a.text().includes("e1:3"));
  assert.equal(b.text().match(/^id: /gm)?.length, 1);
  hub.close();
});

test("a heartbeat comment keeps idle streams alive", async () => {
  const { hub, url } = await serve({ heartbeatMs: 50 });
  const a = await connect(url("home"));
  await until("two heartbeats", () => (a.text().match(/^: $/gm)?.length ?? 0) >= 2);
  hub.close();
});

test("streams rotate near their lifetime with a retry hint, spread out", async () => {
  const { hub, url } = await serve({ lifetimeMs: 300 });
  const a = await connect(url("home"));
  const started = Date.now();
  await ended(a.res);
  const took = Date.now() - started;
  assert.ok(took >= 200 && took < 1_500, `${took} ms`);
  assert.match(a.text(), /retry: \d+\n\n$/);
  assert.equal(hub.size, 0);
  hub.close();
});

test("a client that does not read is dropped, not buffered without bound", async () => {
  const { hub, url } = await serve({ maxBufferedBytes: 64 * 1024 });
  const slow = await connect(url("home"));
  const fast = await connect(url("home"));
  slow.res.pause();
  slow.res.socket.pause();
  await until("two streams", () => hub.size === 2);
  const closed = ended(slow.res);
  let id = 0;
  // Up to 20 MB offered, 10 KB a batch; the slow socket's kernel buffers fill, then the
  // hub's limit, and it gives up on that reader.
  for (let round = 0; round < 2_000 && hub.size === 2; round++) {
    hub.broadcast(Array.from({ length: 10 }, () => entry(++id, "home", 1_000)));
    await wait(1);
  }
  assert.equal(hub.size, 1, "the slow reader was dropped; the one that keeps up stays");
  // Reading again, it finds its stream ended (it reconnects from its last id).
  slow.res.socket.resume();
  slow.res.resume();
  await closed;
  await until("the fast reader got the last event", () => fast.text().includes(`:${id}\n`));
  hub.close();
});

test("no room: 503 for the process, 429 for one address, with a retry time", () => {
  const hub: SseHub = createSseHub({ maxStreams: 1, maxPerAddress: 1, lifetimeMs: 60_000 });
  // Admission counts streams; no socket is needed for that, so a bare stand-in response.
  const res = { on() {}, end() {}, destroyed: false } as unknown as Parameters<SseHub["add"]>[0];
  hub.admit("127.0.0.1");
  hub.add(res, "127.0.0.1", ["home"]);
  assert.throws(() => hub.admit("127.0.0.2"), { code: "live_full", status: 503 });
  const roomy = createSseHub({ maxStreams: 10, maxPerAddress: 1, lifetimeMs: 60_000 });
  roomy.add(res, "127.0.0.1", ["home"]);
  assert.throws(() => roomy.admit("127.0.0.1"), { code: "live_too_many", status: 429 });
  roomy.admit("127.0.0.2");
  hub.close();
  roomy.close();
});
