import type { Transaction } from "kysely";
import type { ArticleStatus } from "../domain/article.ts";
import { isVisible } from "../domain/article-path.ts";
import type { ArticleEnrichment } from "../domain/enrichment.ts";
import type { LiveChannel } from "../domain/live-event.ts";
import { slugify } from "../domain/slug.ts";
import { isHostedKind, storyLead, storyVelocity } from "../domain/story-lead.ts";
import type { EnrichmentStore, PendingArticle } from "../enrich/enrichment-store.ts";
import type { Database } from "./connection.ts";
import {
  appendEvents,
  articleSnapshots,
  type EventDraft,
  storyDrafts,
  storyMergedDrafts,
} from "./live-events.ts";
import { toIso, toIsoOrNull } from "./rows.ts";
import type { Schema } from "./schema.ts";
import { mergeStoredStories } from "./story-merges.ts";

// Until src/server/services.ts imports it from domain/enrichment.ts.

type Trx = Transaction<Schema>;

function pendingFromRow(r: {
  id: number;
  guid: string | null;
  kind: string;
  headline: string;
  standfirst: string | null;
  body: string;
  body_text: string;
  language: string;
  source_id: number | null;
  canonical_url: string | null;
  published_at: Date | string | null;
  created_at: Date | string;
}): PendingArticle {
  return {
    id: Number(r.id),
    guid: r.guid,
    kind: r.kind,
    headline: r.headline,
    standfirst: r.standfirst,
    body: r.body,
    text: r.body_text,
    language: r.language,
    sourceId: r.source_id === null ? null : Number(r.source_id),
    canonicalUrl: r.canonical_url,
    at: toIsoOrNull(r.published_at) ?? toIso(r.created_at),
  };
}

const PENDING_COLUMNS = [
  "articles.id",
  "articles.guid",
  "articles.kind",
  "articles.headline",
  "articles.standfirst",
  "articles.body",
  "articles.body_text",
  "articles.language",
  "articles.source_id",
  "articles.canonical_url",
  "articles.published_at",
  "articles.created_at",
] as const;

