import {
  formatLiveId,
  LIVE_EVENT_TYPES,
  type LiveEvent,
  parseLiveId,
  RESYNC_EVENT,
} from "../../domain/live-event.ts";

/** Where a stream stands: the epoch and the last id it has delivered. */
export interface Position {
  epoch: string;
  id: number;
}

export interface ConnectionHandlers {
  event(event: LiveEvent): void;
  /** The server does not know our position: the pages must say so; `at` is where to go on. */
  resync(at: Position | null): void;
}

const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** Failures in a row, never opened, before we fall back to polling. */
const FAILURES_BEFORE_POLL = 3;
const POLL_MS = 10_000;
const POLL_HIDDEN_MS = 30_000;
/** While polling, the stream is tried again after this long. */
const STREAM_RETRY_WHILE_POLLING_MS = 5 * 60_000;

/** The delay before attempt `n` (from 0): doubling to a cap, with full jitter on half of it. */
export function backoff(n: number, random = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** n);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * One connection to `/live` for a set of channels from a position, kept up: reconnects with
 * backoff and jitter from the last id it delivered, falls back to `/live/poll` when
 * EventSource is missing or keeps failing. Every event passes `handlers.event` once, in id
 * order; ids at or below the position are dropped here.
 */
export class Connection {
  private source: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private polling = typeof EventSource === "undefined";
  private pollingSince = 0;
  private closed = false;

  constructor(
    private channels: string[],
    private position: Position,
    private readonly handlers: ConnectionHandlers,
  ) {}

  get at(): Position {
    return this.position;
  }

  /** The channels the stream is for. */
  get listening(): readonly string[] {
    return this.channels;
  }

  start(): void {
    this.closed = false;
    if (this.polling) this.poll();
    else this.open();
  }

  /** Listen to other channels from another position: one new connection, not two. */
  restart(channels: string[], position: Position): void {
    this.channels = channels;
    this.position = position;
    this.stop();
    this.start();
  }

  stop(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }

  private query(): string {
    return `channels=${encodeURIComponent(this.channels.join(","))}`;
  }

  private open(): void {
    const id = encodeURIComponent(formatLiveId(this.position.epoch, this.position.id));
    const source = new EventSource(`/live?${this.query()}&last_event_id=${id}`);
    this.source = source;
    const onMessage = (message: MessageEvent<string>) => this.received(message);
    for (const type of LIVE_EVENT_TYPES) source.addEventListener(type, onMessage);
    source.addEventListener(RESYNC_EVENT, (message) => {
      this.resynced(parseLiveId((message as MessageEvent<string>).lastEventId));
    });
    source.onopen = () => {
      this.failures = 0;
    };
    source.onerror = () => {
      // Our own backoff rather than the browser's fixed retry: jitter spreads a restart's
      // thousands of readers, and a refused stream (429, 503) closes for good anyway.
      source.close();
      if (this.source !== source || this.closed) return;
      this.source = null;
      this.failures += 1;
      if (this.failures >= FAILURES_BEFORE_POLL) {
        this.polling = true;
        this.pollingSince = Date.now();
        this.failures = 0;
        this.schedule(0);
      } else {
        this.schedule(backoff(this.failures - 1));
      }
    };
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.closed) return;
      if (
        this.polling &&
        typeof EventSource !== "undefined" &&
        Date.now() - this.pollingSince > STREAM_RETRY_WHILE_POLLING_MS
      ) {
        this.polling = false;
      }
      if (this.polling) this.poll();
      else this.open();
    }, ms);
  }

  private received(message: MessageEvent<string>): void {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    const id = parseLiveId(message.lastEventId);
    this.deliver(asEvent(data, message.type, id));
  }

  private deliver(event: LiveEvent | null): void {
    if (!event || event.id <= this.position.id) return;
    this.position = { epoch: this.position.epoch, id: event.id };
    this.handlers.event(event);
  }

  private resynced(at: Position | null): void {
    if (at) this.position = at;
    this.handlers.resync(at);
  }

  private async poll(): Promise<void> {
    const after = encodeURIComponent(formatLiveId(this.position.epoch, this.position.id));
    let wait = document.hidden ? POLL_HIDDEN_MS : POLL_MS;
    try {
      const response = await fetch(`/live/poll?after=${after}&${this.query()}`, {
        headers: { accept: "application/json" },
      });
      if (this.closed) return;
      if (!response.ok) throw new Error(`poll ${response.status}`);
      const body = (await response.json()) as PollAnswer;
      if (body.resync) this.resynced(body.last ? parseLiveId(body.last) : null);
      for (const raw of body.events ?? []) this.deliver(asEvent(raw, null, null));
      // The server's interval (its URLs are bucketed to it), as SSE's `retry:` is its hint.
      if (typeof body.retry === "number" && !document.hidden) {
        wait = Math.min(60_000, Math.max(500, body.retry));
      }
      this.failures = 0;
    } catch {
      this.failures += 1;
      wait = Math.max(wait, backoff(this.failures - 1));
    }
    if (!this.closed) this.schedule(wait);
  }
}

interface PollAnswer {
  events?: unknown[];
  retry?: number;
  resync?: boolean;
  last?: string;
}

/** A stream message or poll item as a LiveEvent: the full event, or its payload alone. */
function asEvent(data: unknown, type: string | null, id: Position | null): LiveEvent | null {
  if (typeof data !== "object" || data === null) return null;
  const record = data as Record<string, unknown>;
  if (typeof record.type === "string" && "payload" in record) {
    const ownId = typeof record.id === "number" ? record.id : (id?.id ?? null);
    return ownId === null ? null : ({ ...record, id: ownId } as LiveEvent);
  }
  if (!type || !id) return null;
  return { id: id.id, type, channel: "", at: "", payload: record } as unknown as LiveEvent;
}
