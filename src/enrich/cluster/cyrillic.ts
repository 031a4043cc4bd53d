/**
 * Reports in Russian, Ukrainian or Belarusian spell the names a Latin-script report carries in
 * another script: "Путин", "Путін", "Putin". A Cyrillic word is read in Latin letters, as the
 * English-language press writes such names (Путин "putin", Шольц "sholts", Зеленський
 * "zelenskiy"), so names bridge the scripts the way they bridge two Latin-script languages, and
 * the Russian and Ukrainian spellings of one name meet. Latin words never change here.
 */
const LETTERS: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  ґ: "g",
  д: "d",
  е: "e",
  ё: "e",
  є: "e",
  э: "e",
  ж: "zh",
  з: "z",
  и: "i",
  і: "i",
  ї: "i",
  й: "y",
  ы: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ў: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ь: "",
  ю: "yu",
  я: "ya",
  ј: "j",
  љ: "lj",
  њ: "nj",
  ћ: "c",
  ђ: "dj",
  џ: "dz",
  ѓ: "g",
  ќ: "k",
  ѕ: "dz",
};

/** The lowercased word in Latin letters if it is written in Cyrillic, else the word itself. */
export function latinLetters(lower: string): string {
  let cyrillic = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c >= 0x400 && c <= 0x4ff) {
      cyrillic = true;
      break;
    }
  }
  if (!cyrillic) return lower;
  let out = "";
  for (const ch of lower) out += LETTERS[ch] ?? ch;
  return out;
}