async function storyId(trx: Trx, key: string, title: string, at: string): Promise<number> {
  await trx
    .insertInto("stories")
    .values({
      key,
      title,
      // Named by `refreshStory` once a reader may see it: an embargoed headline stays out of it.
      slug: "",
      first_seen_at: at,
      last_seen_at: at,
      updated_at: at,
      article_count: 0,
      source_count: 0,
      velocity: 0,
      pinned: 0,
      boost: 0,
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await trx
    .selectFrom("stories")
    .select("id")
    .where("key", "=", key)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function entityId(
  trx: Trx,
  e: ArticleEnrichment["entities"][number],
  at: string,
): Promise<number> {
  await trx
    .insertInto("entities")
    .values({ kind: e.kind, name: e.name, slug: e.slug, created_at: at })
    .onConflict((oc) => oc.column("slug").doNothing())
    .execute();
  const row = await trx
    .selectFrom("entities")
    .select("id")
    .where("slug", "=", e.slug)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * A story's figures from its articles (copies left out): the lead and the velocity by the
 * one rule in `domain/story-lead.ts`, the lead's headline as the title. The slug is the
 * first visible lead's and never changes after (ADR 019): a story's address is for good.
 */
async function refreshStory(trx: Trx, id: number, now: Date): Promise<void> {
  const rows = await trx
    .selectFrom("articles")
    .leftJoin("sources", "sources.id", "articles.source_id")
    .select([
      "articles.id",
      "articles.kind",
      "articles.status",
      "articles.headline",
      "articles.source_id",
      "articles.published_at",
      "articles.created_at",
      "sources.weight",
    ])
    .where("articles.story_id", "=", id)
    .where("articles.duplicate_of", "is", null)
    .execute();
  const all = rows.map((r) => ({
    id: Number(r.id),
    visible: isVisible(
      { status: r.status as ArticleStatus, publishedAt: toIsoOrNull(r.published_at) },
      now,
    ),
    order: Number(r.id),
    hosted: isHostedKind(r.kind),
    copy: false,
    headline: r.headline,
    source: r.source_id === null ? "portal" : String(r.source_id),
    weight: r.weight === null ? 1 : Number(r.weight),
    time: Date.parse(toIsoOrNull(r.published_at) ?? toIso(r.created_at)),
  }));
  // Readers see the story's title, lead and counts: drafts and embargoed reports must not
  // shape them. A story of hidden reports only is not shown at all, so it keeps them.
  const visible = all.filter((item) => item.visible);
  const items = visible.length > 0 ? visible : all;
  const lead = storyLead(items);
  if (!lead) {
    await trx.deleteFrom("stories").where("id", "=", id).execute();
    return;
  }
  const times = items.map((i) => i.time);
  const named = await trx
    .selectFrom("stories")
    .select("slug")
    .where("id", "=", id)
    .executeTakeFirst();
  const slug =
    named?.slug === "" && visible.length > 0 ? { slug: slugify(lead.headline) || "story" } : {};
  await trx
    .updateTable("stories")
    .set({
      title: lead.headline,
      ...slug,
      lead_article_id: lead.id,
      article_count: items.length,
      source_count: new Set(items.map((i) => i.source)).size,
      velocity: storyVelocity(items, now.getTime()),
      first_seen_at: new Date(Math.min(...times)).toISOString(),
      last_seen_at: new Date(Math.max(...times)).toISOString(),
      updated_at: now.toISOString(),
    })
    .where("id", "=", id)
    .execute();
}

export function createEnrichmentRepository(database: Database): EnrichmentStore {
  const { db } = database;
  return {
    async pending(version, limit) {
      const rows = await db
        .selectFrom("articles")
        .select([...PENDING_COLUMNS])
        .where((eb) =>
          eb.or([eb("enriched_version", "is", null), eb("enriched_version", "<", version)]),
        )
        .orderBy("articles.id")
        .limit(limit)
        .execute();
      return rows.map(pendingFromRow);
    },

    async enrichedSince(since, version) {
      const rows = await db
        .selectFrom("articles")
        .leftJoin("stories", "stories.id", "articles.story_id")
        .select([...PENDING_COLUMNS, "articles.duplicate_of", "stories.key as story_key"])
        .where("articles.enriched_version", "=", version)
        .where((eb) =>
          eb(
            eb.fn.coalesce("articles.published_at", "articles.created_at"),
            ">=",
            since.toISOString(),
          ),
        )
        .orderBy("articles.id")
        .execute();
      const ids = rows.map((r) => Number(r.id));
      const slugs = new Map<number, string[]>();
      // Chunked: SQLite allows a limited number of bound parameters per statement.
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const links = await db
          .selectFrom("article_entities")
          .innerJoin("entities", "entities.id", "article_entities.entity_id")
          .select(["article_entities.article_id", "entities.slug"])
          .where("article_entities.article_id", "in", chunk)
          .execute();
        for (const l of links) {
          const list = slugs.get(Number(l.article_id)) ?? [];
          list.push(l.slug);
          slugs.set(Number(l.article_id), list);
        }
      }
      return rows.map((r) => ({
        ...pendingFromRow(r),
        storyKey: r.story_key ?? null,
        duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of),
        entitySlugs: slugs.get(Number(r.id)) ?? [],
      }));
    },

    async save(results, version, now = new Date()) {
      const articleIds: number[] = [];
      const touched = new Set<number>();
      const topics = new Set<string>();
      const sections = new Set<string>();
      const absorbed: number[] = [];
      if (results.length > 0)
        await db.transaction().execute(async (trx) => {
          const at = now.toISOString();
          // Topics the batch's articles had before: their pages lose an article.
          const previousTopics = await trx
            .selectFrom("article_entities")
            .innerJoin("entities", "entities.id", "article_entities.entity_id")
            .select(["entities.slug", "article_entities.article_id"])
            .where(
              "article_entities.article_id",
              "in",
              results.map((r) => r.articleId),
            )
            .execute();
          for (const t of previousTopics) topics.add(t.slug);
          // Pages an article newly shows on (its story, its topics): their clients hear of it.
          const joined = new Map<number, LiveChannel[]>();
          for (const r of results) {
            const before = await trx
              .selectFrom("articles")
              .innerJoin("sections", "sections.id", "articles.section_id")
              .select([
                "articles.story_id",
                "articles.headline",
                "articles.published_at",
                "articles.created_at",
                "sections.slug as section_slug",
              ])
              .where("articles.id", "=", r.articleId)
              .executeTakeFirst();
            // Deleted meanwhile: nothing to enrich.
            if (!before) continue;
            articleIds.push(r.articleId);
            sections.add(before.section_slug);
            for (const e of r.entities) topics.add(e.slug);
            if (before.story_id !== null) touched.add(Number(before.story_id));
            const storyAt = toIsoOrNull(before.published_at) ?? toIso(before.created_at);
            // Before the article's own story is looked up: the merge may hand its key on.
            if (r.storyKey && r.mergedStoryKeys && r.mergedStoryKeys.length > 0) {
              const merge = await mergeStoredStories(trx, r.storyKey, r.mergedStoryKeys, at);
              for (const id of merge?.absorbed ?? []) {
                touched.add(id);
                absorbed.push(id);
              }
              for (const slug of merge?.sectionSlugs ?? []) sections.add(slug);
            }
            const story = r.storyKey
              ? await storyId(trx, r.storyKey, before.headline, storyAt)
              : null;
            if (story !== null) touched.add(story);
            const had = new Set(
              previousTopics.filter((t) => Number(t.article_id) === r.articleId).map((t) => t.slug),
            );
            const channels: LiveChannel[] = r.entities
              .filter((e) => !had.has(e.slug))
              .map((e) => `topic:${e.slug}` as const);
            if (story !== null && story !== Number(before.story_id))
              channels.push(`story:${story}`);
            if (channels.length > 0) joined.set(r.articleId, channels);
            await trx
              .updateTable("articles")
              .set({
                language: r.language,
                fragments: JSON.stringify(r.fragments),
                findings: JSON.stringify(r.findings),
                duplicate_of: r.duplicateOf,
                story_id: story,
                enriched_version: version,
              })
              .where("id", "=", r.articleId)
              .execute();
            await trx
              .deleteFrom("article_entities")
              .where("article_id", "=", r.articleId)
              .execute();
            for (const e of r.entities) {
              await trx
                .insertInto("article_entities")
                .values({
                  article_id: r.articleId,
                  entity_id: await entityId(trx, e, at),
                  mentions: e.mentions,
                })
                .onConflict((oc) => oc.columns(["article_id", "entity_id"]).doNothing())
                .execute();
            }
          }
          for (const id of touched) await refreshStory(trx, id, now);
          const shown = await articleSnapshots(trx, [...joined.keys()], now);
          const drafts: EventDraft[] = [];
          for (const [id, channels] of joined) {
            const s = shown.get(id);
            if (!s?.listed) continue;
            for (const channel of channels) {
              drafts.push({ channel, type: "article.published", payload: s.article });
            }
          }
          drafts.push(...(await storyDrafts(trx, [...touched], now)));
          drafts.push(...(await storyMergedDrafts(trx, absorbed, now)));
          await appendEvents(trx, database.dialect, drafts, now);
        });
      return {
        articleIds,
        storyIds: [...touched],
        topicSlugs: [...topics],
        sectionSlugs: [...sections],
      };
    },
  };
}
