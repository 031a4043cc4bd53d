// One fanout client process (bench/fanout.ts forks several: a process may hold at most
// 20,000 open files here). It holds its share of the SSE streams, parses frames just enough
// to read each event's id and name, and records when every delivery arrived, for the
// parent to turn into latency against its send times. Talks to the parent over IPC.
import type {
  ClientMessage,
  OpenFailure,
  OpenOrder,
  ParentOrder,
  StreamLog,
} from "./fanout-messages.ts";
import { sseReader } from "./sse-frames.ts";
import { openSseSocket } from "./sse-socket.ts";

const MAX_FAILURES_KEPT = 10;

interface Stream extends StreamLog {
  close(): void;
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

async function openOne(order: OpenOrder, index: number): Promise<void> {
  const stream: Stream = { close: () => {}, ids: [], times: [] };
  let at = 0;
  const read = sseReader((id, event) => {
    if (event === order.eventType && id !== null) delivered(stream, id, at);
    else otherEvents[event] = (otherEvents[event] ?? 0) + 1;
  });
  const socket = await openSseSocket({
    port: order.port,
    path: order.path,
    localAddress: order.addresses[index % order.addresses.length],
    now,
    onText: (text, when) => {
      // One receive time per packet: every frame in it arrived together.
      at = when;
      read(text);
    },
    onClose: () => {
      if (!closing) closedEarly += 1;
    },
  });
  stream.close = socket.close;
  streams.push(stream);
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
    for (const s of streams) s.close();
    send({ type: "closed" });
  }
});
// The parent gone (killed, crashed): nothing here may outlive it.
process.on("disconnect", () => process.exit(0));
