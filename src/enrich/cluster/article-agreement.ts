import type { ArticleTerms } from "./article-terms.ts";

/**
 * Rules about what two articles must share, beyond similar wording, to be one event or
 * copies of one text. Each was checked on the hand-written, holdout and demo sets.
 */

/**
 * Two articles that each name someone or somewhere up front, without one name in common,
 * are about different events however alike the rest reads: two earthquakes, two matches,
 * the same template about two towns.
 */
export function namesAgree(a: ArticleTerms, b: ArticleTerms): boolean {
  if (a.leadNames.length === 0 || b.leadNames.length === 0) return true;
  return intersects(a.leadNames, b.names) || intersects(b.leadNames, a.names);
}

/**
 * Coverage of one event shares more than one headline-or-lead term; two local stories from
 * one town share the town, and the outlet's boilerplate further down.
 */
export const MIN_SHARED_FRONT = 2;

export function frontsOverlap(a: ArticleTerms, b: ArticleTerms): boolean {
  return sharedCount(a.headlineLead, b.headlineLead, MIN_SHARED_FRONT) >= MIN_SHARED_FRONT;
}

/**
 * For near copies: nearly every headline-and-lead name of each is among the other's names
 * (one in five may differ: a dateline's agency, a title added by the republisher).
 * Templated items ("library reopens in <town>") read alike but are different events.
 */
export function nearlySameNames(a: ArticleTerms, b: ArticleTerms): boolean {
  return shareFound(a.leadNames, b.names) >= 0.8 && shareFound(b.leadNames, a.names) >= 0.8;
}

/** The share of `some` (ascending) found in `all` (ascending); 1 when `some` is empty. */
function shareFound(some: Int32Array, all: Int32Array): number {
  if (some.length === 0) return 1;
  let found = 0;
  let j = 0;
  for (let i = 0; i < some.length; i++) {
    const x = some[i] as number;
    while (j < all.length && (all[j] as number) < x) j++;
    if (j < all.length && all[j] === x) found++;
  }
  return found / some.length;
}

/** Common values of two ascending arrays, counted up to `enough`. */
function sharedCount(a: Int32Array, b: Int32Array, enough: number): number {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length && n < enough) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

function intersects(a: Int32Array, b: Int32Array): boolean {
  return sharedCount(a, b, 1) === 1;
}
