import type { Highlight, HighlightedText } from "../domain/highlight.ts";

/**
 * Highlighted text from the search engines, as plain text and the ranges of its hits.
 * Both engines are asked to wrap each hit in two control characters no sanitized article
 * text carries; this module takes them out and notes where they were, so a hit is a
 * range and never markup (domain/highlight.ts renders it). A stray marker in the text
 * itself can only open or close a highlight: ranges never nest and always end.
 */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";
export const ELLIPSIS = "…";

/** C0 controls and DEL: no place in a snippet, and two of them are our markers. */
function isControl(code: number): boolean {
  return code < 0x20 ? code !== 0x09 && code !== 0x0a && code !== 0x0d : code === 0x7f;
}

/** Marked engine output as text and hit ranges; other control characters dropped. */
export function parseMarked(marked: string): HighlightedText {
  let text = "";
  const highlights: Highlight[] = [];
  let openedAt: number | null = null;
  let from = 0;
  for (let i = 0; i < marked.length; i++) {
    const ch = marked[i] as string;
    if (!isControl(ch.charCodeAt(0))) continue;
    text += marked.slice(from, i);
    from = i + 1;
    if (ch === MARK_START && openedAt === null) openedAt = text.length;
    else if (ch === MARK_END && openedAt !== null) {
      highlights.push([openedAt, text.length]);
      openedAt = null;
    }
  }
  text += marked.slice(from);
  if (openedAt !== null) highlights.push([openedAt, text.length]);
  return { text, highlights };
}

/** Plain text with no hits: markers and other control characters dropped. */
export function plainText(text: string): HighlightedText {
  return { text: unmarked(text), highlights: [] };
}

/** The text without markers or other control characters. */
export function unmarked(text: string): string {
  let out = "";
  for (const ch of text) if (!isControl(ch.charCodeAt(0))) out += ch;
  return out;
}

export function hasMark(marked: string | null | undefined): boolean {
  return typeof marked === "string" && marked.includes(MARK_START);
}

/** Runs of whitespace (newlines between paragraphs, the engines' doubled spaces) as one. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The first `words` words of plain text, for a result whose body holds no hit. */
export function leadWords(text: string, words: number): string {
  const all = collapseSpace(text).split(" ");
  return all.length <= words ? all.join(" ") : `${all.slice(0, words).join(" ")} ${ELLIPSIS}`;
}
