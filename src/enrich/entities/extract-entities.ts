import { slugify } from "../../domain/slug.ts";
import {
  classifyRun,
  type NewName,
  type RunVerdict,
  type Sibling,
  type Unsure,
} from "./classify-run.ts";
import { kindsFromCompromise } from "./compromise-pass.ts";
import { type Gazetteer, gazetteer, type KnownName } from "./gazetteer.ts";
import { type LearnedEntity, LearnedNames } from "./learned-names.ts";
import { knownAt, type NameRun, readRun } from "./name-runs.ts";
import { wordKey } from "./normalize.ts";
import { type Token, tokenize } from "./tokenize.ts";
import type { Entities, EntitiesInput, Entity, EntityKind, Span } from "./types.ts";
import { isCommonWord, lexiconKind } from "./word-lexicon.ts";

const ACRONYM_AFTER = /^\s*\((\p{Lu}[\p{Lu}\p{N}&-]{1,9})\)/u;

/**
 * People, places and organisations in an article. The gazetteer and alias table name the
 * well-known; runs of capitalised words in the article, read with titles, given names and
 * the words around them (compromise for the few left unsure), name the rest; then every
 * known and learned name is counted across headline, standfirst and text.
 */
export function extractEntities(
  input: EntitiesInput,
  options: { compromiseBudget?: number } = {},
): Entities {
  const standfirst = input.standfirst?.trim() ? input.standfirst : null;
  const doc = [input.headline, standfirst, input.text].filter((p) => p !== null).join("\n\n");
  const textStart = doc.length - input.text.length;
  const tokens = tokenize(doc);
  const { trie } = gazetteer();
  const known = knownNames(trie, tokens);

  const learned = new LearnedNames();
  const unsure: Unsure[] = [];
  // A text in capitals shows no names by its capitals: only known names are taken from it.
  const skipUntil = shouting(tokens)
    ? tokens.length
    : titleCaseHeadlineEnd(tokens, input.headline.length);
  let sibling: Sibling | null = null;
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as Token;
    if (!token.cap && known(i) === null) {
      i++;
      continue;
    }
    const run = readRun(trie, tokens, i);
    i = Math.max(run.to, i + 1);
    if (run.from < skipUntil) continue;
    for (const segment of run.segments) {
      if (segment.type === "known" && segment.to - segment.from >= 2) {
        learnFromKnown(learned, segment.known);
      }
    }
    const verdict = classifyRun(doc, tokens, run, listedAfter(doc, tokens, sibling, run.from));
    for (const name of verdict.names) learn(learned, doc, tokens, name);
    for (const span of verdict.ignored) learned.ignore(spanText(doc, tokens, span.from, span.to));
    unsure.push(...verdict.unsure);
    sibling = lastName(run, verdict);
  }
  resolveUnsure(learned, doc, tokens, unsure, options.compromiseBudget);
  learned.addSurnames();
  learned.addSingles();

  return countMentions(doc, tokens, textStart, learned, known);
}

type KnownAt = ReturnType<typeof knownAt>;

/**
 * knownAt() for this article's tokens, each asked once: the scan for runs and the count of
 * mentions both ask at most words (the gazetteer does not change in between).
 */
function knownNames(trie: Gazetteer["trie"], tokens: readonly Token[]): (index: number) => KnownAt {
  const memo: (KnownAt | undefined)[] = new Array(tokens.length);
  return (index) => {
    let found = memo[index];
    if (found === undefined) {
      found = knownAt(trie, tokens, index);
      memo[index] = found;
    }
    return found;
  };
}

/**
 * Names no rule could place. Those a learned name already covers are done; one word gets
 * what compromise's lexicon says of it (all its tagger would consult for a lone word);
 * "Virat Kohli" is a person when "Kohli" alone was one; compromise tags the rest in their
 * sentences, within its budget.
 */
