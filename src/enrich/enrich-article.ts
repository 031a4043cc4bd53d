import type { ArticleEnrichment, EntityMention } from "../domain/enrichment.ts";
import type { ClusterArticle } from "./cluster/cluster-article.ts";
import type { StoryIndex } from "./cluster/story-index.ts";
import { extractEntities } from "./entities/extract-entities.ts";
import { lintArticle } from "./lint/lint.ts";

/** Bump when a stage changes what it finds: every stored article is enriched again. */
export const ENRICHMENT_VERSION = 1;

/** The article as the stages read it: plain text, and where it came from. */
export interface EnrichInput {
  id: number;
  headline: string;
  standfirst: string | null;
  /** Plain text of the body, paragraphs separated by blank lines. */
  text: string;
  language: string;
  sourceId: number | null;
  canonicalUrl: string | null;
  /** ISO 8601: published, or created for drafts. */
  at: string;
}

/** The article as story clustering sees it; the same when placing and when rebuilding. */
export function toClusterArticle(article: EnrichInput, entitySlugs: string[]): ClusterArticle {
  return {
    id: String(article.id),
    title: article.headline,
    text: article.standfirst ? `${article.standfirst}\n\n${article.text}` : article.text,
    source: article.sourceId === null ? "portal" : `source:${article.sourceId}`,
    published: article.at,
    entities: entitySlugs,
    canonicalUrl: article.canonicalUrl,
  };
}

/**
 * Every stage, in order, for one article: language and copy quality, entities, then its
 * place among stories (which reads the entities). Pure apart from the story index, which
 * learns the article.
 */
export function enrichArticle(article: EnrichInput, index: StoryIndex): ArticleEnrichment {
  const quality = lintArticle({
    headline: article.headline,
    standfirst: article.standfirst,
    text: article.text,
    language: article.language,
  });
  const found = extractEntities({
    headline: article.headline,
    standfirst: article.standfirst,
    text: article.text,
  });
  const entities: EntityMention[] = [
    ...found.people.map((e) => ({ kind: "person" as const, ...e })),
    ...found.places.map((e) => ({ kind: "place" as const, ...e })),
    ...found.organisations.map((e) => ({ kind: "organisation" as const, ...e })),
  ].map(({ kind, name, slug, mentions }) => ({ kind, name, slug, mentions }));
  const placed = index.add(
    toClusterArticle(
      article,
      entities.map((e) => e.slug),
    ),
  );
  return {
    articleId: article.id,
    language: quality.language,
    fragments: quality.fragments,
    findings: quality.findings,
    duplicateOf: placed.duplicateOf === null ? null : Number(placed.duplicateOf),
    storyKey: placed.story.id,
    entities,
  };
}
