import type { ArticleInput } from "../domain/article.ts";
import { bodyText } from "../domain/body-text.ts";
import { effectivePolicy, holdsItem, type PublishPolicy } from "../domain/publish-policy.ts";
import type { Source } from "../domain/source.ts";
import { lintArticle } from "../enrich/lint/lint.ts";

/**
 * The quality gate between a source's item and readers (issue 12, wire desk). Under the
 * source's publish policy an item is stored published, or `held` on the wire desk (reader
 * status `draft`) for an editor to fix and release, promote or drop. The copy lint runs
 * once per item and only where the policy needs it (not for `always`); its findings are stored
 * with the article, so the desk lists them before the enricher has run.
 */
export function gateArticle(input: ArticleInput, policy: PublishPolicy): ArticleInput {
  if (policy === "always") return input;
  // Held or not, the desk lists what is wrong with it.
  const findings = lintArticle({
    headline: input.headline,
    standfirst: input.standfirst,
    text: bodyText(input.body),
    language: input.language,
  }).findings;
  if (!holdsItem(policy, findings)) return { ...input, findings };
  // Readers must not see it: held items are drafts until an editor releases them.
  return { ...input, status: "draft", deskStatus: "held", findings };
}

/** The policy a source's items go through. */
export function sourcePolicy(source: Pick<Source, "mode" | "publishPolicy">): PublishPolicy {
  return effectivePolicy(source);
}

/**
 * An imported file (`dispatch import --source <id>`) as an item of that source: attributed
 * to it, of its kind, and through the same gate as what its feed brings.
 */
export function importThroughSource(
  input: ArticleInput,
  source: Pick<Source, "id" | "mode" | "publishPolicy">,
): ArticleInput {
  return gateArticle({ ...input, kind: source.mode, sourceId: source.id }, sourcePolicy(source));
}
