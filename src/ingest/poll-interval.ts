export interface IntervalInput {
  minSeconds: number;
  maxSeconds: number;
  /** Recent publishing rate of the source. */
  itemsPerDay: number;
  /** What the server or feed asked for, when it did. */
  cacheMaxAgeSeconds?: number | null;
  ttlMinutes?: number | null;
  retryAfterSeconds?: number | null;
  /** Failures in a row so far, this one included. */
  consecutiveFailures?: number;
  /** 0..1, from Math.random() in production; fixed in tests. */
  random: number;
}

const DAY = 86_400;

/**
 * Seconds until the next fetch. Aim for about one new item per fetch (a source that
 * publishes 200 a day is polled every few minutes, a quiet blog hourly), within the
 * source's bounds; never sooner than the server allows (Cache-Control max-age, RSS ttl,
 * Retry-After); back off exponentially on failure; ±10% jitter so sources added together
 * do not stay in lockstep.
 */
export function nextIntervalSeconds(input: IntervalInput): number {
  const { minSeconds, maxSeconds } = input;
  let seconds =
    input.itemsPerDay > 0
      ? Math.min(maxSeconds, Math.max(minSeconds, DAY / input.itemsPerDay))
      : maxSeconds;
  const failures = input.consecutiveFailures ?? 0;
  if (failures > 0) seconds = Math.min(DAY, minSeconds * 2 ** Math.min(failures, 12));
  const askedFor = Math.max(
    input.cacheMaxAgeSeconds ?? 0,
    (input.ttlMinutes ?? 0) * 60,
    input.retryAfterSeconds ?? 0,
  );
  seconds = Math.max(seconds, Math.min(askedFor, DAY));
  const jitter = 1 + (input.random * 0.2 - 0.1);
  // Retry-After is a floor the server set: jitter only upwards from it.
  const floor = Math.min(input.retryAfterSeconds ?? 0, DAY);
  return Math.max(Math.round(seconds * jitter), floor, 1);
}

/**
 * Items per day, smoothed: the rate seen in this fetch blended with the old estimate, so
 * one burst or one quiet night does not swing the schedule.
 */
export function updatedItemsPerDay(
  previous: number,
  newItems: number,
  elapsedSeconds: number,
): number {
  if (elapsedSeconds <= 0) return previous;
  const observed = (newItems * DAY) / Math.max(elapsedSeconds, 60);
  if (previous === 0) return observed;
  return 0.7 * previous + 0.3 * observed;
}
