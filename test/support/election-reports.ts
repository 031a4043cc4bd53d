import type { ClusterArticle } from "../../src/enrich/cluster/cluster-article.ts";

// Written for the tests of clustering across languages: one election told twice in English
// and in German, where every noun has a capital and reads as a name the English story never
// carries; and a German report of another election the same day, worded like the first.
export const ELECTION_ENGLISH_1: ClusterArticle = {
  id: "en-1",
  source: "wire.example",
  language: "en",
  published: "2025-10-06T09:00:00Z",
  title: "Marta Lindqvist elected prime minister of Sweden",
  text: "Sweden's parliament voted 176 to 173 on Monday to make Marta Lindqvist prime minister, ending four weeks of talks after the September election.",
};
export const ELECTION_ENGLISH_2: ClusterArticle = {
  id: "en-2",
  source: "daily.example",
  language: "en",
  published: "2025-10-06T10:30:00Z",
  title: "Lindqvist wins Riksdag vote to lead Sweden",
  text: "Marta Lindqvist will lead Sweden after lawmakers backed her 176 to 173, the speaker of the Riksdag said on Monday.",
};
export const ELECTION_GERMAN: ClusterArticle = {
  id: "de-1",
  source: "zeitung.example",
  language: "de",
  published: "2025-10-06T12:00:00Z",
  title: "Marta Lindqvist zur Ministerpräsidentin Schwedens gewählt",
  text: "Der Reichstag in Stockholm wählte Lindqvist am Montag mit 176 zu 173 Stimmen zur neuen Regierungschefin.",
};
export const OTHER_ELECTION_GERMAN: ClusterArticle = {
  id: "de-2",
  source: "blatt.example",
  language: "de",
  published: "2025-10-06T13:00:00Z",
  title: "Jonas Berg zum Bürgermeister von Oslo gewählt",
  text: "Der Stadtrat in Oslo wählte Berg am Montag mit 31 zu 28 Stimmen zum neuen Bürgermeister.",
};

/** A later German report of the same election, for a restarted index. */
export const ELECTION_GERMAN_2: ClusterArticle = {
  id: "de-3",
  source: "rundschau.example",
  language: "de",
  published: "2025-10-06T15:00:00Z",
  title: "Lindqvist als Ministerpräsidentin Schwedens vereidigt",
  text: "Marta Lindqvist legte am Montag in Stockholm ihren Amtseid ab, nachdem der Reichstag sie mit 176 zu 173 Stimmen gewählt hatte.",
};
