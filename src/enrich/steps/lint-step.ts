import type { EnrichStep } from "../enriching-article.ts";
import { lintContext, lintFindings } from "../lint/lint.ts";

/** Copy quality: every lint rule over the language step's split (or a fresh one without it). */
export const lintStep: EnrichStep = (article) => {
  const passages = article.passages ?? lintContext(article.input.text, article.language);
  return { ...article, passages, findings: lintFindings(passages) };
};
