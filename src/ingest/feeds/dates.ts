import { parseIsoDate } from "../import/fields.ts";

/**
 * Feed dates as the wild writes them → ISO 8601 UTC, or null. Feeds are read by machines
 * but written by hand-rolled templates: RFC 822 with two-digit years, missing seconds, a
 * weekday that does not match the date, lowercase months, zone names instead of offsets;
 * ISO 8601 with a space for the "T" or no offset at all. `Date.parse` accepts all of that
 * and much more ("March 7" is the current year in the server's zone), so we parse only
 * forms with one meaning and never consult the server's time zone.
 *
 * A time without any zone is taken as UTC (as `parseIsoDate` does for wires). Dates far in
 * the future are returned as they are: deciding what to do with them is the caller's job.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Offsets in minutes. Only names with one common meaning; anything else yields null. */
const ZONES: Readonly<Record<string, number>> = {
  // RFC 822 / 1123 names.
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  // Names newsrooms outside the US put in feeds regardless of the RFC.
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  // India's zone: the Irish and Israeli readings of "IST" almost never appear in feeds.
  IST: 330,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
};

/**
 * RFC 822 military zones. RFC 822 printed their signs backwards and RFC 2822 gave up on
 * them; the few feeds that still send one mean the military reading (A = UTC+1, N = UTC-1).
 */
function militaryOffset(letter: string): number | null {
  const code = letter.charCodeAt(0);
  if (letter === "Z") return 0;
  if (code >= 0x41 && code <= 0x49) return (code - 0x40) * 60; // A–I: +1 … +9
  if (code >= 0x4b && code <= 0x4d) return (code - 0x41) * 60; // K–M: +10 … +12 (no J)
  if (code >= 0x4e && code <= 0x59) return -(code - 0x4d) * 60; // N–Y: −1 … −12
  return null;
}

// A separator is required, or "March" would read as weekday "Ma" and month "rch".
const WEEKDAY = String.raw`(?:[a-z]{2,9}\.?(?:,\s*|\s+))?`;
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([ap]\.?m\.?)?`;

// RFC 822 / 1123 / 850: [weekday[,]] day month year [time] [zone]. "-" may separate the date
// parts (RFC 850, cookie dates) and "T" may separate date and time.
const DAY_FIRST = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})(?:\s+|-)([a-z]{3,9})\.?(?:\s+|-)(\d{4}|\d{2})(?:(?:,?\s+|T)${TIME})?\s*(.*)$`,
  "i",
);
// US order and JavaScript's Date#toString: [weekday] month day[,] year [time] [zone].
const MONTH_FIRST = new RegExp(
  String.raw`^${WEEKDAY}([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?${TIME})?\s*(.*)$`,
  "i",
);
// asctime: weekday month day time [zone] year ("Tue Mar  5 10:20:00 2024").
const ASCTIME = new RegExp(
  String.raw`^${WEEKDAY}([a-z]{3,9})\s+(\d{1,2})\s+${TIME}\s+(?:([a-z]{1,5}|[+-][\d:]{1,5})\s+)?(\d{4})$`,
  "i",
);
// "+0300", "+03:00", "+03", "+3", "GMT+0300", "UTC-5".
const OFFSET = /^(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2}(?::\d{2})?|\d{4})$/i;

/**
 * Any value → ISO 8601 UTC ("2024-03-05T10:20:00.000Z") or null. Never throws, never
 * returns an invalid date. Numbers are not accepted: a bare number in a feed is ambiguous
 * (seconds? milliseconds? a year?).
 */
export function parseFeedDate(value: unknown): string | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : inRange(value.toISOString());
  }
  if (typeof value !== "string") return null;
  // Real dates are short; a long string is not a date and need not be scanned.
  if (value.length > 120) return null;
  const text = value
    .replace(/\([^()]*\)/g, " ") // RFC 822 comments: "-0800 (PST)"
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return null;
  return parseIso(text) ?? parseDayFirst(text) ?? parseMonthFirst(text) ?? parseAsctime(text);
}

