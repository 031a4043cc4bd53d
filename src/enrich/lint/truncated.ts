import type { LintFinding } from "../../domain/enrichment.ts";
import type { Span } from "../text-spans.ts";
import { boilerplateMatch, lastCopySentence, READ_ON } from "./boilerplate.ts";
import { finding, type LintContext } from "./context.ts";

/**
 * `truncated`: copy that stops before its end, as feeds that carry only a teaser leave it:
 * a body ending in "…", "[…]", "Read more" or "Continue reading", or in the middle of a
 * sentence (on a comma, or on a word like "the" or "of", or a long sentence with no stop).
 * Web furniture after the end (share prompts) is skipped first. Credit and sign-off lines
 * ("Reporting by…", "Photograph: …") and the last item of a list end without a stop and
 * are left alone.
 */

const BRACKETED_ELLIPSIS = /[[(]\s*(?:…|\.{3})\s*[\])]$/;
const ELLIPSIS = /(?:…|\.{3})$/;
const TERMINAL = /(?:[.!?…)\]]|[.!?…][”"’'»)]+)$/;
const MID_SENTENCE = /[,;:–—-]$/;

const SIGN_OFF =
  /^[([]?(?:reporting|writing|editing|edited|additional reporting|with reporting|compiled|contributed|produced|translated|research|graphics?|photos?|photographs?|pictures?|video|images?|sources?|credits?|illustrations?|by|via|tags?|topics?|filed under)\b|contributed to this (?:report|story)|^[—–-]|\S+@\S+\.\S+$|https?:\/\/\S+$|www\.\S+$/i;

/** Words a finished sentence does not end on. */
const DANGLING = new Set(
  (
    "the a an of to and or but nor in on at for with from by as that which who whose whom " +
    "is are was were be been has have had will would could should can may might must " +
    "his her their its our my your than into about between over under after before " +
    "because while if although when where this these those such very more most until " +
    "unless whether including against through during without within towards toward " +
    "despite among amid across around upon via like whereas whom"
  ).split(" "),
);

/** A sentence with at least this many words and no full stop is taken as cut off. */
const LONG_SENTENCE = 4;
const TITLE_WORDS = 7;
/** List items are short lines. */
const LIST_ITEM_WORDS = 20;

export function truncated(context: LintContext): LintFinding[] {
  const last = lastCopySentence(context);
  if (last === null) return [];
  const { text } = context;
  const body = text.slice(last.start, last.end).trimEnd();
  const end = last.start + body.length;
  const report = (span: Span, message: string, fix: string | null) => [
    finding(context, "truncated", "error", span, message, fix),
  ];
  if (READ_ON.test(body)) {
    return report(
      last,
      `The copy ends with "${body}": the feed carried only the start of the article. Fetch the full text, or delete the link text.`,
      "",
    );
  }
  const bracketed = BRACKETED_ELLIPSIS.exec(body);
  if (bracketed !== null) {
    return report(
      { start: last.start + bracketed.index, end },
      `The copy ends with "${bracketed[0]}": the rest of the article was cut. Restore it from the source.`,
      null,
    );
  }
  // "Hope springs eternal....": a stop after the ellipsis ends the sentence; a line that
  // opens with an ellipsis too ("… in case you're wondering, …") is an aside, not a cut.
  if (ELLIPSIS.test(body) && !/\.{4}$/.test(body) && !/^(?:…|\.{3})\s*[\p{L}\p{N}]/u.test(body)) {
    return report(
      last,
      "The copy ends with an ellipsis: the rest of the article was probably cut. Restore it from the source.",
      null,
    );
  }
  if (TERMINAL.test(body)) return [];
  const paragraph = context.paragraphs.find((p) => p.start <= last.start && last.end <= p.end);
  const lead = paragraph === undefined ? body : text.slice(paragraph.start, paragraph.end);
  if (SIGN_OFF.test(lead) || SIGN_OFF.test(body) || dateStamp(body)) return [];
  const words = body.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const lastWord = (words[words.length - 1] ?? "").toLowerCase();
  // A paragraph whose earlier sentences ended properly and whose last one does not was cut.
  const afterSentences = paragraph !== undefined && paragraph.start < last.start;
  const cut =
    MID_SENTENCE.test(body) ||
    (words.length >= 3 && DANGLING.has(lastWord)) ||
    (afterSentences && words.length >= 2) ||
    (words.length >= LONG_SENTENCE && !titleLike(body, words) && !endsList(context, last));
  if (!cut) return [];
  return report(
    last,
    `The copy stops mid-sentence ("…${body.slice(-40).replace(/^\S*\s/, "")}"): the end was probably cut off. Restore it from the source.`,
    null,
  );
}

/**
 * The last paragraph ends a list: the one before it (web furniture aside) is a short line
 * without a final stop, or ends in a colon.
 */
function endsList(context: LintContext, last: Span): boolean {
  const { paragraphs, text } = context;
  for (let k = paragraphs.length - 1; k >= 0; k--) {
    const p = paragraphs[k] as Span;
    if (p.start >= last.start) continue;
    const body = text.slice(p.start, p.end);
    if (boilerplateMatch(body) === "whole") continue;
    if (body.endsWith(":")) return true;
    return !TERMINAL.test(body) && body.split(/\s+/).length <= LIST_ITEM_WORDS;
  }
  return false;
}

/** A short line of mostly capitalised words: a heading, a title or a credit, not a sentence. */
function titleLike(body: string, words: readonly string[]): boolean {
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return words.length <= TITLE_WORDS && !body.includes(",") && capitalised * 2 > words.length;
}

const STAMP_WORDS =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b\.?|(?:\b|(?<=\d))(?:[ap]\.m\.|am|pm|et|pt|gmt|utc|[ecmp][sd]t|cet|cest|bst|updated|posted|published|date|last)\b|[\d\s,.:;|/–—+-]/gi;

/** A date or time stamp ("Dec. 18 - 11:14 pm et", "April 24, 2013 - 4:45pm"): page furniture. */
function dateStamp(body: string): boolean {
  return /\d/.test(body) && body.length <= 60 && body.replace(STAMP_WORDS, "") === "";
}
