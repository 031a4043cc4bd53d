/**
 * Highlighted text from the search engines, made into HTML here. Both engines are asked
 * to wrap each hit in two control characters no sanitized article text carries; this
 * module escapes everything else, so the only markup a snippet can hold is `<mark>`,
 * whatever the stored text says. A stray marker in the text itself can only open or
 * close a highlight: marks never nest and are always closed.
 */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";
export const ELLIPSIS = "…";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** C0 controls and DEL: no place in a snippet, and two of them are our markers. */
function isControl(code: number): boolean {
  return code < 0x20 ? code !== 0x09 && code !== 0x0a && code !== 0x0d : code === 0x7f;
}

/** Escaped text between markers; `onMarker` decides what a marker becomes. */
function render(text: string, onMarker: (start: boolean) => string): string {
  let html = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    const escaped = ESCAPES[ch];
    if (escaped === undefined && !isControl(code)) continue;
    html += text.slice(from, i);
    from = i + 1;
    if (escaped !== undefined) html += escaped;
    else if (ch === MARK_START || ch === MARK_END) html += onMarker(ch === MARK_START);
  }
  return html + text.slice(from);
}

/** Marked engine output as HTML whose only element is `<mark>`. */
export function markedToHtml(marked: string): string {
  let open = false;
  const html = render(marked, (start) => {
    if (start === open) return "";
    open = start;
    return start ? "<mark>" : "</mark>";
  });
  return open ? `${html}</mark>` : html;
}

/** Plain text as HTML: markers and other control characters dropped, the rest escaped. */
export function textToHtml(text: string): string {
  return render(text, () => "");
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
