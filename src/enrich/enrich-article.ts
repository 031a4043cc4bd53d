import type { ArticleEnrichment } from "../domain/enrichment.ts";
import {
  type EnrichContext,
  type EnrichInput,
  type EnrichStep,
  finishEnrichment,
  startEnrichment,
} from "./enriching-article.ts";
import { clusterStep } from "./steps/cluster-step.ts";
import { dedupeStep } from "./steps/dedupe-step.ts";
import { entitiesStep } from "./steps/entities-step.ts";
import { languageStep } from "./steps/language-step.ts";
import { lintStep } from "./steps/lint-step.ts";

/** Bump when a stage changes what it finds: every stored article is enriched again. */
export const ENRICHMENT_VERSION = 1;

/**
 * The stages in the order they run. Entities come before dedupe and clustering: the story
 * index counts entity slugs among an article's names, both when it compares near copies and
 * when it scores stories.
 */
export const ENRICH_STEPS: readonly EnrichStep[] = [
  languageStep,
  lintStep,
  entitiesStep,
  dedupeStep,
  clusterStep,
];

/** Every step, in order, for one article. Pure apart from the story index, which learns it. */
export function enrichArticle(article: EnrichInput, context: EnrichContext): ArticleEnrichment {
  let working = startEnrichment(article);
  for (const step of ENRICH_STEPS) working = step(working, context);
  return finishEnrichment(working);
}
