/**
 * Bytes to text for feeds and pages. Feeds still arrive in windows-1251, koi8-r, shift_jis
 * and UTF-16; guessing wrong is how readers get "Ð¿Ñ€Ð¸Ð²ÐµÑ‚". The order: a byte-order
 * mark, then the Content-Type charset, then the XML declaration (or UTF-16 recognised from
 * the `<?x` byte pattern), then an HTML `<meta>`, then UTF-8.
 */

export interface DecodedBody {
  text: string;
  /** The WHATWG name of the encoding used (iso-8859-1 is decoded as windows-1252). */
  charset: string;
  /** Set when a label was not understood or bytes were invalid in the chosen encoding. */
  warning?: string;
}

// Declarations sit at the very start; browsers' prescan reads 1024 bytes for <meta>.
const SNIFF_BYTES = 1024;

function fromBom(bytes: Uint8Array): string | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return "utf-8";
  if (a === 0xff && b === 0xfe) return "utf-16le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  return null;
}

/** `<?x` written in UTF-16 without a BOM. */
function fromUtf16Pattern(bytes: Uint8Array): string | null {
  const head = Array.from(bytes.subarray(0, 6));
  const le = [0x3c, 0, 0x3f, 0, 0x78, 0];
  const be = [0, 0x3c, 0, 0x3f, 0, 0x78];
  if (le.every((v, i) => head[i] === v)) return "utf-16le";
  if (be.every((v, i) => head[i] === v)) return "utf-16be";
  return null;
}

function charsetParam(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? "");
  const label = match?.[1] ?? match?.[2] ?? "";
  return label.trim() === "" ? null : label.trim();
}

/** The head read byte for byte: ASCII stays ASCII whatever the real encoding is. */
function asciiHead(bytes: Uint8Array): string {
  return new TextDecoder("latin1").decode(bytes.subarray(0, SNIFF_BYTES));
}

function fromXmlDeclaration(head: string): string | null {
  const declaration = /^\s*<\?xml\s[^>]*?\?>/.exec(head)?.[0];
  if (!declaration) return null;
  return /\sencoding\s*=\s*["']([^"']+)["']/.exec(declaration)?.[1] ?? null;
}

function fromMeta(head: string): string | null {
  return /<meta\s[^>]*?charset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(head)?.[1] ?? null;
}

/** The WHATWG encoding name for a label, or null when TextDecoder does not know it. */
function encodingFor(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

// WHATWG windows-1252 for 0x80-0x9F (the rest is Latin-1). Node 20's TextDecoder takes a
// Latin-1 fast path for this label and turns “smart quotes” into C1 controls.
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const nativeWindows1252 = new TextDecoder("windows-1252").decode(Uint8Array.of(0x80)) === "\u20ac";

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

function decode(bytes: Uint8Array, charset: string): { text: string; replaced: boolean } {
  if (charset === "windows-1252" && !nativeWindows1252) {
    return { text: decodeWindows1252(bytes), replaced: false };
  }
  try {
    return { text: new TextDecoder(charset, { fatal: true }).decode(bytes), replaced: false };
  } catch {
    return { text: new TextDecoder(charset).decode(bytes), replaced: true };
  }
}

export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const warnings: string[] = [];
  let charset = fromBom(bytes);
  if (!charset) {
    const head = asciiHead(bytes);
    const utf16 = fromUtf16Pattern(bytes);
    const candidates: [source: string, label: string | null, asciiCompatible: boolean][] = [
      ["Content-Type", charsetParam(contentType), false],
      ["XML declaration", utf16 ?? fromXmlDeclaration(head), utf16 === null],
      ["meta charset", fromMeta(head), true],
    ];
    for (const [source, label, asciiCompatible] of candidates) {
      if (label === null) continue;
      const encoding = encodingFor(label);
      if (!encoding) {
        warnings.push(`unknown charset "${label.slice(0, 40)}" in the ${source}`);
        continue;
      }
      // A declaration we could read as ASCII cannot be UTF-16 (HTML's rule too).
      charset = asciiCompatible && encoding.startsWith("utf-16") ? "utf-8" : encoding;
      break;
    }
  }
  charset ??= "utf-8";
  const { text, replaced } = decode(bytes, charset);
  if (replaced) warnings.push(`bytes invalid in ${charset} were replaced with U+FFFD`);
  return warnings.length > 0 ? { text, charset, warning: warnings.join("; ") } : { text, charset };
}
