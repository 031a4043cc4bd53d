import { LEAD_MAX, LEAD_MIN } from "./article-terms.ts";
import { foreignMonth } from "./month-names.ts";
import { CALENDAR, GENERIC_CAPITALS } from "./stopwords.ts";
import type { SparseVector } from "./tfidf.ts";
import { plainText, type Token, tokenize } from "./tokens.ts";
import { STOP, type Vocabulary } from "./vocabulary.ts";

/**
 * One article read several ways, as Miranda et al. (EMNLP 2018) compare a report with a
 * story: the headline, the lead and the rest of the body apart (a headline names the event,
 * a body drifts into background), the names, and the figures and dates. Each is a
 * term-frequency vector scaled to unit length, so a long article weighs no more in a
 * story's centroid than a one-line link item; IDF is applied when compared.
 */
export interface Representations {
  title: SparseVector;
  lead: SparseVector;
  body: SparseVector;
  names: SparseVector;
  figures: SparseVector;
  /** Years named in the text: two events of one kind (two elections, two offers) are told apart by them. */
  years: SparseVector;
}

export const REPRESENTATIONS = ["title", "lead", "body", "names", "figures", "years"] as const;
export type RepresentationName = (typeof REPRESENTATIONS)[number];

/** Words of the body read for these vectors: the first part of an article tells the event. */
const BODY_WORDS = 400;
const YEAR = /^(19|20)\d\d$/;
const MONTHS = new Set(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);

export function readRepresentations(
  input: { title: string; text: string; entities?: readonly string[] | undefined },
  vocabulary: Vocabulary,
): Representations {
  const title = new Map<number, number>();
  const lead = new Map<number, number>();
  const body = new Map<number, number>();
  const names = new Map<number, number>();
  const figures = new Map<number, number>();
  const years = new Map<number, number>();
  const titleTokens = tokenize(plainText(input.title), vocabulary);
  let capitals = 0;
  let words = 0;
  for (const t of titleTokens) {
    if (t.figure || vocabulary.entryTerm(t.entry) === STOP) continue;
    words++;
    if (t.capital) capitals++;
  }
  // In a Title Case Headline every word has a capital: only learned names count there.
  const titleCase = words >= 3 && capitals / words >= 0.6;
  for (const t of titleTokens) read(t, title, !titleCase && !t.initial);
  const bodyTokens = tokenize(plainText(input.text), vocabulary, BODY_WORDS);
  let inLead = true;
  for (let i = 0; i < bodyTokens.length; i++) {
    const t = bodyTokens[i] as Token;
    if (inLead && ((i >= LEAD_MIN && t.sentenceEnd) || i >= LEAD_MAX)) inLead = false;
    read(t, inLead ? lead : body, !t.initial);
  }
  for (const e of input.entities ?? [])
    if (e.trim() !== "") bump(names, vocabulary.term(`@${e.trim().toLowerCase()}`));
  return {
    title: unit(title),
    lead: unit(lead),
    body: unit(body),
    names: unit(names),
    figures: unit(figures),
    years: unit(years),
  };

  function read(t: Token, section: Map<number, number>, telling: boolean): void {
    if (t.figure) {
      if (t.lower.length >= 2) bump(figures, vocabulary.term(`#${t.lower}`));
      if (YEAR.test(t.lower)) bump(years, vocabulary.term(`#${t.lower}`));
      return;
    }
    const month = MONTHS.has(t.lower) ? t.lower.slice(0, 3) : foreignMonth(t.lower);
    if (month !== undefined) bump(figures, vocabulary.term(`#${month}`));
    const term = vocabulary.entryTerm(t.entry);
    if (term === STOP) return;
    bump(section, term);
    if (
      t.capital &&
      (telling || (t.upper && t.length <= 5) || vocabulary.isName(term)) &&
      !CALENDAR.has(t.lower) &&
      !GENERIC_CAPITALS.has(t.lower)
    )
      bump(names, term);
  }
}

function bump(map: Map<number, number>, term: number): void {
  map.set(term, (map.get(term) ?? 0) + 1);
}

function unit(map: Map<number, number>): SparseVector {
  const ids = Int32Array.from(map.keys()).sort();
  const weights = new Float32Array(ids.length);
  let norm = 0;
  for (let i = 0; i < ids.length; i++) {
    const w = Math.sqrt(map.get(ids[i] as number) as number);
    weights[i] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) / norm;
  return { ids, weights };
}
