import { bodyText } from "../domain/body-text.ts";
import type { ForeignFragment } from "../domain/enrichment.ts";

/**
 * Wraps each foreign fragment of a sanitized body in `<span lang="xx">`, so screen readers
 * switch pronunciation for it. Fragments are offsets into `bodyText(html)`; this walks the
 * HTML the way `bodyText` reads it, remembering where each character of the plain text came
 * from, so a span opens and closes between whole tags and whole entities. Where a fragment
 * crosses an element boundary (half of an `<em>`), each run of text gets its own span. If
 * the walk does not reproduce `bodyText` exactly, the HTML is returned unchanged: a missing
 * `lang` is better than broken markup.
 */

const BLOCK =
  /<\/?(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|pre|table|tr|br|hr|div)\b[^>]*>/iy;
const TAG = /<[^>]*>/y;
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/iy;
const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};
const BLOCK_NAME =
  /^<\/?(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|pre|table|tr|td|th|br|hr|div)\b/i;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const VOID = new Set([
  "br",
  "hr",
  "img",
  "wbr",
  "input",
  "source",
  "track",
  "col",
  "area",
  "embed",
]);

/** One character of the plain text and the HTML it came from, [from, to). */
interface Source {
  char: string;
  from: number;
  to: number;
}

export function markLanguages(html: string, fragments: readonly ForeignFragment[]): string {
  if (fragments.length === 0) return html;
  const map = plainTextMap(html);
  if (map === null) return html;
  const edits: { from: number; to: number; language: string }[] = [];
  let previousEnd = 0;
  for (const f of [...fragments].sort((a, b) => a.start - b.start)) {
    if (!LANGUAGE_TAG.test(f.language) || f.start < previousEnd || f.end > map.length) continue;
    if (f.end <= f.start) continue;
    const first = map[f.start];
    const last = map[f.end - 1];
    if (first === null || first === undefined || last === null || last === undefined) continue;
    edits.push({ ...widen(html, first.from, last.to), language: f.language });
    previousEnd = f.end;
  }
  let out = html;
  for (const edit of edits.reverse()) {
    out =
      out.slice(0, edit.from) +
      wrap(out.slice(edit.from, edit.to), edit.language) +
      out.slice(edit.to);
  }
  return out;
}

/**
 * A fragment that starts at the first word of an element and ends at the last of another
 * (`<em>hola</em> y <b>adiós</b>`) takes the tags at its edges in, when that makes it nest.
 */
function widen(html: string, from: number, to: number): { from: number; to: number } {
  let wideFrom = from;
  let wideTo = to;
  for (
    let m = /<[a-z][^>]*>$/i.exec(html.slice(0, wideFrom));
    m !== null;
    m = /<[a-z][^>]*>$/i.exec(html.slice(0, wideFrom))
  ) {
    if (BLOCK_NAME.test(m[0])) break;
    wideFrom = m.index;
  }
  for (
    let m = /^<\/[a-z][^>]*>/i.exec(html.slice(wideTo));
    m !== null;
    m = /^<\/[a-z][^>]*>/i.exec(html.slice(wideTo))
  ) {
    if (BLOCK_NAME.test(m[0])) break;
    wideTo += m[0].length;
  }
  if (wideFrom === from && wideTo === to) return { from, to };
  // Take in only as many edge tags as keep the slice nested: try the widest first.
  for (const [f, t] of [
    [wideFrom, wideTo],
    [wideFrom, to],
    [from, wideTo],
  ] as const) {
    if (balanced(html.slice(f, t))) return { from: f, to: t };
  }
  return { from, to };
}

/** The slice in one span when its tags nest, else each run of text between tags in its own. */
function wrap(slice: string, language: string): string {
  const open = `<span lang="${language}">`;
  if (!slice.includes("<") || balanced(slice)) return `${open}${slice}</span>`;
  return slice.replace(/[^<>]+(?=<|$)/g, (run, offset: number, whole: string) => {
    // A run that starts right after a ">" is text; anything else is inside a tag.
    const inTag = whole.lastIndexOf("<", offset) > whole.lastIndexOf(">", offset);
    return inTag || run.trim() === "" ? run : `${open}${run}</span>`;
  });
}

function balanced(slice: string): boolean {
  const stack: string[] = [];
  for (const m of slice.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*?(\/?)>/gi)) {
    const name = (m[2] ?? "").toLowerCase();
    if (VOID.has(name) || m[3] === "/") continue;
    if (m[1] === "/") {
      if (stack.pop() !== name) return false;
    } else {
      stack.push(name);
    }
  }
  return stack.length === 0;
}

/**
 * For each character of `bodyText(html)`, where in the HTML it came from (null for the
 * blank line between paragraphs), or null when the walk and `bodyText` disagree.
 */
export function plainTextMap(html: string): (Source | null)[] | null {
  const raw: Source[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i] as string;
    if (c === "<") {
      BLOCK.lastIndex = i;
      const block = BLOCK.exec(html);
      if (block !== null) {
        raw.push({ char: "\n", from: i, to: i }, { char: "\n", from: i, to: i });
        i += block[0].length;
        continue;
      }
      TAG.lastIndex = i;
      const tag = TAG.exec(html);
      if (tag !== null) {
        i += tag[0].length;
        continue;
      }
    } else if (c === "&") {
      ENTITY.lastIndex = i;
      const entity = ENTITY.exec(html);
      if (entity !== null) {
        const to = i + entity[0].length;
        for (const unit of decode(entity[0], entity[1] ?? ""))
          raw.push({ char: unit, from: i, to });
        i = to;
        continue;
      }
    }
    raw.push({ char: c, from: i, to: i + 1 });
    i++;
  }
  const map: (Source | null)[] = [];
  let paragraph: Source[] = [];
  const flush = () => {
    const collapsed: Source[] = [];
    for (const s of paragraph) {
      if (/[ \t\r\n]/.test(s.char)) {
        const last = collapsed[collapsed.length - 1];
        if (last === undefined || last.char === " ") continue;
        collapsed.push({ ...s, char: " " });
      } else {
        collapsed.push(s);
      }
    }
    while (collapsed[collapsed.length - 1]?.char === " ") collapsed.pop();
    if (collapsed.length > 0) {
      if (map.length > 0) map.push(null, null);
      map.push(...collapsed);
    }
    paragraph = [];
  };
  for (let k = 0; k < raw.length; k++) {
    const s = raw[k] as Source;
    if (s.char === "\n" && raw[k + 1]?.char === "\n") {
      while (raw[k + 1]?.char === "\n") k++;
      flush();
      continue;
    }
    paragraph.push(s);
  }
  flush();
  const text = map.map((s) => (s === null ? "\n" : s.char)).join("");
  return text === bodyText(html) ? map : null;
}

/** The UTF-16 units an entity stands for, exactly as `bodyText` decodes it. */
function decode(whole: string, ref: string): string[] {
  if (ref[0] === "#") {
    const code =
      ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff
      ? String.fromCodePoint(code).split("")
      : whole.split("");
  }
  return (NAMED[ref.toLowerCase()] ?? whole).split("");
}
