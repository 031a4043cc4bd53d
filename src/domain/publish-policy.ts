import type { LintFinding, LintSeverity } from "./enrichment.ts";

/**
 * What the quality gate does with a source's items (issue 12, wire desk):
 * - always: straight to readers, whatever the copy lint finds;
 * - when_clean: held on the wire desk when the copy lint finds something a person must
 *   fix (an error or a warning; info never holds), published otherwise;
 * - never: every item is held for an editor.
 */
export const PUBLISH_POLICIES = ["always", "when_clean", "never"] as const;
export type PublishPolicy = (typeof PUBLISH_POLICIES)[number];

export const PUBLISH_POLICY_LABELS: Record<PublishPolicy, string> = {
  always: "always publish",
  when_clean: "publish when clean",
  never: "never publish (hold every item)",
};

export function isPublishPolicy(value: unknown): value is PublishPolicy {
  return typeof value === "string" && (PUBLISH_POLICIES as readonly string[]).includes(value);
}

/**
 * The policy in force: the one an operator chose, or the default for the source's kind:
 * `full` sources republish text and are held until clean; `link` sources only link out.
 */
export function effectivePolicy(source: {
  mode: string;
  publishPolicy?: PublishPolicy | null | undefined;
}): PublishPolicy {
  return source.publishPolicy ?? (source.mode === "full" ? "when_clean" : "always");
}

/**
 * Severities that stop a `when_clean` item. The copy lint (enrich/lint) files every defect
 * a person must fix — a foreign passage, a repeat, a stray full stop, an unbalanced quote —
 * as a warning and a cut-off text as an error; both need an editor before readers see it.
 */
export const HOLDING_SEVERITIES: readonly LintSeverity[] = ["error", "warning"];

export function holdingFindings(findings: readonly LintFinding[]): LintFinding[] {
  return findings.filter((f) => HOLDING_SEVERITIES.includes(f.severity));
}

/** Held (true) or published (false) under this policy, given the item's findings. */
export function holdsItem(policy: PublishPolicy, findings: readonly LintFinding[]): boolean {
  if (policy === "always") return false;
  if (policy === "never") return true;
  return holdingFindings(findings).length > 0;
}
