import { initialisms } from "./initialisms.ts";
import { CALENDAR, GENERIC_CAPITALS } from "./stopwords.ts";
import type { DocumentFrequencies, SparseVector } from "./tfidf.ts";
import { plainText, type Token, tokenize } from "./tokens.ts";
import { STOP, type Vocabulary } from "./vocabulary.ts";

/** What story clustering reads from one article. */
export interface ArticleTerms {
  /** Term weights from the headline, the lead and the body (IDF is applied when compared). */
  vector: SparseVector;
  /** The distinct headline and lead terms (ascending): the set MinHash works on. */
  headlineLead: Int32Array;
  /** Names in the headline or lead (ascending term ids). */
  leadNames: Int32Array;
  /** Names anywhere in the article, plus given entities (ascending term ids). */
  names: Int32Array;
  /** Terms worth an inverted index: lead names, lead figures, given entities. */
  keys: Int32Array;
}

export interface TermsInput {
  title: string;
  text: string;
  source: string;
  entities?: readonly string[] | undefined;
}

/**
 * Where a word sits says how much it tells: the headline and the lead name the event, the
 * rest of the body drifts into background that other stories share.
 */
export const TITLE_WEIGHT = 3;
export const LEAD_WEIGHT = 2;
export const BODY_WEIGHT = 1;
/** Names (capitalized mid-sentence) and figures identify an event more than other words. */
export const NAME_BOOST = 2;
export const FIGURE_BOOST = 1.5;
/** The lead runs to the first sentence end after LEAD_MIN words, and never past LEAD_MAX. */
export const LEAD_MIN = 25;
export const LEAD_MAX = 70;
/**
 * Past this many words the body is background: reading further costs time (rebuilding the
 * index reads every article of the window) and adds noise. Near-copy fingerprints read as
 * far; the exact-copy key reads all of the text.
 */
export const BODY_MAX = 250;
/** Vectors keep at most this many terms (the most telling ones), to bound memory. */
export const MAX_TERMS = 100;

const TITLE = 0;
const LEAD = 1;
const BODY = 2;
const SECTION_WEIGHT = [TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT];
const NAME = 1;
const FIGURE = 2;
/** Seen in the headline or the lead. */
const FRONT = 4;

interface Occurrence {
  term: number;
  section: number;
  token: Token;
  /** Where a capital would mark a name: mid-sentence, in running text. */
  telling: boolean;
}

export interface Analysis {
  terms: ArticleTerms;
  /** Hashes of the body's words in order (at most BODY_MAX), for duplicate detection. */
  wordHashes: Uint32Array;
}

export function articleTerms(
  input: TermsInput,
  vocabulary: Vocabulary,
  df?: DocumentFrequencies,
): ArticleTerms {
  return analyzeArticle(input, vocabulary, df).terms;
}

/** Reads the article once for both stories and duplicates. */
export function analyzeArticle(
  input: TermsInput,
  vocabulary: Vocabulary,
  df?: DocumentFrequencies,
): Analysis {
  const { seen, wordHashes } = occurrences(input, vocabulary);
  // The article's own capitals teach the vocabulary before it decides what is a name.
  for (const { term, token, telling } of seen)
    if (telling && !token.figure) vocabulary.noteCase(term, token.capital);

  const entityIds = (input.entities ?? [])
    .filter((e) => e.trim() !== "")
    .map((e) => vocabulary.term(`@${e.trim().toLowerCase()}`));
  const { weight, flags } = vocabulary.workspace();
  const touched: number[] = [];
  try {
    for (const { term, section, token, telling } of seen) {
      if (weight[term] === 0) touched.push(term);
      weight[term] = (weight[term] as number) + (SECTION_WEIGHT[section] as number);
      let f = flags[term] as number;
      if (section !== BODY) f |= FRONT;
      if (token.figure) {
        if (token.lower.length >= 3 || token.lower.includes(".") || token.lower.includes("-"))
          f |= FIGURE;
      } else if (
        token.capital &&
        (f & NAME) === 0 &&
        (telling ||
          isAcronym(token) ||
          (token.upper && token.length > 3) ||
          vocabulary.isName(term)) &&
        !CALENDAR.has(token.lower) &&
        !GENERIC_CAPITALS.has(token.lower)
      ) {
        f |= NAME;
      }
      flags[term] = f;
    }
    const boosted = (t: number) => {
      const f = flags[t] as number;
      return (
        Math.log1p(weight[t] as number) * (f & NAME ? NAME_BOOST : f & FIGURE ? FIGURE_BOOST : 1)
      );
    };
    let ids = Int32Array.from(touched);
    if (ids.length > MAX_TERMS) {
      // Keep the MAX_TERMS most telling terms: cut at the MAX_TERMS-th best score.
      const scores = Float64Array.from(ids, (t) => boosted(t) * (df ? df.idf(t) : 1));
      const cut = Float64Array.from(scores).sort()[ids.length - MAX_TERMS] as number;
      const kept: number[] = [];
      for (let i = 0; i < ids.length && kept.length < MAX_TERMS; i++)
        if ((scores[i] as number) > cut) kept.push(ids[i] as number);
      for (let i = 0; i < ids.length && kept.length < MAX_TERMS; i++)
        if (scores[i] === cut) kept.push(ids[i] as number);
      ids = Int32Array.from(kept);
    }
    ids.sort();
    const names: number[] = [...entityIds];
    const leadNames: number[] = [...entityIds];
    const keys = new Set<number>(entityIds);
    const front: number[] = [];
    for (const t of touched) {
      const f = flags[t] as number;
      if (f & NAME) names.push(t);
      if (!(f & FRONT)) continue;
      front.push(t);
      if (f & NAME) leadNames.push(t);
      if (f & (NAME | FIGURE)) keys.add(t);
    }
    const terms: ArticleTerms = {
      vector: { ids, weights: Float32Array.from(ids, boosted) },
      headlineLead: Int32Array.from(front).sort(),
      leadNames: sortedIds(leadNames),
      names: sortedIds(names),
      keys: Int32Array.from(keys),
    };
    return { terms, wordHashes };
  } finally {
    for (const t of touched) {
      weight[t] = 0;
      flags[t] = 0;
    }
  }
}

