/**
 * Words whose full stop marks an abbreviation, not the end of a sentence. Shared by the
 * sentence splitter (so "Mr. Smith" stays one sentence) and the sentence-break rule (so
 * "etc. and" is not a stray full stop). Lower case; compared without the final stop.
 */

/** Titles before a name: a capital always follows, and never starts a new sentence. */
export const TITLES: ReadonlySet<string> = new Set(
  (
    "mr mrs ms messrs mme mlle dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr brig " +
    "gov sen rep rev fr hon pres supt insp det st sr sra srta jr esq amb atty"
  ).split(" "),
);

/**
 * Other abbreviations written with a full stop in running text. Ambiguous English words
 * ("in", "no", "sat", "sun", "wed", "mar", "art") are left out: after them a full stop is
 * more likely a real one.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    "etc al approx appt apt assn assoc ave av bldg blvd bros ca cf ch co corp cres ct dept " +
    "dist div ed eds est excl ext fig figs ft fwy govt hosp hq hr hrs hwy ibid inc incl " +
    "intl jan feb apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri " +
    "jct km kg lb lbs llp ltd mfg mg min max misc mph mt natl nos oz pp para pl pct pt pts " +
    "qt rd ref rte sec sq ste tel univ viz vol vols vs yr yrs yd cit op avg abbr mln bn " +
    "bzw usw vgl ggf nr tsd mio mrd zb aprox pág ej av dra sres ud uds"
  ).split(" "),
);

/**
 * Abbreviations only when capitalised, because in lower case they are ordinary words that
 * can end a sentence: US states in AP style ("Rome, Ga., and"), days, "No.", "Art.".
 */
export const CAPITALISED_ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss " +
    "Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo Sun Sat Wed Mar No Nos Art Op"
  ).split(" "),
);

/** Whether the word before a full stop is an abbreviation of either kind. */
export function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase()) || CAPITALISED_ABBREVIATIONS.has(word);
}

/** "U.S.", "a.m.", "e.g.", "Ph.D.": a word with its final stop, made of dotted letters. */
export function isInitialism(wordWithStop: string): boolean {
  return /^(?:\p{L}{1,2}\.){2,}$/u.test(wordWithStop);
}

/** A single letter: an initial ("J. K. Rowling", "E. coli"). */
export function isInitial(word: string): boolean {
  return /^\p{L}$/u.test(word);
}
