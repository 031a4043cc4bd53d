import {
  ADMINISTRATIVE_HEADS,
  MOTION_VERBS,
  OF_PLACE_NOUNS,
  ORGANISATION_ROLES,
  PERSON_ROLES,
  PERSON_VERBS,
  PLACE_PREPOSITIONS,
} from "./cue-words.ts";
import type { Token } from "./tokenize.ts";

/** What the words around a name say it is. */
export interface Cues {
  /** "consultancy R. Politik", "a strategist at Amova", "Alphabet, Google's parent company" */
  organisation: boolean;
  /** "analyst Tatiana Stanovaya", "the former spy, Sergei Skripal", "Ales Lagvinets said" */
  person: boolean;
  /** "in Baranovichi", "the towns of Pomonal", "Kherson region" */
  place: boolean;
  /** "the Guardia Civil": people seldom take an article. */
  afterThe: boolean;
  /** Only a comma ties it to the organisation word before: "the agency, David Barnea,". */
  looseOrganisation: boolean;
  /** "… said": a person, or an organisation after "the". */
  speaks: boolean;
  /** The organisation cue is only a noun after it ("Georgian Dream party"). */
  organisationByNoun: boolean;
}

const SPACES = /^[ \t\u00a0]+$/;
const COMMA = /^,[ \t\u00a0]+$/;
const AFFILIATION = new Set(["at", "with", "for"]);
const ARTICLES = new Set(["the", "a", "an"]);
/** ", a town in the Dolomites": what a place is called after a comma. */
const APPOSITIVE_PLACES = new Set(
  "town city village region province district island suburb port capital country state county peninsula coast area resort neighbourhood neighborhood valley river lake municipality".split(
    " ",
  ),
);

/** What lies between token k and the next. */
function gapBefore(text: string, tokens: readonly Token[], k: number): string {
  return text.slice((tokens[k] as Token).end, (tokens[k + 1] as Token).start);
}

/** Token k exists and no sentence starts between it and the next. */
function inSentence(tokens: readonly Token[], k: number): boolean {
  return k >= 0 && !(tokens[k + 1] as Token).initial;
}

