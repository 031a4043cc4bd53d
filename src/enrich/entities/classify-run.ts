import { cuesAround } from "./context-cues.ts";
import { EVENT_WORDS, NEVER_NAMES, ORGANISATION_HEADS, PLACE_MODIFIERS } from "./cue-words.ts";
import { organisationSpan, placeSpan } from "./head-words.ts";
import type { NameRun, Segment } from "./name-runs.ts";
import {
  adjacent,
  followsInList,
  type KnownSegment,
  lastTitle,
  splitAtAnd,
  trimLeading,
  wordsOf,
} from "./segment-rules.ts";
import type { Token } from "./tokenize.ts";
import type { EntityKind } from "./types.ts";
import { isCommonWord, isDateWord, isGivenName, isKnownSurname } from "./word-lexicon.ts";

/** A name the gazetteer does not know, found in this article: tokens `[from, to)`. */
export interface NewName {
  kind: EntityKind;
  from: number;
  to: number;
}

/** Words that may be a name but nothing around them says what kind: compromise decides. */
export interface Unsure {
  from: number;
  to: number;
}

export interface RunVerdict {
  names: NewName[];
  unsure: Unsure[];
  /** Names of things we do not list (the "Paris Agreement"): their words are no mentions. */
  ignored: Unsure[];
}

/** The name just before this run, for "Kisumu and Busia", "Karim Adeyemi and Niclas Füllkrug". */
export interface Sibling {
  kind: EntityKind;
  /** Token index just after it. */
  end: number;
}

const ADJECTIVE = /(ian|ean|ese|ish|ic|ist)$/;

/**
 * Known names side by side that make one organisation: a place before organisations
 * ("Nigeria Labour Congress", "Kenya Red Cross"), or an organisation's branch in a country
 * ending the run ("Amnesty International Kenya").
 */
function knownOrganisation(
  tokens: readonly Token[],
  segments: readonly Segment[],
  k: number,
): { from: number; to: number; lastSegment: number } | null {
  const segment = segments[k] as KnownSegment;
  const next = adjacent(segments[k + 1], segment.to, "after");
  const { kind } = segment.known.entity;
  if (
    kind === "organisation" &&
    next?.known.entity.kind === "place" &&
    !next.known.demonym &&
    segments[k + 2] === undefined
  ) {
    return { from: segment.from, to: next.to, lastSegment: k + 1 };
  }
  if (kind !== "place" || segment.known.demonym || (tokens[segment.from] as Token).upper)
    return null;
  let last = k;
  while (
    adjacent(segments[last + 1], (segments[last] as Segment).to, "after")?.known.entity.kind ===
    "organisation"
  )
    last++;
  const end = (segments[last] as Segment).to;
  // The run must end there: "US Federal Reserve Chair …" is no new organisation.
  if (last === k || segments[last + 1]?.from === end) return null;
  return { from: segment.from, to: end, lastSegment: last };
}

/** Honorifics that make a person of the place name after them: "Princess Charlotte". */
const HONORIFICS = new Set(
  "mr mrs ms dr king queen prince princess pope lord lady sir dame saint st".split(" "),
);

/** A name for the verdict (when it has words); it is the sibling a following list item joins. */
function named(verdict: RunVerdict, kind: EntityKind, from: number, to: number): Sibling {
  if (to > from) verdict.names.push({ kind, from, to });
  return { kind, end: to };
}

/**
 * Decides what the unknown words in one run are: organisation heads first ("National
 * Academy of Sciences"), then place heads ("Amur River"), then names built on a known word
 * ("Michael Jordan", "Daniil Medvedev"), then titles, given names and the words around.
 */
