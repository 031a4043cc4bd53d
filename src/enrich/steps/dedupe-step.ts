import { type EnrichStep, toClusterArticle } from "../enriching-article.ts";

/**
 * Exact and near copies: the story index reads the article (terms, fingerprints; it needs
 * the entities, which count as names) and looks for an earlier article in the window it
 * repeats. A copy takes its original's story. An article the index already holds (a
 * revision) keeps where it was placed.
 */
export const dedupeStep: EnrichStep = (article, { index }) => {
  const cluster = toClusterArticle(
    article.input,
    article.entities.map((e) => e.slug),
    article.language,
  );
  const known = index.placement(cluster.id);
  if (known)
    return {
      ...article,
      draft: null,
      duplicateOf: known.duplicateOf === null ? null : Number(known.duplicateOf),
      storyKey: known.story.id,
    };
  const draft = index.analyze(cluster);
  const copy = index.findCopy(draft);
  return {
    ...article,
    draft,
    duplicateOf: copy === null ? null : Number(copy.duplicateOf),
    storyKey: copy?.story ?? null,
  };
};
