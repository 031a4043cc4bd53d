import {
  NAME_CONNECTORS,
  ORGANISATION_HEADS,
  PLACE_HEADS,
  PLACE_LEADS,
  TITLE_WORDS,
} from "./cue-words.ts";
import type { KnownName } from "./gazetteer.ts";
import type { TokenTrie } from "./token-trie.ts";
import type { Token } from "./tokenize.ts";
import { isCommonWord, isDateWord } from "./word-lexicon.ts";

/** Part of a run of capitalised words: a name the gazetteer knows, or words it does not. */
export type Segment =
  | { type: "known"; from: number; to: number; known: KnownName }
  | { type: "unknown"; from: number; to: number };

/** Capitalised words (and the small words inside names) with nothing but spaces between. */
export interface NameRun {
  from: number;
  to: number;
  segments: Segment[];
}

/**
 * A known name from the gazetteer, or null for a word that only looks like one: "Tyre" or
 * "House" opening a sentence is the common noun.
 */
export function knownAt(
  trie: TokenTrie<KnownName>,
  tokens: readonly Token[],
  index: number,
): { length: number; value: KnownName } | null {
  const match = trie.longestAt(tokens, index);
  if (match === null) return null;
  const token = tokens[index] as Token;
  if (match.length === 1 && token.initial && !token.upper && isCommonWord(token.key)) return null;
  return match;
}

interface RunState {
  /** Where the capitalised words not yet placed began, or -1. */
  unknownFrom: number;
  sawHead: boolean;
  sawOf: boolean;
}

/** Ends the run's unknown words at `to`, as a segment. */
function flush(segments: Segment[], state: RunState, to: number): void {
  if (state.unknownFrom !== -1) segments.push({ type: "unknown", from: state.unknownFrom, to });
  state.unknownFrom = -1;
  state.sawHead = false;
  state.sawOf = false;
}

/** Reads the run that starts at `start` (a capitalised word or a known name). */
export function readRun(
  trie: TokenTrie<KnownName>,
  tokens: readonly Token[],
  start: number,
): NameRun {
  const segments: Segment[] = [];
  const state: RunState = { unknownFrom: -1, sawHead: false, sawOf: false };
  let j = start;
  while (j < tokens.length) {
    const token = tokens[j] as Token;
    if (j > start && !token.joined) break;
    // "Ombudsman's Office", "People's Party": a possessive inside an organisation's name.
    if (
      j > start &&
      (tokens[j - 1] as Token).possessive &&
      !(token.cap && ORGANISATION_HEADS.has(token.key) && knownAt(trie, tokens, j - 1) === null)
    )
      break;
    const known = knownAt(trie, tokens, j);
    if (known !== null) {
      flush(segments, state, j);
      segments.push({ type: "known", from: j, to: j + known.length, known: known.value });
      j += known.length;
      continue;
    }
    if (token.cap && !/^\p{N}/u.test(token.text)) {
      if (state.unknownFrom === -1) state.unknownFrom = j;
      if (ORGANISATION_HEADS.has(token.key)) state.sawHead = true;
      j++;
      continue;
    }
    const bridge = j === start ? 0 : connectorBridge(tokens, j, state);
    if (bridge === 0) break;
    if (state.unknownFrom === -1) state.unknownFrom = j;
    if (tokens[j]?.key === "of" || tokens[j]?.key === "for") state.sawOf = true;
    j += bridge;
  }
  flush(segments, state, j);
  return { from: start, to: j, segments };
}

/** Person-name particles: "Ursula von der Leyen", "Osama bin Laden", "Lula da Silva". */
const PARTICLES = new Set(
  "de du des da do dos das di del della der den van von la le al el bin ibn bint y zu ter ten".split(
    " ",
  ),
);
/** Heads a phrase with "of" may follow without the "of" joining two names. */
const OF_HEADS_EXCLUDED = new Set(["party", "command"]);
/** "Council on Foreign Relations"; elsewhere "on" starts a new phrase ("… Army on Wednesday"). */
const ON_HEADS = new Set([
  "council",
  "commission",
  "committee",
  "conference",
  "panel",
  "centre",
  "center",
]);

/**
 * How many small words at `index` lead on to another capitalised word of the same name, or
 * 0. Particles join person names ("von der"); "of", "for", "on" join only after a head
 * word ("Academy of Sciences", "Gulf of Aden", "Secretary of State"), never two names
 * ("Amit Mehta of the court", "Sabalenka of Belarus"); "and" joins only inside an
 * organisation's name ("Ministry of Trade and Industry", "Fish and Wildlife Service").
 */
function connectorBridge(
  tokens: readonly Token[],
  index: number,
  state: { sawHead: boolean; sawOf: boolean },
): number {
  const before = tokens[index - 1] as Token;
  const first = tokens[index] as Token;
  if (first.key === "of" || first.key === "for" || first.key === "on") {
    const organisationHead =
      ORGANISATION_HEADS.has(before.key) && !OF_HEADS_EXCLUDED.has(before.key);
    // "Council on Foreign Relations", but "the Renaissance Dam on the Blue Nile" is two names.
    const head =
      before.cap &&
      (first.key === "on"
        ? ON_HEADS.has(before.key)
        : organisationHead ||
          PLACE_HEADS.has(before.key) ||
          PLACE_LEADS.has(before.key) ||
          TITLE_WORDS.has(before.key) ||
          before.key.endsWith("-general"));
    if (!head) return 0;
  } else if (first.key === "and" || first.key === "&") {
    if (state.sawHead && !state.sawOf) return 0;
  } else if (!PARTICLES.has(first.key)) {
    return 0;
  }
  let k = index;
  while (k < tokens.length && k - index < 3) {
    const token = tokens[k] as Token;
    if (!token.joined || (tokens[k - 1] as Token).possessive) return 0;
    if (token.cap) return isDateWord(token.key) ? 0 : k - index;
    if (!NAME_CONNECTORS.has(token.key) || token.possessive) return 0;
    // "the" only after "of"/"for": "Organization of the Petroleum Exporting Countries".
    if (token.key === "the" && (k === index || first.key === "and")) return 0;
    k++;
  }
  return 0;
}