export function classifyRun(
  text: string,
  tokens: readonly Token[],
  run: NameRun,
  sibling: Sibling | null = null,
): RunVerdict {
  const segments = splitAtAnd(tokens, trimLeading(tokens, run.segments));
  const verdict: RunVerdict = { names: [], unsure: [], ignored: [] };
  const used = new Set<number>();
  let listed = sibling;

  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k] as Segment;
    if (segment.type === "known" && !segment.known.demonym) {
      listed = { kind: segment.known.entity.kind, end: segment.to };
    }
    if (segment.type === "known") {
      const merged = used.has(k) ? null : knownOrganisation(tokens, segments, k);
      if (merged !== null) {
        listed = named(verdict, "organisation", merged.from, merged.to);
        for (let m = k; m <= merged.lastSegment; m++) used.add(m);
      }
      continue;
    }
    if (segment.type !== "unknown" || used.has(k)) continue;
    const previous = adjacent(segments[k - 1], segment.from, "before");
    const next = adjacent(segments[k + 1], segment.to, "after");
    const length = segment.to - segment.from;
    const head = tokens[segment.from] as Token;

    const organisation = organisationSpan(tokens, segments, k);
    if (organisation !== null) {
      listed = named(verdict, "organisation", organisation.from, organisation.to);
      for (let m = organisation.firstSegment; m <= organisation.lastSegment; m++) used.add(m);
      continue;
    }
    const place = placeSpan(tokens, segments, k);
    if (place !== null) {
      listed = named(verdict, "place", place.from, place.to);
      for (let m = place.firstSegment; m <= place.lastSegment; m++) used.add(m);
      continue;
    }
    const titleEnd = lastTitle(tokens, segment);
    const from = titleEnd === -1 ? segment.from : titleEnd + 1;
    const titled = titleEnd !== -1;
    // "Michael Jordan", "Harrison Ford", "Daniil Medvedev", "Hafez al-Assad": a given name,
    // then a word the gazetteer knows as something or someone else.
    const given = tokens[from] as Token;
    if (
      segment.to - from === 1 &&
      isGivenName(given.key) &&
      !(given.initial && isCommonWord(given.key)) &&
      next !== undefined &&
      !next.known.demonym &&
      (next.to - next.from === 1 ||
        (next.known.entity.kind === "person" && !(tokens[next.from] as Token).cap))
    ) {
      listed = named(verdict, "person", from, next.to);
      used.add(k + 1);
      continue;
    }
    // "Jordan Peterson", "Kent Walker": a known place that is a given name here.
    if (
      previous !== undefined &&
      previous.to - previous.from === 1 &&
      previous.known.entity.kind === "place" &&
      !previous.known.demonym &&
      length <= 2 &&
      !isCommonWord(head.key) &&
      !ORGANISATION_HEADS.has((tokens[segment.to - 1] as Token).key) &&
      (isGivenName((tokens[previous.from] as Token).key) ||
        cuesAround(text, tokens, previous.from, segment.to).person)
    ) {
      listed = named(verdict, "person", previous.from, segment.to);
      continue;
    }

    // "Free Democratic Party": words before a known organisation's name make another one.
    if (
      next !== undefined &&
      next.known.entity.kind === "organisation" &&
      next.to - next.from >= 2 &&
      !titled &&
      !isGivenName(head.key) &&
      wordsOf(tokens, segment.from, segment.to).every((w) => !NEVER_NAMES.has(w.key))
    ) {
      listed = named(verdict, "organisation", segment.from, next.to);
      used.add(k + 1);
      continue;
    }

    if (from >= segment.to) {
      // Only a title: "Princess" before the known "Charlotte" makes a person of it.
      const lastWord = tokens[segment.to - 1] as Token;
      if (
        HONORIFICS.has(lastWord.key) &&
        next?.known.entity.kind === "place" &&
        next.to - next.from === 1
      ) {
        listed = named(verdict, "person", next.from, next.to);
        used.add(k + 1);
      }
      continue;
    }
    const besidePlace = [previous, next].find(
      (s) => s !== undefined && s.known.entity.kind === "place" && !s.known.demonym,
    );
    if (besidePlace !== undefined && !titled && length <= 2) {
      const words = wordsOf(tokens, from, segment.to);
      const span = {
        from: Math.min(from, besidePlace.from),
        to: Math.max(segment.to, besidePlace.to),
      };
      if (words.some((w) => EVENT_WORDS.has(w.key))) {
        verdict.ignored.push(span);
        if (besidePlace === next) used.add(k + 1);
        continue;
      }
      if (words.every((w) => NEVER_NAMES.has(w.key))) continue;
      // "Blue Nile", "Greater Manchester", "Upper Egypt": a place.
      if (words.every((w) => PLACE_MODIFIERS.has(w.key))) {
        listed = named(verdict, "place", span.from, span.to);
        if (besidePlace === next) used.add(k + 1);
        continue;
      }
    }
    const cueFrom =
      previous !== undefined && previous.known.entity.kind === "place" && !titled
        ? previous.from
        : from;
    const kind = unknownKind(text, tokens, from, segment.to, cueFrom, {
      titled,
      runInitial: k === 0 && !titled && head.initial,
      sibling: listed !== null && followsInList(tokens, listed.end, segment.from) ? listed : null,
    });
    if (kind === "organisation" && !titled) {
      // "Georgian Dream", "Borussia Dortmund", "Paris Saint-Germain": the known word too.
      const start =
        previous !== undefined && previous.known.entity.kind !== "person" ? previous.from : from;
      const end =
        next !== undefined && next.known.entity.kind === "place" && !next.known.demonym
          ? next.to
          : segment.to;
      if (end === next?.to) used.add(k + 1);
      listed = named(verdict, kind, start, end);
    } else if (kind === "unsure" && besidePlace !== undefined && !titled && length <= 2) {
      // "Inter Milan", "Bayern Munich", "Paris Saint-Germain": clubs and companies.
      listed = named(
        verdict,
        "organisation",
        Math.min(from, besidePlace.from),
        Math.max(segment.to, besidePlace.to),
      );
      if (besidePlace === next) used.add(k + 1);
    } else if (kind === "unsure") {
      verdict.unsure.push({ from, to: segment.to });
    } else if (kind !== null) {
      listed = named(verdict, kind, from, segment.to);
    }
  }
  return verdict;
}

