/**
 * Words that say nothing about which event an article covers. Function words, plus the
 * reporting vocabulary every news story shares ("said", "officials", "on Tuesday"): on a
 * small window IDF cannot learn yet that these are common, so they are dropped up front.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above across after again against ago ahead all almost along already also although
  always am among an and another any anyone anything are around as at away back be became
  because become been before began begin being below besides between both but by came can
  cannot could did do does doing done down during each either else enough even ever every
  few for from further get gets getting give given go goes going gone got had has have having
  he her here hers herself him himself his how however i if in into is it its itself just
  last least less let like likely made make makes making many may me might more most much
  must my myself near nearly neither never new next no nor not now of off often on once one
  only onto or other others our ours ourselves out over own per perhaps put quite rather
  really same say says said saying she should since so some soon still such take taken than
  that the their theirs them themselves then there these they this those though through thus
  to together too took toward towards under until up upon us use used very via was we well
  were what whatever when where whether which while who whom whose why will with within
  without would yet you your yours yourself
  according added adding announced asked called comment comments confirmed continue
  continued expected later latest meanwhile news officials official people percent cent
  reported reporter reporters reporting reports report spokesman spokeswoman spokesperson
  statement stated told tell telling week weeks weekend year years month months day days
  time times today tonight yesterday tomorrow morning afternoon evening night hours hour
  minutes earlier first second third including includes include around also early late
  two three four five six seven eight nine ten eleven twelve twenty hundred hundreds
  thousand thousands million millions billion billions dozen dozens several number numbers
  part including set says mr mrs ms dr st
  don't doesn't didn't isn't aren't wasn't weren't won't wouldn't can't couldn't shouldn't
  it's that's there's he's she's they're we're i'm you're we've they've i've`
    .split(/\s+/)
    .filter((w) => w !== ""),
);

/** Capitalized, but dates and not names: they must not make two articles look related. */
export const CALENDAR: ReadonlySet<string> = new Set(
  `monday tuesday wednesday thursday friday saturday sunday january february march april may
  june july august september october november december jan feb mar apr jun jul aug sep sept
  oct nov dec`
    .split(/\s+/)
    .filter((w) => w !== ""),
);

/** Capitalized titles and generic words that sit next to names without being one. */
export const GENERIC_CAPITALS: ReadonlySet<string> = new Set(
  `president minister prime chancellor secretary governor mayor king queen prince senator
  chief general director ceo chairman chairwoman chair professor doctor police government
  state states national international united north south east west northern southern
  eastern western central new update breaking live exclusive analysis opinion video watch
  photos read more`
    .split(/\s+/)
    .filter((w) => w !== ""),
);
