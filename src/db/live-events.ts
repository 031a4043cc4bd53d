import { type Kysely, sql, type Transaction } from "kysely";
import type { ArticleStatus } from "../domain/article.ts";
import { articlePath, isVisible } from "../domain/article-path.ts";
import type {
  LiveArticle,
  LiveChannel,
  LiveEntry,
  LiveEventType,
  LivePayloads,
} from "../domain/live-event.ts";
import type { LiveblogEntry } from "../domain/liveblog.ts";
import type { DialectName } from "./connection.ts";
import { toIsoOrNull } from "./rows.ts";
import type { Schema } from "./schema.ts";
import { whereVisible } from "./visibility.ts";

/**
 * What a change appends to the live log, inside the change's own transaction (ADR 011):
 * the drafts are built here from the rows as the transaction sees them, so a page's client
 * never hears of a change that was rolled back, and never misses one that committed.
 * Every builder asks the one reader gate (`isVisible`): nothing draft, embargoed or killed
 * is ever described, only that a page readers had is gone.
 */

type Db = Kysely<Schema> | Transaction<Schema>;

export type EventDraft = {
  [T in LiveEventType]: {
    channel: LiveChannel;
    type: T;
    payload: LivePayloads[T];
    /** Appends that several nodes may attempt (an embargo lifting) land once. */
    dedupeKey?: string;
  };
}[LiveEventType];

/** PostgreSQL: the channel a committed append notifies; the payload is empty, nodes read rows. */
export const EVENTS_NOTIFY_CHANNEL = "dispatch_events";
// Any constant, the same on every node; not the migrations' key.
const PG_EVENTS_LOCK = 7_245_032;
const CHUNK = 100;

/**
 * Appends the drafts; call it last in the transaction. On PostgreSQL a transaction-scoped
 * lock orders the appenders, so ids become visible in the order they were given: without
 * it a reader tailing "id > last" could pass an id whose transaction commits later, and
 * lose that event for good.
 */
