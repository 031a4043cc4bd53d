import { AppError } from "./errors.ts";

/**
 * Which addresses the fetcher may connect to. Pure: no DNS, no sockets. The fetcher calls
 * it twice per hop, on the URL's literal host before connecting and on every address DNS
 * returns at connect time (see safe-fetch.ts).
 */

export interface HostLiteral {
  family: 4 | 6;
  /** Canonical text: dotted decimal, or RFC 5952 IPv6 without brackets. */
  address: string;
}

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "site-local"
  | "cgnat"
  | "multicast"
  | "unspecified"
  | "broadcast"
  | "reserved"
  | "benchmarking"
  | "documentation"
  | "ipv4-compatible"
  | "teredo"
  | "invalid";

export type AllowRule =
  | { kind: "host"; host: string; port: number | null; source: string }
  | {
      kind: "cidr";
      family: 4 | 6;
      bytes: Uint8Array;
      prefix: number;
      port: number | null;
      source: string;
    };

/**
 * One IPv4 part the way WHATWG URL and inet_aton read it: `0x` hex, leading-zero octal,
 * else decimal. Null when the part is not a number in any of them.
 */
function parseIpv4Part(part: string): number | null {
  if (part === "") return null;
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(part)) {
    digits = part.slice(2);
    radix = 16;
    if (digits === "") return 0;
    if (!/^[0-9a-f]+$/i.test(digits)) return null;
  } else if (part.length > 1 && part.startsWith("0")) {
    digits = part.slice(1);
    radix = 8;
    if (!/^[0-7]+$/.test(digits)) return null;
  } else if (!/^[0-9]+$/.test(part)) {
    return null;
  }
  // Long runs of digits are still numbers (and out of range), never hostnames.
  const value = Number.parseInt(digits.replace(/^0+(?=.)/, "").slice(0, 20), radix);
  return Number.isFinite(value) ? value : null;
}

function parseIpv4(host: string): number | null {
  const parts = host.split(".");
  // "127.0.0.1." is the same address as "127.0.0.1" (a trailing root dot).
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIpv4Part(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop() ?? 0;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return value;
}

function ipv4Text(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

/** Strict dotted decimal, the only IPv4 form allowed inside an IPv6 literal. */
function parseDottedQuad(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseIpv6(text: string): number[] | null {
  if (text.includes("%")) return null; // zone ids name an interface, not a host
  if (!/^[0-9a-f:.]+$/i.test(text)) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === "") return [];
    const out: number[] = [];
    const pieces = half.split(":");
    for (const [i, piece] of pieces.entries()) {
      if (piece.includes(".")) {
        if (i !== pieces.length - 1) return null;
        const quad = parseDottedQuad(piece);
        if (!quad) return null;
        const [a = 0, b = 0, c = 0, d = 0] = quad;
        out.push((a << 8) | b, (c << 8) | d);
      } else {
        if (!/^[0-9a-f]{1,4}$/i.test(piece)) return null;
        out.push(Number.parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0] ?? "");
  if (!head) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  if ((halves[0] ?? "").includes(".")) return null;
  const tail = groups(halves[1] ?? "");
  if (!tail || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952: lower case, the longest run (two or more) of zero groups as "::". */
function ipv6Text(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  const before = hex.slice(0, bestStart).join(":");
  const after = hex.slice(bestStart + bestLength).join(":");
  return `${before}::${after}`;
}

/**
 * The host as an IP address when it is one, in any notation a URL parser or inet_aton
 * accepts (`127.1`, `0177.0.0.1`, `0x7f000001`, `2130706433`, `[::ffff:127.0.0.1]`);
 * null for a hostname. IPv6 zone ids (`fe80::1%eth0`) are refused: null.
 */
export function parseHostLiteral(host: string): HostLiteral | null {
  let text = host.trim();
  if (text.startsWith("[")) {
    if (!text.endsWith("]")) return null;
    text = text.slice(1, -1);
    const groups = parseIpv6(text);
    return groups ? { family: 6, address: ipv6Text(groups) } : null;
  }
  if (text.includes(":")) {
    const groups = parseIpv6(text);
    return groups ? { family: 6, address: ipv6Text(groups) } : null;
  }
  const v4 = parseIpv4(text);
  return v4 === null ? null : { family: 4, address: ipv4Text(v4) };
}

function toBytes(literal: HostLiteral): Uint8Array {
  if (literal.family === 4) {
    return Uint8Array.from(literal.address.split(".").map(Number));
  }
  const groups = parseIpv6(literal.address) ?? [];
  return Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 255]));
}

function inPrefix(bytes: Uint8Array, network: ArrayLike<number>, prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit += 8) {
    const remaining = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - remaining)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((network[index] ?? 0) & mask)) return false;
  }
  return true;
}

