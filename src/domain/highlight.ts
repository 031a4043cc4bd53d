/**
 * Text with the places a search found in it. Storage says where the hits are; the site
 * and the API turn that into markup, here, so both render them alike and nothing but
 * `<mark>` can come out of a stored text.
 */

/** A half-open range [start, end) of UTF-16 code units of the text. */
export type Highlight = readonly [start: number, end: number];

export interface HighlightedText {
  /** Plain text, not HTML. */
  text: string;
  /** In order and not overlapping; an empty one is an empty mark. */
  highlights: readonly Highlight[];
}

export const NO_HIGHLIGHT: HighlightedText = { text: "", highlights: [] };

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * Escaped text with each highlight in `<mark>`: the only element the result can hold.
 * A range that overlaps the one before or runs past the text is cut to fit; an empty one
 * is an empty mark, as the engine gave it (the API's bytes stay what they were).
 */
export function highlightHtml({ text, highlights }: HighlightedText): string {
  let html = "";
  let at = 0;
  for (const [from, to] of highlights) {
    // Past the text, backwards, or wholly inside the range before: nothing to mark.
    if (from > text.length || to < Math.max(from, at)) continue;
    const start = Math.max(from, at);
    const end = Math.min(to, text.length);
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}
