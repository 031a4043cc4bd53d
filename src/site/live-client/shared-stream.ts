import type { LiveEvent } from "../../domain/live-event.ts";
import { Connection, type Position } from "./connection.ts";

/** What a tab hears: events in id order (maybe replays: the tab drops ids it has) and resyncs. */
export interface TabListener {
  channels: string[];
  /** The position the tab's page reflects, then the last id it applied. */
  position(): Position;
  event(event: LiveEvent): void;
  resync(): void;
}

type Message =
  | { t: "join"; tab: string; channels: string[]; epoch: string; id: number }
  | { t: "who" }
  | { t: "leave"; tab: string }
  | { t: "ev"; ev: LiveEvent }
  | { t: "resync"; tab?: string };

const BUS = "dispatch-live";
const LOCK = "dispatch-live-leader";
/** Joins arriving together (a new leader asking every tab) make one new connection. */
const GATHER_MS = 50;

/**
 * One stream per browser, shared by its tabs: the tab holding the Web Lock is the leader and
 * holds the one connection, for the union of every tab's channels, from the oldest position
 * any tab asks for; it relays each event on a BroadcastChannel. When the leader's tab closes
 * the lock passes to the next tab, which asks the others where they stand and reconnects
 * from there, so nothing is lost in between. Without Web Locks or BroadcastChannel each tab
 * holds its own stream.
 */
export function joinSharedStream(tab: TabListener): void {
  const shared =
    typeof BroadcastChannel !== "undefined" &&
    typeof navigator !== "undefined" &&
    "locks" in navigator;
  if (!shared) {
    const own = new Connection(tab.channels, tab.position(), {
      event: (e) => tab.event(e),
      resync: () => tab.resync(),
    });
    own.start();
    return;
  }
  const me = Math.random().toString(36).slice(2);
  const bus = new BroadcastChannel(BUS);
  let leader: Leader | null = null;
  const join = (): void => {
    const at = tab.position();
    const message: Message = { t: "join", tab: me, channels: tab.channels, ...at };
    if (leader) leader.join(message);
    else bus.postMessage(message);
  };
  bus.onmessage = (raw: MessageEvent<Message>) => {
    const message = raw.data;
    if (message.t === "ev") tab.event(message.ev);
    else if (message.t === "resync" && (!message.tab || message.tab === me)) tab.resync();
    else if (message.t === "who") join();
    else if (leader && message.t === "join") leader.join(message);
    else if (leader && message.t === "leave") leader.leave(message.tab);
  };
  addEventListener("pagehide", () => bus.postMessage({ t: "leave", tab: me } satisfies Message));
  join();
  void navigator.locks.request(LOCK, () => {
    leader = new Leader(bus, tab);
    bus.postMessage({ t: "who" } satisfies Message);
    join();
    // Held for the life of the tab: the lock is released when the tab goes.
    return new Promise<never>(() => {});
  });
}

class Leader {
  private readonly tabs = new Map<string, string[]>();
  private connection: Connection | null = null;
  private from: Position | null = null;
  private gather: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly bus: BroadcastChannel,
    private readonly own: TabListener,
  ) {}

  join(message: Extract<Message, { t: "join" }>): void {
    const at = this.connection?.at ?? this.from;
    if (at && message.epoch !== at.epoch) {
      // The tab's page comes from another log: no id of ours means anything to it.
      this.send({ t: "resync", tab: message.tab });
      return;
    }
    // What the stream listens to now, before this tab's channels join them: asked after, a
    // new tab's own channels always look known and it would never be heard.
    const known = this.connection ? new Set(this.connection.listening) : null;
    this.tabs.set(message.tab, message.channels);
    const newChannel = !known || message.channels.some((c) => !known.has(c));
    const older = !at || message.id < at.id;
    if (!newChannel && !older) return;
    if (!this.from || message.id < this.from.id || message.epoch !== this.from.epoch) {
      this.from = { epoch: message.epoch, id: Math.min(message.id, at?.id ?? message.id) };
    }
    clearTimeout(this.gather);
    this.gather = setTimeout(() => this.connect(), GATHER_MS);
  }

  leave(tab: string): void {
    // The connection keeps its channels until the next join: one stream less to reopen.
    this.tabs.delete(tab);
  }

  private channels(): string[] {
    return [...new Set([...this.tabs.values()].flat())].sort();
  }

  private connect(): void {
    const from = this.from;
    if (!from) return;
    this.from = null;
    const handlers = {
      event: (event: LiveEvent) => {
        this.own.event(event);
        this.send({ t: "ev", ev: event });
      },
      resync: () => {
        this.own.resync();
        this.send({ t: "resync" });
      },
    };
    if (this.connection) this.connection.restart(this.channels(), from);
    else {
      this.connection = new Connection(this.channels(), from, handlers);
      this.connection.start();
    }
  }

  private send(message: Message): void {
    this.bus.postMessage(message);
  }
}
