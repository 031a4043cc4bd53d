import type { FeedFormat, FeedWarning } from "./feed.ts";
import type { PublishPolicy } from "./publish-policy.ts";

export const SOURCE_MODES = ["link", "full"] as const;
/** `link`: headline, summary, image and a link out. `full`: the full text republished. */
export type SourceMode = (typeof SOURCE_MODES)[number];

export interface SourceHealth {
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  consecutiveFailures: number;
  etag: string | null;
  lastModified: string | null;
  itemsPerDay: number;
  nextFetchAt: string | null;
  disabledReason: string | null;
  /**
   * What went wrong in the last feed that was still read (cut off, items skipped and why):
   * not failures, and never counted toward disabling. Absent or empty when all was well.
   */
  warnings?: FeedWarning[];
}

export interface Source {
  id: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  format: FeedFormat | null;
  mode: SourceMode;
  sectionSlug: string;
  languageHint: string | null;
  weight: number;
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  enabled: boolean;
  /** The quality gate's policy (migration 012); null or absent: the mode's default. */
  publishPolicy?: PublishPolicy | null;
  health: SourceHealth;
  createdAt: string;
}

/**
 * A source's WebSub subscription, as stored. The secret never leaves the server. While a
 * request awaits the hub's verification, `leaseUntil` is when to give up waiting and ask
 * again; once verified, it is the end of the lease the hub granted.
 */
export interface WebSubState {
  hub: string | null;
  topic: string | null;
  secret: string | null;
  leaseUntil: string | null;
}

/** A source as an operator adds it; health and WebSub state start empty. */
export interface NewSource {
  url: string;
  mode: SourceMode;
  section: { slug: string; name: string };
  title?: string | null;
  siteUrl?: string | null;
  languageHint?: string | null;
  weight?: number;
  minIntervalSeconds?: number;
  maxIntervalSeconds?: number;
  publishPolicy?: PublishPolicy | null;
}