type Range = [network: number[], prefix: number, reason: Exclude<AddressClass, "public">];

// Order matters: the first match names the reason (broadcast before reserved 240/4).
const IPV4_RANGES: Range[] = [
  [[0, 0, 0, 0], 8, "unspecified"],
  [[10, 0, 0, 0], 8, "private"],
  [[100, 64, 0, 0], 10, "cgnat"],
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link-local"],
  [[172, 16, 0, 0], 12, "private"],
  [[192, 0, 0, 0], 24, "reserved"], // IETF protocol assignments (DS-Lite, NAT64 discovery)
  [[192, 0, 2, 0], 24, "documentation"],
  [[192, 88, 99, 0], 24, "reserved"], // 6to4 relay anycast, deprecated
  [[192, 168, 0, 0], 16, "private"],
  [[198, 18, 0, 0], 15, "benchmarking"],
  [[198, 51, 100, 0], 24, "documentation"],
  [[203, 0, 113, 0], 24, "documentation"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[255, 255, 255, 255], 32, "broadcast"],
  [[240, 0, 0, 0], 4, "reserved"],
];

function classifyIpv4(bytes: Uint8Array): AddressClass {
  for (const [network, prefix, reason] of IPV4_RANGES) {
    if (inPrefix(bytes, network, prefix)) return reason;
  }
  return "public";
}

function embeddedIpv4(bytes: Uint8Array, offset: number): Uint8Array {
  return bytes.slice(offset, offset + 4);
}

function zeros(count: number): number[] {
  return new Array<number>(count).fill(0);
}

function classifyIpv6(bytes: Uint8Array): AddressClass {
  const v6 = (groups: number[], prefix: number) =>
    inPrefix(
      bytes,
      groups.flatMap((g) => [g >> 8, g & 255]),
      prefix,
    );
  if (v6(zeros(8), 128)) return "unspecified";
  if (v6([...zeros(7), 1], 128)) return "loopback";
  // Addresses that carry an IPv4 address are as safe as the address they carry.
  if (v6([0, 0, 0, 0, 0, 0xffff], 96)) return classifyIpv4(embeddedIpv4(bytes, 12));
  if (v6([0x64, 0xff9b], 96)) return classifyIpv4(embeddedIpv4(bytes, 12));
  if (v6([0x64, 0xff9b, 1], 48)) return classifyIpv4(embeddedIpv4(bytes, 12));
  if (v6([0x2002], 16)) return classifyIpv4(embeddedIpv4(bytes, 2));
  if (v6(zeros(6), 96)) return "ipv4-compatible";
  // Teredo hides the real IPv4 destination (obfuscated, plus a relay): never reachable safely.
  if (v6([0x2001, 0], 32)) return "teredo";
  if (v6([0x2001, 2, 0], 48)) return "benchmarking";
  if (v6([0x2001, 0x10], 28)) return "reserved"; // ORCHID, deprecated
  if (v6([0x2001, 0xdb8], 32)) return "documentation";
  if (v6([0x3fff], 20)) return "documentation";
  if (v6([0xfc00], 7)) return "private";
  if (v6([0xfe80], 10)) return "link-local";
  if (v6([0xfec0], 10)) return "site-local";
  if (v6([0xff00], 8)) return "multicast";
  // Only 2000::/3 is allocated global unicast; everything else (100::/64 discard, SIIT,
  // unassigned space) has no business being a news source.
  if (!v6([0x2000], 3)) return "reserved";
  return "public";
}

