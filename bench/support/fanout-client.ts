// One fanout client process (bench/fanout.ts forks several: a process may hold at most
// 20,000 open files here). It holds its share of the SSE streams, parses frames just enough
// to read each event's id and name, and records when every delivery arrived, for the
// parent to turn into latency against its send times. Talks to the parent over IPC.
import { type ClientRequest, request } from "node:http";
import type {
  ClientMessage,
  OpenFailure,
  OpenOrder,
  ParentOrder,
  StreamLog,
} from "./fanout-messages.ts";
import { sseReader } from "./sse-frames.ts";

const MAX_FAILURES_KEPT = 10;

interface Stream extends StreamLog {
  req: ClientRequest;
}

const streams: Stream[] = [];
const otherEvents: Record<string, number> = {};
/** reached[k]: how many streams have received at least k deliveries. */
const reached: number[] = [];
let closing = false;
let closedEarly = 0;

const send = (message: ClientMessage) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

function delivered(stream: Stream, id: string, at: number): void {
  stream.ids.push(id);
  stream.times.push(at);
  const k = stream.ids.length;
  reached[k] = (reached[k] ?? 0) + 1;
  if (reached[k] === streams.length) send({ type: "reached", k });
}

function openOne(order: OpenOrder, index: number): Promise<void> {
  const localAddress = order.addresses[index % order.addresses.length];
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: order.port,
        path: order.path,
        localAddress,
        agent: false,
        headers: { accept: "text/event-stream" },
      },
      (res) => {
        if (res.statusCode !== 200) {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => {
            body += c;
          });
          res.on("end", () =>
            reject({ status: res.statusCode ?? null, message: body.slice(0, 300) }),
          );
          return;
        }
        const stream: Stream = { req, ids: [], times: [] };
        streams.push(stream);
        // One receive time per chunk: every frame in it arrived together.
        let at = 0;
        const read = sseReader((id, event) => {
          if (event === order.eventType && id !== null) delivered(stream, id, at);
          else otherEvents[event] = (otherEvents[event] ?? 0) + 1;
        });
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          at = now();
          read(chunk);
        });
        res.on("close", () => {
          if (!closing) closedEarly += 1;
        });
        resolve();
      },
    );
    req.on("error", (error: Error) => {
      if (!closing) reject({ status: null, message: error.message });
    });
    req.end();
  });
}

async function openAll(order: OpenOrder): Promise<void> {
  const startedAt = performance.now();
  const failures: OpenFailure[] = [];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < order.count) {
      const index = next++;
      try {
        await openOne(order, index);
      } catch (error) {
        failed += 1;
        if (failures.length < MAX_FAILURES_KEPT) failures.push(error as OpenFailure);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(order.inFlight, order.count) }, worker));
  send({
    type: "opened",
    ok: streams.length,
    failed,
    failures,
    ms: performance.now() - startedAt,
  });
}

process.on("message", (raw: unknown) => {
  const order = raw as ParentOrder;
  if (order.type === "open") void openAll(order);
  else if (order.type === "report") {
    const cpu = process.cpuUsage();
    send({
      type: "report",
      streams: streams.map((s) => ({ ids: s.ids, times: s.times })),
      closedEarly,
      otherEvents,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rss: process.memoryUsage().rss,
    });
  } else if (order.type === "cpu") {
    const cpu = process.cpuUsage();
    send({ type: "cpu", ms: (cpu.user + cpu.system) / 1000 });
  } else if (order.type === "close") {
    closing = true;
    for (const s of streams) s.req.destroy();
    send({ type: "closed" });
  }
});
// The parent gone (killed, crashed): nothing here may outlive it.
process.on("disconnect", () => process.exit(0));
