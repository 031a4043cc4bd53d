import type { Kysely, Selectable } from "kysely";
import type { Article } from "../domain/article.ts";
import type { Entity, EntityKind, Story } from "../domain/enrichment.ts";
import type { Database } from "./connection.ts";
import { type ArticleRow, articleFromRow, toIso } from "./rows.ts";
import type { Schema, StoriesTable } from "./schema.ts";
import { storyRedirect } from "./story-merges.ts";
import { type RiverPage, type RiverQuery, storyRiver } from "./story-river.ts";
import { whereListed } from "./visibility.ts";

/** A story with the articles a reader sees of it, lead first. */
export interface StoryWithArticles {
  story: Story;
  articles: Article[];
  /** Source titles by source id, for "N sources" lines and the coverage list. */
  sourceNames: Map<number, string>;
}

export interface StoryRepository {
  /** Stories that moved within `hours` (or are pinned), in the order `rank` gives; never hidden ones. */
  top(
    limit: number,
    rank: (stories: Story[], now: Date) => Story[],
    now?: Date,
    hours?: number,
  ): Promise<StoryWithArticles[]>;
  get(id: number, now?: Date): Promise<StoryWithArticles | null>;
  /** The story a merged-away story's id lives on as (ADR 019), or null for one never merged. */
  redirectOf(id: number): Promise<number | null>;
  storyOf(articleId: number, now?: Date): Promise<StoryWithArticles | null>;
  entity(slug: string): Promise<Entity | null>;
  entitiesOf(articleId: number): Promise<(Entity & { mentions: number })[]>;
  /** Reader-visible articles naming an entity, newest first. */
  articlesAbout(entityId: number, limit: number, now?: Date): Promise<Article[]>;
  /** The entities a story's reader-visible articles name most, across all of them. */
  entitiesOfStory(storyId: number, limit: number, now?: Date): Promise<Entity[]>;
  /** Stories with more than one source whose reader-visible articles name an entity, latest first. */
  storiesAbout(entityId: number, limit: number, now?: Date): Promise<StoryWithArticles[]>;
  /** A river (the site's, a section's, a topic's) with each story once (`story-river.ts`). */
  river(query: RiverQuery, now?: Date): Promise<RiverPage>;
}

function storyFromRow(r: Selectable<StoriesTable>): Story {
  return {
    id: Number(r.id),
    key: r.key,
    title: r.title,
    slug: r.slug,
    leadArticleId: r.lead_article_id === null ? null : Number(r.lead_article_id),
    articleCount: Number(r.article_count),
    sourceCount: Number(r.source_count),
    velocity: Number(r.velocity),
    firstSeenAt: toIso(r.first_seen_at),
    lastSeenAt: toIso(r.last_seen_at),
    pinned: Boolean(Number(r.pinned)),
    boost: Number(r.boost),
  };
}

function visibleArticles(db: Kysely<Schema>, now: Date) {
  return db
    .selectFrom("articles")
    .innerJoin("sections", "sections.id", "articles.section_id")
    .selectAll("articles")
    .select(["sections.slug as section_slug", "sections.name as section_name"])
    .where(whereListed(now));
}

