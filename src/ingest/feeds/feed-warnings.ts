import type { FeedWarning } from "../../domain/feed.ts";
import { position } from "./feed-errors.ts";
import { EMPTY_ITEM, type SkipCounts } from "./raw-item.ts";

/** The warnings a feed that was read carries: a truncation, and items skipped by reason. */

const REASONS: Record<string, string> = {
  [EMPTY_ITEM]: "no title, link, summary, body or media",
  html_too_complex: "markup too complex to clean",
};

function plural(n: number): string {
  return n === 1 ? "1 item" : `${n} items`;
}

export function skipWarnings(skipped: SkipCounts): FeedWarning[] {
  return [...skipped].map(([reason, count]) => ({
    code: "items_skipped",
    reason,
    count,
    message: `${plural(count)} skipped: ${REASONS[reason] ?? reason.replaceAll("_", " ")}`,
  }));
}

export function truncatedWarning(body: string, breakAt: number, kept: number): FeedWarning {
  const where = position(body, breakAt);
  return {
    code: "truncated",
    message: `the document breaks off at line ${where.line}, column ${where.column}; ${kept === 1 ? "the 1 complete item before it was" : `the ${kept} complete items before it were`} kept`,
    line: where.line,
    column: where.column,
  };
}

/** Two lists of warnings as one: skipped counts of the same reason added up. */
export function mergeWarnings(a: readonly FeedWarning[], b: readonly FeedWarning[]): FeedWarning[] {
  const counts: SkipCounts = new Map();
  const out: FeedWarning[] = [];
  for (const w of [...a, ...b]) {
    if (w.code === "items_skipped") counts.set(w.reason, (counts.get(w.reason) ?? 0) + w.count);
    else out.push(w);
  }
  return [...out, ...skipWarnings(counts)];
}

/** The feed with its warnings, the key left out when there is none. */
export function withWarnings<T extends { warnings?: FeedWarning[] }>(
  feed: T,
  warnings: FeedWarning[],
): T {
  const { warnings: _old, ...rest } = feed;
  return warnings.length === 0 ? (rest as T) : ({ ...rest, warnings } as T);
}
