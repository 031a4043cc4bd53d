// ECB+ news as copy for the lint evaluation: the 982 real articles of the clustering set
// (bench/quality/real-sets.ts), with the corpus tokeniser's spacing undone so that the text
// reads as the outlet published it, and the hand-reviewed list of the defects the originals
// really have (lint-ecbplus-reviewed.json). Tune on topics 1–35; report on 36–45.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { GoldDefect, LabelledCopy } from "./lint-eval.ts";
import { ECBPLUS_FILE, ecbplusParts } from "./real-sets.ts";

// Beside this file, not in lint/: everything under lint/ is labelled copy.
export const REVIEWED_FILE = fileURLToPath(
  new URL("./lint-ecbplus-reviewed.json", import.meta.url),
);

/** A finding on an unplanted ECB+ text that a person would call a defect of the text. */
export interface ReviewedDefect {
  id: string;
  rule: string;
  /** The passage as it stands in the detokenised text (its first occurrence is the defect). */
  passage: string;
  /** "crawl": in the page as the corpus authors saved it; "corpus": left by its tokeniser. */
  origin: "crawl" | "corpus";
  reason: string;
}

export function reviewedDefects(file = REVIEWED_FILE): ReviewedDefect[] {
  return JSON.parse(readFileSync(file, "utf8")) as ReviewedDefect[];
}

/**
 * The corpus stores each document as tokens, re-joined one sentence a line: double quotes
 * as spaced straight marks, as `` and '', or as typographic marks spaced off their words
 * (“ The “ Mean Girls ” star), sometimes a straight mark paired with a typographic one;
 * apostrophes spaced (Lohan ’ s); abbreviations and host names split at their stops (a. m.,
 * TMZ. com, www. nlm. nih.gov, iexplore. exe, http: / /); times split at the colon (1: 30). Undo exactly that: every double quote
 * becomes “ or ” (which one by its spacing when that tells, else by its glyph, else by
 * order) set against its word; a straight mark spaced on both sides between a sentence's
 * stop and a capital inside a quotation opens a new paragraph of it; and a quotation the sentence split ran over several lines is
 * put back on one line (the corpus keeps no paragraphs; one sentence a line otherwise).
 * Nothing else is touched: a defect of the original stays in. `directed`: the document's ``
 * and '' were set by a tokeniser that tells opening from closing (the ECB documents); in the
 * ECB+ documents they are straight marks like any other.
 */