export function cuesAround(text: string, tokens: readonly Token[], from: number, to: number): Cues {
  const first = tokens[from] as Token;
  const last = tokens[to - 1] as Token;

  // Before: the word just before, skipping one "the".
  let b = from - 1;
  let afterThe = false;
  if (
    inSentence(tokens, b) &&
    (tokens[b] as Token).key === "the" &&
    SPACES.test(gapBefore(text, tokens, b))
  ) {
    afterThe = true;
    b--;
  }
  const before = inSentence(tokens, b) ? tokens[b] : undefined;
  const beforeGap = before === undefined ? "" : gapBefore(text, tokens, b);
  const plainBefore = before !== undefined && SPACES.test(beforeGap);
  const lowerBefore = before !== undefined && (!before.cap || before.initial);

  let organisation = false;
  let looseOrganisation = false;
  let person = false;
  let place = false;
  let speaks = false;
  let organisationByNoun = false;
  if (before !== undefined && lowerBefore) {
    const role = singular(before.key);
    if (plainBefore || COMMA.test(beforeGap)) {
      if (ORGANISATION_ROLES.has(role)) {
        organisation = true;
        looseOrganisation = !plainBefore;
      } else if (PERSON_ROLES.has(role) && !afterThe) person = true;
      // "said Yayat Supriatna, an urban planner": attribution put first.
      else if (PERSON_VERBS.has(before.key) && plainBefore && !afterThe) person = true;
      // "its new capital, Nusantara,": a place noun, then the name.
      else if (COMMA.test(beforeGap) && APPOSITIVE_PLACES.has(before.key)) place = true;
    }
    if (plainBefore && PLACE_PREPOSITIONS.has(before.key)) place = true;
    const mover = tokens[b - 1];
    if (plainBefore && before.key === "to" && mover !== undefined && MOTION_VERBS.has(mover.key))
      place = true;
    // "a strategist at Amova", "Economists at Nomura": where a person works.
    const owner = tokens[b - 1];
    if (
      plainBefore &&
      AFFILIATION.has(before.key) &&
      owner !== undefined &&
      inSentence(tokens, b - 1) &&
      (!owner.cap || owner.initial) &&
      PERSON_ROLES.has(singular(owner.key))
    ) {
      organisation = true;
    }
    if (plainBefore && before.key === "of" && owner !== undefined && !owner.cap) {
      if (OF_PLACE_NOUNS.has(owner.key)) place = true;
    }
  }

  const next = tokens[to];
  const after = next === undefined || next.initial ? undefined : next;
  const gapAfter = after === undefined ? "" : text.slice(last.end, after.start);
  const placeBefore = place;
  if (after !== undefined && !last.possessive) {
    if (!after.cap && SPACES.test(gapAfter)) {
      // "Local officials in Budalangi said": the verb's subject is further back.
      speaks = PERSON_VERBS.has(after.key);
      if (speaks && !afterThe && !placeBefore) person = true;
      if (
        ADMINISTRATIVE_HEADS.has(singular(after.key)) ||
        /^(district|count(y|ies)|states?)$/.test(after.key)
      )
        place = true;
      // "the ruling Georgian Dream party", "the White Helmets rescue group".
      const further = tokens[to + 1];
      if (
        !organisation &&
        (ORGANISATION_ROLES.has(after.key) ||
          (further !== undefined &&
            !further.cap &&
            further.joined &&
            ORGANISATION_ROLES.has(further.key)))
      ) {
        organisation = true;
        organisationByNoun = true;
      }
    } else if (COMMA.test(gapAfter)) {
      const appositive = describedAs(tokens, to);
      if (appositive === "person" && !afterThe && !placeBefore) person = true;
      if (appositive === "organisation") organisation = true;
      if (appositive === "place") place = true;
    }
  }
  // "China's CNNC", "France's EDF": a country's acronym or brand is one of its companies.
  const owner = tokens[from - 1];
  if (
    owner?.possessive &&
    owner.cap &&
    to - from === 1 &&
    (first.upper || /^\p{Lu}\p{Ll}+\p{Lu}/u.test(first.text)) &&
    SPACES.test(text.slice(owner.end + 2, first.start))
  )
    organisation = true;
  if (organisation && !looseOrganisation) person = false;
  return { organisation, person, place, afterThe, looseOrganisation, speaks, organisationByNoun };
}

/**
 * What the words after a comma call the name before it: "Petr Piatrouski, who", "Jane Doe,
 * 45,", "Mercy Wanjiku, a coordinator with …", "DTEK, Ukraine's largest energy company".
 */
function describedAs(
  tokens: readonly Token[],
  at: number,
): "person" | "organisation" | "place" | null {
  const first = tokens[at] as Token;
  if (first.key === "who" || first.key === "whose" || /^\d{1,3}$/.test(first.text)) return "person";
  if (PERSON_VERBS.has(first.key)) return "person";
  // A description starts with an article, "one of", a name's possessive or the noun itself;
  // ", killing two soldiers" is no description of the name before it.
  if (!first.cap && !ARTICLES.has(first.key) && first.key !== "one" && first.key !== "known") {
    const key = singular(first.key);
    if (!PERSON_ROLES.has(key) && !ORGANISATION_ROLES.has(key) && !APPOSITIVE_PLACES.has(key))
      return null;
  }
  for (let k = at; k < tokens.length && k < at + 7; k++) {
    const token = tokens[k] as Token;
    if (k > at && !token.joined && !(tokens[k - 1] as Token).possessive) return null;
    if (token.cap && k === at && !ARTICLES.has(token.key)) {
      // "Google's parent company": a name may open the description.
      if (!token.possessive) return null;
      continue;
    }
    if (token.cap || token.possessive) continue;
    // "Sociedad Química y Minera, known as SQM".
    if (token.key === "known" && tokens[k + 1]?.key === "as" && tokens[k + 2]?.upper)
      return "organisation";
    const key = singular(token.key);
    if (PERSON_ROLES.has(key)) return "person";
    if (ORGANISATION_ROLES.has(key)) return "organisation";
    if (APPOSITIVE_PLACES.has(key)) return "place";
  }
  return null;
}

function singular(key: string): string {
  if (key.endsWith("ies")) return `${key.slice(0, -3)}y`;
  return key.endsWith("s") && !key.endsWith("ss") ? key.slice(0, -1) : key;
}
