import type { Logger } from "pino";
import type { AlertRepository } from "../db/alert-repository.ts";
import { alertIsLive, type BreakingAlert } from "../domain/alert.ts";

/** setTimeout takes at most 2^31-1 ms; a later expiry is re-armed when that fires. */
const MAX_TIMER_MS = 2_147_483_647;

export interface AlertClock {
  /** The alert readers see now, from memory; read again from the database only after a change. */
  current(): Promise<BreakingAlert | null>;
  /** The newsroom changed something: the next read goes to the database (and re-arms). */
  changed(): void;
  start(): Promise<void>;
  stop(): void;
}

/**
 * Keeps the current breaking alert in memory for the page loaders and drops every cached
 * page when it ends, at its expiry time, with no request needed. A change made in this
 * process (`changed`, from services.onPublished) is read at once; one made by another node
 * is found by a light poll (`pollMs`), which also drops the pages when the alert differs.
 */
export function createAlertClock(deps: {
  alerts: AlertRepository;
  /** Every cached page shows the alert: called when it changes or ends. */
  onChange: () => void;
  logger: Logger;
  now?: () => Date;
  pollMs?: number;
}): AlertClock {
  const now = deps.now ?? (() => new Date());
  let value: BreakingAlert | null = null;
  let loading: Promise<BreakingAlert | null> | null = null;
  let generation = 0;
  let expiry: NodeJS.Timeout | null = null;
  let poll: NodeJS.Timeout | null = null;
  let stopped = false;

  const same = (a: BreakingAlert | null, b: BreakingAlert | null) =>
    a === b ||
    (a !== null &&
      b !== null &&
      a.id === b.id &&
      a.expiresAt === b.expiresAt &&
      a.withdrawnAt === b.withdrawnAt &&
      a.headline === b.headline &&
      a.url === b.url);

  function arm(alert: BreakingAlert | null): void {
    if (expiry) clearTimeout(expiry);
    expiry = null;
    if (!alert || stopped) return;
    const wait = new Date(alert.expiresAt).getTime() - now().getTime();
    expiry = setTimeout(
      () => {
        expiry = null;
        void reload();
      },
      Math.min(Math.max(wait, 0), MAX_TIMER_MS),
    );
    expiry.unref();
  }

  /**
   * `notify`: drop the pages if the alert differs. Not after `changed()`: its caller drops
   * them itself, and a second drop once the read ends would only throw away the first
   * pages rendered with the new alert (they already wait on this read).
   */
  function reload(notify = true): Promise<BreakingAlert | null> {
    const mine = ++generation;
    const before = value;
    const read = deps.alerts.current(now()).then(
      (alert) => {
        if (mine !== generation) return loading ?? value;
        value = alert;
        loading = null;
        arm(alert);
        if (notify && !same(before, alert)) deps.onChange();
        return alert;
      },
      (error: unknown) => {
        deps.logger.warn({ err: error }, "could not read the breaking alert");
        if (mine === generation) {
          loading = null;
          arm(value);
        }
        return value;
      },
    );
    loading = read;
    return read;
  }

  return {
    async current() {
      const alert = await (loading ?? value);
      if (alert && !alertIsLive(alert, now())) {
        // The timer is a few milliseconds late: readers never see an ended alert.
        if (!loading) void reload();
        return null;
      }
      return alert;
    },
    changed() {
      void reload(false);
    },
    async start() {
      await reload();
      const every = deps.pollMs ?? 10_000;
      if (every > 0 && !stopped) {
        poll = setInterval(() => void reload(), every);
        poll.unref();
      }
    },
    stop() {
      stopped = true;
      if (expiry) clearTimeout(expiry);
      if (poll) clearInterval(poll);
      expiry = null;
      poll = null;
    },
  };
}