function resolveUnsure(
  learned: LearnedNames,
  doc: string,
  tokens: readonly Token[],
  unsure: readonly Unsure[],
  compromiseBudget: number | undefined,
): void {
  const singles = new Set(learned.singleKeys());
  const forCompromise: Unsure[] = [];
  for (const u of unsure) {
    const length = u.to - u.from;
    const match = learned.trie.longestAt(tokens, u.from);
    if (match !== null && match.length >= length) continue;
    if (length === 1) {
      const kind = lexiconKind((tokens[u.from] as Token).key);
      if (kind !== null) learn(learned, doc, tokens, { kind, from: u.from, to: u.to });
    } else if (length <= 3 && singles.has((tokens[u.to - 1] as Token).key)) {
      learn(learned, doc, tokens, { kind: "person", from: u.from, to: u.to });
    } else {
      forCompromise.push(u);
    }
  }
  const kinds = kindsFromCompromise(doc, tokens, forCompromise, compromiseBudget);
  forCompromise.forEach((u, index) => {
    const kind = kinds[index];
    if (kind) learn(learned, doc, tokens, { kind, from: u.from, to: u.to });
  });
}

/**
 * A known name written in full teaches the article its short forms: after "Imran Khan" a
 * bare "Khan" is him, after "Indian National Congress" a bare "Congress" is the party.
 */
function learnFromKnown(learned: LearnedNames, known: KnownName): void {
  const { entity } = known;
  if (entity.kind === "person") learned.knownPerson(entity.name);
  if (entity.shadowed.length === 0 || learned.has(entity.kind, entity.name)) return;
  const same = learned.add(entity.kind, entity.name);
  for (const form of entity.shadowed) learned.alias(same, form);
}

/** The run's last name, which the next run may continue as a list ("Kisumu and Busia"). */
function lastName(run: NameRun, verdict: RunVerdict): Sibling | null {
  let best: Sibling | null = null;
  for (const segment of run.segments) {
    if (
      segment.type === "known" &&
      !segment.known.demonym &&
      (best === null || segment.to > best.end)
    )
      best = { kind: segment.known.entity.kind, end: segment.to };
  }
  for (const name of verdict.names) {
    if (best === null || name.to >= best.end) best = { kind: name.kind, end: name.to };
  }
  return best;
}

/** The sibling when only ", " or " and "/" or " stands between it and `from`. */
function listedAfter(
  doc: string,
  tokens: readonly Token[],
  sibling: Sibling | null,
  from: number,
): Sibling | null {
  if (sibling === null || sibling.end === 0) return null;
  const before = tokens[sibling.end - 1] as Token;
  const start = tokens[from] as Token;
  if (start.initial) return null;
  if (sibling.end === from)
    return /^,[ \t]+$/.test(doc.slice(before.end, start.start)) ? sibling : null;
  const word = tokens[sibling.end] as Token;
  if (
    sibling.end + 1 === from &&
    (word.key === "and" || word.key === "or") &&
    word.joined &&
    start.joined
  )
    return sibling;
  return null;
}

function learn(learned: LearnedNames, doc: string, tokens: readonly Token[], name: NewName): void {
  const last = tokens[name.to - 1] as Token;
  const { trie } = gazetteer();
  const known = trie.longestAt(tokens, name.from);
  if (known !== null && known.length === name.to - name.from) return;
  const text = spanText(doc, tokens, name.from, name.to);
  const entity = learned.add(name.kind, text);
  const acronym = ACRONYM_AFTER.exec(doc.slice(last.end, last.end + 16));
  if (acronym?.[1] && !last.possessive) learned.alias(entity, acronym[1]);
}

function spanText(doc: string, tokens: readonly Token[], from: number, to: number): string {
  return doc
    .slice((tokens[from] as Token).start, (tokens[to - 1] as Token).end)
    .replace(/\s+/g, " ");
}

/**
 * A headline in Title Case Capitalises Every Word, so its runs say nothing: only names
 * known or learned from the body are taken from it. Returns the index of the first token
 * after such a headline, or 0.
 */
