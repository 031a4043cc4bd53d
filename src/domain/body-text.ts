const BLOCK =
  /<\/?(p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|pre|table|tr|br|hr|div)\b[^>]*>/gi;
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/**
 * Plain text of a sanitized body: blocks become paragraphs separated by a blank line.
 * Only our sanitizer's output comes here, which escapes just & < > " and keeps every
 * other character literal, so the few entities below are all there is to decode.
 */
export function bodyText(html: string): string {
  return html
    .replace(BLOCK, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref[0] === "#") {
        const code =
          ref[1] === "x" || ref[1] === "X"
            ? Number.parseInt(ref.slice(2), 16)
            : Number(ref.slice(1));
        return Number.isInteger(code) && code > 0 && code <= 0x10ffff
          ? String.fromCodePoint(code)
          : whole;
      }
      return NAMED[ref.toLowerCase()] ?? whole;
    })
    .split(/\n{2,}/)
    .map((p) => p.replace(/[ \t\r\n]+/g, " ").trim())
    .filter((p) => p !== "")
    .join("\n\n");
}
