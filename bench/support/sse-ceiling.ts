// The fanout ceiling: the least an SSE broadcaster on node:http can do. Streams are kept in
// a Set per channel; a POST writes one frame to every stream of its channel. It keeps every
// frame so a client resuming with Last-Event-ID gets what it missed, as Dispatch does.
// Run as its own process: `node --import tsx sse-ceiling.ts <port>`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { LOOPBACK } from "./loopback.ts";

const HEARTBEAT_MS = 20_000;

function main(): void {
  const port = Number(process.argv[2]);
  if (!Number.isInteger(port) || port <= 0) throw new Error("usage: sse-ceiling.ts <port>");
  const streams = new Map<string, Set<ServerResponse>>();
  const history = new Map<string, { id: number; frame: string }[]>();
  let seq = 0;

  function open(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const channels = (url.searchParams.get("channels") ?? "").split(",").filter(Boolean);
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    });
    let first = "retry: 3000\n\n";
    const last = /^ceiling:(\d+)$/.exec(String(req.headers["last-event-id"] ?? ""));
    if (last) {
      const after = Number(last[1]);
      const missed: { id: number; frame: string }[] = [];
      for (const channel of channels) {
        for (const h of history.get(channel) ?? []) if (h.id > after) missed.push(h);
      }
      missed.sort((a, b) => a.id - b.id);
      first += missed.map((h) => h.frame).join("");
    }
    res.write(first);
    for (const channel of channels) {
      let set = streams.get(channel);
      if (set === undefined) {
        set = new Set();
        streams.set(channel, set);
      }
      set.add(res);
    }
    res.on("close", () => {
      for (const channel of channels) streams.get(channel)?.delete(res);
    });
  }

  function publish(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const channel = url.searchParams.get("channel") ?? "";
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seq += 1;
      const data = Buffer.concat(chunks).toString("utf8");
      const frame = `id: ceiling:${seq}\nevent: entry.posted\ndata: ${data}\n\n`;
      let kept = history.get(channel);
      if (kept === undefined) {
        kept = [];
        history.set(channel, kept);
      }
      kept.push({ id: seq, frame });
      for (const stream of streams.get(channel) ?? []) stream.write(frame);
      res.writeHead(201, { "content-type": "application/json" }).end(`{"id":${seq}}`);
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://ceiling");
    if (req.method === "GET" && url.pathname === "/healthz") res.writeHead(200).end("ok");
    else if (req.method === "GET" && url.pathname === "/live") open(req, res, url);
    else if (req.method === "POST" && url.pathname === "/publish") publish(req, res, url);
    else res.writeHead(404).end();
  });
  setInterval(() => {
    for (const set of streams.values()) for (const stream of set) stream.write(": heartbeat\n\n");
  }, HEARTBEAT_MS).unref();
  server.keepAliveTimeout = 72_000;
  server.listen(port, LOOPBACK, 2_048);
  process.once("SIGTERM", () => process.exit(0));
}

main();
