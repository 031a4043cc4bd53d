/**
 * Failed sign-ins per client address in a sliding window. In memory: each web node counts
 * its own, so N nodes behind a balancer allow at most N times the limit, still far too
 * few guesses to matter against 12-character passwords.
 */
export interface LoginLimiter {
  /** Seconds until this address may try again, or 0 if it may now. */
  retryAfter(address: string, now?: number): number;
  fail(address: string, now?: number): void;
  succeed(address: string): void;
}

const MAX_TRACKED = 50_000;

export function createLoginLimiter(options: { attempts: number; windowMs: number }): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (address: string, now: number) => {
    const times = (failures.get(address) ?? []).filter((t) => now - t < options.windowMs);
    if (times.length === 0) failures.delete(address);
    else failures.set(address, times);
    return times;
  };
  return {
    retryAfter(address, now = Date.now()) {
      const times = recent(address, now);
      if (times.length < options.attempts) return 0;
      const oldest = times[times.length - options.attempts] ?? now;
      return Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000));
    },
    fail(address, now = Date.now()) {
      const times = recent(address, now);
      times.push(now);
      failures.set(address, times);
      // A flood of addresses must not grow this without bound: forget the oldest.
      if (failures.size > MAX_TRACKED) {
        const first = failures.keys().next();
        if (!first.done) failures.delete(first.value);
      }
    },
    succeed(address) {
      failures.delete(address);
    },
  };
}
