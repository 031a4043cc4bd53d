import { AppError } from "./errors.ts";

const MAX_TERMS = 16;

/**
 * The reader's words and "quoted phrases", each as a plain term: search syntax is ours to
 * choose, and none of the engines' operators can be injected through it. Throws AppError
 * `bad_query` (400) when `q` holds no letter or digit.
 */
export function searchTerms(q: string): string[] {
  const terms: string[] = [];
  for (const match of q.matchAll(/"([^"]*)"|([^\s"]+)/g)) {
    const words = (match[1] ?? match[2] ?? "").match(/[\p{L}\p{N}]+/gu);
    if (words && words.length > 0) terms.push(words.join(" "));
  }
  if (terms.length === 0) {
    throw new AppError("bad_query", "q has no words to search for: use letters or digits", {
      status: 400,
    });
  }
  return terms.slice(0, MAX_TERMS);
}