export function detokenize(text: string, directed = false): string {
  const paragraphs: string[] = [];
  let inside = false;
  let joining = false;
  let carry = false;
  for (const raw of text.split("\n")) {
    const line = raw
      .replace(/``/g, directed ? "“" : '"')
      .replace(/''/g, directed ? "”" : '"')
      .replace(/(\p{L})\s+’\s*(s|t|re|ve|ll|d|m)\b/gu, "$1’$2")
      .replace(/([\p{L}.!?,])\s+’(?=[\s.,;:!?”"]|$)/gu, "$1’")
      .replace(/‘\s+/g, "‘")
      .replace(/\b([ap])\. m\.?(?=[\s,;:)]|$)/g, "$1.m.")
      .replace(/(\w)\. (com|org|net|gov|edu|co\.uk|tv)\b/g, "$1.$2")
      .replace(/\bhttps?: \/ \/ /g, (m) => m.replace(/ /g, ""))
      .replace(/\bwww\. /g, "www.")
      .replace(/(\w)\. (\w+)(?=\.(?:com|org|net|gov|edu|uk)\b)/g, "$1.$2")
      .replace(/(\w)\. (dll|exe|html?|php|aspx?|pdf|jpg)\b/g, "$1.$2")
      .replace(/(\d): (\d\d)(?!\d)/g, "$1:$2");
    let glue = false;
    let fresh = false;
    const carried = carry;
    carry = false;
    if (carried) inside = true;
    const replaced = line.replace(/\s*["“”]\s*/g, (m, offset: number) => {
      const mark = m.trim();
      const rest = line.slice(offset + m.length);
      const end = rest === "";
      const spaceBefore = offset === 0 || /^\s/.test(m) || /[([{—–-]$/.test(line.slice(0, offset));
      const spaceAfter = end || /\s$/.test(m) || /^[.,;:!?)\]]/.test(rest);
      if (inside && /[.!?]$/.test(line.slice(0, offset)) && /^\p{Lu}/u.test(rest)) {
        // Between a stop and a capital inside a quotation, with the next mark a closing one:
        // the quotation runs on into a new paragraph, which opens with a mark again (the
        // sentence split left that mark at the end of the previous sentence).
        const next = /["“”]/.exec(rest);
        if (next !== null && /\S/.test(rest[next.index - 1] ?? " ")) return "\n“";
      }
      let opens: boolean;
      if (end && offset > 0 && !inside && mark !== "”" && /[.!?,:]$/.test(line.slice(0, offset))) {
        // Outside a quotation, a mark after the line's last stop opens the next line: the
        // sentence split left it behind.
        carry = true;
        return "";
      }
      if (end && offset > 0) {
        // Nothing follows: a mark at the end of a line closes.
        opens = false;
      } else if (offset === 0 && joining && inside && mark !== "“" && /\s$/.test(m)) {
        // The quotation of the line before closes here: the split put its mark on this line.
        opens = false;
        glue = true;
      } else if (offset === 0) {
        // A line that opens with a mark inside a quotation is its next paragraph.
        opens = true;
        if (joining && inside) fresh = true;
      } else if (spaceBefore !== spaceAfter) opens = spaceBefore;
      else if (mark === "“") opens = true;
      else if (mark === "”") opens = false;
      else opens = !inside;
      inside = opens;
      const lead = offset === 0 ? "" : " ";
      const tail = end ? "" : " ";
      return opens ? `${spaceBefore ? lead : ""}“` : `”${spaceAfter ? tail : ""}`;
    });
    const marked = carried ? `“${replaced}` : replaced;
    if (carried) joining = true;
    if (joining && !fresh && paragraphs.length > 0) {
      paragraphs[paragraphs.length - 1] += glue ? marked : ` ${marked}`;
    } else paragraphs.push(marked);
    joining = inside;
  }
  return paragraphs.join("\n");
}

export interface EcbplusCopies {
  role: "tune" | "report";
  split: string;
  copies: LabelledCopy[];
}

/** The tuning and the reported ECB+ copies, with the reviewed defects as gold; [] when absent. */
export function ecbplusCopies(file = ECBPLUS_FILE): EcbplusCopies[] {
  const reviewed = reviewedDefects();
  return ecbplusParts(file).map((part) => ({
    role: part.role,
    split: part.split,
    copies: part.articles.map((a) => {
      // The ECB documents' `` and '' say which way they face; the ECB+ ones' do not.
      const directed = a.id.endsWith("ecb");
      const text = detokenize(a.text, directed);
      return {
        id: `ecbplus/${a.id}`,
        headline: detokenize(a.title, directed),
        text,
        defects: reviewedGold(`ecbplus/${a.id}`, text, reviewed),
      };
    }),
  }));
}

/** The reviewed defects of one copy as spans into `text` (first occurrence); `strict`: each must be there. */
export function reviewedGold(
  id: string,
  text: string,
  reviewed: readonly ReviewedDefect[] = reviewedDefects(),
  strict = true,
): GoldDefect[] {
  const out: GoldDefect[] = [];
  for (const r of reviewed) {
    if (`ecbplus/${r.id}` !== id && r.id !== id) continue;
    const start = text.indexOf(r.passage);
    // A planted cut may take a reviewed passage away with it.
    if (start < 0 && !strict) continue;
    if (start < 0) throw new Error(`${REVIEWED_FILE}: "${r.passage}" not in ${id}`);
    out.push({ rule: r.rule, start, end: start + r.passage.length });
  }
  return out;
}