function titleCaseHeadlineEnd(tokens: readonly Token[], headlineLength: number): number {
  let end = 0;
  let words = 0;
  let capitalised = 0;
  while (end < tokens.length && (tokens[end] as Token).start < headlineLength) {
    const token = tokens[end] as Token;
    if (token.key.length > 3 && !isCommonWordShort(token.key)) {
      words++;
      if (token.cap) capitalised++;
    }
    end++;
  }
  return words >= 3 && capitalised / words >= 0.75 ? end : 0;
}

function shouting(tokens: readonly Token[]): boolean {
  let upper = 0;
  for (const token of tokens) if (token.upper) upper++;
  return tokens.length >= 20 && upper / tokens.length > 0.5;
}

function isCommonWordShort(key: string): boolean {
  return key === "with" || key === "from" || key === "into" || key === "over" || key === "than";
}

interface Tally {
  kind: EntityKind;
  name: string;
  aliases: string[];
  mentions: number;
  spans: Span[];
  first: number;
  /** False while only "Russian" has been seen, never "Russia". */
  named: boolean;
}

function countMentions(
  doc: string,
  tokens: readonly Token[],
  textStart: number,
  learned: LearnedNames,
  knownName: (index: number) => KnownAt,
): Entities {
  const tallies = new Map<string, Tally>();
  for (let i = 0; i < tokens.length; ) {
    const known = knownName(i);
    const fresh = learned.trie.longestAt(tokens, i);
    let length: number;
    let kind: EntityKind;
    let name: string;
    let demonym = false;
    if (fresh !== null && (known === null || fresh.length >= known.length)) {
      const value: LearnedEntity = fresh.value;
      if (value.kind === "none") {
        i += fresh.length;
        continue;
      }
      ({ kind, name } = { kind: value.kind, name: value.name });
      length = fresh.length;
    } else if (known !== null) {
      const value: KnownName = known.value;
      ({ kind, name } = value.entity);
      demonym = value.demonym;
      length = known.length;
    } else {
      i++;
      continue;
    }
    const first = tokens[i] as Token;
    const last = tokens[i + length - 1] as Token;
    if (length === 1 && first.initial && !fresh && isCommonWord(first.key) && !first.upper) {
      i++;
      continue;
    }
    const id = `${kind}:${wordKey(name)}`;
    let tally = tallies.get(id);
    if (tally === undefined) {
      tally = { kind, name, aliases: [], mentions: 0, spans: [], first: first.start, named: false };
      tallies.set(id, tally);
    }
    const surface = doc.slice(first.start, last.end).replace(/\s+/g, " ");
    if (surface !== name && !tally.aliases.includes(surface)) tally.aliases.push(surface);
    tally.mentions++;
    if (!demonym) tally.named = true;
    if (first.start >= textStart) {
      tally.spans.push({ start: first.start - textStart, end: last.end - textStart });
    }
    i += length;
  }
  const result: Entities = { people: [], places: [], organisations: [] };
  const ordered = [...tallies.values()]
    .filter((t) => t.named)
    .sort((a, b) => b.mentions - a.mentions || a.first - b.first);
  for (const tally of ordered) {
    const entity: Entity = {
      name: tally.name,
      slug: slugOf(tally.name),
      aliases: tally.aliases,
      mentions: tally.mentions,
      spans: tally.spans,
    };
    if (tally.kind === "person") result.people.push(entity);
    else if (tally.kind === "place") result.places.push(entity);
    else result.organisations.push(entity);
  }
  return result;
}

/** Names come back article after article: each is slugged once (bounded, like wordKey's keys). */
const SLUGS = new Map<string, string>();
const MAX_SLUGS = 20_000;

function slugOf(name: string): string {
  let slug = SLUGS.get(name);
  if (slug === undefined) {
    slug = slugify(name);
    if (SLUGS.size >= MAX_SLUGS) SLUGS.clear();
    SLUGS.set(name, slug);
  }
  return slug;
}
