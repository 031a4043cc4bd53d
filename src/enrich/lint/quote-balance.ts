import type { LintFinding } from "../../domain/enrichment.ts";
import { isSpace, type Span } from "../text-spans.ts";
import { boilerplateMatch, lastProseSentence } from "./boilerplate.ts";
import { excerpt, finding, type LintContext } from "./context.ts";
import { truncated } from "./truncated.ts";

/**
 * `quote-balance`: quotation marks that do not pair up within their paragraph, or that
 * sit on the wrong side of a space (`remarks Lagvinets ”, says`, `Russia, ”says`).
 *
 * Typographic double quotes pair by direction; straight double quotes pair by order, each
 * checked against its surroundings; guillemets and German „low“ quotes pair too. Single
 * marks are mostly apostrophes (it’s, Belarus’, the ’90s), so a ’ only closes a ‘ that is
 * open, and an unclosed ‘ is reported only when no ’ follows it at all. A quotation left
 * open at the end of a paragraph is fine when the next paragraph opens with a quotation
 * mark: that is how a quotation runs on over several paragraphs. In copy cut off before its
 * end, the last quotation is left open by the cut: the truncated rule reports that.
 */

type Family = "double" | "low" | "guillemet" | "single";

interface Open {
  at: number;
  family: Family;
}