export function createStoryRepository(database: Database): StoryRepository {
  const { db } = database;

  async function withArticles(stories: Story[], now: Date): Promise<StoryWithArticles[]> {
    if (stories.length === 0) return [];
    const rows = await visibleArticles(db, now)
      .where(
        "articles.story_id",
        "in",
        stories.map((s) => s.id),
      )
      .orderBy("articles.published_at", "asc")
      .orderBy("articles.id", "asc")
      .execute();
    const sourceIds = [
      ...new Set(rows.flatMap((r) => (r.source_id === null ? [] : [r.source_id]))),
    ];
    const sources =
      sourceIds.length === 0
        ? []
        : await db
            .selectFrom("sources")
            .select(["id", "title", "url"])
            .where("id", "in", sourceIds)
            .execute();
    const sourceNames = new Map(
      sources.map((s) => [Number(s.id), s.title ?? new URL(s.url).hostname]),
    );
    const byStory = new Map<number, Article[]>();
    for (const row of rows) {
      const list = byStory.get(Number(row.story_id)) ?? [];
      list.push(articleFromRow(row as unknown as ArticleRow));
      byStory.set(Number(row.story_id), list);
    }
    return stories.flatMap((story) => {
      const articles = byStory.get(story.id) ?? [];
      // A story whose articles are all hidden (drafts, embargoes) is not shown.
      if (articles.length === 0) return [];
      const lead = articles.find((a) => a.id === story.leadArticleId);
      const ordered = lead ? [lead, ...articles.filter((a) => a !== lead)] : articles;
      return [{ story, articles: ordered, sourceNames }];
    });
  }

  return {
    async top(limit, rank, now = new Date(), hours = 48) {
      const since = new Date(now.getTime() - hours * 3_600_000).toISOString();
      const rows = await db
        .selectFrom("stories")
        .selectAll()
        .where((eb) => eb.or([eb("last_seen_at", ">=", since), eb("pinned", "=", 1)]))
        .where("hidden", "=", 0)
        .orderBy("last_seen_at", "desc")
        .limit(Math.max(limit * 4, 100))
        .execute();
      const ranked = rank(rows.map(storyFromRow), now);
      return (await withArticles(ranked.slice(0, limit * 2), now)).slice(0, limit);
    },

    async get(id, now = new Date()) {
      const row = await db
        .selectFrom("stories")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) return null;
      return (await withArticles([storyFromRow(row)], now))[0] ?? null;
    },

    redirectOf(id) {
      return storyRedirect(db, id);
    },

    async storyOf(articleId, now = new Date()) {
      const row = await db
        .selectFrom("articles")
        .innerJoin("stories", "stories.id", "articles.story_id")
        .selectAll("stories")
        .where("articles.id", "=", articleId)
        .executeTakeFirst();
      if (!row) return null;
      return (await withArticles([storyFromRow(row)], now))[0] ?? null;
    },

    async entity(slug) {
      const row = await db
        .selectFrom("entities")
        .selectAll()
        .where("slug", "=", slug)
        .executeTakeFirst();
      return row
        ? { id: Number(row.id), kind: row.kind as EntityKind, name: row.name, slug: row.slug }
        : null;
    },

    async entitiesOf(articleId) {
      const rows = await db
        .selectFrom("article_entities")
        .innerJoin("entities", "entities.id", "article_entities.entity_id")
        .select([
          "entities.id",
          "entities.kind",
          "entities.name",
          "entities.slug",
          "article_entities.mentions",
        ])
        .where("article_entities.article_id", "=", articleId)
        .orderBy("article_entities.mentions", "desc")
        .orderBy("entities.name")
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        kind: r.kind as EntityKind,
        name: r.name,
        slug: r.slug,
        mentions: Number(r.mentions),
      }));
    },

    async articlesAbout(entityId, limit, now = new Date()) {
      const rows = await visibleArticles(db, now)
        .innerJoin("article_entities", "article_entities.article_id", "articles.id")
        .where("article_entities.entity_id", "=", entityId)
        .orderBy("articles.published_at", "desc")
        .orderBy("articles.id", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => articleFromRow(r as unknown as ArticleRow));
    },

    async entitiesOfStory(storyId, limit, now = new Date()) {
      const rows = await db
        .selectFrom("article_entities")
        .innerJoin("articles", "articles.id", "article_entities.article_id")
        .innerJoin("entities", "entities.id", "article_entities.entity_id")
        .select(["entities.id", "entities.kind", "entities.name", "entities.slug"])
        .select((eb) => eb.fn.count<number>("articles.id").as("articles"))
        .where("articles.story_id", "=", storyId)
        // What an embargoed or draft article names is not out yet either.
        .where(whereListed(now))
        .groupBy(["entities.id", "entities.kind", "entities.name", "entities.slug"])
        .orderBy("articles", "desc")
        .orderBy("entities.name")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        kind: r.kind as EntityKind,
        name: r.name,
        slug: r.slug,
      }));
    },

    river(query, now = new Date()) {
      return storyRiver(db, query, now);
    },

    async storiesAbout(entityId, limit, now = new Date()) {
      const rows = await db
        .selectFrom("stories")
        .selectAll("stories")
        .where("stories.source_count", ">", 1)
        .where("stories.hidden", "=", 0)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("articles")
              .innerJoin("article_entities", "article_entities.article_id", "articles.id")
              .select("articles.id")
              .whereRef("articles.story_id", "=", "stories.id")
              .where("article_entities.entity_id", "=", entityId)
              .where(whereListed(now)),
          ),
        )
        .orderBy("stories.last_seen_at", "desc")
        .limit(limit)
        .execute();
      return withArticles(rows.map(storyFromRow), now);
    },
  };
}
