import type { Source } from "../domain/source.ts";
import { nextIntervalSeconds, updatedItemsPerDay } from "./poll-interval.ts";

/** How a fetch ended, as far as its schedule cares. */
export type FetchOutcome =
  /** 304: nothing new, so the publishing rate decays. */
  | { kind: "not_modified"; cacheMaxAgeSeconds: number | null }
  /** Parsed and stored: `created` new articles. */
  | { kind: "ok"; created: number; cacheMaxAgeSeconds: number | null; ttlMinutes: number | null }
  /** The source's fault (network, HTTP, feed): backs off, honours Retry-After. */
  | { kind: "failed"; retryAfterSeconds: number | null }
  /** Our storage failed: not the source's fault, so its normal schedule, unchanged. */
  | { kind: "storage_failed" };

export interface NextFetch {
  at: Date;
  /** The source's publishing rate after this fetch. */
  itemsPerDay: number;
}

type Scheduled = Pick<Source, "minIntervalSeconds" | "maxIntervalSeconds" | "health">;

/**
 * When to fetch a source again after a fetch that ended so, and its publishing rate now.
 * Pure: `random` (0..1) is the jitter, `Math.random()` in production.
 */
export function nextFetch(
  source: Scheduled,
  outcome: FetchOutcome,
  now: Date,
  random: number,
): NextFetch {
  const { health } = source;
  const interval = {
    minSeconds: source.minIntervalSeconds,
    maxSeconds: source.maxIntervalSeconds,
    random,
  };
  const lastSuccess = health.lastSuccessAt ? Date.parse(health.lastSuccessAt) : null;
  const elapsed = lastSuccess ? (now.getTime() - lastSuccess) / 1000 : 0;
  const after = (seconds: number) => new Date(now.getTime() + 1000 * seconds);
  switch (outcome.kind) {
    case "not_modified": {
      const itemsPerDay = updatedItemsPerDay(health.itemsPerDay, 0, elapsed);
      const seconds = nextIntervalSeconds({
        ...interval,
        itemsPerDay,
        cacheMaxAgeSeconds: outcome.cacheMaxAgeSeconds,
      });
      return { at: after(seconds), itemsPerDay };
    }
    case "ok": {
      // A first fetch has nothing to measure against: count it as an hour's worth.
      const itemsPerDay = updatedItemsPerDay(health.itemsPerDay, outcome.created, elapsed || 3600);
      const seconds = nextIntervalSeconds({
        ...interval,
        itemsPerDay,
        cacheMaxAgeSeconds: outcome.cacheMaxAgeSeconds,
        ttlMinutes: outcome.ttlMinutes,
      });
      return { at: after(seconds), itemsPerDay };
    }
    case "failed": {
      const seconds = nextIntervalSeconds({
        ...interval,
        itemsPerDay: health.itemsPerDay,
        consecutiveFailures: health.consecutiveFailures + 1,
        retryAfterSeconds: outcome.retryAfterSeconds,
      });
      return { at: after(seconds), itemsPerDay: health.itemsPerDay };
    }
    case "storage_failed": {
      const seconds = nextIntervalSeconds({ ...interval, itemsPerDay: health.itemsPerDay });
      return { at: after(seconds), itemsPerDay: health.itemsPerDay };
    }
  }
}
