import nlp from "compromise";
import { EXTRA_GIVEN_NAMES } from "./given-names.ts";

/**
 * What compromise's lexicon knows about a single word, looked up directly: a hash lookup
 * instead of tagging a whole sentence (which costs some 13 µs a character). It knows ~3,000
 * given names, ~900 surnames and the ordinary English words a sentence may start with.
 */

const GIVEN = new Set(["FirstName", "MaleName", "FemaleName"]);
const NAME_LIKE = new Set([
  ...GIVEN,
  "LastName",
  "Person",
  "City",
  "Country",
  "Region",
  "Place",
  "Organization",
  "ProperNoun",
  "SportsTeam",
  "Demonym",
]);

/** Capitalised at the start of a sentence, these are still only words. */
const FUNCTION_WORDS = new Set(
  `a an the this that these those there here then than and or but nor so yet if as at by for from
  in into of on onto to with without within about above after against along among around before
  behind below beneath beside besides between beyond despite during except inside near off out
  outside over since through throughout till toward towards under underneath unlike until up upon
  while whilst although though because however meanwhile moreover furthermore nevertheless
  still also even just only not no yes all any both each either every few many more most much
  neither none other another several some such what which who whom whose when where why how
  i we you he she it they me us him her them my our your his its their one two three four five
  is are was were be been being has have had do does did will would shall should can could may
  might must let according last next first second`.split(/\s+/),
);

interface Lexicon {
  tags(key: string): readonly string[];
  given: ReadonlySet<string>;
}

let shared: Lexicon | undefined;

function lexicon(): Lexicon {
  if (shared) return shared;
  const raw = readLexicon(nlp.model());
  const given = new Set(EXTRA_GIVEN_NAMES.trim().split(/\s+/));
  for (const [word, tags] of raw) {
    if (!word.includes(" ") && tags.some((tag) => GIVEN.has(tag))) given.add(word);
  }
  shared = { tags: (key) => raw.get(key) ?? [], given };
  return shared;
}

// compromise types its model as `object`; read the one map we need and check its shape.
function readLexicon(model: object): Map<string, readonly string[]> {
  const one = (model as { one?: { lexicon?: unknown } }).one;
  const entries = one?.lexicon;
  const out = new Map<string, readonly string[]>();
  if (typeof entries !== "object" || entries === null) return out;
  for (const [word, value] of Object.entries(entries)) {
    if (typeof value === "string") out.set(word, [value]);
    else if (Array.isArray(value))
      out.set(
        word,
        value.filter((tag): tag is string => typeof tag === "string"),
      );
  }
  return out;
}

export function isGivenName(key: string): boolean {
  return lexicon().given.has(key);
}

export function isKnownSurname(key: string): boolean {
  return lexicon().tags(key).includes("LastName");
}

/** An ordinary word (a verb, an adjective, "the"), not only a name. */
export function isCommonWord(key: string): boolean {
  if (FUNCTION_WORDS.has(key)) return true;
  const tags = lexicon().tags(key);
  return tags.length > 0 && !tags.some((tag) => NAME_LIKE.has(tag));
}

/** What the lexicon says a proper noun it knows is: "Nasa" an organisation, "Kazan" a place. */
export function lexiconKind(key: string): "place" | "organisation" | null {
  const tags = lexicon().tags(key);
  if (tags.includes("Organization") || tags.includes("SportsTeam")) return "organisation";
  if (
    tags.some((tag) => tag === "City" || tag === "Country" || tag === "Region" || tag === "Place")
  )
    return "place";
  return null;
}

/** Months and weekdays: "May" and "August" are not people. */
export function isDateWord(key: string): boolean {
  const tags = lexicon().tags(key);
  return tags.includes("Month") || tags.includes("WeekDay");
}
