import { parseHostLiteral } from "../domain/address-guard.ts";

/**
 * Requests per client address in a sliding window, in memory (each web node counts its
 * own). IPv6 clients count by /64: one subscriber is usually given a whole /64, and
 * counting single addresses would let them step around the limit.
 */
export interface AddressLimiter {
  /** Counts one request; seconds until the address may ask again, or 0 when this one may go. */
  take(address: string, now?: number): number;
}

const MAX_TRACKED = 50_000;

export function clientKey(address: string): string {
  const literal = parseHostLiteral(address);
  if (!literal || literal.family === 4) return address;
  const groups = expandIpv6(literal.address);
  // ::ffff:a.b.c.d is an IPv4 client behind a dual-stack socket: counted as that address.
  if (groups.slice(0, 5).every((g) => Number.parseInt(g, 16) === 0) && groups[5] === "ffff") {
    const high = Number.parseInt(groups[6] ?? "0", 16);
    const low = Number.parseInt(groups[7] ?? "0", 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join(".");
  }
  return `${groups.slice(0, 4).join(":")}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const fill = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => "0");
  return [...left, ...(tail === undefined ? [] : fill), ...right];
}

export function createAddressLimiter(options: { limit: number; windowMs: number }): AddressLimiter {
  const seen = new Map<string, number[]>();
  return {
    take(address, now = Date.now()) {
      const key = clientKey(address);
      const times = (seen.get(key) ?? []).filter((t) => now - t < options.windowMs);
      if (times.length >= options.limit) {
        seen.set(key, times);
        const oldest = times[times.length - options.limit] ?? now;
        return Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000));
      }
      times.push(now);
      // Re-inserted last, so the first key is the one least recently heard from.
      seen.delete(key);
      seen.set(key, times);
      if (seen.size > MAX_TRACKED) {
        const first = seen.keys().next();
        if (!first.done) seen.delete(first.value);
      }
      return 0;
    },
  };
}