export async function appendEvents(
  trx: Transaction<Schema>,
  dialect: DialectName,
  drafts: readonly EventDraft[],
  now: Date,
): Promise<void> {
  if (drafts.length === 0) return;
  if (dialect === "postgres")
    await sql`SELECT pg_advisory_xact_lock(${PG_EVENTS_LOCK})`.execute(trx);
  const at = now.toISOString();
  const rows = drafts.map((d) => ({
    channel: d.channel,
    type: d.type,
    payload: JSON.stringify(d.payload),
    created_at: at,
    dedupe_key: d.dedupeKey ?? null,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto("events")
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.column("dedupe_key").where("dedupe_key", "is not", null).doNothing())
      .execute();
  }
  if (dialect === "postgres") {
    await sql`SELECT pg_notify(${EVENTS_NOTIFY_CHANNEL}, '')`.execute(trx);
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** An article as the log sees it: what readers would be shown, and whether they may. */
export interface ArticleSnapshot {
  article: LiveArticle;
  visible: boolean;
  /** Visible and not a second copy: what lists show. */
  listed: boolean;
  topics: string[];
  version: number;
}

/** The articles as this transaction sees them (missing ids are left out). */
export async function articleSnapshots(
  trx: Db,
  ids: readonly number[],
  now: Date,
): Promise<Map<number, ArticleSnapshot>> {
  const out = new Map<number, ArticleSnapshot>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await trx
      .selectFrom("articles")
      .innerJoin("sections", "sections.id", "articles.section_id")
      .leftJoin("sources", "sources.id", "articles.source_id")
      .select([
        "articles.id",
        "articles.headline",
        "articles.standfirst",
        "articles.slug",
        "articles.status",
        "articles.published_at",
        "articles.story_id",
        "articles.duplicate_of",
        "articles.version",
        "articles.language",
        "sections.slug as section_slug",
        "sections.name as section_name",
        "sources.title as outlet",
        "sources.url as source_url",
      ])
      .where("articles.id", "in", chunk)
      .execute();
    const topics = await trx
      .selectFrom("article_entities")
      .innerJoin("entities", "entities.id", "article_entities.entity_id")
      .select(["article_entities.article_id", "entities.slug"])
      .where("article_entities.article_id", "in", chunk)
      .execute();
    for (const r of rows) {
      const id = Number(r.id);
      const publishedAt = toIsoOrNull(r.published_at);
      const visible = isVisible({ status: r.status as ArticleStatus, publishedAt }, now);
      out.set(id, {
        article: {
          articleId: id,
          headline: r.headline,
          url: articlePath({ sectionSlug: r.section_slug, slug: r.slug, publishedAt }) ?? "",
          sectionSlug: r.section_slug,
          sectionName: r.section_name,
          publishedAt: publishedAt ?? "",
          standfirst: r.standfirst,
          // As the story page names it (story-repository.ts): a source without a title by its host.
          outlet: r.outlet ?? (r.source_url ? hostOf(r.source_url) : null),
          storyId: r.story_id === null ? null : Number(r.story_id),
          language: r.language,
        },
        visible,
        listed: visible && r.duplicate_of === null,
        topics: topics.filter((t) => Number(t.article_id) === id).map((t) => t.slug),
        version: Number(r.version),
      });
    }
  }
  return out;
}

/** The channels whose pages list the article: home, its section, its topics, its story. */
function listChannels(s: ArticleSnapshot, topics = true): LiveChannel[] {
  const out: LiveChannel[] = ["home", `section:${s.article.sectionSlug}`];
  if (topics) for (const t of s.topics) out.push(`topic:${t}`);
  if (s.article.storyId !== null) out.push(`story:${s.article.storyId}`);
  return out;
}

/** It became visible (published, or its embargo lifted): once per version and channel. */
export function publishedDrafts(s: ArticleSnapshot): EventDraft[] {
  if (!s.listed) return [];
  return listChannels(s).map((channel) => ({
    channel,
    type: "article.published",
    payload: s.article,
    dedupeKey: `published:${s.article.articleId}:${s.version}:${channel}`,
  }));
}

/**
 * What one article's change means to open pages, from before and after: newly visible is
 * published; visible still is updated (its own page, and the lists that show it); no
 * longer visible is killed, which names only its id and address.
 */
export function articleChangeDrafts(
  before: ArticleSnapshot | undefined,
  after: ArticleSnapshot | undefined,
): EventDraft[] {
  const wasVisible = before?.visible ?? false;
  if (after?.visible) {
    if (!wasVisible) return publishedDrafts(after);
    const channels: LiveChannel[] = [`article:${after.article.articleId}`];
    if (after.listed) channels.push(...listChannels(after, false));
    return channels.map((channel) => ({
      channel,
      type: "article.updated",
      payload: after.article,
    }));
  }
  if (!wasVisible || !before) return [];
  const gone = { articleId: before.article.articleId, url: before.article.url };
  return [`article:${gone.articleId}` as LiveChannel, ...listChannels(before, false)].map(
    (channel) => ({ channel, type: "article.killed", payload: gone }),
  );
}

/**
 * Runs `change` between two looks at the articles and appends what it meant to readers:
 * the way every repository write that can change a reader's page records itself.
 */
export async function recordingArticles<T>(
  trx: Transaction<Schema>,
  dialect: DialectName,
  ids: readonly number[] | ((result: T) => readonly number[]),
  now: Date,
  change: () => Promise<T>,
): Promise<T> {
  const known = typeof ids === "function" ? [] : ids;
  const before = await articleSnapshots(trx, known, now);
  const result = await change();
  const touched = typeof ids === "function" ? ids(result) : ids;
  const after = await articleSnapshots(trx, touched, now);
  const drafts = touched.flatMap((id) => articleChangeDrafts(before.get(id), after.get(id)));
  await appendEvents(trx, dialect, drafts, now);
  return result;
}

export function liveEntry(entry: LiveblogEntry): LiveEntry {
  return {
    id: entry.id,
    liveblogId: entry.articleId,
    title: entry.title,
    bodyHtml: entry.body,
    byline: entry.byline,
    keyEvent: entry.keyEvent,
    pinned: entry.pinned,
    postedAt: entry.postedAt,
    updatedAt: entry.updatedAt,
  };
}

/** A live blog's own channel, when readers may see the blog; null otherwise. */
export async function visibleLiveChannel(
  trx: Db,
  articleId: number,
  now: Date,
): Promise<LiveChannel | null> {
  const s = (await articleSnapshots(trx, [articleId], now)).get(articleId);
  return s?.visible ? `live:${articleId}` : null;
}

/** The blog's state readers see beside its entries: ended, and which entry is pinned. */
export async function liveblogState(
  trx: Db,
  articleId: number,
): Promise<LivePayloads["liveblog.changed"]> {
  const blog = await trx
    .selectFrom("liveblogs")
    .select("closed_at")
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  const pinned = await trx
    .selectFrom("liveblog_entries")
    .select("id")
    .where("article_id", "=", articleId)
    .where("pinned", "=", 1)
    .orderBy("posted_at", "desc")
    .executeTakeFirst();
  return {
    liveblogId: articleId,
    closedAt: blog ? toIsoOrNull(blog.closed_at) : null,
    pinnedEntryId: pinned ? Number(pinned.id) : null,
  };
}

/**
 * A live blog's change: the entry events, then its state when the pin or the ending may
 * have moved; nothing while the blog itself is not visible.
 */
export async function appendLiveblogEvents(
  trx: Transaction<Schema>,
  dialect: DialectName,
  articleId: number,
  now: Date,
  entries: readonly EventDraft[],
  stateChanged: boolean,
): Promise<void> {
  const channel = await visibleLiveChannel(trx, articleId, now);
  if (!channel) return;
  const drafts: EventDraft[] = entries.map((d) => ({ ...d, channel }) as EventDraft);
  if (stateChanged) {
    drafts.push({
      channel,
      type: "liveblog.changed",
      payload: await liveblogState(trx, articleId),
    });
  }
  await appendEvents(trx, dialect, drafts, now);
}

/** Stories whose figures changed and that readers can see (one visible report at least). */
export async function storyDrafts(
  trx: Db,
  ids: readonly number[],
  now: Date,
): Promise<EventDraft[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom("stories")
    .select(["id", "title", "slug", "source_count", "article_count", "lead_article_id"])
    .where("id", "in", [...new Set(ids)])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("articles")
          .select("articles.id")
          .whereRef("articles.story_id", "=", "stories.id")
          .where(whereVisible(now)),
      ),
    )
    .execute();
  return rows.map((r) => ({
    channel: `story:${Number(r.id)}` as LiveChannel,
    type: "story.changed",
    payload: {
      storyId: Number(r.id),
      title: r.title,
      url: `/story/${Number(r.id)}-${r.slug}`,
      sourceCount: Number(r.source_count),
      articleCount: Number(r.article_count),
      leadArticleId: r.lead_article_id === null ? null : Number(r.lead_article_id),
    },
  }));
}

/**
 * Stories merged away in this transaction and what each became (its redirect, one hop), on
 * both stories' channels; only when readers can see the survivor.
 */
export async function storyMergedDrafts(
  trx: Db,
  absorbed: readonly number[],
  now: Date,
): Promise<EventDraft[]> {
  if (absorbed.length === 0) return [];
  const rows = await trx
    .selectFrom("story_redirects")
    .innerJoin("stories", "stories.id", "story_redirects.to_id")
    .select(["story_redirects.from_id", "stories.id", "stories.slug"])
    .where("story_redirects.from_id", "in", [...new Set(absorbed)])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("articles")
          .select("articles.id")
          .whereRef("articles.story_id", "=", "stories.id")
          .where(whereVisible(now)),
      ),
    )
    .execute();
  return rows.flatMap((r) => {
    const payload = {
      storyId: Number(r.from_id),
      into: Number(r.id),
      url: `/story/${Number(r.id)}-${r.slug}`,
    };
    return [payload.storyId, payload.into].map((id) => ({
      channel: `story:${id}` as LiveChannel,
      type: "story.merged" as const,
      payload,
    }));
  });
}
