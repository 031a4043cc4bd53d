import type { ForeignFragment, LintFinding } from "../../domain/enrichment.ts";
import { detectLanguage, findForeignFragments } from "../language.ts";
import { paragraphSpans, sentenceSpans } from "../text-spans.ts";
import { boilerplate } from "./boilerplate.ts";
import type { LintContext, LintRule } from "./context.ts";
import { foreignFragment } from "./foreign-fragment.ts";
import { quoteBalance } from "./quote-balance.ts";
import { repeatedPassage } from "./repeated-passage.ts";
import { sentenceBreak } from "./sentence-break.ts";
import { truncated } from "./truncated.ts";

export interface LintInput {
  headline: string;
  standfirst?: string | null;
  /** The body's plain text (`bodyText`); every span in the result is an offset into it. */
  text: string;
  /** The language the source declared ("en", "en-GB"), or "" when it said nothing. */
  language?: string;
}

export interface LintResult {
  /** ISO 639-1 code of the article's language, or "" when it cannot be told. */
  language: string;
  fragments: ForeignFragment[];
  /** Sorted by start, then end. */
  findings: LintFinding[];
}

/** Every rule, in the order their findings are listed when two start at the same place. */
export const RULES: readonly LintRule[] = [
  foreignFragment,
  repeatedPassage,
  sentenceBreak,
  quoteBalance,
  truncated,
  boilerplate,
];

/**
 * The copy-quality stage: the article's language, its passages in other languages, and the
 * findings of every rule. Pure; the text is split into paragraphs and sentences once and
 * shared by the rules.
 */
export function lintArticle(input: LintInput): LintResult {
  const { text } = input;
  const language = detectLanguage({
    headline: input.headline,
    standfirst: input.standfirst,
    text,
    hint: input.language ?? "",
  });
  const context = lintContext(text, language);
  return { language, fragments: [...context.fragments], findings: lintFindings(context) };
}

/** Every rule's findings over the split text, sorted by start, then end. */
export function lintFindings(context: LintContext): LintFinding[] {
  const findings = RULES.flatMap((rule) => rule(context));
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return findings;
}

/** The text split into paragraphs and sentences, with its foreign fragments found. */
export function lintContext(text: string, language: string): LintContext {
  const paragraphs = paragraphSpans(text);
  const sentences = paragraphs.map((p) => sentenceSpans(text, p));
  const fragments = findForeignFragments(text, language, paragraphs, sentences);
  return { text, language, paragraphs, sentences, fragments };
}
