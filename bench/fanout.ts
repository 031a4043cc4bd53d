// fanout: one server process holding 18,000 open SSE streams (GET /live), an event
// broadcast to all of them: delivery latency, lost events, broadcast throughput against a
// raw node:http SSE broadcaster in the same run, server memory per connection; and the
// replay of 10,000 missed events to one client resuming with Last-Event-ID.
// Run: npm run bench -- fanout   (FANOUT_QUICK=1 for a quick run; see bench/README.md)

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { planCores } from "./support/affinity.ts";
import type { BenchResult, BenchRow, Json } from "./support/bench-result.ts";
import { ROOT, startDispatch } from "./support/dispatch-process.ts";
import type { ClientMessage, Opened, ParentOrder, Report } from "./support/fanout-messages.ts";
import { seedLiveblogs } from "./support/liveblog-seed.ts";
import { freePort, LOOPBACK, waitFor200 } from "./support/loopback.ts";
import { machineBusySeconds } from "./support/proc-clock.ts";
import { type Child, makeTempDir, pinned, spawnChild } from "./support/resources.ts";
import { frameData, sseReader } from "./support/sse-frames.ts";
import { percentile } from "./support/stats.ts";

const CLIENT = fileURLToPath(new URL("support/fanout-client.ts", import.meta.url));
const CEILING = fileURLToPath(new URL("support/sse-ceiling.ts", import.meta.url));
const PROBE = fileURLToPath(new URL("support/memory-probe.mjs", import.meta.url));
const EVENT = "entry.posted";

const TARGET_P99_MS = 500;
const TARGET_RATIO = 0.7;
const TARGET_BYTES_PER_STREAM = 8 * 1024;
const TARGET_REPLAY_MS = 1_000;
/** Source addresses per client process (127.0.0.2 upwards), so no address holds many. */
const ADDRESSES_PER_PROCESS = 6;
const TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

interface Config {
  streams: number;
  processes: number;
  /** Single events, each sent once every stream has the one before: the latency sample. */
  spaced: number;
  /** Events sent back to back: the throughput sample. */
  burst: number;
  /** Rounds of spaced events and a burst, alternating between the servers. */
  rounds: number;
  replay: number;
  targets: string[];
}

