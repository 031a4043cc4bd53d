import { bodyText } from "../domain/body-text.ts";
import type { LintFinding } from "../domain/enrichment.ts";
import { AppError } from "../domain/errors.ts";

/**
 * The wire desk's one-click fixes, pure: a finding and the editor's choice become an edit
 * of the article's plain text, and the edit is carried into its HTML body.
 */

export type FixChoice =
  | { kind: "suggested" }
  | { kind: "delete" }
  | { kind: "replace"; text: string };

export interface TextEditRange {
  start: number;
  end: number;
  replacement: string;
}

const OPEN = "[(";
const CLOSE = "])";

/** The brackets around a span, when it fills a bracket of its own: `[ … ]` or `( … )`. */
function bracketed(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s > 0 && text[s - 1] === " ") s--;
  while (e < text.length && text[e] === " ") e++;
  const open = OPEN.indexOf(text[s - 1] ?? "");
  if (open === -1 || CLOSE[open] !== text[e]) return null;
  return { start: s - 1, end: e + 1 };
}

/** What to replace, and with what, for this finding and this choice. */
export function editFor(finding: LintFinding, text: string, choice: FixChoice): TextEditRange {
  if (text.slice(finding.start, finding.end) !== finding.text) {
    throw new AppError(
      "stale_finding",
      "The text changed since the finding was made: look again.",
      {
        status: 409,
      },
    );
  }
  const brackets =
    finding.rule === "foreign-fragment" ? bracketed(text, finding.start, finding.end) : null;
  switch (choice.kind) {
    case "suggested":
      if (finding.fix === null) {
        throw new AppError("no_fix", "This finding has no suggested fix: delete or replace it.", {
          status: 400,
          context: { field: "choice" },
        });
      }
      return tidy(text, { start: finding.start, end: finding.end, replacement: finding.fix });
    case "delete":
      // A foreign passage in a bracket of its own goes with its bracket.
      return tidy(text, { ...(brackets ?? finding), replacement: "" });
    case "replace": {
      const typed = choice.text.replace(/\s+/g, " ").trim();
      if (typed === "") {
        throw new AppError("required", "Type the text to put in its place, or delete it.", {
          status: 400,
          context: { field: "replacement" },
        });
      }
      if (brackets)
        return {
          ...brackets,
          replacement: `${text[brackets.start]}${typed}${text[brackets.end - 1]}`,
        };
      return { start: finding.start, end: finding.end, replacement: typed };
    }
  }
}

/** A deletion takes one space with it, so no double space or space before a comma is left. */
function tidy(text: string, edit: TextEditRange): TextEditRange {
  if (edit.replacement !== "") return edit;
  let { start, end } = edit;
  const before = text[start - 1];
  const after = text[end];
  if (before === " " && (after === undefined || /[\s,.;:!?)\]”’]/.test(after))) start--;
  else if (after === " " && (before === undefined || /[\s(“‘[]/.test(before))) end++;
  return { start, end, replacement: "" };
}

export function applyToText(text: string, edit: TextEditRange): string {
  return `${text.slice(0, edit.start)}${edit.replacement}${text.slice(edit.end)}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * The HTML body after the edit, as sanitized HTML. Where the passage stands in the HTML as
 * it does in the text, it is replaced in place (links and emphasis elsewhere stay); where
 * markup runs through it, the body is rebuilt from the edited text, one paragraph a block.
 */
export function applyToBody(
  body: string,
  text: string,
  edit: TextEditRange,
): { body: string; bodyText: string } {
  const wanted = bodyText(
    `<p>${escapeHtml(applyToText(text, edit)).replace(/\n\n/g, "</p><p>")}</p>`,
  );
  const old = escapeHtml(text.slice(edit.start, edit.end));
  if (old !== "") {
    let at = body.indexOf(old);
    while (at !== -1) {
      const candidate = `${body.slice(0, at)}${escapeHtml(edit.replacement)}${body.slice(at + old.length)}`;
      if (bodyText(candidate) === wanted) return { body: candidate, bodyText: wanted };
      at = body.indexOf(old, at + 1);
    }
  }
  const rebuilt = wanted
    .split("\n\n")
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("\n");
  return { body: rebuilt, bodyText: bodyText(rebuilt) };
}

/** The text of one paragraph cut at the findings inside it, for highlighting. */
export interface Segment {
  text: string;
  /** The finding's index in the list, for a marked segment. */
  finding: number | null;
}

/** Paragraphs (by the blank lines of the plain text) cut into plain and marked segments. */
export function highlightSegments(text: string, findings: readonly LintFinding[]): Segment[][] {
  const marks = findings
    .map((f, i) => ({ start: f.start, end: f.end, i }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const paragraphs: Segment[][] = [];
  let offset = 0;
  for (const para of text.split("\n\n")) {
    const pStart = offset;
    const pEnd = offset + para.length;
    offset = pEnd + 2;
    const segments: Segment[] = [];
    let at = pStart;
    for (const m of marks) {
      const s = Math.max(m.start, at);
      const e = Math.min(m.end, pEnd);
      if (e <= s) continue;
      if (s > at) segments.push({ text: text.slice(at, s), finding: null });
      segments.push({ text: text.slice(s, e), finding: m.i });
      at = e;
    }
    if (at < pEnd) segments.push({ text: text.slice(at, pEnd), finding: null });
    paragraphs.push(segments);
  }
  return paragraphs;
}