interface KindHints {
  titled: boolean;
  runInitial: boolean;
  sibling: Sibling | null;
}

function unknownKind(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  cueFrom: number,
  hints: KindHints,
): EntityKind | "unsure" | null {
  const words = wordsOf(tokens, from, to);
  const count = words.length;
  const [first, last] = [words[0], words[count - 1]];
  if (first === undefined || last === undefined || count > 5) return null;
  if (words.some((w) => isDateWord(w.key) || /\p{N}/u.test(w.text))) return null;
  if (words.every((w) => NEVER_NAMES.has(w.key))) return null;
  const cues = cuesAround(text, tokens, cueFrom, to);
  // A lone word needs more than "Business groups" to be a name.
  const firmOrganisation = cues.organisation && !cues.organisationByNoun;
  if (count === 1 && hints.runInitial && !firmOrganisation) return null;
  const single = count === 1 && cueFrom === from && (isCommonWord(first.key) || first.upper);
  if (single && !hints.titled && !firmOrganisation) return null;
  // "the Valencian regional government": an adjective, not a name.
  if (count === 1 && ADJECTIVE.test(first.key) && !cues.organisation && !hints.titled) {
    const next = tokens[to];
    if (next !== undefined && !next.cap && next.joined) return null;
  }
  const personShaped =
    count >= 2 &&
    count <= 4 &&
    (isGivenName(first.key) || /^\p{Lu}\.$/u.test(first.text) || isKnownSurname(last.key)) &&
    !isCommonWord(last.key) &&
    !ORGANISATION_HEADS.has(last.key);
  if (cues.organisation && !(personShaped && cues.looseOrganisation)) return "organisation";
  // "SoftBank", "BlackRock", "OpenAI": a capital inside a word is a brand's.
  if (count === 1 && /^\p{Lu}\p{Ll}+\p{Lu}/u.test(first.text) && !/^(Mc|Mac)/.test(first.text))
    return "organisation";
  if (hints.titled) return count <= 4 ? "person" : null;
  if (personShaped && !cues.afterThe) return "person";
  if (cues.afterThe && cues.speaks) return "organisation";
  if (cues.person && count <= 4 && (count >= 2 || !cues.afterThe)) return "person";
  if (cues.place && count <= 3 && !isGivenName(first.key)) return "place";
  if (hints.sibling !== null && count <= 3) return hints.sibling.kind;
  if (words.every((w) => isCommonWord(w.key) || NEVER_NAMES.has(w.key))) return null;
  return "unsure";
}
