import { AppError, describeError, isAppError } from "../../domain/errors.ts";
import { detectLanguage } from "../language.ts";
import { type ClusterArticle, parseClusterArticle } from "./cluster-article.ts";
import { DEFAULT_WINDOW_HOURS, StoryIndex, type StoryIndexOptions } from "./story-index.ts";

export type ClusterLineResult =
  | { id: string; story: string; duplicateOf: string | null }
  /** Two stories grew into one: every article given `merged` so far is now in `into`. */
  | { merged: string; into: string }
  | { id?: string; line: number; error: { code: string; message: string } };

/** Evict this rarely: it rebuilds the band tables. */
const EVICT_EVERY = 1000;

/**
 * Places JSONL articles into stories in the order given: one result per non-blank line, an
 * error result for a line that is not a valid article (the others go on), and after an
 * article's result a `merged` result for each story it made grow into another. Memory stays
 * bounded on long files: articles more than two windows older than the newest are dropped,
 * since nothing that arrives later in time order can join them.
 */
export function* clusterLines(
  lines: Iterable<string>,
  options: StoryIndexOptions = {},
): Generator<ClusterLineResult> {
  const index = new StoryIndex({ merge: true, ...options });
  const windowMs = (options.windowHours ?? DEFAULT_WINDOW_HOURS) * 3_600_000;
  let newest = Number.NEGATIVE_INFINITY;
  let lineNumber = 0;
  let sinceEvict = 0;
  for (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield { line: lineNumber, error: { code: "invalid_json", message: describeError(error) } };
      continue;
    }
    const id = idOf(value);
    try {
      const article = withDetectedLanguage(parseClusterArticle(value));
      if (index.storyOf(article.id) !== undefined)
        throw new AppError(
          "duplicate_id",
          `id "${article.id}" was already given on an earlier line`,
          {
            status: 400,
          },
        );
      const { story, duplicateOf, merged } = index.add(article);
      yield { id: article.id, story: story.id, duplicateOf };
      for (const from of merged) yield { merged: from, into: story.id };
      newest = Math.max(newest, Date.parse(article.published));
      if (++sinceEvict >= EVICT_EVERY) {
        sinceEvict = 0;
        index.evict(newest - 2 * windowMs);
      }
    } catch (error) {
      const code = isAppError(error) ? error.code : "failed";
      yield {
        ...(id === undefined ? {} : { id }),
        line: lineNumber,
        error: { code, message: describeError(error) },
      };
    }
  }
}

/**
 * A line that does not name its language gets the one the portal's language step would
 * find, so the file clusters as the portal would cluster the same reports.
 */
export function withDetectedLanguage(article: ClusterArticle): ClusterArticle {
  if (article.language !== undefined) return article;
  const language = detectLanguage({ headline: article.title, text: article.text });
  return language === "" ? article : { ...article, language };
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === "string" ? id : undefined;
}
