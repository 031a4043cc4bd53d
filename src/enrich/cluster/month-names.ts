/**
 * A date is a bridge between reports in different languages only if its month reads the
 * same: "6 septembrie", "6 de setembro", "6. September" and "September 6" all name September.
 * The month names of the Latin-script languages in exonyms.ts (Polish in the genitive a date
 * uses), read as English's three-letter form. Words English uses otherwise are left out
 * ("mars", "mayo", "julio", "maja", "mei", "augustus", "mac").
 */
const TABLE = `
jan: enero janvier januar janeiro gennaio januari stycznia ianuarie tammikuuta tammikuu januarie
feb: febrero février fevrier februar fevereiro febbraio februari lutego februarie helmikuuta helmikuu
mar: marzo märz março maart marca martie maret maaliskuuta maaliskuu maart
apr: abril avril aprile kwietnia aprilie huhtikuuta huhtikuu
may: mayo mai maio maggio mei maja toukokuuta toukokuu
jun: junio juin juni junho giugno czerwca iunie kesäkuuta kesäkuu
jul: juillet juli julho luglio lipca iulie heinäkuuta heinäkuu
aug: agosto août aout augusti augustus sierpnia agustus ogos elokuuta elokuu
sep: septiembre septembre setembro settembre września wrzesnia septembrie syyskuuta syyskuu
oct: octubre octobre oktober outubro ottobre października pazdziernika octombrie lokakuuta lokakuu
nov: noviembre novembre novembro listopada noiembrie marraskuuta marraskuu
dec: diciembre décembre decembre dezember dezembro dicembre desember disember grudnia decembrie joulukuuta joulukuu
`;

const EXCLUDED = new Set(["mayo", "maja", "mei", "augustus"]);

const MAP: ReadonlyMap<string, string> = new Map(
  TABLE.trim()
    .split("\n")
    .flatMap((line) => {
      const [month, forms] = line.split(":").map((x) => x.trim()) as [string, string];
      return forms
        .split(/\s+/)
        .filter((f) => f !== "" && !EXCLUDED.has(f))
        .map((f) => [f, month] as const);
    }),
);

/** The English three-letter month a foreign month name names, if it is one. */
export function foreignMonth(word: string): string | undefined {
  return MAP.get(word);
}