function parseIso(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number(text.slice(0, 4)) < 1000) return null;
  // "2024-05-01 10:00:00 UTC" and "…T10:00:00 GMT" are ISO with a word for "Z".
  const iso = parseIsoDate(text.replace(/\s?(?:UTC|GMT|UT|Z)$/i, "Z"));
  return iso === null ? null : inRange(iso);
}

interface Parts {
  year: number;
  month: number | null;
  day: string | undefined;
  hour: string | undefined;
  minute: string | undefined;
  second: string | undefined;
  fraction: string | undefined;
  meridiem: string | undefined;
  zone: string | undefined;
}

function parseDayFirst(text: string): string | null {
  const m = DAY_FIRST.exec(text);
  if (!m) return null;
  const [, day, month, year = "", hour, minute, second, fraction, meridiem, zone] = m;
  const parts = { day, hour, minute, second, fraction, meridiem, zone };
  return build({ ...parts, year: fullYear(year), month: monthNumber(month) });
}

function parseMonthFirst(text: string): string | null {
  const m = MONTH_FIRST.exec(text);
  if (!m) return null;
  const [, month, day, year, hour, minute, second, fraction, meridiem, zone] = m;
  const parts = { day, hour, minute, second, fraction, meridiem, zone };
  return build({ ...parts, year: Number(year), month: monthNumber(month) });
}

function parseAsctime(text: string): string | null {
  const m = ASCTIME.exec(text);
  if (!m) return null;
  const [, month, day, hour, minute, second, fraction, meridiem, zone, year] = m;
  const parts = { day, hour, minute, second, fraction, meridiem, zone };
  return build({ ...parts, year: Number(year), month: monthNumber(month) });
}

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

function monthNumber(name: string | undefined): number | null {
  if (name === undefined) return null;
  const lower = name.toLowerCase();
  const month = MONTHS[lower.slice(0, 3)];
  if (month === undefined) return null;
  // "Sept" and "March" are months; "Marchx" is not.
  const full = MONTH_NAMES[month - 1] ?? "";
  if (lower.length > 3 && !full.startsWith(lower)) return null;
  return month;
}

/** Minutes east of UTC, or null when the zone is not one we know. No zone at all means UTC. */
function zoneOffset(raw: string): number | null {
  const zone = raw.trim();
  if (zone === "") return 0;
  const upper = zone.toUpperCase();
  const named = ZONES[upper];
  if (named !== undefined) return named;
  if (/^[A-Z]$/.test(upper)) return militaryOffset(upper);
  const m = OFFSET.exec(zone);
  if (!m) return null;
  const [, sign, digits = ""] = m;
  const [h, mins] = digits.includes(":")
    ? digits.split(":").map(Number)
    : digits.length === 4
      ? [Number(digits.slice(0, 2)), Number(digits.slice(2))]
      : [Number(digits), 0];
  if (h === undefined || mins === undefined || h > 14 || mins > 59) return null;
  return (sign === "-" ? -1 : 1) * (h * 60 + mins);
}

/** RFC 2822 §4.3: two-digit years below 50 are 20xx, the rest 19xx. */
function fullYear(year: string): number {
  const n = Number(year);
  if (year.length === 4) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

function build(parts: Parts): string | null {
  const { year, month } = parts;
  const offset = zoneOffset(parts.zone ?? "");
  if (month === null || offset === null) return null;
  const day = Number(parts.day);
  let hour = Number(parts.hour ?? "0");
  const minute = Number(parts.minute ?? "0");
  const second = Number(parts.second ?? "0");
  const ms = Math.floor(Number(`0.${parts.fraction || "0"}`) * 1000);
  if (parts.meridiem) {
    if (hour < 1 || hour > 12) return null;
    const pm = parts.meridiem.toLowerCase().startsWith("p");
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  // A leap second (":60") is accepted and rolls over to the next minute.
  if (year < 1000 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  // Date.UTC rolls "31 Feb" over into March: catch that by reading the day back.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
  return Number.isFinite(utc) ? inRange(new Date(utc).toISOString()) : null;
}

/** Years outside 1000–9999 are typos or placeholders ("0001-01-01"), not news. */
function inRange(iso: string): string | null {
  const year = Number(iso.slice(0, 4));
  return /^\d{4}-/.test(iso) && year >= 1000 && year <= 9999 ? iso : null;
}
