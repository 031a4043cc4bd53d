import type { ForeignFragment, LintFinding, LintSeverity } from "../../domain/enrichment.ts";
import type { Span } from "../text-spans.ts";

/** What every rule reads: the text split once, and the language stage's answer. */
export interface LintContext {
  /** The article body's plain text; every span is an offset into it. */
  text: string;
  /** ISO 639-1 code of the article, or "" when unknown. */
  language: string;
  paragraphs: readonly Span[];
  /** The sentences of each paragraph, index for index. */
  sentences: readonly (readonly Span[])[];
  fragments: readonly ForeignFragment[];
}

export type LintRule = (context: LintContext) => LintFinding[];

export function finding(
  context: LintContext,
  rule: string,
  severity: LintSeverity,
  span: Span,
  message: string,
  fix: string | null,
): LintFinding {
  const { start, end } = span;
  return { rule, severity, start, end, text: context.text.slice(start, end), message, fix };
}

/** A short quotation of a passage for a message: its first words, cut at a word. */
export function excerpt(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(" ", max);
  return `${flat.slice(0, cut > max / 2 ? cut : max)}…`;
}
