/** One update of a live blog. `body` is sanitized HTML; times are ISO 8601 UTC. */
export interface LiveblogEntry {
  id: number;
  articleId: number;
  title: string | null;
  body: string;
  byline: string | null;
  /** Listed among the blog's key events, for readers arriving late. */
  keyEvent: boolean;
  /** Shown above the stream until unpinned. */
  pinned: boolean;
  postedAt: string;
  updatedAt: string;
}

/** What the newsroom hands to storage; the body is already sanitized. */
export interface LiveblogEntryInput {
  title: string | null;
  body: string;
  byline: string | null;
  keyEvent?: boolean;
  pinned?: boolean;
  postedAt?: string;
}
