/**
 * Calendar days as readers give them ("2026-11-28" in a date field) turned into instants.
 * A day starts at midnight where the reader is: the site's time zone on the site, UTC
 * in the API. A date that does not exist (2026-02-30) is refused, not rolled over.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(instant))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The day's parts, or null when `day` is not a real YYYY-MM-DD date. */
export function parseCalendarDay(day: string): { y: number; m: number; d: number } | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    return null;
  }
  return { y, m, d };
}

/** The instant `day` begins in `timeZone`, or null when it is not a date. */
export function dayStart(day: string, timeZone: string): Date | null {
  const parts = parseCalendarDay(day);
  if (!parts) return null;
  const midnightUtc = Date.UTC(parts.y, parts.m - 1, parts.d);
  // The offset at UTC midnight is right unless the offset changes near the day's start;
  // the offset at that first guess gives the other candidate. Where midnight is skipped
  // (a spring-forward at 00:00) one candidate falls on the day before: the earliest
  // candidate that is on the day is its start.
  const first = midnightUtc - zoneOffset(midnightUtc, timeZone);
  const second = midnightUtc - zoneOffset(first, timeZone);
  const onDay = [first, second].filter((t) => localDay(t, timeZone) === day);
  return new Date(onDay.length > 0 ? Math.min(...onDay) : first);
}

function localDay(instant: number, timeZone: string): string {
  const wall = new Date(instant + zoneOffset(instant, timeZone));
  return wall.toISOString().slice(0, 10);
}

/** The instant the day after `day` begins: the exclusive end of a range "up to `day`". */
export function dayEnd(day: string, timeZone: string): Date | null {
  const parts = parseCalendarDay(day);
  if (!parts) return null;
  const next = new Date(Date.UTC(parts.y, parts.m - 1, parts.d) + MS_PER_DAY);
  return dayStart(next.toISOString().slice(0, 10), timeZone);
}
