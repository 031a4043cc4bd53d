import type { ArticleStatus } from "./article.ts";

/**
 * Where an article stands in the newsroom. Readers' gate reads only the article's
 * `status` (domain/article-path.ts `isVisible`, db/visibility.ts): every desk state maps
 * to exactly one, so there is one rule for what readers see.
 *
 * - draft: being written; submitted: a reporter asks an editor to publish it
 * - scheduled / embargoed: published at `published_at`, not before (embargoed says the
 *   time is someone else's condition, not our choice)
 * - published; unpublished: taken back, may be published again
 * - held: a wire item stopped by the quality gate, waiting on the desk; dropped: let go
 * - killed: withdrawn for good; its address answers 410
 */
export const DESK_STATUSES = [
  "draft",
  "submitted",
  "scheduled",
  "embargoed",
  "published",
  "unpublished",
  "held",
  "dropped",
  "killed",
] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];

export function isDeskStatus(value: unknown): value is DeskStatus {
  return typeof value === "string" && (DESK_STATUSES as readonly string[]).includes(value);
}

/** The status readers' gate reads for a desk state. */
export function readerStatus(desk: DeskStatus): ArticleStatus {
  switch (desk) {
    case "published":
      return "published";
    case "scheduled":
    case "embargoed":
      return "scheduled";
    default:
      return "draft";
  }
}
