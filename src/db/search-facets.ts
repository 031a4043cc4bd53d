/**
 * PostgreSQL's text index (GIN) knows which rows hold a word, not which are newest, so
 * finding the newest matches of a common word meant reading all of them. Migration 005
 * gives each article a second indexed vector, `search_facets`, beside its text: words
 * for its publication day and the 8-, 64-, 512- and 4096-day blocks holding it, its
 * section, source and language, and one (`a`) every article has. One GIN index holds both
 * vectors, so "matches of this word published in these days, in this section" is
 * answered inside the index, and the newest matches are read a span of days at a time,
 * newest span first, stopping once enough are found.
 *
 * These functions build the facet queries; the words must be spelled exactly as
 * `dispatch_search_facets()` in migrations/005-search-speed.ts spells them.
 */

const DAY_MS = 86_400_000;

/** Block sizes in days, largest first, and the letter naming each level's words. */
const LEVELS: readonly { days: number; shift: number; letter: string }[] = [
  { days: 4096, shift: 12, letter: "e" },
  { days: 512, shift: 9, letter: "y" },
  { days: 64, shift: 6, letter: "q" },
  { days: 8, shift: 3, letter: "w" },
  { days: 1, shift: 0, letter: "d" },
];

/** Days since 1970-01-01 UTC. */
export function dayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function dayStart(day: number): number {
  return day * DAY_MS;
}

/**
 * The fewest aligned blocks that together cover days `lo` to `hi` (inclusive), as
 * facet words: a year of days is a handful of words, not 365.
 */
export function dayCover(lo: number, hi: number): string[] {
  const words: string[] = [];
  let day = lo;
  while (day <= hi) {
    for (const level of LEVELS) {
      if (day % level.days === 0 && day + level.days - 1 <= hi) {
        words.push(`${level.letter}${day >> level.shift}`);
        day += level.days;
        break;
      }
    }
  }
  return words;
}

/** A span of days read in one go: newest first, each span older than the last. */
export type DaySpan = string;

// Spans double in length going back from the first. A span is read whole, so the one
// that overfills the window reads at most about twice what was needed. After this many,
// one more reads everything older.
const SPANS = 8;

export interface SpanRequest {
  /** The day the search ends (today, or the day before the `to` filter). */
  lastDay: number;
  /** The first day worth reading: the archive's start or the `from` filter. */
  firstDay: number;
  /** The first day that may hold a match: the `from` filter's, else 1970 (or older). */
  oldestDay: number;
  /** Days in the first (newest) span. */
  firstSpan: number;
  /** Facet words every match must also have (section, source, language). */
  required: readonly string[];
}

function quoted(word: string): string {
  return `'${word.replaceAll("'", "''")}'`;
}

function facetQuery(anyOf: readonly string[], required: readonly string[]): string {
  const days =
    anyOf.length === 1 ? quoted(anyOf[0] as string) : `(${anyOf.map(quoted).join(" | ")})`;
  return [days, ...required.map(quoted)].join(" & ");
}

/**
 * The spans to read, newest first, each a tsquery over `search_facets`. The last one
 * reaches back to `oldestDay`: the archive's start is only cached, and an article
 * imported since with an older date must still be found. Its blocks are large, so that
 * is a few words more, not thousands.
 */
export function daySpans(request: SpanRequest): DaySpan[] {
  const { lastDay, firstDay, oldestDay, required } = request;
  const spans: DaySpan[] = [];
  let hi = lastDay;
  for (let i = 0; i < SPANS && hi >= firstDay; i++) {
    const lo = Math.max(firstDay, hi - Math.max(1, Math.round(request.firstSpan)) * 2 ** i + 1);
    spans.push(facetQuery(dayCover(lo, hi), required));
    hi = lo - 1;
  }
  if (hi >= oldestDay) spans.push(facetQuery(dayCover(oldestDay, hi), required));
  return spans;
}

/**
 * Every match in one span: the filters' facet words, and the days of a date filter
 * (`days`: first and last); null when there are none.
 */
export function wholeSpan(
  required: readonly string[],
  days: readonly [number, number] | null = null,
): DaySpan | null {
  if (days !== null) return facetQuery(dayCover(days[0], days[1]), required);
  return required.length === 0 ? null : required.map(quoted).join(" & ");
}

/** A facet word for a language, or null when the value could not be one. */
export function languageFacet(language: string): string | null {
  return /^[A-Za-z0-9-]{1,35}$/.test(language) ? `l${language}` : null;
}
