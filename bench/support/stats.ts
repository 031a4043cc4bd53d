/** The p-quantile of ascending samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Milliseconds as the results table prints them. */
export const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
