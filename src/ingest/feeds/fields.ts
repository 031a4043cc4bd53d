import { collapseWhitespace, normalizeLanguage } from "../import/fields.ts";
import { htmlToText } from "../sanitize.ts";

/** Text fields every format shares: what a reader sees as text is plain text, never markup. */

export const TAG_LIKE = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/** Feeds put HTML in titles and names, some escaped twice: read it as a person would. */
export function plainText(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = collapseWhitespace(htmlToText(value));
  if (TAG_LIKE.test(text)) text = collapseWhitespace(htmlToText(text));
  return text === "" ? null : text;
}

const SUMMARY_MAX = 1000;

/** Some feeds put the whole article in the description; a summary stays a summary. */
export function summaryText(value: string | null | undefined): string | null {
  const text = plainText(value);
  if (text === null || text.length <= SUMMARY_MAX) return text;
  return `${text.slice(0, SUMMARY_MAX - 1).replace(/\s+\S*$/, "")}…`;
}

const MAX_CATEGORIES = 50;

/** Plain texts without repeats (compared case-insensitively), each at most 100 characters. */
export function uniqueTexts(values: (string | null | undefined)[], max = MAX_CATEGORIES): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const text = plainText(value)?.slice(0, 100);
    if (!text || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
    if (out.length >= max) break;
  }
  return out;
}

/** Author names joined with ", ", at most ten; null when there is none. */
export function names(values: (string | null | undefined)[] | undefined): string | null {
  const list = uniqueTexts(values ?? [], 10);
  return list.length > 0 ? list.join(", ") : null;
}

/** The first candidate that reads as a language tag, as its primary subtag. */
export function language(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    if (!value?.trim()) continue;
    try {
      return normalizeLanguage(value, "feed", "language");
    } catch {
      // A language we cannot read is no language; the next candidate may be better.
    }
  }
  return null;
}

export function ttlMinutes(value: number | undefined): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : null;
}
