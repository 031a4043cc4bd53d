/**
 * The tags pages carry (the page cache's and a CDN's Surrogate-Key) and the tags a change
 * touches. A page is dropped when a change names one of its tags; pages without tags
 * (search results, 404s) go with any change. Slugs keep any script's letters; a header
 * value must stay ASCII, hence the encoding.
 */

import type { EnrichmentChange } from "../domain/enrichment.ts";

export const HOME_TAG = "home";
export const SITEMAPS_TAG = "sitemaps";
export const SOURCES_TAG = "sources";

export const sectionTag = (slug: string) => `section:${encodeURIComponent(slug)}`;
export const topicTag = (slug: string) => `topic:${encodeURIComponent(slug)}`;
export const storyTag = (id: number) => `story:${id}`;
export const articleTag = (id: number) => `article:${id}`;
export const sourceTag = (id: number | string) => `source:${encodeURIComponent(id)}`;

/** Items a fetch created or changed: the home page and feeds, their sections, the source. */
export function ingestChangeTags(report: {
  sourceId: number;
  changed: readonly { articleId: number; sectionSlug: string }[];
}): string[] {
  const tags = new Set([HOME_TAG, SITEMAPS_TAG, SOURCES_TAG, sourceTag(report.sourceId)]);
  for (const item of report.changed) {
    tags.add(sectionTag(item.sectionSlug));
    tags.add(articleTag(item.articleId));
  }
  return [...tags];
}

/**
 * What an enrichment pass changed: the articles (topics, language marks), the stories they
 * joined or left (their pages and every article page showing that coverage), the topics
 * they gained or lost, the sections listing those stories, and the home page's top stories.
 */
export function enrichmentChangeTags(change: EnrichmentChange): string[] {
  return [
    HOME_TAG,
    ...change.articleIds.map(articleTag),
    ...change.storyIds.map(storyTag),
    ...change.topicSlugs.map(topicTag),
    ...change.sectionSlugs.map(sectionTag),
  ];
}
