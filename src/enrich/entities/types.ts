export const ENTITY_KINDS = ["person", "place", "organisation"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Offsets into the article's plain text, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface Entity {
  /** Canonical name: "Alexander Lukashenko" whether the text says "Lukashenka" or "Lukashenko's". */
  name: string;
  /** For the topic page: `/topic/<slug>`. */
  slug: string;
  /** The other forms this article used for it, in order of first use. */
  aliases: string[];
  /** Every mention in headline, standfirst and text. */
  mentions: number;
  /** The mentions in the text (not the headline or standfirst). */
  spans: Span[];
}

export interface EntitiesInput {
  headline: string;
  standfirst?: string | null;
  /** Plain text: `bodyText(html)` for a sanitized body. */
  text: string;
}

export interface Entities {
  people: Entity[];
  places: Entity[];
  organisations: Entity[];
}
