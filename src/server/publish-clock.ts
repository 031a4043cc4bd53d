import type { Logger } from "pino";

/** setTimeout takes at most 2^31-1 ms; a later time is re-armed when that fires. */
const MAX_TIMER_MS = 2_147_483_647;

export interface PublishClock {
  /** The newsroom changed something: read the next publication time again (and re-arm). */
  changed(): void;
  start(): Promise<void>;
  stop(): void;
  /** The time the timer is armed for, or null (for tests and the bench). */
  armedFor(): Date | null;
}

/**
 * Scheduled and embargoed articles reach readers at their time with no restart and no
 * request: readers' gate already compares `published_at` with the time of each query, so
 * all that is left is the cached pages rendered before it. This keeps one timer armed for
 * the next publication time (of any article, wire items included) and, when it fires, drops
 * the cached pages (`onDue`: pages, feeds, sitemaps), then arms for the one after. A
 * change made here arrives by `changed()`; one made by another node by a light poll.
 */
export function createPublishClock(deps: {
  nextPublication(now: Date): Promise<Date | null>;
  /** A publication time has come: every cached page that could list it goes. */
  onDue(): void;
  logger: Pick<Logger, "warn">;
  now?: () => Date;
  pollMs?: number;
}): PublishClock {
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let poll: NodeJS.Timeout | null = null;
  let armed: Date | null = null;
  let generation = 0;
  let stopped = false;

  function arm(at: Date | null): void {
    if (timer) clearTimeout(timer);
    timer = null;
    armed = at;
    if (!at || stopped) return;
    const wait = at.getTime() - now().getTime();
    timer = setTimeout(
      () => {
        timer = null;
        // reload() finds the time due (it is after `since`) and drops the pages.
        void reload();
      },
      // A few ms late is fine: the gate's comparison is what decides; early would re-arm.
      Math.min(Math.max(wait + 5, 0), MAX_TIMER_MS),
    );
    timer.unref();
  }

  /** Times up to here were looked at: a poll also finds what came due since (another node's). */
  let since = now();

  async function reload(): Promise<void> {
    const mine = ++generation;
    try {
      const checked = now();
      let next = await deps.nextPublication(since);
      if (mine !== generation || stopped) return;
      if (next && next.getTime() <= checked.getTime()) {
        // Came due between two looks (set by another node, or the timer was late): now.
        deps.onDue();
        next = await deps.nextPublication(checked);
        if (mine !== generation || stopped) return;
      }
      since = checked;
      arm(next);
    } catch (error) {
      deps.logger.warn({ err: error }, "could not read the next publication time");
    }
  }

  return {
    changed() {
      void reload();
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
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      timer = null;
      poll = null;
      armed = null;
    },
    armedFor: () => armed,
  };
}
