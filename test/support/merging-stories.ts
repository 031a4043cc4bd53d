// One event that reaches the desk as two stories: a ferry sinks in the Lombok Strait, and
// an hour later bodies wash up on an island nobody has tied to it yet. The first reports
// share little (the island's report names the ferry only in passing), so they open two
// stories; reports that tie the dead to the ferry bridge them, and the stories merge.
// Copy written for these tests; names are real places, the ferry and people are invented.

export interface MergingReport {
  /** Which outlet (1-based) files it. */
  outlet: number;
  /** Hours after the first report. */
  hour: number;
  headline: string;
  /** Paragraphs, blank-line separated. */
  text: string;
}

/** The ferry, first: it opens the story that survives. */
export const FERRY_SINKS: MergingReport = {
  outlet: 1,
  hour: 0,
  headline: "Ferry with 180 aboard sinks in Lombok Strait",
  text: "A passenger ferry carrying about 180 people sank in the Lombok Strait early on Monday, Indonesia's search and rescue agency Basarnas said. The crew of the KM Sinar Bahari radioed for help shortly after 4 am, soon after leaving Padang Bai for Lembar.\n\nThe agency said 23 people had been pulled from the water and more than 150 were missing.",
};

/** The island's angle, twice: the story that is absorbed. */
export const ISLAND_REPORTS: readonly MergingReport[] = [
  {
    outlet: 2,
    hour: 1.5,
    headline: "Bodies and life jackets wash up on Nusa Penida beaches",
    text: "Fishermen on Nusa Penida found nine bodies and dozens of life jackets on two beaches on Monday morning, the island's police chief Made Suarsa said. Villagers helped carry the dead to the health centre in Sampalan.\n\nPolice said they were checking whether the victims came from the KM Sinar Bahari, a ferry from Padang Bai to Lembar that Indonesia's rescue agency Basarnas reported missing in the Lombok Strait overnight.",
  },
  {
    outlet: 5,
    hour: 2,
    headline: "Nusa Penida villagers carry the dead from the beach to Sampalan",
    text: "Villagers on Nusa Penida spent Monday carrying the nine bodies found on the island's beaches to the health centre in Sampalan, where doctors worked to identify them, police chief Made Suarsa said.\n\nFishermen who found the bodies at dawn said more life jackets were drifting offshore, towards the Lombok Strait where Basarnas was searching for the missing ferry KM Sinar Bahari.",
  },
];

/** Reports that tie the dead on the island to the ferry. */
export const BRIDGING_REPORTS: readonly MergingReport[] = [
  {
    outlet: 3,
    hour: 3,
    headline: "Nusa Penida bodies were KM Sinar Bahari passengers, Basarnas says",
    text: "The nine bodies found on the beaches of Nusa Penida on Monday were passengers of the KM Sinar Bahari, the ferry that sank in the Lombok Strait with about 180 people aboard, Basarnas said. Police chief Made Suarsa said the dead had been taken to Sampalan.\n\n23 people were rescued and more than 150 are missing, the agency said.",
  },
  {
    outlet: 4,
    hour: 4,
    headline: "Lombok Strait ferry sinking: death toll rises to 31",
    text: "The death toll from the sinking of the KM Sinar Bahari in the Lombok Strait rose to 31 on Monday, Basarnas said, many of them found on the beaches of Nusa Penida, where police chief Made Suarsa said the search would go on. The dead were taken to Sampalan.\n\nThe ferry carried about 180 people from Padang Bai to Lembar. 23 survived.",
  },
];

/** A later report, after the merge (and after a restart in the tests). */
export const SURVIVORS_SPEAK: MergingReport = {
  outlet: 6,
  hour: 6,
  headline: "Survivors of KM Sinar Bahari describe high waves before ferry sank",
  text: "Survivors of the KM Sinar Bahari told reporters in Padang Bai that the ferry listed in high waves in the Lombok Strait before it sank with about 180 people aboard. Most of the 31 dead were found on Nusa Penida, police chief Made Suarsa said.\n\nBasarnas said the search for the missing would go on through the night.",
};

/** The report's body as stored HTML: one paragraph each. */
export function bodyHtml(report: MergingReport): string {
  return report.text
    .split("\n\n")
    .map((p) => `<p>${p}</p>`)
    .join("");
}
