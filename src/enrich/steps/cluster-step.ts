import { type EnrichStep, toClusterArticle } from "../enriching-article.ts";

/**
 * The article's story: a copy joins its original's, anything else the most similar story in
 * the window or a new one of its own. The index learns the article here. When its story now
 * reads like another open one, the two merge (the older survives) and the result names the
 * absorbed, for the store to move their reports and redirect their addresses. Without the
 * dedupe step before it, the article is read here and placed by similarity alone.
 */
export const clusterStep: EnrichStep = (article, { index }) => {
  // Dedupe found it indexed already: its placement stands.
  if (article.draft === null && article.storyKey !== null) return article;
  const draft =
    article.draft ??
    index.analyze(
      toClusterArticle(
        article.input,
        article.entities.map((e) => e.slug),
        article.language,
      ),
    );
  const copy =
    article.duplicateOf !== null && article.storyKey !== null
      ? { duplicateOf: String(article.duplicateOf), story: article.storyKey }
      : null;
  const placed = index.place(draft, copy);
  return {
    ...article,
    draft: null,
    duplicateOf: placed.duplicateOf === null ? null : Number(placed.duplicateOf),
    storyKey: placed.story.id,
    mergedStoryKeys: placed.merged,
  };
};
