import { collapseWhitespace, normalizeLanguage } from "../import/fields.ts";
import { htmlToText } from "../sanitize.ts";
import { windows1252Controls } from "./c1-controls.ts";

/** Text fields every format shares: what a reader sees as text is plain text, never markup. */

export const TAG_LIKE = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/**
 * An HTML-typed value (RSS titles and descriptions, Atom type="html") read as a person
 * would: tags gone, entities decoded once. What the decoding leaves ("the <br> tag", from
 * `&amp;lt;br&amp;gt;` in the XML) is text, escaped when it is rendered.
 */
export function plainText(value: string | null | undefined): string | null {
  if (!value) return null;
  const mapped = windows1252Controls(value);
  // Without a tag, an entity or a control character the HTML reading changes nothing but
  // whitespace: most titles and names skip the HTML parser.
  const text = collapseWhitespace(NEEDS_HTML.test(mapped) ? htmlToText(mapped) : mapped);
  return text === "" ? null : text;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: htmlToText drops NUL and its own markers, so text holding them must go through it.
const NEEDS_HTML = /[<&\u0000-\u0008]/;

/** A text-typed value (Atom type="text"): already decoded by the XML parser, kept as it is. */
export function textOnly(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = collapseWhitespace(windows1252Controls(value));
  return text === "" ? null : text;
}

// "Jane Doe (jane@x.example)" and "jane@x.example (Jane Doe)": the name is what a byline shows.
const NAME_AND_EMAIL = /^\s*([^()]*?)\s*\(([^()]*)\)\s*$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * A person as feeds write one (dc:creator, author), the email taken off when the name is
 * there; still markup-as-text: `names` reads it as plain text after.
 */
export function personName(value: string | null | undefined): string | null {
  const text = value?.trim() || null;
  const m = text === null ? null : NAME_AND_EMAIL.exec(text);
  if (!m) return text;
  const [outside, inside] = [m[1]?.trim() ?? "", m[2]?.trim() ?? ""];
  if (EMAIL.test(inside) && outside !== "") return outside;
  if (EMAIL.test(outside) && inside !== "") return inside;
  return text;
}

const SUMMARY_MAX = 1000;

/** Some feeds put the whole article in the description; a summary stays a summary. */
export function summaryText(
  value: string | null | undefined,
  read: (value: string | null | undefined) => string | null = plainText,
): string | null {
  const text = read(value);
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
  const list = uniqueTexts((values ?? []).map(personName), 10);
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
