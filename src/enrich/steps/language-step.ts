import type { EnrichStep } from "../enriching-article.ts";
import { detectLanguage } from "../language.ts";
import { lintContext } from "../lint/lint.ts";

/**
 * The article's language (the source's declaration is a hint), then its text split into
 * paragraphs and sentences with the passages written in another language.
 */
export const languageStep: EnrichStep = (article) => {
  const { headline, standfirst, text, language: hint } = article.input;
  const language = detectLanguage({ headline, standfirst, text, hint });
  const passages = lintContext(text, language);
  return { ...article, language, passages, fragments: [...passages.fragments] };
};
