import { latinLetters } from "./cyrillic.ts";

/**
 * Reports of one event in different languages share its people's names, its figures and
 * dates, but each spells the country in its own language: "Greece", "Grécia", "Griechenland",
 * "Yunani", "Kreikka". Country and big-region names of the Latin-script languages most
 * outlets publish in are read as the English name, so a report in Portuguese and one in
 * Indonesian share the place the way two English ones do. English words never change here:
 * every form is a foreign word (the English name and words spelled alike are left out).
 *
 * Each line: the English name, then its one-word forms in Spanish, French, German,
 * Portuguese, Italian, Dutch, Polish, Swedish, Norwegian, Danish, Romanian, Indonesian, Malay,
 * Finnish, Afrikaans, Serbo-Croatian and Uzbek (those that differ; Polish and Finnish also in
 * the cases a headline uses most). Names of two words in English ("United States") are left
 * out: a word-by-word reading cannot map them, and their parts are common words.
 */
const TABLE = `
greece: grecia grèce griechenland grécia grecja grecji grekland hellas grækenland yunani kreikka kreikassa kreikan griekeland griekenland grčka grčkoj gretsiya
germany: alemania allemagne deutschland alemanha germania duitsland niemcy niemczech niemiec tyskland tysklands jerman saksa saksassa saksan njemačka njemačkoj germaniya
france: francia frankreich frança frankrijk francja francji frankrike frankrig franța perancis ranska ranskassa ranskan frankryk francuska francuskoj fransiya
spain: españa espagne spanien espanha spagna spanje hiszpania hiszpanii spania spanyol sepanyol espanja espanjassa espanjan španjolska ispaniya
italy: italia italie italien itália italië włochy włoszech itali italiassa italija italiya
portugal: portugalia portugalii portugali portugalissa portugalin portugaliya
netherlands: nederland nederländerna nederlandene holandia holandii belanda alankomaat alankomaissa nizozemska niderlandiya
belgium: bélgica belgique belgien belgio belgië belgia belgii belgiumissa belgija belgiya
switzerland: suiza schweiz suíça svizzera zwitserland szwajcaria szwajcarii sveits elveția sveitsi sveitsissä switserland švicarska shveytsariya
austria: autriche österreich áustria oostenrijk austrii österrike østerrike østrig itävalta itävallassa oostenryk austrija avstriya
poland: polonia pologne polen polônia polónia polska polsce polski polandia puola puolassa puolan poljska polsha
russia: rusia russie russland rússia rusland rosja rosji ryssland venäjä venäjällä venäjän rusija rossiya
ukraine: ucrania ucrânia ucraina oekraïne ukraina ukrainie ukrainy ukrainas ukrainassa ukrainan ukrajina
belarus: bielorrusia biélorussie weißrussland bielorrússia bielorussia białoruś białorusi vitryssland hviterussland hviderusland bjelorusija
turkey: turquía turquie türkei turquia turchia turkije turcja turcji turkiet tyrkia tyrkiet turcia turki turkki turkissa turkin turkye turska turkiya
china: chine cina chiny chinach chinami kina kiina kiinassa kiinan sjina xitoy tiongkok
japan: japón japon japão giappone japonia japonii jepang jepun japani japanissa japanin japonija yaponiya
korea: corea corée südkorea coreia coréia korei sydkorea coreea koreja koreya
india: inde indien índia indie indii intia intiassa intian indija hindiston
iran: irán irã iranu irania iranissa iranin eron
iraq: irak iraque irako iraku irakissa irakin irok
israel: israël israele izrael izraelu izraelissa israelin isroil
egypt: egipto égypte ägypten egito egitto egypte egipt egiptu egypten mesir egypti egyptissä egipat
brazil: brasil brésil brasilien brasile brazylia brazylii brazilia brasilia brasiliassa brasilian brazilija braziliya
mexico: méxico mexique mexiko messico meksyk meksyku mexic meksiko meksikossa meksikon meksika
argentina: argentine argentinien argentynie argentiina
peru: pérou perú
canada: canadá kanada kanadzie kanadassa kanadan
britain: großbritannien bretagna brytania britania bretanha brittannië brytanii britanii storbritannien storbritannia bretaña
sweden: suecia suède schweden suécia svezia zweden szwecja szwecji sverige suedia swedia ruotsi ruotsissa ruotsin švedska shvetsiya
norway: noruega norvège norwegen norvegia noorwegen norwegia norwegii norge norja norjassa norjan noorweë norveška norvegiya
denmark: dinamarca danemark dänemark danimarca denemarken dania danii danmark danemarca tanska tanskassa tanskan denemarke danska daniya
finland: finlandia finlande finnland finlândia finlandii suomi suomessa suomen finlandiya
ireland: irlanda irlande irland ierland irlandia irlandii irlanti irlannissa irlannin irska irlandiya
scotland: escocia écosse schottland escócia scozia schotland szkocja szkocji skottland skotland scoția skotlandia skotlanti škotska shotlandiya
hungary: hungría hongrie ungarn hungria ungheria hongarije węgry węgrzech ungern ungaria hongaria unkari unkarissa hongarye mađarska vengriya
romania: rumania roumanie rumänien roménia romênia rumenia roemenië rumunia rumunii rumænien românia romanya romaniassa rumunjska ruminiya
serbia: serbie serbien sérvia servië serbii srbija serbiya
croatia: croacia croatie kroatien croácia croazia kroatië chorwacja chorwacji kroatia croația kroasia kroatiassa kroasië hrvatska xorvatiya
czechia: chequia tchéquie tschechien chéquia cechia tsjechië czechy czechach tjeckien tsjekkia tjekkiet cehia ceko tšekki tšekissä tsjeggië češka chexiya
slovakia: eslovaquia slovaquie slowakei eslováquia slovacchia slowakije słowacja słowacji slovakien slovakiet slovacia slowakia slovakiassa slowakye slovačka slovakiya
bulgaria: bulgarie bulgarien bulgária bulgarije bułgaria bułgarii bulgariassa bulgarye bugarska bolgariya
moldova: moldavie moldawien moldávia moldavia moldavië mołdawia mołdawii moldavien moldovassa moldowa moldaviya
kosovo: kosova kosowo kosowie
syria: siria syrie syrien síria syrië syrii suriah syyria syyriassa sirija suriya
lebanon: líbano liban libanon libano libanu lubnan libanonissa livan
jordan: jordania jordanie jordanien jordânia giordania jordanië jordanii iordania yordania jordaniassa iordaniya
afghanistan: afganistán afganistão afganistan afganistanie afganistanissa afganistonda afg'oniston
pakistan: pakistán paquistão pakistanie pakistanissa pokiston
indonesia: indonésie indonesien indonésia indonesië indonezja indonezji indonezia indonesiassa indonezija indoneziya
philippines: filipinas philippinen filippine filipijnen filipiny filipinach filippinerna filippinene filippinerne filipine filipina filippiinit filippiineillä filippyne filipini filippin
vietnam: wietnam wietnamie vietnamissa vijetnam vyetnam
thailand: tailandia thaïlande tailândia thailandia tajlandia tajlandii tailanda thaimaa thaimaassa tajland tailand
myanmar: birmania birmanie birma birmânia mjanma mjanmie mianmar
nigeria: nigéria nigerii nigeriassa nigerija nigeriya
kenya: kenia kénia kenii kenian keniassa keniya
ethiopia: etiopía éthiopie äthiopien etiópia etiopia ethiopië etiopii etiopien etiopiassa etiopija efiopiya
sudan: sudán soudan sudão sudanie sudanissa sudon
morocco: marruecos maroc marokko marrocos marocco maroko maroku marocko maghribi marokossa marokash
australia: australie australien austrália australië australii australiassa australija avstraliya
chile: chilien chilii chilessä čile
colombia: colombie kolumbien colômbia kolumbia kolumbii kolombia kolumbiassa kolombië kolumbija kolumbiya
venezuela: wenezuela wenezueli venezuelassa venecuela venesuela
cuba: kuba kubie kubassa kuuba
haiti: haïti haití haitissa gaiti
taiwan: taïwan tajwan tajwanie taiwanissa tayvan
europe: europy euroopassa euroopan eropa yevropa
africa: afrique afrika áfrica afryka afryce afrikka afrikassa
gaza: gazy gazie gazassa
palestine: palestina palästina palestyna palestynie palestiina falastin
`;

