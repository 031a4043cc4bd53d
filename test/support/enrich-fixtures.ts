// Real-looking articles for the enrichment tests: the seed story (with the defects the
// newsroom must see) and one event told by two outlets, plus another event.
import { readFileSync } from "node:fs";
import type { ArticleEnrichment } from "../../src/domain/enrichment.ts";
import type { EnrichInput } from "../../src/enrich/enriching-article.ts";
import type { PendingArticle } from "../../src/enrich/enrichment-store.ts";

const SEED = new URL("../fixtures/seed/article.txt", import.meta.url);

/** The seed story as plain text: masthead dropped, headline apart, paragraphs by blank lines. */
export function seedArticle(over: Partial<EnrichInput> = {}): EnrichInput {
  const [, headline = "", ...paragraphs] = readFileSync(SEED, "utf8")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return {
    id: 1,
    kind: "full",
    headline,
    standfirst: null,
    text: paragraphs.join("\n\n"),
    language: "en",
    sourceId: 1,
    canonicalUrl: null,
    at: "2020-09-03T10:00:00.000Z",
    ...over,
  };
}

export const QUAKE_REUTERS_TEXT = `ANKARA (Reuters) - A magnitude 6.2 earthquake struck Malatya province in eastern Turkey early on Monday, killing at least nine people and injuring more than 150, the country's disaster agency AFAD said.

The quake hit at 4:17 a.m. local time at a depth of about 10 km, with its epicentre near the town of Yesilyurt, AFAD said. Several buildings that had been damaged in the February 2023 earthquakes collapsed.`;

export const QUAKE_ALJAZEERA_TEXT = `A powerful earthquake has shaken eastern Turkey, toppling buildings in Malatya and sending terrified residents into the streets before dawn.

At least 11 people were killed and 180 injured, according to Turkey's Disaster and Emergency Management Authority (AFAD), which put the magnitude at 6.2. The epicentre was in Yesilyurt district, a region still rebuilding after the 2023 disaster.`;

export const MATCH_TEXT = `Bukayo Saka scored twice as Arsenal came from behind to beat Aston Villa at the Emirates Stadium and move to within five points of Premier League leaders Liverpool.

Ollie Watkins gave Villa a shock lead in the 12th minute, but Saka levelled from the penalty spot before half-time. Gabriel Martinelli sealed the win in stoppage time.`;

const HOUR = 3_600_000;

/**
 * Three stored articles as the enricher reads them, published `hoursAgo` before `now` (the
 * enricher keeps a 72-hour window of real time): two outlets' reports of one earthquake and
 * a football match.
 */
export function newsArticles(now = Date.now(), hoursAgo = 2): PendingArticle[] {
  const at = (minutes: number) => new Date(now - hoursAgo * HOUR + minutes * 60_000).toISOString();
  const base = { guid: null, kind: "link", standfirst: null, language: "en", canonicalUrl: null };
  return [
    {
      ...base,
      id: 11,
      headline: "Magnitude 6.2 earthquake strikes eastern Turkey, at least 9 dead",
      text: QUAKE_REUTERS_TEXT,
      body: "",
      sourceId: 1,
      at: at(0),
    },
    {
      ...base,
      id: 12,
      headline: "Arsenal 3-1 Aston Villa: Saka double keeps Gunners in title hunt",
      text: MATCH_TEXT,
      body: "",
      sourceId: 3,
      at: at(5),
    },
    {
      ...base,
      id: 13,
      headline: "Deadly quake hits Turkey's Malatya, buildings collapse",
      text: QUAKE_ALJAZEERA_TEXT,
      body: "",
      sourceId: 2,
      at: at(30),
    },
  ];
}

/** What the enricher would store for a plain English report: its own story unless told. */
export function storedEnrichment(
  articleId: number,
  over: Partial<ArticleEnrichment> = {},
): ArticleEnrichment {
  return {
    articleId,
    language: "en",
    fragments: [],
    findings: [],
    duplicateOf: null,
    storyKey: String(articleId),
    entities: [],
    ...over,
  };
}
