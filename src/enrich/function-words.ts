/**
 * The commonest short words of the languages news most often quotes. They are a cheap
 * first look before the language detector: a sentence full of the article language's own
 * function words is in that language, and one carrying another language's (that are not
 * also the article's) is worth asking eld about. eld decides; these only save its time.
 */
const LISTS: Readonly<Record<string, string>> = {
  en:
    "the of and to in a is that for on it with as was he she his her by at from be have " +
    "has had are were not this which but they their its an or who been will would said " +
    "also after more than about up out over into there we our you when what all one new " +
    "no do does did so if then them him could should may might must can while because " +
    "since however although before where how why these those such other some any most " +
    "many much only very just still even each both between during under against through " +
    "until without again further off down now here being its own same too year years " +
    "two three first last says told per cent",
  es:
    "el la los las de del que y en un una por para con no se su sus es lo como más " +
    "pero le ha fue este esta son también entre sobre desde hasta donde cuando muy sin " +
    "ya según dijo han hay porque ser todo",
  fr:
    "le la les de des du et un une est en que qui dans pour pas sur au aux ne se " +
    "avec ce cette il elle son sa ses ont sont été être mais ou comme leur nous " +
    "vous selon après aussi tout",
  de:
    "der die das und ist nicht ein eine zu den mit sich des auf für im dem auch es " +
    "an als nach wie bei aus sind wird hat wurde noch einen oder aber vor zur bis mehr " +
    "durch nur über kann sagte",
  it:
    "il di che e la un una del della sono è al le dei gli nel alla anche si ha " +
    "da più ma lo questo dalla delle degli sul hanno essere stato secondo",
  pt:
    "de que o e do da em um para com não uma os no se na por mais as dos como mas ao ele " +
    "das à seu sua ou quando muito nos já também só pelo pela foi são está disse segundo",
  nl:
    "de het een en in is dat op te zijn voor niet aan er die maar ook als bij " +
    "nog wel naar uit om dan worden wordt heeft werd deze over hun dit hebben onze ons wij hij zij ik geen kan zal zou nu veel wat",
};

const SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(LISTS).map(([language, words]) => [language, new Set(words.split(" "))]),
);

const MARKERS = new Map<string, ReadonlySet<string>>();

/** The article language's function words; empty for languages without a list. */
export function functionWords(language: string): ReadonlySet<string> {
  return SETS.get(language) ?? new Set();
}

/**
 * Function words of the other listed languages that are not also the article language's:
 * their presence suggests a passage in another language.
 */
export function foreignMarkers(language: string): ReadonlySet<string> {
  // Asked once an article: the few hundred words are put together once a language.
  const known = MARKERS.get(language);
  if (known !== undefined) return known;
  const own = functionWords(language);
  const out = new Set<string>();
  for (const [other, words] of SETS) {
    if (other === language) continue;
    for (const w of words) if (!own.has(w) && w.length > 1) out.add(w);
  }
  if (MARKERS.size < 64) MARKERS.set(language, out);
  return out;
}
