import type { EntityMention } from "../../domain/enrichment.ts";
import type { EnrichStep } from "../enriching-article.ts";
import { extractEntities } from "../entities/extract-entities.ts";

/** The people, places and organisations the article names: people first, then places, then organisations. */
export const entitiesStep: EnrichStep = (article) => {
  const { headline, standfirst, text } = article.input;
  const found = extractEntities({ headline, standfirst, text });
  const entities: EntityMention[] = [
    ...found.people.map((e) => ({ kind: "person" as const, ...e })),
    ...found.places.map((e) => ({ kind: "place" as const, ...e })),
    ...found.organisations.map((e) => ({ kind: "organisation" as const, ...e })),
  ].map(({ kind, name, slug, mentions }) => ({ kind, name, slug, mentions }));
  return { ...article, entities };
};