/** "public", or why the address must not be fetched from. Accepts any literal notation. */
export function classifyAddress(address: string): AddressClass {
  const literal = parseHostLiteral(address);
  if (!literal) return "invalid";
  const bytes = toBytes(literal);
  return literal.family === 4 ? classifyIpv4(bytes) : classifyIpv6(bytes);
}

function parsePort(text: string, entry: string): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65_535) {
    throw badEntry(entry, `port "${text}" is not a number from 1 to 65535`);
  }
  return Number(text);
}

function badEntry(entry: string, why: string): AppError {
  return new AppError("config_invalid", `FETCH_ALLOW_HOSTS: "${entry}": ${why}`, {
    context: { setting: "FETCH_ALLOW_HOSTS", entry },
  });
}

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

function parseEntry(entry: string): AllowRule {
  const slash = entry.indexOf("/");
  if (slash >= 0) {
    const literal = parseHostLiteral(entry.slice(0, slash));
    if (!literal) throw badEntry(entry, "the part before / is not an IP address");
    const prefixText = entry.slice(slash + 1);
    const max = literal.family === 4 ? 32 : 128;
    if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > max) {
      throw badEntry(entry, `the prefix length must be a number from 0 to ${max}`);
    }
    return {
      kind: "cidr",
      family: literal.family,
      bytes: toBytes(literal),
      prefix: Number(prefixText),
      port: null,
      source: entry,
    };
  }
  let host = entry;
  let port: number | null = null;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    host = `[${bracketed[1] ?? ""}]`;
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], entry);
  } else if ((entry.match(/:/g) ?? []).length === 1) {
    const colon = entry.indexOf(":");
    host = entry.slice(0, colon);
    port = parsePort(entry.slice(colon + 1), entry);
  }
  const literal = parseHostLiteral(host);
  if (literal) {
    return {
      kind: "cidr",
      family: literal.family,
      bytes: toBytes(literal),
      prefix: literal.family === 4 ? 32 : 128,
      port,
      source: entry,
    };
  }
  if (host.includes(":") || host.startsWith("[")) {
    throw badEntry(entry, "not a valid IPv6 address (write [::1]:8080 for one with a port)");
  }
  const name = normalizeHost(host);
  if (!HOSTNAME.test(name)) throw badEntry(entry, "not a valid host name");
  return { kind: "host", host: name, port, source: entry };
}

/**
 * FETCH_ALLOW_HOSTS: comma-separated `host`, `host:port`, `ip`, `ip:port`, `[ipv6]:port`
 * or CIDR (`127.0.0.0/8`, `::1/128`). Trusted local sources only: a host rule lets that
 * name resolve to any address, a CIDR rule lets any name resolve into the range.
 */
export function parseAllowList(value: string): AllowRule[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map(parseEntry);
}

/** True when a rule lets this host (as written in the URL), port and address through. */
export function isAllowed(
  rules: readonly AllowRule[],
  target: { host: string; port: number; address: string },
): boolean {
  const host = normalizeHost(target.host.replace(/^\[(.*)\]$/, "$1"));
  const literal = parseHostLiteral(target.address);
  const candidates: { family: 4 | 6; bytes: Uint8Array }[] = [];
  if (literal) {
    const bytes = toBytes(literal);
    candidates.push({ family: literal.family, bytes });
    // ::ffff:a.b.c.d is a.b.c.d to the kernel: a v4 rule covers it.
    if (literal.family === 6 && inPrefix(bytes, [...zeros(10), 0xff, 0xff], 96)) {
      candidates.push({ family: 4, bytes: embeddedIpv4(bytes, 12) });
    }
  }
  return rules.some((rule) => {
    if (rule.port !== null && rule.port !== target.port) return false;
    if (rule.kind === "host") return rule.host === host;
    return candidates.some(
      (c) => c.family === rule.family && inPrefix(c.bytes, rule.bytes, rule.prefix),
    );
  });
}
