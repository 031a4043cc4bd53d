// Letters that NFKD leaves whole but readers treat as their plain Latin cousins.
const FOLD: Readonly<Record<string, string>> = {
  ł: "l",
  ø: "o",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

const PLAIN = /^[A-Za-z0-9.'-]*$/;

/**
 * The form a word is looked up by: lower case, diacritics folded ("Łódź" and "Lodz" meet),
 * typographic apostrophes made plain and dotted acronyms undotted ("U.S." is "us").
 */
export function wordKey(word: string): string {
  // Most words are plain ASCII: skip the Unicode work for them.
  if (PLAIN.test(word)) {
    const lower = word.toLowerCase();
    return lower.includes(".") ? lower.replace(/\./g, "") : lower;
  }
  // Names ("Alexander Lukashenko", every mention counted) come back article after article.
  let key = UNICODE_KEYS.get(word);
  if (key === undefined) {
    key = unicodeKey(word);
    if (UNICODE_KEYS.size >= MAX_UNICODE_KEYS) UNICODE_KEYS.clear();
    UNICODE_KEYS.set(word, key);
  }
  return key;
}

const UNICODE_KEYS = new Map<string, string>();
const MAX_UNICODE_KEYS = 20_000;

function unicodeKey(word: string): string {
  let key = word
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
  if (key.includes(".")) key = key.replace(/\./g, "");
  return /[łøæœßđðþı]/.test(key) ? key.replace(/[łøæœßđðþı]/g, (c) => FOLD[c] ?? c) : key;
}