/**
 * Russian, Ukrainian and Belarusian forms (nominative and the cases headlines use most), read
 * in Latin letters as the vocabulary reads Cyrillic words (cyrillic.ts).
 */
const CYRILLIC = `
russia: россия россии россию росія росії расія расіі
ukraine: украина украины украине украину україна україни україні украіна украіны
belarus: беларусь белоруссия беларуси білорусь білорусі
germany: германия германии німеччина німеччини германія германіі
france: франция франции франція франції францыя францыі
britain: великобритания великобритании великобританія британія британия
china: китай китая китае китаї кітай кітая
japan: япония японии японія японії
korea: корея кореи кореї
india: индия индии індія індії
iran: иран ирана иране іран ірану
israel: израиль израиля израиле ізраїль ізраїлю ізраіль
syria: сирия сирии сирія сирії
turkey: турция турции туреччина туреччини турцыя
poland: польша польши польща польщі польшча
italy: италия италии італія італії
spain: испания испании іспанія іспанії
brazil: бразилия бразилии бразилія бразілія
egypt: египет египта єгипет
afghanistan: афганистан афганистане афганістан
europe: европа европы європа європи
africa: африка африки
palestine: палестина палестины палестини
us: сша
`;

const MAP: ReadonlyMap<string, string> = new Map([
  ...pairs(TABLE, (f) => f),
  ...pairs(CYRILLIC, latinLetters),
]);

function pairs(table: string, read: (form: string) => string): (readonly [string, string])[] {
  return table
    .trim()
    .split("\n")
    .flatMap((line) => {
      const [target, forms] = line.split(":").map((x) => x.trim()) as [string, string];
      return forms
        .trim()
        .split(/\s+/)
        .map(read)
        .filter((f) => f !== "" && f !== target)
        .map((f) => [f, target] as const);
    });
}

/** The English country or region a foreign form names, else the word itself. */
export function englishPlace(word: string): string {
  return MAP.get(word) ?? word;
}
