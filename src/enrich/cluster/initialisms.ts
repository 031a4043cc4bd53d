/**
 * Outlets alternate between a name and its initials ("the National Democratic Alliance",
 * "the NDA"; "European Central Bank", "ECB"). Every run of capitalized words long enough to
 * be abbreviated yields its initials as an extra term, so both spellings meet. Runs of two
 * words make initials that collide too often ("Real Madrid", "Royal Mail"), so they need
 * an "of" ("Bank of England", BoE).
 */
export interface RunToken {
  lower: string;
  figure: boolean;
  capital: boolean;
  /** All capitals: an acronym already, not part of a name to abbreviate. */
  upper: boolean;
  /** Only spaces separate it from the token before. */
  joined: boolean;
}

const CONNECTORS = new Set(["of", "for", "and", "the", "on", "de", "&"]);

/** The initials of each capitalized run in `tokens`, with the index of the run's last token. */
export function initialisms(tokens: readonly RunToken[]): { initials: string; end: number }[] {
  const out: { initials: string; end: number }[] = [];
  let words: string[] = [];
  let withOf = "";
  let pending: string[] = [];
  let last = -1;
  const flush = () => {
    if (words.length >= 3) out.push({ initials: words.map((w) => w[0]).join(""), end: last });
    if (words.length >= 2 && withOf.length >= 3 && withOf.length > words.length)
      out.push({ initials: withOf, end: last });
    words = [];
    withOf = "";
    pending = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as RunToken;
    const capital = t.capital && !t.upper && !t.figure && t.lower.length > 1;
    if (words.length > 0 && !t.joined) flush();
    if (capital) {
      for (const c of pending) if (c === "of") withOf += "o";
      pending = [];
      words.push(t.lower);
      withOf += t.lower[0];
      last = i;
    } else if (words.length > 0 && CONNECTORS.has(t.lower) && pending.length === 0) {
      pending.push(t.lower);
    } else if (words.length > 0) {
      flush();
    }
  }
  flush();
  return out;
}
