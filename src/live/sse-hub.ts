import type { ServerResponse } from "node:http";
import { AppError } from "../domain/errors.ts";
import type { LiveEvent } from "../domain/live-event.ts";
import { eventMessage, HEARTBEAT, retryLine } from "./sse-frame.ts";

export interface HubOptions {
  maxStreams: number;
  maxPerAddress: number;
  /** Below the 60–100 s idle cuts of common proxies and load balancers. */
  heartbeatMs?: number;
  /** A stream's life, spread ±20% so a deploy does not bring every reader back at once. */
  lifetimeMs: number;
  /** Bytes a client may leave unread before it is dropped (it resumes from its last id). */
  maxBufferedBytes?: number;
  random?: () => number;
}

/**
 * One open stream. Kept small on purpose (thousands per process): its channels, where it
 * stands, and while its replay is being read, the live events that arrive meanwhile.
 */
interface Stream {
  res: ServerResponse;
  address: string;
  channels: readonly string[];
  last: number;
  until: number;
  /** Live events held while the replay is read; null once live. */
  held: LiveEvent[] | null;
  /** Frames of the batch being broadcast, written at once. */
  out: string;
}

export interface SseHub {
  /** Throws a 429 (this address) or 503 (this process) AppError when there is no room. */
  admit(address: string): void;
  /** Registers an open stream; live events are held for it until `live()`. */
  add(res: ServerResponse, address: string, channels: readonly string[]): Stream;
  /** Replay written up to `last`: the held events after it go out, then the live tail. */
  live(stream: Stream, last: number): void;
  broadcast(events: readonly LiveEvent[]): void;
  /** The log was reset under a new epoch: every stream is closed and its client resyncs. */
  resetAll(): void;
  /** Closes every stream with a spread-out retry hint (shutdown). */
  close(): void;
  readonly size: number;
  /** The epoch ids are written with. */
  epoch: string;
}

export type { Stream as HubStream };

const RESTART_RETRY_MS = { min: 1_000, spread: 9_000 };

export function createSseHub(options: HubOptions): SseHub {
  const random = options.random ?? Math.random;
  const maxBuffered = options.maxBufferedBytes ?? 256 * 1024;
  const byChannel = new Map<string, Set<Stream>>();
  const perAddress = new Map<string, number>();
  const all = new Set<Stream>();
  let closed = false;

  function remove(stream: Stream): void {
    if (!all.delete(stream)) return;
    for (const channel of stream.channels) {
      const set = byChannel.get(channel);
      set?.delete(stream);
      if (set?.size === 0) byChannel.delete(channel);
    }
    const n = (perAddress.get(stream.address) ?? 1) - 1;
    if (n <= 0) perAddress.delete(stream.address);
    else perAddress.set(stream.address, n);
  }

  /** A write the client does not keep up with is not buffered without bound: it goes. */
  function write(stream: Stream, chunk: string): void {
    const { res } = stream;
    if (res.destroyed) return;
    res.write(chunk);
    if (res.writableLength > maxBuffered) {
      remove(stream);
      res.destroy();
    }
  }

  function end(stream: Stream, retryMs: number): void {
    remove(stream);
    if (!stream.res.destroyed) stream.res.end(retryLine(retryMs));
  }

  const heartbeat = setInterval(() => {
    for (const stream of all) if (stream.held === null) write(stream, HEARTBEAT);
  }, options.heartbeatMs ?? 20_000);
  heartbeat.unref();

  // Rotation: each stream ends near its own time; its client comes back from its last id.
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const stream of all) {
        if (stream.until <= now) end(stream, 500 + random() * 2_000);
      }
    },
    Math.min(5_000, Math.max(250, options.lifetimeMs / 10)),
  );
  sweep.unref();

  const hub: SseHub = {
    epoch: "",
    get size() {
      return all.size;
    },

    admit(address) {
      if (closed || all.size >= options.maxStreams) {
        throw new AppError(
          "live_full",
          "This server holds as many live streams as it can: try again shortly, or poll /live/poll.",
          { status: 503, context: { retryAfter: 5 + Math.floor(random() * 25) } },
        );
      }
      if ((perAddress.get(address) ?? 0) >= options.maxPerAddress) {
        throw new AppError(
          "live_too_many",
          `At most ${options.maxPerAddress} live streams may be open from one address; close one (a browser needs one for all its tabs).`,
          { status: 429, context: { retryAfter: 30 } },
        );
      }
    },

    add(res, address, channels) {
      const lifetime = options.lifetimeMs * (0.8 + 0.4 * random());
      const stream: Stream = {
        res,
        address,
        channels,
        last: 0,
        until: Date.now() + lifetime,
        held: [],
        out: "",
      };
      all.add(stream);
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      for (const channel of channels) {
        const set = byChannel.get(channel);
        if (set) set.add(stream);
        else byChannel.set(channel, new Set([stream]));
      }
      res.on("close", () => remove(stream));
      return stream;
    },

    live(stream, last) {
      stream.last = last;
      const held = stream.held ?? [];
      stream.held = null;
      let out = "";
      for (const event of held) {
        if (event.id <= stream.last) continue;
        stream.last = event.id;
        out += eventMessage(hub.epoch, event);
      }
      if (out) write(stream, out);
    },

    broadcast(events) {
      const touched: Stream[] = [];
      for (const event of events) {
        const set = byChannel.get(event.channel);
        if (!set) continue;
        let frame: string | null = null;
        for (const stream of set) {
          if (stream.held !== null) {
            stream.held.push(event);
            continue;
          }
          if (event.id <= stream.last) continue;
          frame ??= eventMessage(hub.epoch, event);
          if (stream.out === "") touched.push(stream);
          stream.out += frame;
          stream.last = event.id;
        }
      }
      for (const stream of touched) {
        const out = stream.out;
        stream.out = "";
        write(stream, out);
      }
    },

    resetAll() {
      for (const stream of [...all]) end(stream, 500 + random() * 2_000);
    },

    close() {
      closed = true;
      clearInterval(heartbeat);
      clearInterval(sweep);
      for (const stream of [...all]) {
        end(stream, RESTART_RETRY_MS.min + random() * RESTART_RETRY_MS.spread);
      }
    },
  };
  return hub;
}