function config(): Config {
  const quick = process.env.FANOUT_QUICK === "1";
  const targets = (process.env.FANOUT_TARGETS ?? "raw,dispatch").split(",").filter(Boolean);
  for (const t of targets) {
    if (t !== "raw" && t !== "dispatch")
      throw new Error(`FANOUT_TARGETS: raw or dispatch, not ${t}`);
  }
  return {
    streams: envNumber("FANOUT_STREAMS", quick ? 1_200 : 18_000),
    processes: envNumber("FANOUT_PROCESSES", quick ? 2 : 6),
    spaced: envNumber("FANOUT_EVENTS", 10),
    burst: envNumber("FANOUT_BURST", quick ? 10 : 20),
    rounds: envNumber("FANOUT_ROUNDS", 3),
    replay: envNumber("FANOUT_REPLAY", quick ? 1_000 : 10_000),
    targets,
  };
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const int = (n: number) => Math.round(n).toLocaleString("en");
const msText = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// ——— HTTP to the servers ————————————————————————————————————————————————

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function post(
  port: number,
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: LOOPBACK,
        port,
        path: url,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

interface Delivery {
  id: string;
  at: number;
  frame: string;
}

/** One SSE stream held by this process (capture and replay; the load is in child processes). */
interface OneStream {
  status: number;
  deliveries: Delivery[];
  other: string[];
  /** Resolves once `n` deliveries have come, or rejects after `timeoutMs`. */
  until(n: number, timeoutMs: number): Promise<void>;
  close(): void;
}

function openStream(
  port: number,
  url: string,
  headers: Record<string, string>,
): Promise<OneStream> {
  return new Promise((resolve, reject) => {
    const deliveries: Delivery[] = [];
    const other: string[] = [];
    let wake = () => {};
    const req = request(
      {
        host: LOOPBACK,
        port,
        path: url,
        agent: false,
        headers: { accept: "text/event-stream", ...headers },
      },
      (res) => {
        let at = 0;
        const read = sseReader((id, event, frame) => {
          if (event === EVENT && id !== null) deliveries.push({ id, at, frame });
          else other.push(event);
          wake();
        });
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          at = now();
          read(chunk);
        });
        resolve({
          status: res.statusCode ?? 0,
          deliveries,
          other,
          until: (n, timeoutMs) =>
            new Promise<void>((done, fail) => {
              if (deliveries.length >= n) return done();
              const timer = setTimeout(() => {
                wake = () => {};
                fail(
                  new Error(
                    `${deliveries.length} of ${n} events in ${timeoutMs} ms on ${url} (other frames: ${other.join(", ") || "none"})`,
                  ),
                );
              }, timeoutMs);
              wake = () => {
                if (deliveries.length < n) return;
                clearTimeout(timer);
                wake = () => {};
                done();
              };
            }),
          close: () => req.destroy(),
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

// ——— The two servers ——————————————————————————————————————————————————

interface Target {
  label: string;
  key: "raw" | "dispatch";
  port: number;
  child: Child;
  memoryFile: string;
  /** Posts event number `i` on `channel`; resolves when the server has answered. */
  publish(channel: string, i: number): Promise<void>;
}

interface Seeded {
  /** The live blog the many streams follow, and the one the replay client follows. */
  fanoutBlog: number;
  replayBlog: number;
  token: string;
}

/** An editor, an API token and two published live blogs, written before the server starts. */
async function seed(dataDir: string): Promise<Seeded> {
  const { token, blogs } = await seedLiveblogs(dataDir, {
    section: "Fanout",
    tokenName: "fanout bench",
    headlines: ["Harbour bridge closure: live", "Council budget vote: live"],
  });
  const [fanout, replay] = blogs;
  if (!fanout || !replay) throw new Error("the live blogs were not seeded");
  return { fanoutBlog: fanout.id, replayBlog: replay.id, token };
}

function entryBody(i: number): string {
  return JSON.stringify({
    title: i % 5 === 0 ? `Update ${i}` : undefined,
    body: `Update ${i}: the harbour bridge reopened to traffic at 09:40, an hour ahead of the council's estimate. Ferries resume their timetable from noon; the **northbound lane** stays closed until Friday.`,
  });
}

async function startDispatchTarget(
  dataDir: string,
  core: number | null,
  streams: number,
  token: string,
): Promise<Target> {
  const memoryFile = path.join(dataDir, "memory-dispatch.json");
  const server = await startDispatch({
    dataDir,
    core,
    readyPath: "/healthz",
    env: {
      INGEST: "off",
      LIVE_MAX_STREAMS: String(streams + 100),
      LIVE_MAX_PER_ADDRESS: String(streams),
      LIVE_STREAM_MINUTES: "1440",
      NODE_OPTIONS: `--import=${PROBE}`,
      BENCH_MEMORY_FILE: memoryFile,
    },
  });
  return {
    label: "Dispatch",
    key: "dispatch",
    port: server.port,
    child: server.child,
    memoryFile,
    async publish(channel, i) {
      const blog = channel.slice("live:".length);
      const answer = await post(server.port, `/api/v1/liveblogs/${blog}/entries`, entryBody(i), {
        authorization: `Bearer ${token}`,
      });
      if (answer.status !== 201) {
        throw new Error(`POST entry ${i}: ${answer.status} ${answer.body.slice(0, 300)}`);
      }
    },
  };
}

async function startCeiling(dataDir: string, core: number | null, data: string): Promise<Target> {
  const port = await freePort();
  const memoryFile = path.join(dataDir, "memory-raw.json");
  const [command, args] = pinned(core, process.execPath, [
    "--import",
    "tsx",
    CEILING,
    String(port),
  ]);
  const child = spawnChild(command, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_OPTIONS: `--import=${PROBE}`,
      BENCH_MEMORY_FILE: memoryFile,
    },
  });
  await waitFor200(child, port, "/healthz", performance.now());
  return {
    label: "raw node:http",
    key: "raw",
    port,
    child,
    memoryFile,
    async publish(channel) {
      // The bytes of Dispatch's own event, so both servers send frames of one size.
      const answer = await post(port, `/publish?channel=${encodeURIComponent(channel)}`, data);
      if (answer.status !== 201) throw new Error(`ceiling POST: ${answer.status}`);
    },
  };
}

// ——— Server figures read from outside ————————————————————————————————————

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) * 1024;
}

function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

function readProbe(file: string): { seq: number } & Omit<Memory, "rss"> {
  if (!existsSync(file)) return { seq: 0, heapUsed: 0, heapTotal: 0, external: 0 };
  return JSON.parse(readFileSync(file, "utf8")) as { seq: number } & Omit<Memory, "rss">;
}

/** A full GC in the server (memory-probe.mjs, on SIGUSR2), then its heap and RSS. */
async function serverMemory(target: Target): Promise<Memory> {
  const before = readProbe(target.memoryFile).seq;
  process.kill(target.child.pid, "SIGUSR2");
  const deadline = performance.now() + 30_000;
  for (;;) {
    const probe = readProbe(target.memoryFile);
    if (probe.seq > before) {
      return {
        rss: rssOf(target.child.pid),
        heapUsed: probe.heapUsed,
        heapTotal: probe.heapTotal,
        external: probe.external,
      };
    }
    if (target.child.exited()) throw new Error(`${target.label} exited:\n${target.child.output()}`);
    if (performance.now() > deadline) throw new Error(`${target.label}: no memory probe answer`);
    await sleep(20);
  }
}

// ——— Client processes ————————————————————————————————————————————————

class ClientProcess {
  readonly child: Child;
  reachedK = 0;
  private readonly listeners = new Set<(m: ClientMessage) => void>();

  constructor() {
    this.child = spawnChild(process.execPath, ["--import", "tsx", CLIENT], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      ipc: true,
    });
    this.child.onMessage((raw) => {
      const message = raw as ClientMessage;
      if (message.type === "reached") this.reachedK = Math.max(this.reachedK, message.k);
      for (const listener of [...this.listeners]) listener(message);
    });
  }

  order(order: ParentOrder): void {
    this.child.send(order);
  }

  next<T extends ClientMessage["type"]>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<ClientMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`client ${this.child.pid}: no ${type} in ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (m: ClientMessage) => {
        if (m.type !== type) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(m as Extract<ClientMessage, { type: T }>);
      };
      this.listeners.add(listener);
      void this.child.exit.then((code) => {
        clearTimeout(timer);
        reject(new Error(`client ${this.child.pid} exited (${code}):\n${this.child.output()}`));
      });
    });
  }

  onReached(listener: () => void): () => void {
    const wrapped = (m: ClientMessage) => {
      if (m.type === "reached") listener();
    };
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }
}

/** Resolves once every client process says all its streams have `k` deliveries. */
function allReached(clients: ClientProcess[], k: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const offs: (() => void)[] = [];
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      for (const off of offs) off();
      resolve(ok);
    };
    const check = () => {
      if (clients.every((c) => c.reachedK >= k)) finish(true);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    for (const c of clients) offs.push(c.onReached(check));
    check();
  });
}

/** CPU seconds all client processes have used so far. */
async function clientCpu(clients: ClientProcess[]): Promise<number> {
  const answers = await Promise.all(
    clients.map((c) => {
      const answer = c.next("cpu", 30_000);
      c.order({ type: "cpu" });
      return answer;
    }),
  );
  return answers.reduce((n, a) => n + a.ms, 0) / 1000;
}

// ——— Fanout: both servers' streams open at once, rounds interleaved ————————————

interface Send {
  at: number;
  round: number;
  burst: boolean;
}

interface BurstRound {
  round: number;
  start: number;
  /** Index of its first send and one past its last. */
  from: number;
  to: number;
  serverCpuS: number;
  clientCpuS: number;
  machineCores: number;
  timedOut: boolean;
}

/** One server with its streams open: what is sent to it and what it cost, until the end. */
interface Phase {
  target: Target;
  clients: ClientProcess[];
  open: { ok: number; failed: number; failures: Opened["failures"]; ms: number };
  memory: { before: Memory; opened: Memory; after: Memory | null };
  sends: Send[];
  bursts: BurstRound[];
  spacedTimedOut: boolean;
}

interface BurstFigures {
  round: number;
  deliveries: number;
  ms: number;
  perSecond: number;
  serverCpuS: number;
  clientCpuS: number;
  machineCores: number;
}

interface FanoutFigures {
  label: string;
  key: string;
  open: Phase["open"];
  memory: { before: Memory; opened: Memory; after: Memory };
  sent: number;
  timedOut: boolean;
  latency: { p50: number; p90: number; p99: number; p999: number; max: number };
  /** p99 of each spaced event, in the order sent. */
  perEventP99: number[];
  lost: { missing: number; duplicated: number; outOfOrder: number; streamsShort: number };
  closedEarly: number;
  unionIds: number;
  otherEvents: Record<string, number>;
  bursts: BurstFigures[];
  /** The median round's deliveries per second, and per server CPU-second over all rounds. */
  perSecond: number;
  perServerCpuSecond: number;
}

const idNumber = (id: string) => Number(id.slice(id.lastIndexOf(":") + 1));

/** Starts the client processes for one server and opens its streams. */
async function openPhase(
  target: Target,
  channel: string,
  cfg: Config,
  firstAddress: number,
  before: Memory,
): Promise<Phase> {
  console.log(
    `  ${target.label}: opening ${int(cfg.streams)} streams from ${cfg.processes} processes`,
  );
  const clients = Array.from({ length: cfg.processes }, () => new ClientProcess());
  const phase: Phase = {
    target,
    clients,
    open: { ok: 0, failed: 0, failures: [], ms: 0 },
    memory: { before, opened: before, after: null },
    sends: [],
    bursts: [],
    spacedTimedOut: false,
  };
  const openedAt = performance.now();
  const shares = clients.map(
    (_, p) => Math.floor(cfg.streams / cfg.processes) + (p < cfg.streams % cfg.processes ? 1 : 0),
  );
  const opened = await Promise.all(
    clients.map((c, p) => {
      const answer = c.next("opened", 300_000);
      c.order({
        type: "open",
        port: target.port,
        path: `/live?channels=${channel}`,
        addresses: Array.from(
          { length: ADDRESSES_PER_PROCESS },
          (_, j) => `127.0.0.${firstAddress + p * ADDRESSES_PER_PROCESS + j}`,
        ),
        count: shares[p] ?? 0,
        inFlight: 64,
        eventType: EVENT,
      });
      return answer;
    }),
  );
  phase.open = {
    ok: opened.reduce((n, o) => n + o.ok, 0),
    failed: opened.reduce((n, o) => n + o.failed, 0),
    failures: opened.flatMap((o) => o.failures).slice(0, 10),
    ms: performance.now() - openedAt,
  };
  console.log(
    `    ${int(phase.open.ok)} open, ${phase.open.failed} refused, in ${(phase.open.ms / 1000).toFixed(1)} s`,
  );
  if (phase.open.failed > 0) {
    const first = phase.open.failures[0];
    console.log(`    first refusal: ${first?.status ?? "socket"} ${first?.message ?? ""}`);
  }
  await sleep(2_000);
  phase.memory.opened = await serverMemory(target);
  return phase;
}

/** One round on one server: spaced events (latency), then a burst (throughput). */
async function round(phase: Phase, channel: string, cfg: Config, r: number): Promise<void> {
  const { target, clients } = phase;
  if (phase.spacedTimedOut || phase.bursts.some((b) => b.timedOut)) return;
  console.log(
    `  round ${r + 1}, ${target.label}: ${cfg.spaced} spaced events, burst of ${cfg.burst}`,
  );
  // Spaced: each sent once every stream has the one before, so a sample is one broadcast's
  // latency and not a queue behind the previous one.
  for (let i = 0; i < cfg.spaced; i++) {
    phase.sends.push({ at: now(), round: r, burst: false });
    await target.publish(channel, phase.sends.length);
    if (!(await allReached(clients, phase.sends.length, 20_000))) {
      phase.spacedTimedOut = true;
      return;
    }
    await sleep(100);
  }
  const clientBefore = await clientCpu(clients);
  const cpuBefore = cpuSecondsOf(target.child.pid);
  const busyBefore = machineBusySeconds();
  const start = now();
  const from = phase.sends.length;
  for (let k = 0; k < cfg.burst; k++) {
    phase.sends.push({ at: now(), round: r, burst: true });
    await target.publish(channel, phase.sends.length);
  }
  const timedOut = !(await allReached(clients, phase.sends.length, 120_000));
  const wall = now() - start;
  phase.bursts.push({
    round: r,
    start,
    from,
    to: phase.sends.length,
    serverCpuS: cpuSecondsOf(target.child.pid) - cpuBefore,
    clientCpuS: (await clientCpu(clients)) - clientBefore,
    machineCores: (machineBusySeconds() - busyBefore) / (wall / 1000),
    timedOut,
  });
  await sleep(500);
}

/** Collects the clients' logs, closes their streams and turns the logs into figures. */
async function finishPhase(phase: Phase): Promise<FanoutFigures> {
  const { target, clients } = phase;
  const after = await serverMemory(target);
  const reports: Report[] = await Promise.all(
    clients.map((c) => {
      const answer = c.next("report", 120_000);
      c.order({ type: "report" });
      return answer;
    }),
  );
  await Promise.all(
    clients.map((c) => {
      const answer = c.next("closed", 30_000);
      c.order({ type: "close" });
      return answer;
    }),
  );
  await Promise.all(clients.map((c) => c.child.stop()));

  // Every stream must hold the same ids, in the order they were sent: the union of all
  // ids, ascending, is what was sent (POSTs one after another, so ids ascend with them).
  const union = new Set<string>();
  for (const r of reports) for (const s of r.streams) for (const id of s.ids) union.add(id);
  const expected = [...union].sort((a, b) => idNumber(a) - idNumber(b));
  const sends = phase.sends;
  const sent = sends.length;
  const latencies: number[] = [];
  const perEvent = new Map<number, number[]>();
  const lastDelivery = phase.bursts.map((b) => b.start);
  const burstOf = sends.map((s, j) =>
    s.burst ? phase.bursts.findIndex((b) => j >= b.from && j < b.to) : -1,
  );
  const lost = { missing: 0, duplicated: 0, outOfOrder: 0, streamsShort: 0 };
  for (const r of reports) {
    for (const s of r.streams) {
      const seen = new Set(s.ids);
      lost.duplicated += s.ids.length - seen.size;
      const missing = Math.max(0, sent - seen.size);
      lost.missing += missing;
      if (missing > 0) lost.streamsShort += 1;
      for (let j = 0; j < s.ids.length; j++) {
        if (s.ids[j] !== expected[j]) {
          lost.outOfOrder += 1;
          continue;
        }
        const send = sends[j];
        const at = s.times[j] ?? 0;
        if (send === undefined) continue;
        if (!send.burst) {
          latencies.push(at - send.at);
          let xs = perEvent.get(j);
          if (xs === undefined) {
            xs = [];
            perEvent.set(j, xs);
          }
          xs.push(at - send.at);
        } else {
          const b = burstOf[j] ?? -1;
          if (b >= 0) lastDelivery[b] = Math.max(lastDelivery[b] ?? 0, at);
        }
      }
    }
  }
  // Streams that never answered 200 got nothing: that is lost too.
  lost.missing += phase.open.failed * sent;
  latencies.sort((a, b) => a - b);
  const bursts: BurstFigures[] = phase.bursts.map((b, i) => {
    const deliveries = phase.open.ok * (b.to - b.from);
    const ms = (lastDelivery[i] ?? b.start) - b.start;
    return {
      round: b.round,
      deliveries,
      ms,
      perSecond: b.timedOut ? 0 : deliveries / (ms / 1000),
      serverCpuS: b.serverCpuS,
      clientCpuS: b.clientCpuS,
      machineCores: b.machineCores,
    };
  });
  const rates = bursts.map((b) => b.perSecond).sort((a, b) => a - b);
  const otherEvents: Record<string, number> = {};
  for (const r of reports) {
    for (const [k, v] of Object.entries(r.otherEvents)) otherEvents[k] = (otherEvents[k] ?? 0) + v;
  }
  const totalDeliveries = bursts.reduce((n, b) => n + b.deliveries, 0);
  const totalCpu = bursts.reduce((n, b) => n + b.serverCpuS, 0);
  return {
    label: target.label,
    key: target.key,
    open: phase.open,
    memory: { before: phase.memory.before, opened: phase.memory.opened, after },
    sent,
    timedOut: phase.spacedTimedOut || phase.bursts.some((b) => b.timedOut),
    latency: {
      p50: percentile(latencies, 0.5),
      p90: percentile(latencies, 0.9),
      p99: percentile(latencies, 0.99),
      p999: percentile(latencies, 0.999),
      max: latencies.at(-1) ?? 0,
    },
    perEventP99: [...perEvent.values()].map((xs) =>
      percentile(
        xs.sort((a, b) => a - b),
        0.99,
      ),
    ),
    lost,
    closedEarly: reports.reduce((n, r) => n + r.closedEarly, 0),
    unionIds: union.size,
    otherEvents,
    bursts,
    perSecond: percentile(rates, 0.5),
    perServerCpuSecond: totalDeliveries / Math.max(totalCpu, 0.01),
  };
}

// ——— Replay to one reconnecting client ————————————————————————————————————

interface ReplayFigures {
  label: string;
  count: number;
  ms: number;
  postMs: number;
  received: number;
  ascending: boolean;
  other: string[];
}

async function replay(target: Target, channel: string, count: number): Promise<ReplayFigures> {
  console.log(`  ${target.label}: replay of ${int(count)} missed events`);
  const url = `/live?channels=${channel}`;
  const first = await openStream(target.port, url, {});
  if (first.status !== 200) throw new Error(`${target.label} ${url}: ${first.status}`);
  await target.publish(channel, -1);
  await first.until(1, 10_000);
  const lastSeen = first.deliveries[0]?.id ?? "";
  first.close();

  // Posted while the client is away, four at a time (a newsroom's pace, not the bench's).
  const postStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) await target.publish(channel, next++);
    }),
  );
  const postMs = performance.now() - postStart;

  const start = now();
  const again = await openStream(target.port, url, { "last-event-id": lastSeen });
  if (again.status !== 200) throw new Error(`${target.label} resume: ${again.status}`);
  let received = 0;
  let ms = Number.NaN;
  try {
    await again.until(count, 30_000);
    ms = (again.deliveries[count - 1]?.at ?? Number.NaN) - start;
  } catch (error) {
    console.log(`    ${error instanceof Error ? error.message : error}`);
  } finally {
    received = again.deliveries.length;
    again.close();
  }
  const ids = again.deliveries.map((d) => idNumber(d.id));
  const ascending = ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0));
  console.log(
    `    ${int(received)} received in ${msText(ms)} (posting took ${(postMs / 1000).toFixed(1)} s)`,
  );
  return { label: target.label, count, ms, postMs, received, ascending, other: again.other };
}

// ——— Result ————————————————————————————————————————————————————————————

function rowsFor(
  cfg: Config,
  d: FanoutFigures | undefined,
  r: FanoutFigures | undefined,
  replays: ReplayFigures[],
): BenchRow[] {
  const rows: BenchRow[] = [];
  const n = int(cfg.streams);
  const main = d ?? r;
  if (main === undefined) return rows;
  const ref = d !== undefined ? r : undefined;
  const lostTotal = (f: FanoutFigures) => f.lost.missing + f.lost.duplicated + f.lost.outOfOrder;
  const perStream = (f: FanoutFigures, key: "rss" | "heapUsed") =>
    (f.memory.opened[key] - f.memory.before[key]) / Math.max(1, f.open.ok);
  rows.push(
    {
      case: `${n} streams: streams opened`,
      dispatch: `${int(main.open.ok)} in ${(main.open.ms / 1000).toFixed(1)} s${main.open.failed ? `, ${int(main.open.failed)} refused` : ""}`,
      reference: ref ? `${int(ref.open.ok)} in ${(ref.open.ms / 1000).toFixed(1)} s` : null,
      ratio: null,
      target: `all ${n}`,
      pass: main.open.ok === cfg.streams,
    },
    {
      case: `${n} streams: delivery latency p50 (broadcast to all)`,
      dispatch: msText(main.latency.p50),
      reference: ref ? msText(ref.latency.p50) : null,
      ratio: null,
      target: null,
      pass: null,
    },
    {
      case: `${n} streams: delivery latency p99`,
      dispatch: msText(main.latency.p99),
      reference: ref ? msText(ref.latency.p99) : null,
      ratio: null,
      target: `≤ ${TARGET_P99_MS} ms`,
      pass: !main.timedOut && main.latency.p99 <= TARGET_P99_MS,
    },
    {
      case: `${n} streams: events lost, duplicated or out of order`,
      dispatch: int(lostTotal(main)),
      reference: ref ? int(lostTotal(ref)) : null,
      ratio: null,
      target: "0",
      pass: lostTotal(main) === 0 && main.closedEarly === 0 && !main.timedOut,
    },
    {
      case: `${n} streams: broadcast throughput (burst of ${cfg.burst} events, median of ${main.bursts.length} rounds)`,
      dispatch: `${int(main.perSecond)} deliveries/s`,
      reference: ref ? `${int(ref.perSecond)} deliveries/s` : null,
      ratio: ref ? main.perSecond / ref.perSecond : null,
      target: `≥ ${TARGET_RATIO.toFixed(2)}× raw`,
      pass: ref ? main.perSecond / ref.perSecond >= TARGET_RATIO : null,
    },
    {
      case: `${n} streams: deliveries per server CPU-second (bursts)`,
      dispatch: int(main.perServerCpuSecond),
      reference: ref ? int(ref.perServerCpuSecond) : null,
      ratio: ref ? main.perServerCpuSecond / ref.perServerCpuSecond : null,
      target: null,
      pass: null,
    },
    {
      case: `${n} streams: server RSS per open stream`,
      dispatch: kb(perStream(main, "rss")),
      reference: ref ? kb(perStream(ref, "rss")) : null,
      ratio: null,
      target: `≤ ${TARGET_BYTES_PER_STREAM / 1024} KB`,
      pass: perStream(main, "rss") <= TARGET_BYTES_PER_STREAM,
    },
    {
      case: `${n} streams: server heap per open stream (after a full GC)`,
      dispatch: kb(perStream(main, "heapUsed")),
      reference: ref ? kb(perStream(ref, "heapUsed")) : null,
      ratio: null,
      target: null,
      pass: null,
    },
  );
  const dr = replays.find((x) => x.label === main.label);
  const rr = replays.find((x) => x.label !== main.label);
  if (dr) {
    rows.push({
      case: `replay of ${int(dr.count)} missed events to one client resuming with Last-Event-ID`,
      dispatch:
        dr.received === dr.count
          ? msText(dr.ms)
          : `${int(dr.received)} of ${int(dr.count)} received`,
      reference: rr ? msText(rr.ms) : null,
      ratio: null,
      target: `≤ ${TARGET_REPLAY_MS / 1000} s`,
      pass: dr.received === dr.count && dr.ascending && dr.ms <= TARGET_REPLAY_MS,
    });
  }
  return rows;
}

function figuresJson(f: FanoutFigures): Json {
  return JSON.parse(JSON.stringify(f)) as Json;
}

export async function run(): Promise<BenchResult> {
  const cfg = config();
  const cores = planCores();
  const dataDir = makeTempDir("fanout");
  console.log(`  seeding a live blog and an API token in ${dataDir}`);
  const seeded = await seed(dataDir);
  const channel = `live:${seeded.fanoutBlog}`;
  const replayChannel = `live:${seeded.replayBlog}`;

  const targets: Target[] = [];
  let data = JSON.stringify({ note: "ceiling frame without Dispatch to copy" });
  let frameBytes = 0;
  const notes: string[] = [];
  if (cfg.targets.includes("dispatch")) {
    const dispatch = await startDispatchTarget(dataDir, cores.server, cfg.streams, seeded.token);
    // One real event off the wire: its bytes are what the ceiling sends too.
    const probe = await openStream(dispatch.port, `/live?channels=${replayChannel}`, {});
    if (probe.status !== 200) throw new Error(`GET /live answered ${probe.status}`);
    await dispatch.publish(replayChannel, 0);
    await probe.until(1, 10_000);
    probe.close();
    const frame = probe.deliveries[0]?.frame ?? "";
    data = frameData(frame);
    frameBytes = Buffer.byteLength(`${frame}\n\n`);
    notes.push(
      `One \`entry.posted\` frame as Dispatch sent it (${frameBytes} bytes): \`${frame.split("\n").slice(0, 2).join("\\n")}\\n…\`.`,
    );
    targets.push(dispatch);
  }
  if (cfg.targets.includes("raw")) targets.unshift(await startCeiling(dataDir, cores.server, data));

  // Both servers' streams stay open together and the rounds alternate between them, so a
  // neighbour's build on a shared host slows both, not whichever ran at the time.
  const before = new Map<Target, Memory>();
  for (const target of targets) before.set(target, await serverMemory(target));
  const phases: Phase[] = [];
  for (const [t, target] of targets.entries()) {
    const first = 2 + t * cfg.processes * ADDRESSES_PER_PROCESS;
    phases.push(await openPhase(target, channel, cfg, first, before.get(target) as Memory));
  }
  for (let r = 0; r < cfg.rounds; r++) {
    const order = r % 2 === 0 ? phases : [...phases].reverse();
    for (const phase of order) await round(phase, channel, cfg, r);
  }
  const fanouts: FanoutFigures[] = [];
  for (const phase of phases) fanouts.push(await finishPhase(phase));
  const replays: ReplayFigures[] = [];
  for (const target of [...targets].reverse())
    replays.push(await replay(target, replayChannel, cfg.replay));
  await Promise.all(targets.map((t) => t.child.stop()));
  agent.destroy();

  const d = fanouts.find((f) => f.key === "dispatch");
  const r = fanouts.find((f) => f.key === "raw");
  const rows = rowsFor(cfg, d, r, replays);
  for (const f of fanouts) {
    notes.push(
      `${f.label}: latency p90 ${msText(f.latency.p90)}, p99.9 ${msText(f.latency.p999)}, max ${msText(f.latency.max)} over ${int(f.open.ok * cfg.spaced * cfg.rounds)} deliveries; per-event p99 ${f.perEventP99.map((x) => x.toFixed(0)).join(", ")} ms. Bursts: ${f.bursts.map((b) => `${int(b.deliveries)} deliveries in ${msText(b.ms)} (${int(b.perSecond)}/s; server ${b.serverCpuS.toFixed(2)} CPU-s, clients ${b.clientCpuS.toFixed(2)}, machine busy ${b.machineCores.toFixed(2)} of 2 cores)`).join("; ")}. Memory (after GC) RSS ${mb(f.memory.before.rss)} → ${mb(f.memory.opened.rss)} with the streams open → ${mb(f.memory.after.rss)} after the rounds; heap ${mb(f.memory.before.heapUsed)} → ${mb(f.memory.opened.heapUsed)} → ${mb(f.memory.after.heapUsed)}. Streams ended by the server: ${f.closedEarly}; other frames: ${JSON.stringify(f.otherEvents)}; distinct ids seen ${f.unionIds} of ${f.sent} sent.${f.open.failed ? ` Refused: ${JSON.stringify(f.open.failures.slice(0, 3))}.` : ""}`,
    );
  }
  for (const x of replays) {
    notes.push(
      `Replay, ${x.label}: ${int(x.received)} of ${int(x.count)} events, ascending ${x.ascending}, first ${msText(x.ms)} from the request to the last event; the ${int(x.count)} were posted in ${(x.postMs / 1000).toFixed(1)} s, 4 requests at a time, while no stream was open on that channel.`,
    );
  }
  notes.unshift(
    `${int(cfg.streams)} streams per server on \`/live?channels=${channel}\` from ${cfg.processes} client processes each (each process ${ADDRESSES_PER_PROCESS} source addresses 127.0.0.x), both servers' streams open at once; ${cfg.rounds} rounds alternating between the servers, each ${cfg.spaced} spaced events (each sent once every stream had the one before: the latency rows), then ${cfg.burst} posted back to back (throughput: deliveries from the first send to the last delivery); latency is a client's receive time (performance.timeOrigin + now) minus the time the parent sent the POST. Dispatch's events are live-blog entries posted through the write API with a bearer token (SQLite in a temp DATA_DIR); the raw ceiling broadcasts on a POST the same data bytes. ${cores.note}; the client processes share the load generator's core.`,
  );

  return {
    title: `${int(cfg.streams)} SSE streams on one server process, Dispatch vs a raw node:http broadcaster`,
    method:
      "Dispatch's GET /live against a minimal node:http SSE broadcaster (a Set of responses, one write each per POST), one server process each, streams from separate client processes on several loopback source addresses; plus replay to one client resuming with Last-Event-ID",
    rows,
    notes,
    data: {
      config: { ...cfg },
      frameBytes,
      fanouts: fanouts.map(figuresJson),
      replays: replays.map((x) => ({ ...x })),
    },
  };
}
