import { createHash } from "node:crypto";
import { AppError } from "../../domain/errors.ts";
import { escapeHtml } from "../sanitize.ts";
import { DEFAULT_SECTION, type ImportOptions } from "./options.ts";

/** Small checks shared by the importers, so every format reports bad input the same way. */

export function importError(
  code: string,
  message: string,
  context: Record<string, unknown> = {},
  status = 400,
): AppError {
  return new AppError(code, message, { status, context });
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Decodes a file as UTF-8 and refuses binaries: an invalid byte sequence or a NUL means the
 * file is not text, and importing it would store mojibake.
 */
export function decodeUtf8(bytes: Uint8Array, format: string): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw importError("not_text", `${format}: the file is not UTF-8 text (invalid byte sequence)`);
  }
  assertText(text, format);
  return text;
}

/** A NUL never appears in real text; it is the surest sign of a binary file. */
export function assertText(text: string, format: string): void {
  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    throw importError(
      "not_text",
      `${format}: the file is binary, not text (NUL at offset ${nul})`,
      {
        offset: nul,
      },
    );
  }
}

/** Strips the BOM, unifies line ends and removes control characters HTML cannot carry. */
export function normalizeText(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
      .replace(/[\u0001-\u0008\u000B\u000E-\u001F\u007F]/g, "")
      .replace(/\f/g, "\n")
  );
}

const LANGUAGE = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i;

/**
 * We store only the primary language subtag ("en-GB" → "en"): it drives search stemming and
 * language detection, where regional variants do not matter. Throws on a malformed tag.
 */
export function normalizeLanguage(value: string, format: string, field: string): string {
  const match = LANGUAGE.exec(value.trim());
  if (!match?.[1]) {
    throw importError(
      "invalid_field",
      `${format}: \`${field}\` is not a language tag (got ${JSON.stringify(value.slice(0, 40))}, expected BCP 47 such as "en" or "pt-BR")`,
      { field, value: value.slice(0, 100) },
    );
  }
  return match[1].toLowerCase();
}

export function defaultLanguage(options: ImportOptions): string {
  return normalizeLanguage(options.defaultLanguage, "options", "defaultLanguage");
}

// Date.parse accepts almost anything ("March 7", "2020"); news dates must be unambiguous.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * ISO 8601 date or date-time → ISO 8601 UTC string. A time without an offset is taken as UTC
 * (wires that omit it almost always mean UTC, and the server's zone must not matter).
 * Returns null for anything else, including impossible dates such as 2021-02-30.
 */
export function parseIsoDate(value: string): string | null {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = m;
  const ms = Number(`0.${frac || "0"}`) * 1000;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0"));
  }
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(ms));
  // Date.UTC rolls 2021-02-30 over to March: catch that by reading the day back.
  if (new Date(local).getUTCDate() !== day) return null;
  const time = local - offsetMinutes * 60_000;
  if (!Number.isFinite(time)) return null;
  return new Date(time).toISOString();
}

export function requireDate(value: string, format: string, field: string): string {
  const iso = parseIsoDate(value);
  if (iso === null) {
    throw importError(
      "invalid_date",
      `${format}: \`${field}\` is not an ISO 8601 date (got ${JSON.stringify(value.slice(0, 60))}, expected e.g. "2020-09-03T14:05:00Z")`,
      { field, value: value.slice(0, 100) },
    );
  }
  return iso;
}

/** An absolute http(s) URL without credentials, normalised; anything else is null. */
export function httpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "") return null;
  return url.href;
}

export function sectionFor(options: ImportOptions): { slug: string; name: string } {
  const section = options.section ?? DEFAULT_SECTION;
  return { slug: section.slug, name: section.name };
}

/**
 * Plain text (a wire's text body, a .txt file) to paragraphs. Blank lines separate
 * paragraphs; when there are none, each line is a paragraph (wires often send one paragraph
 * per line); lines inside a paragraph are joined, since text files are often hard-wrapped.
 */
export function splitParagraphs(text: string): string[] {
  const normalized = normalizeText(text);
  const hasBlankLines = /\n[ \t\u00A0]*\n/.test(normalized.trim());
  const chunks = hasBlankLines ? normalized.split(/\n[ \t\u00A0]*\n/) : normalized.split("\n");
  return chunks.map(collapseWhitespace).filter((p) => p !== "");
}

export function textToHtml(text: string): string {
  return splitParagraphs(text)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("\n");
}
