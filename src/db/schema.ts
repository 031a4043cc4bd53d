import type { ColumnType, Generated } from "kysely";

/**
 * Table shapes as Kysely sees them. Times are `timestamptz` on PostgreSQL (read back as
 * Date) and ISO 8601 text on SQLite; repositories turn both into ISO strings.
 */
type Time = ColumnType<Date | string, string, string>;
type NullableTime = ColumnType<Date | string | null, string | null, string | null>;

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** Migration 013: the masthead's and home page's order, and 1 to keep out of the masthead. */
  position: ColumnType<number, number | undefined, number>;
  hidden: ColumnType<number, number | undefined, number>;
}

export interface ArticlesTable {
  id: Generated<number>;
  guid: string | null;
  kind: string;
  status: string;
  headline: string;
  standfirst: string | null;
  body: string;
  body_text: string;
  byline: string | null;
  language: string;
  section_id: number;
  slug: string;
  canonical_url: string | null;
  external_url: string | null;
  published_at: NullableTime;
  updated_at: Time;
  created_at: Time;
  source_id: number | null;
  image_url: string | null;
  /** JSON array of strings. */
  categories: ColumnType<string, string | undefined, string>;
  story_id: ColumnType<number | null, number | null | undefined, number | null>;
  duplicate_of: ColumnType<number | null, number | null | undefined, number | null>;
  enriched_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON arrays: foreign-language fragments and copy-lint findings. */
  fragments: ColumnType<string, string | undefined, string>;
  findings: ColumnType<string, string | undefined, string>;
  /** The feed item's hash when it was stored (see ingest/item-hash.ts); null otherwise. */
  item_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** The newsroom's state (domain/desk-status.ts); null for items it never touched. */
  desk_status: ColumnType<string | null, string | null | undefined, string | null>;
  /** Raised by every newsroom save: a save made on an older one is refused (409). */
  version: ColumnType<number, number | undefined, number>;
  author_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface StoriesTable {
  id: Generated<number>;
  key: string;
  title: string;
  slug: string;
  lead_article_id: number | null;
  article_count: number;
  source_count: number;
  velocity: number;
  first_seen_at: Time;
  last_seen_at: Time;
  pinned: number;
  boost: number;
  updated_at: Time;
  /** 0 or 1 (migration 013): an editor took the story off the home page and story lists. */
  hidden: ColumnType<number, number | undefined, number>;
}

export interface EntitiesTable {
  id: Generated<number>;
  kind: string;
  name: string;
  slug: string;
  created_at: Time;
}

export interface ArticleEntitiesTable {
  article_id: number;
  entity_id: number;
  mentions: number;
}

export interface SourcesTable {
  id: Generated<number>;
  url: string;
  title: string | null;
  site_url: string | null;
  format: string | null;
  mode: string;
  section_id: number;
  language_hint: string | null;
  weight: number;
  min_interval_seconds: number;
  max_interval_seconds: number;
  /** 0 or 1: SQLite has no boolean. */
  enabled: number;
  disabled_reason: string | null;
  last_success_at: NullableTime;
  last_error_at: NullableTime;
  last_error: string | null;
  last_error_code: string | null;
  consecutive_failures: number;
  etag: string | null;
  last_modified: string | null;
  items_per_day: number;
  next_fetch_at: NullableTime;
  lease_until: NullableTime;
  websub_hub: string | null;
  websub_topic: string | null;
  websub_secret: string | null;
  websub_lease_until: NullableTime;
  created_at: Time;
  /** Migration 012: always | when_clean | never; null = the mode's default. */
  publish_policy: ColumnType<string | null, string | null | undefined, string | null>;
  /** Migration 014: the last read feed's warnings (FeedWarning[] as JSON); null: none. */
  last_warnings: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  number: number;
  headline: string;
  standfirst: string | null;
  body: string;
  created_at: Time;
  /** Migration 009: what the newsroom's editor published (null for items from elsewhere). */
  body_source: ColumnType<string | null, string | null | undefined, string | null>;
  byline: ColumnType<string | null, string | null | undefined, string | null>;
  section_slug: ColumnType<string | null, string | null | undefined, string | null>;
  tags: ColumnType<string | null, string | null | undefined, string | null>;
  image_path: ColumnType<string | null, string | null | undefined, string | null>;
  image_alt: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
  note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LiveblogEntriesTable {
  id: Generated<number>;
  article_id: number;
  title: string | null;
  body: string;
  byline: string | null;
  key_event: number;
  pinned: number;
  posted_at: Time;
  updated_at: Time;
  /** Migration 011: the Markdown the newsroom wrote it in, and who did. */
  body_markdown: ColumnType<string | null, string | null | undefined, string | null>;
  author_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface MigrationsTable {
  id: number;
  name: string;
  applied_at: string;
}

export interface ProcessLeasesTable {
  name: string;
  holder: string;
  pid: number;
  host: string;
  role: string;
  acquired_at: Time;
  expires_at: Time;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  disabled_at: NullableTime;
  created_at: Time;
  password_changed_at: Time;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's id: a leaked table opens no session. */
  id_hash: string;
  user_id: number;
  created_at: Time;
  last_seen_at: Time;
  expires_at: Time;
  client: string | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: Time;
  expires_at: Time;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Time;
  actor_id: number | null;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: string;
  /** JSON, or null. */
  before: string | null;
  after: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  role: string;
  created_by: number;
  created_at: Time;
  last_used_at: NullableTime;
  revoked_at: NullableTime;
}

/** A renamed section's old slug, answering 301 to the section's current one (migration 013). */
export interface SectionRedirectsTable {
  id: Generated<number>;
  old_slug: string;
  section_id: number;
}

/** A live blog's console state (migration 011): its summary's Markdown, when it closed. */
export interface LiveblogsTable {
  article_id: number;
  summary_markdown: string;
  closed_at: NullableTime;
  created_by: number | null;
  created_at: Time;
}

/** Reporters who may post on a live blog (migration 011). */
export interface LiveblogAssignmentsTable {
  article_id: number;
  user_id: number;
  assigned_by: number | null;
  assigned_at: Time;
}

/** Breaking alerts (migration 011): shown on reader pages until expired or withdrawn. */
export interface AlertsTable {
  id: Generated<number>;
  headline: string;
  url: string;
  created_at: Time;
  expires_at: Time;
  withdrawn_at: NullableTime;
  created_by: number | null;
}

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
  audit_log: AuditLogTable;
  api_tokens: ApiTokensTable;
  process_leases: ProcessLeasesTable;
  sections: SectionsTable;
  articles: ArticlesTable;
  sources: SourcesTable;
  article_revisions: ArticleRevisionsTable;
  stories: StoriesTable;
  story_redirects: StoryRedirectsTable;
  entities: EntitiesTable;
  article_entities: ArticleEntitiesTable;
  liveblog_entries: LiveblogEntriesTable;
  dispatch_migrations: MigrationsTable;
  section_redirects: SectionRedirectsTable;
  liveblogs: LiveblogsTable;
  liveblog_assignments: LiveblogAssignmentsTable;
  alerts: AlertsTable;
  article_drafts: ArticleDraftsTable;
  article_presence: ArticlePresenceTable;
  corrections: CorrectionsTable;
  events: EventsTable;
  live_log: LiveLogTable;
  push_subscriptions: PushSubscriptionsTable;
}

/** Migration 009: the editor's working copy of a newsroom article (never what readers see). */
export interface ArticleDraftsTable {
  article_id: number;
  headline: string;
  standfirst: string;
  body_source: string;
  section_slug: string;
  slug: string;
  /** JSON array of strings. */
  tags: string;
  byline: string;
  image_path: string | null;
  image_alt: string | null;
  version: number;
  updated_by: number | null;
  updated_at: Time;
}

/** Migration 009: who has an article open in the editor, by heartbeat. */
export interface ArticlePresenceTable {
  article_id: number;
  user_id: number;
  seen_at: Time;
}

/** Migration 010: published corrections, appended, each dated. */
export interface CorrectionsTable {
  id: Generated<number>;
  article_id: number;
  text: string;
  created_at: Time;
  created_by: number | null;
}

/** Migration 016: the live log, one row per change and channel (ids are bigint on PostgreSQL). */
export interface EventsTable {
  id: ColumnType<number | string, never, never>;
  channel: string;
  type: string;
  /** JSON: the payload of domain/live-event.ts for its type. */
  payload: string;
  created_at: Time;
  dedupe_key: string | null;
}

/** Migration 016: the one row naming the log's epoch and how far it was pruned. */
export interface LiveLogTable {
  id: number;
  epoch: string;
  pruned_through: ColumnType<number | string, number | undefined, number>;
}

/** Migration 017: readers' Web Push subscriptions for breaking alerts. */
export interface PushSubscriptionsTable {
  id: Generated<number>;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Time;
  last_sent_at: NullableTime;
  failures: ColumnType<number, number | undefined, number>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Migration 019: a merged story's old id and the story it now lives on as (one hop). */
export interface StoryRedirectsTable {
  from_id: number;
  to_id: number;
  merged_at: Time;
}
