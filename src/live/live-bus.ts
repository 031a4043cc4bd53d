import type { Logger } from "pino";
import type { LiveEvent } from "../domain/live-event.ts";
import type { LiveLog } from "./live-log.ts";

/** PostgreSQL's LISTEN, as the bus needs it (db/connection.ts `listen`). */
export type Listen = (
  onNotify: () => void,
  onLost: (error: unknown) => void,
) => Promise<() => Promise<void>>;

export interface LiveBus {
  start(): Promise<void>;
  /** This process appended: read now rather than at the next tick. */
  poke(): void;
  /** Every event, in id order, once, as it is read from the log. */
  onEvents(listener: (events: readonly LiveEvent[]) => void): void;
  /** The log was reset (a new epoch): streams must resync. */
  onReset(listener: (epoch: string) => void): void;
  readonly epoch: string;
  readonly lastId: number;
  close(): Promise<void>;
}

const BATCH = 1_000;
const EPOCH_CHECK_MS = 5_000;

/**
 * The one reader of the log in a process. It reads what is new — when poked (an append
 * here), on a short tail timer (another process on the same SQLite file: a CLI import, a
 * worker), and on PostgreSQL when a node's commit notifies — and hands each event on once,
 * in id order. A lost LISTEN connection is re-opened with backoff; what was committed
 * meanwhile is read from the last id seen, so nothing is lost.
 */
export function createLiveBus(deps: {
  log: LiveLog;
  logger: Pick<Logger, "warn" | "info">;
  /** PostgreSQL: notifications from every node's commits; SQLite: none, the tail suffices. */
  listen?: Listen | null;
  tailMs?: number;
}): LiveBus {
  const listeners: ((events: readonly LiveEvent[]) => void)[] = [];
  const resets: ((epoch: string) => void)[] = [];
  const tailMs = deps.tailMs ?? (deps.listen ? 2_000 : 200);
  let epoch = "";
  let lastId = 0;
  let reading: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let tail: NodeJS.Timeout | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  let reconnect: NodeJS.Timeout | null = null;
  let lastEpochCheck = 0;
  let failures = 0;

  async function readNew(): Promise<void> {
    if (Date.now() - lastEpochCheck > EPOCH_CHECK_MS) {
      lastEpochCheck = Date.now();
      const head = await deps.log.head();
      if (head.epoch !== epoch) {
        epoch = head.epoch;
        lastId = head.lastId;
        for (const listener of resets) listener(epoch);
        return;
      }
    }
    for (;;) {
      const page = await deps.log.after(lastId, null, BATCH);
      lastId = page.through;
      if (page.events.length > 0) for (const listener of listeners) listener(page.events);
      if (!page.full) return;
    }
  }

  function read(): void {
    if (closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = readNew()
      .catch((error: unknown) => deps.logger.warn({ err: error }, "could not read the live log"))
      .finally(() => {
        reading = null;
        if (again) {
          again = false;
          read();
        }
      });
  }

  async function listen(): Promise<void> {
    if (!deps.listen || closed) return;
    try {
      unlisten = await deps.listen(read, (error) => {
        deps.logger.warn({ err: error }, "live notifications lost: reconnecting");
        unlisten = null;
        scheduleReconnect();
      });
      failures = 0;
      // Whatever was committed while we were not listening.
      read();
    } catch (error) {
      deps.logger.warn({ err: error }, "could not listen for live notifications");
      scheduleReconnect();
    }
  }

  function scheduleReconnect(): void {
    if (closed || reconnect) return;
    failures += 1;
    const wait = Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) * (0.5 + Math.random() / 2);
    reconnect = setTimeout(() => {
      reconnect = null;
      void listen();
    }, wait);
    reconnect.unref();
  }

  return {
    get epoch() {
      return epoch;
    },
    get lastId() {
      return lastId;
    },
    async start() {
      const head = await deps.log.head();
      epoch = head.epoch;
      lastId = head.lastId;
      lastEpochCheck = Date.now();
      await listen();
      tail = setInterval(read, tailMs);
      tail.unref();
    },
    poke: read,
    onEvents: (listener) => listeners.push(listener),
    onReset: (listener) => resets.push(listener),
    async close() {
      closed = true;
      if (tail) clearInterval(tail);
      if (reconnect) clearTimeout(reconnect);
      await reading;
      await unlisten?.();
    },
  };
}
