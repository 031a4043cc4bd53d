// What bench/fanout.ts and its client processes (support/fanout-client.ts) say over IPC.

/** Parent → client: open `count` streams, spread over `addresses` as source addresses. */
export interface OpenOrder {
  type: "open";
  port: number;
  /** e.g. `/live?channels=live:1` */
  path: string;
  addresses: string[];
  count: number;
  /** Connections being set up at once, so the server's accept backlog never overflows. */
  inFlight: number;
  /** The SSE event name counted as a delivery (`entry.posted`); other frames are tallied. */
  eventType: string;
}

export interface OpenFailure {
  status: number | null;
  message: string;
}

/** Client → parent, once every stream has answered (or failed). */
export interface Opened {
  type: "opened";
  ok: number;
  failed: number;
  /** The first few failures as they came (status and body, or the socket error). */
  failures: OpenFailure[];
  ms: number;
}

/** Client → parent: every one of its open streams has now received `k` deliveries. */
export interface Reached {
  type: "reached";
  k: number;
}

/** One stream's deliveries in arrival order: the SSE ids and receive times (epoch ms). */
export interface StreamLog {
  ids: string[];
  times: number[];
}

export interface Report {
  type: "report";
  streams: StreamLog[];
  /** Streams the server ended while the benchmark still held them. */
  closedEarly: number;
  /** Frames of other event names, by name (`resync`…). */
  otherEvents: Record<string, number>;
  cpuMs: number;
  rss: number;
}

export type ParentOrder = OpenOrder | { type: "report" } | { type: "cpu" } | { type: "close" };
export type ClientMessage =
  | Opened
  | Reached
  | Report
  | { type: "cpu"; ms: number }
  | { type: "closed" };