/** Every counted term of the headline and the body, with its section. */
function occurrences(
  input: TermsInput,
  vocabulary: Vocabulary,
): { seen: Occurrence[]; wordHashes: Uint32Array } {
  const skip = sourceTerms(input.source, vocabulary);
  const seen: Occurrence[] = [];
  const titleTokens = tokenize(plainText(input.title), vocabulary);
  // In Title Case Headlines every word is capitalized, so capitals tell nothing there.
  let words = 0;
  let capitals = 0;
  for (const t of titleTokens) {
    if (t.figure || vocabulary.entryTerm(t.entry) === STOP) continue;
    words++;
    if (t.capital) capitals++;
  }
  const titleCase = words >= 3 && capitals / words >= 0.6;
  for (const token of titleTokens) {
    const term = termOf(token, vocabulary, skip);
    if (term !== STOP)
      seen.push({ term, section: TITLE, token, telling: !titleCase && !token.initial });
  }
  if (!titleCase) addInitialisms(titleTokens, () => TITLE, vocabulary, seen);

  const bodyTokens = tokenize(plainText(input.text), vocabulary, BODY_MAX);
  const sections = new Uint8Array(bodyTokens.length);
  const wordHashes = new Uint32Array(bodyTokens.length);
  let section = LEAD;
  for (let i = 0; i < bodyTokens.length; i++) {
    const token = bodyTokens[i] as Token;
    wordHashes[i] = vocabulary.entryHash(token.entry);
    if (section === LEAD && ((i >= LEAD_MIN && token.sentenceEnd) || i >= LEAD_MAX)) section = BODY;
    sections[i] = section;
    const term = termOf(token, vocabulary, skip);
    if (term !== STOP) seen.push({ term, section, token, telling: !token.initial });
  }
  addInitialisms(bodyTokens, (i) => sections[i] as number, vocabulary, seen);
  return { seen, wordHashes };
}

function termOf(token: Token, vocabulary: Vocabulary, skip: ReadonlySet<number>): number {
  let term: number;
  // Single digits and years are in too many stories to tell any two apart.
  if (token.figure) {
    if (token.lower.length < 2 || /^(19|20)\d\d$/.test(token.lower)) return STOP;
    term = vocabulary.entryTerm(token.entry);
  }
  // "US", "UK", "EU": capitals make them names, not the stopwords they spell.
  else if (isAcronym(token)) term = vocabulary.term(token.lower);
  else term = vocabulary.entryTerm(token.entry);
  return skip.has(term) ? STOP : term;
}

function isAcronym(token: Token): boolean {
  return token.upper && token.length <= 5;
}

function addInitialisms(
  list: readonly Token[],
  sectionOf: (index: number) => number,
  vocabulary: Vocabulary,
  seen: Occurrence[],
): void {
  for (const { initials, end } of initialisms(list)) {
    const token: Token = {
      entry: vocabulary.entry(initials),
      lower: initials,
      length: initials.length,
      figure: false,
      capital: true,
      upper: true,
      initial: false,
      sentenceEnd: false,
      joined: false,
    };
    seen.push({ term: vocabulary.term(initials), section: sectionOf(end), token, telling: false });
  }
}

/** An outlet's own name in its copy ("LONDON (Reuters) –") says nothing about the event. */
function sourceTerms(source: string, vocabulary: Vocabulary): ReadonlySet<number> {
  const out = new Set<number>();
  for (const w of plainText(source)
    .toLowerCase()
    .match(/\p{L}{3,}/gu) ?? []) {
    const term = vocabulary.word(w);
    if (term !== STOP && w !== "daily" && w !== "com" && w !== "org" && w !== "net") out.add(term);
  }
  return out;
}

function sortedIds(ids: number[]): Int32Array {
  return Int32Array.from(new Set(ids)).sort();
}
