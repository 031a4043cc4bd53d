/**
 * "Turkish quake" and "earthquake in Turkey" name the same place: nationality words are
 * read as their country, and a few words every outlet swaps for each other as one.
 */
const PAIRS = `afghan afghanistan|albanian albania|algerian algeria|american america|argentine argentina|argentinian argentina|armenian armenia|australian australia|austrian austria|azerbaijani azerbaijan|bangladeshi bangladesh|belarusian belarus|belgian belgium|bolivian bolivia|bosnian bosnia|brazilian brazil|british britain|bulgarian bulgaria|burmese myanmar|cambodian cambodia|cameroonian cameroon|canadian canada|chilean chile|chinese china|colombian colombia|congolese congo|croatian croatia|cuban cuba|cypriot cyprus|czech czechia|danish denmark|dutch netherlands|ecuadorian ecuador|egyptian egypt|english england|eritrean eritrea|estonian estonia|ethiopian ethiopia|european europe|filipino philippines|philippine philippines|finnish finland|french france|georgian georgia|german germany|ghanaian ghana|greek greece|greenlandic greenland|guatemalan guatemala|haitian haiti|honduran honduras|hungarian hungary|icelandic iceland|indian india|indonesian indonesia|iranian iran|iraqi iraq|irish ireland|israeli israel|italian italy|jamaican jamaica|japanese japan|jordanian jordan|kazakh kazakhstan|kenyan kenya|korean korea|kosovar kosovo|kuwaiti kuwait|latvian latvia|lebanese lebanon|libyan libya|lithuanian lithuania|malaysian malaysia|malian mali|maltese malta|mexican mexico|moldovan moldova|mongolian mongolia|moroccan morocco|mozambican mozambique|nepali nepal|nepalese nepal|nigerian nigeria|nigerien niger|norwegian norway|pakistani pakistan|palestinian palestine|panamanian panama|paraguayan paraguay|peruvian peru|polish poland|portuguese portugal|qatari qatar|romanian romania|russian russia|rwandan rwanda|saudi saudi|scottish scotland|senegalese senegal|serbian serbia|singaporean singapore|slovak slovakia|slovenian slovenia|somali somalia|spanish spain|sudanese sudan|swedish sweden|swiss switzerland|syrian syria|taiwanese taiwan|tanzanian tanzania|thai thailand|tunisian tunisia|turkish turkey|ugandan uganda|ukrainian ukraine|uruguayan uruguay|uzbek uzbekistan|venezuelan venezuela|vietnamese vietnam|welsh wales|yemeni yemen|zambian zambia|zimbabwean zimbabwe|quake earthquake|temblor earthquake|tremor earthquake`;

const MAP: ReadonlyMap<string, string> = new Map(
  PAIRS.split("|").flatMap((pair) => {
    const [from, to] = pair.split(" ") as [string, string];
    // Plural nouns too: "Germans", "Ukrainians".
    return [
      [from, to],
      [`${from}s`, to],
    ];
  }),
);

export function canonicalWord(word: string): string {
  return MAP.get(word) ?? word;
}
