import {
  ADMINISTRATIVE_HEADS,
  NAME_CONNECTORS,
  ORGANISATION_HEADS,
  PLACE_HEADS,
  PLACE_LEADS,
  TITLE_WORDS,
} from "./cue-words.ts";
import type { Segment } from "./name-runs.ts";
import { adjacent, lastTitle, wordsOf } from "./segment-rules.ts";
import type { Token } from "./tokenize.ts";

/** Titles that cannot open a place's name ("Secretary of State" is no state). */
const NOT_PLACE_OPENERS = new Set(
  "secretary minister president general chief director governor".split(" "),
);

export interface SegmentSpan {
  from: number;
  to: number;
  firstSegment: number;
  lastSegment: number;
}

/**
 * An organisation's name ends with a head word ("… Center", "… Ministry"), or has one
 * before "of"/"for" ("Academy of Sciences", "University of Warsaw"). A known place,
 * nationality or one-word organisation just before it belongs to it ("Carnegie Moscow
 * Center", "Belarusian National Academy", "Amazon Fund"), and so does a place right after
 * the head ("Bank Indonesia").
 */
export function organisationSpan(
  tokens: readonly Token[],
  segments: readonly Segment[],
  k: number,
): SegmentSpan | null {
  const segment = segments[k] as Segment;
  let headAt = -1;
  for (let i = segment.from; i < segment.to; i++) {
    const token = tokens[i] as Token;
    if (!token.cap || !ORGANISATION_HEADS.has(token.key)) continue;
    const after = tokens[i + 1];
    if (
      i === segment.to - 1 ||
      (after !== undefined && !after.cap && NAME_CONNECTORS.has(after.key))
    )
      headAt = i;
  }
  if (headAt === -1) return null;
  // Titles before the head belong to a person, not the organisation: "Chief Justice".
  if (TITLE_WORDS.has((tokens[segment.from] as Token).key) && headAt === segment.from) return null;
  let from = segment.from;
  let to = segment.to;
  let firstSegment = k;
  let lastSegment = k;
  // Reach back over known places, nationalities, one-word organisations and the words
  // between them: "South Yorkshire Police", "Carnegie Moscow Center".
  while (firstSegment > 0) {
    const before = segments[firstSegment - 1] as Segment;
    if (before.to !== from) break;
    if (before.type === "known") {
      const kind = before.known.entity.kind;
      if (!(kind === "place" || (kind === "organisation" && before.to - before.from === 1))) break;
    } else if (lastTitle(tokens, before) !== -1) break;
    firstSegment--;
    from = before.from;
  }
  const endsWithConnector = !(tokens[segment.to - 1] as Token).cap;
  const next = adjacent(segments[k + 1], segment.to, "after");
  if (endsWithConnector) {
    // "University of Warsaw" takes the place; "Command of the People's Liberation Army" is two.
    if (
      next !== undefined &&
      (next.known.entity.kind === "place" ||
        (next.known.entity.kind === "organisation" && next.to - next.from === 1))
    ) {
      to = next.to;
      lastSegment = k + 1;
      // "Confederation of British Industry": the words after the nationality too.
      const more = segments[k + 2];
      if (more?.type === "unknown" && more.from === next.to) {
        to = more.to;
        lastSegment = k + 2;
      }
    } else {
      to = headAt + 1;
    }
  } else if (
    next?.known.entity.kind === "place" &&
    !next.known.demonym &&
    headAt === segment.to - 1
  ) {
    to = next.to;
    lastSegment = k + 1;
  }
  const words = wordsOf(tokens, from, to).length;
  return words >= 2 ? { from, to, firstSegment, lastSegment } : null;
}

/**
 * "Lake Baikal", "Amur River", "Grand Ethiopian Renaissance Dam"; "Kherson Oblast" is named
 * Kherson (and a known place before "Oblast" is counted on its own).
 */
export function placeSpan(
  tokens: readonly Token[],
  segments: readonly Segment[],
  k: number,
): SegmentSpan | null {
  const segment = segments[k] as Segment;
  const first = tokens[segment.from] as Token;
  const last = tokens[segment.to - 1] as Token;
  if (NOT_PLACE_OPENERS.has(first.key)) return null;
  const length = segment.to - segment.from;
  const previous = adjacent(segments[k - 1], segment.from, "before");
  const next = adjacent(segments[k + 1], segment.to, "after");
  if (PLACE_HEADS.has(last.key) && last.cap) {
    if (ADMINISTRATIVE_HEADS.has(last.key)) {
      const to = previous !== undefined || length === 1 ? segment.from : segment.to - 1;
      return { from: segment.from, to, firstSegment: k, lastSegment: k };
    }
    // Reach back over the words and nationalities before the head.
    let firstSegment = k;
    let from = segment.from;
    while (firstSegment > 0) {
      const before = segments[firstSegment - 1] as Segment;
      if (before.to !== from) break;
      if (before.type === "known" && before.known.entity.kind !== "place") break;
      firstSegment--;
      from = before.from;
    }
    if (wordsOf(tokens, from, segment.to).length >= 2)
      return { from, to: segment.to, firstSegment, lastSegment: k };
  }
  if (PLACE_LEADS.has(first.key) && !first.initial) {
    if (length >= 2) return { from: segment.from, to: segment.to, firstSegment: k, lastSegment: k };
    if (next !== undefined && next.known.entity.kind === "place")
      return { from: segment.from, to: next.to, firstSegment: k, lastSegment: k + 1 };
  }
  return null;
}
