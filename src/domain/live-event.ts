/**
 * The live protocol: what a change readers can see looks like on the `events` log, on the
 * SSE stream (`/live`), in a poll answer (`/live/poll`) and to the page's client. Payloads
 * are built by the server from stored rows: text is text (the client inserts it with
 * `textContent`), and the only HTML is `bodyHtml`, already sanitized when it was stored.
 */

/** `home`, `breaking`, `section:<slug>`, `topic:<slug>`, `story:<id>`, `live:<id>`, `article:<id>`. */
export type LiveChannel =
  | "home"
  | "breaking"
  | `section:${string}`
  | `topic:${string}`
  | `story:${number}`
  | `live:${number}`
  | `article:${number}`;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID = /^[1-9]\d{0,11}$/;

/** The channel a string names, or null when it names none (the caller answers 400). */
export function parseChannel(raw: string): LiveChannel | null {
  if (raw === "home" || raw === "breaking") return raw;
  const colon = raw.indexOf(":");
  if (colon < 0 || raw.length > 140) return null;
  const kind = raw.slice(0, colon);
  const rest = raw.slice(colon + 1);
  if ((kind === "section" || kind === "topic") && SLUG.test(rest)) return raw as LiveChannel;
  if ((kind === "story" || kind === "live" || kind === "article") && ID.test(rest)) {
    return raw as LiveChannel;
  }
  return null;
}

/** A reader-facing article, as the river, a story page or a notice shows it. */
export interface LiveArticle {
  articleId: number;
  headline: string;
  /** The site path of its page, e.g. `/news/2026/12/07/harbour-bridge`. */
  url: string;
  sectionSlug: string;
  sectionName: string;
  publishedAt: string;
  standfirst: string | null;
  outlet: string | null;
  storyId: number | null;
  /**
   * ISO 639-1, as stored in `articles.language`; "" when not known. Events logged before
   * payloads carried it have none: the client reads a missing one as "" (dom.ts).
   */
  language: string;
}

export interface LiveEntry {
  id: number;
  liveblogId: number;
  title: string | null;
  /** Sanitized when stored; the one HTML a payload carries. */
  bodyHtml: string;
  byline: string | null;
  keyEvent: boolean;
  pinned: boolean;
  postedAt: string;
  updatedAt: string;
}

/** Each event type with its payload. */
export interface LivePayloads {
  "article.published": LiveArticle;
  "article.updated": LiveArticle;
  /** Also when an embargo or schedule time comes. */
  "article.corrected": {
    articleId: number;
    url: string;
    correction: { id: number; text: string; createdAt: string };
  };
  "article.killed": { articleId: number; url: string };
  "story.changed": {
    storyId: number;
    title: string;
    url: string;
    sourceCount: number;
    articleCount: number;
    leadArticleId: number | null;
  };
  /**
   * Two stories grew into one: `storyId` lives on as `into` (its address answers 301 to
   * `url`). On both stories' channels: the absorbed story's page points to the survivor,
   * the survivor's offers to show the reports that joined.
   */
  "story.merged": { storyId: number; into: number; url: string };
  "entry.posted": LiveEntry;
  "entry.edited": LiveEntry;
  "entry.deleted": { liveblogId: number; entryId: number };
  /** The blog's state: ended, pinned entry, key events changed (the client re-reads them). */
  "liveblog.changed": { liveblogId: number; closedAt: string | null; pinnedEntryId: number | null };
  "alert.sent": { alertId: number; headline: string; url: string; expiresAt: string };
  "alert.withdrawn": { alertId: number };
}

export type LiveEventType = keyof LivePayloads;

export const LIVE_EVENT_TYPES = [
  "article.published",
  "article.updated",
  "article.corrected",
  "article.killed",
  "story.changed",
  "story.merged",
  "entry.posted",
  "entry.edited",
  "entry.deleted",
  "liveblog.changed",
  "alert.sent",
  "alert.withdrawn",
] as const satisfies readonly LiveEventType[];

/** One row of the log as it travels; `id` ascends within one epoch. */
export type LiveEvent = {
  [T in LiveEventType]: {
    id: number;
    channel: LiveChannel;
    type: T;
    at: string;
    payload: LivePayloads[T];
  };
}[LiveEventType];

/**
 * What a page embeds so its client resumes from exactly what the page reflects:
 * `<meta name="dispatch-live" content="<epoch>:<lastEventId>" data-channels="home section:news">`.
 */
export const LIVE_META_NAME = "dispatch-live";

/** The SSE event that tells a client its id is unknown here: reload the page, then resume. */
export const RESYNC_EVENT = "resync";

/**
 * An event's id on the wire — the SSE `id:` line, `Last-Event-ID`, `last_event_id`, a poll's
 * `after` — is `<epoch>:<id>`, the meta tag's form: an id from another epoch is recognized
 * as such (and answered with `resync`) instead of being read as a number of this log.
 */
export function formatLiveId(epoch: string, id: number): string {
  return `${epoch}:${id}`;
}

/** `<epoch>:<id>` read back; null when malformed (the server answers 400). */
export function parseLiveId(raw: string): { epoch: string; id: number } | null {
  const colon = raw.lastIndexOf(":");
  if (colon <= 0 || colon > 64) return null;
  const epoch = raw.slice(0, colon);
  const digits = raw.slice(colon + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(epoch) || !/^(?:0|[1-9]\d{0,15})$/.test(digits)) return null;
  return { epoch, id: Number(digits) };
}
