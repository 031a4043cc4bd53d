/**
 * British and American outlets spell the same event differently ("harbour", "harbor";
 * "centre", "center"). Terms are compared in one spelling; which one does not matter, only
 * that both map to it.
 */
const WORDS: ReadonlyMap<string, string> = new Map([
  ["defence", "defense"],
  ["offence", "offense"],
  ["licence", "license"],
  ["programme", "program"],
  ["programmes", "programs"],
  ["grey", "gray"],
  ["aluminium", "aluminum"],
  ["tonnes", "tons"],
  ["tonne", "ton"],
  ["manoeuvre", "maneuver"],
  ["paediatric", "pediatric"],
  ["anaesthetic", "anesthetic"],
]);

/** Stems written with -our in British English, -or in American ("labourers", "favourite"). */
const OUR =
  /^(harb|lab|col|fav|hon|neighb|behavi|rum|hum|flav|arm|vig|endeav|tum|od|val|rig|sav|savi|parl|vap|cand|ferv|clam)our/;
/** -tre for -ter: "centre", "kilometres", "theatre". */
const TRE = /(cen|me|thea|li|fi|cali|spec)tre(s?)$/;
/** -ise for -ize and -yse for -yze, with their endings ("organised", "analysing"). */
const ISE = /([^aeiou\s]{0,1}[a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$/;
const YSE = /ys(e|es|ed|ing)$/;

export function americanSpelling(word: string): string {
  const known = WORDS.get(word);
  if (known !== undefined) return known;
  if (word.length < 5) return word;
  let w = word;
  if (w.includes("our")) w = w.replace(OUR, "$1or");
  if (w.includes("tre")) w = w.replace(TRE, "$1ter$2");
  if (w.length > 5 && w.includes("is")) w = w.replace(ISE, "$1iz$2");
  if (w.includes("ys")) w = w.replace(YSE, "yz$1");
  return w;
}