/** Languages that open quotations with ” as well as close them. */
const RIGHT_QUOTE_BOTH_WAYS = new Set(["sv", "fi"]);
const ANY_QUOTE = /[“”„«»‘’"]/g;
const TYPOGRAPHIC = /[“”„«»‘’]/g;
const OPENING_BEFORE = /[([{—–\-/“‘«„]/;
const CLOSING_AFTER = /[.,;:!?)\]}—–…’”»-]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The innermost open quotation of one of the families, or -1. */
function openIndex(stack: readonly Open[], families: readonly Family[]): number {
  for (let k = stack.length - 1; k >= 0; k--) {
    if (families.includes((stack[k] as Open).family)) return k;
  }
  return -1;
}

export function quoteBalance(context: LintContext): LintFinding[] {
  const out: LintFinding[] = [];
  const { text, paragraphs } = context;
  const cutAt = truncated(context).length > 0 ? lastProseSentence(context) : null;
  for (let index = 0; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index] as Span;
    ANY_QUOTE.lastIndex = paragraph.start;
    const first = ANY_QUOTE.exec(text);
    if (first === null || first.index >= paragraph.end) continue;
    // The next paragraph of copy, furniture pasted in between skipped.
    let k = index + 1;
    while (k < paragraphs.length && isFurniture(context, paragraphs[k] as Span)) k++;
    const next = paragraphs[k];
    const runsOn = next !== undefined && /^[“"«„‘]/.test(text[next.start] ?? "");
    const cutOff = cutAt !== null && paragraph.start <= cutAt.start && cutAt.end <= paragraph.end;
    checkTypographic(context, paragraph, runsOn, cutOff, out);
    checkStraight(context, paragraph, runsOn, cutOff, out);
  }
  return out;
}

function checkTypographic(
  context: LintContext,
  paragraph: Span,
  runsOn: boolean,
  cutOff: boolean,
  out: LintFinding[],
): void {
  const { text } = context;
  const at = new Surroundings(text, paragraph);
  const stack: Open[] = [];
  TYPOGRAPHIC.lastIndex = paragraph.start;
  for (
    let m = TYPOGRAPHIC.exec(text);
    m !== null && m.index < paragraph.end;
    m = TYPOGRAPHIC.exec(text)
  ) {
    const i = m.index;
    const c = m[0];
    if (c === "“") {
      const low = openIndex(stack, ["low"]);
      if (low >= 0) {
        stack.splice(low);
        continue;
      }
      const double = openIndex(stack, ["double"]);
      // `said.“` or `is over “.`: with a quotation open and no word after it, a “ closes.
      const closes = !at.openingBefore(i) ? at.closingAfter(i) : at.punctuationAfter(i);
      if (double >= 0 && closes) {
        stack.splice(double);
        let start = i;
        while (start > paragraph.start && isSpace(text.charCodeAt(start - 1))) start--;
        out.push(
          finding(
            context,
            "quote-balance",
            "warning",
            { start, end: i + 1 },
            "Opening quotation mark “ used to close a quotation: it should be ”, right after the last word.",
            "”",
          ),
        );
        continue;
      }
      stack.push({ at: i, family: "double" });
      if (at.spaceBefore(i) && at.spaceAfter(i)) misplacedOpening(context, i, "“", out);
    } else if (c === "„") {
      stack.push({ at: i, family: "low" });
    } else if (c === "”") {
      const k = openIndex(stack, ["double", "low"]);
      if (k >= 0) {
        stack.splice(k);
        if (i > paragraph.start && at.spaceBefore(i))
          misplacedClosing(context, paragraph, i, "”", out);
        continue;
      }
      // Swedish and Finnish open with ” too; elsewhere a ” before a word opens by mistake.
      if (at.openingBefore(i) && at.wordAfter(i)) {
        stack.push({ at: i, family: "double" });
        if (!RIGHT_QUOTE_BOTH_WAYS.has(context.language)) {
          out.push(
            finding(
              context,
              "quote-balance",
              "warning",
              { start: i, end: i + 1 },
              "Quotation opened with a closing mark ”: it should be “.",
              "“",
            ),
          );
        }
        continue;
      }
      // ` ” I have waited…”`: a stray mark where the quotation opens; report it once.
      if (at.spaceBefore(i) && at.spaceAfter(i) && at.wordAfterSpaces(i)) {
        stack.push({ at: i, family: "double" });
        misplacedOpening(context, i, "”", out, "“");
        continue;
      }
      out.push(unopened(context, paragraph, i));
    } else if (c === "«") {
      stack.push({ at: i, family: "guillemet" });
    } else if (c === "»") {
      const k = openIndex(stack, ["guillemet"]);
      if (k >= 0) stack.splice(k);
      // Without any « in the paragraph, » is an arrow ("Read more »") or a »German« quote.
      else if (text.slice(paragraph.start, paragraph.end).includes("«")) {
        out.push(unopened(context, paragraph, i));
      }
    } else if (c === "‘") {
      if (at.openingBefore(i) && at.wordAfter(i) && !/\d/.test(text[i + 1] ?? "")) {
        stack.push({ at: i, family: "single" });
      }
    } else if (c === "’") {
      const top = stack[stack.length - 1];
      if (top?.family === "single" && !at.wordAfter(i)) stack.pop();
    }
  }
  for (const open of stack) {
    // Copy cut off mid-quotation: one defect, which the truncated rule reports.
    if (cutOff) continue;
    if (open.family === "single") {
      if (text.slice(open.at, paragraph.end).includes("’")) continue;
    } else if (runsOn) {
      continue;
    }
    out.push(unclosed(context, paragraph, open.at));
  }
}

/**
 * Straight double quotes carry no direction, so they pair in order: the first opens, the
 * second closes, and so on. A mark whose surroundings say the opposite of its turn is the
 * stray one; with an odd count and none out of turn, the last one is left open.
 */
function checkStraight(
  context: LintContext,
  paragraph: Span,
  runsOn: boolean,
  cutOff: boolean,
  out: LintFinding[],
): void {
  const { text } = context;
  const at = new Surroundings(text, paragraph);
  const marks: number[] = [];
  for (
    let i = text.indexOf('"', paragraph.start);
    i >= 0 && i < paragraph.end;
    i = text.indexOf('"', i + 1)
  ) {
    // Inches (a 12" pipe) are not quotation marks.
    if (/\d/.test(text[i - 1] ?? "")) continue;
    marks.push(i);
  }
  if (marks.length === 0) return;
  if (marks.length % 2 === 1) {
    const last = marks[marks.length - 1] as number;
    const stray = marks.find(
      (i, k) => (k % 2 === 0 ? looksClosing(at, i) : looksOpening(at, i)) || bothSides(at, i),
    );
    if (stray !== undefined) out.push(unopened(context, paragraph, stray, '"'));
    else if (!cutOff && !(runsOn && looksOpening(at, last)))
      out.push(unclosed(context, paragraph, last));
    return;
  }
  marks.forEach((i, k) => {
    if (k % 2 === 0 && at.spaceAfter(i) && at.spaceBefore(i))
      misplacedOpening(context, i, '"', out);
    else if (k % 2 === 1 && at.spaceBefore(i) && (at.wordAfter(i) || at.closingAfter(i))) {
      misplacedClosing(context, paragraph, i, '"', out);
    }
  });
}

/** What is around a mark at i inside the paragraph (one object a paragraph, no closures). */
class Surroundings {
  constructor(
    private readonly text: string,
    private readonly paragraph: Span,
  ) {}

  private prev(i: number): string {
    return i > this.paragraph.start ? (this.text[i - 1] ?? "") : "";
  }

  private next(i: number): string {
    return i + 1 < this.paragraph.end ? (this.text[i + 1] ?? "") : "";
  }

  spaceBefore(i: number): boolean {
    return i === this.paragraph.start || isSpace(this.prev(i).charCodeAt(0));
  }

  spaceAfter(i: number): boolean {
    return i + 1 >= this.paragraph.end || isSpace(this.next(i).charCodeAt(0));
  }

  openingBefore(i: number): boolean {
    return this.spaceBefore(i) || OPENING_BEFORE.test(this.prev(i));
  }

  closingAfter(i: number): boolean {
    return this.spaceAfter(i) || CLOSING_AFTER.test(this.next(i));
  }

  /** Punctuation or the paragraph's end right after: nothing for a quotation to open on. */
  punctuationAfter(i: number): boolean {
    return i + 1 >= this.paragraph.end || CLOSING_AFTER.test(this.next(i));
  }

  wordAfter(i: number): boolean {
    return WORD_CHAR.test(this.next(i));
  }

  wordAfterSpaces(i: number): boolean {
    let j = i + 1;
    while (j < this.paragraph.end && isSpace(this.text.charCodeAt(j))) j++;
    return j < this.paragraph.end && WORD_CHAR.test(this.text[j] ?? "");
  }
}

function unopened(
  context: LintContext,
  paragraph: Span,
  i: number,
  mark = context.text[i] ?? "",
): LintFinding {
  const before = excerptBefore(context.text, paragraph, i);
  return finding(
    context,
    "quote-balance",
    "warning",
    { start: i, end: i + 1 },
    `Closing quotation mark ${mark} after "${before}" has no opening one: add the opening mark where the quotation starts, or delete this one.`,
    null,
  );
}

function unclosed(context: LintContext, paragraph: Span, i: number): LintFinding {
  const mark = context.text[i] ?? "";
  const after = excerpt(context.text.slice(i + 1, paragraph.end), 40);
  return finding(
    context,
    "quote-balance",
    "warning",
    { start: i, end: i + 1 },
    `Quotation opened with ${mark} before "${after}" is never closed in this paragraph: add the closing mark.`,
    null,
  );
}

/** ` ”` or ` ”says`: the space belongs after the mark. */
function misplacedClosing(
  context: LintContext,
  paragraph: Span,
  i: number,
  mark: string,
  out: LintFinding[],
): void {
  const { text } = context;
  let start = i;
  while (start > paragraph.start && isSpace(text.charCodeAt(start - 1))) start--;
  const after = /^[\p{L}\p{N}]+/u.exec(text.slice(i + 1, Math.min(paragraph.end, i + 30)))?.[0];
  const fix = after === undefined ? mark : `${mark} `;
  const before = excerptBefore(text, paragraph, start);
  out.push(
    finding(
      context,
      "quote-balance",
      "warning",
      { start, end: i + 1 },
      `Closing quotation mark after "${before}" is spaced on the wrong side: write "${before}${mark}${after === undefined ? "" : ` ${after}`}".`,
      fix,
    ),
  );
}

/** `“ The`: an opening mark with the space after it instead of before. */
function misplacedOpening(
  context: LintContext,
  i: number,
  mark: string,
  out: LintFinding[],
  fix = mark,
): void {
  const { text } = context;
  let end = i + 1;
  while (end < text.length && isSpace(text.charCodeAt(end)) && text[end] !== "\n") end++;
  out.push(
    finding(
      context,
      "quote-balance",
      "warning",
      { start: i, end },
      fix === mark
        ? `Opening quotation mark ${mark} is followed by a space: the quotation should start right after it.`
        : `Quotation opened with a closing mark ${mark} and a space: write ${fix} right before the first word.`,
      fix,
    ),
  );
}

function excerptBefore(text: string, paragraph: Span, i: number): string {
  const from = Math.max(paragraph.start, i - 30);
  const slice = text.slice(from, i).trimEnd();
  const cut = from > paragraph.start ? slice.indexOf(" ") + 1 : 0;
  return `${from > paragraph.start ? "…" : ""}${slice.slice(cut)}`;
}

function isFurniture(context: LintContext, paragraph: Span): boolean {
  return boilerplateMatch(context.text.slice(paragraph.start, paragraph.end)) === "whole";
}

function looksOpening(at: Surroundings, i: number): boolean {
  return at.openingBefore(i) && at.wordAfterSpaces(i) && !at.closingAfter(i);
}

function looksClosing(at: Surroundings, i: number): boolean {
  return at.closingAfter(i) && !at.openingBefore(i);
}

function bothSides(at: Surroundings, i: number): boolean {
  return at.spaceBefore(i) && at.spaceAfter(i);
}
