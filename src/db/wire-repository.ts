import { type Kysely, sql, type Transaction } from "kysely";
import type { ArticleStatus } from "../domain/article.ts";
import { type DeskStatus, isDeskStatus } from "../domain/desk-status.ts";
import type { LintFinding } from "../domain/enrichment.ts";
import { AppError } from "../domain/errors.ts";
import type { Database } from "./connection.ts";
import { recordingArticles } from "./live-events.ts";
import { toIso, toIsoOrNull } from "./rows.ts";
import type { Schema } from "./schema.ts";
import { storyRedirect } from "./story-merges.ts";

/**
 * The wire desk's storage (issue 12, point 8): items from every source, newest first, with
 * their desk state and copy-lint findings; the editor's fixes (a new revision each), the
 * desk's decisions, leads (stories many outlets carry that the newsroom has not covered)
 * and each source's items per day.
 */

export interface WireItem {
  id: number;
  headline: string;
  standfirst: string | null;
  kind: string;
  status: ArticleStatus;
  /** Null: the newsroom never touched it (it went straight through). */
  deskStatus: DeskStatus | null;
  language: string;
  sectionSlug: string;
  sectionName: string;
  slug: string;
  sourceId: number | null;
  sourceTitle: string | null;
  storyId: number | null;
  storyTitle: string | null;
  canonicalUrl: string | null;
  publishedAt: string | null;
  createdAt: string;
  version: number;
  findings: LintFinding[];
}

export interface WireItemFull extends WireItem {
  body: string;
  bodyText: string;
  byline: string | null;
}

export interface WireFilter {
  sourceId?: number | undefined;
  language?: string | undefined;
  section?: string | undefined;
  storyId?: number | undefined;
  /** A lint rule's name: items with at least one finding of it. */
  rule?: string | undefined;
  /** Only items held by the quality gate. */
  held?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface WireFacets {
  sources: { id: number; title: string }[];
  languages: string[];
  sections: { slug: string; name: string }[];
}

export interface Lead {
  storyId: number;
  title: string;
  slug: string;
  sourceCount: number;
  articleCount: number;
  lastSeenAt: string;
  sectionSlug: string | null;
}

export interface LeadReport {
  articleId: number;
  headline: string;
  url: string | null;
  sourceTitle: string | null;
}

export interface TextEdit {
  headline: string;
  body: string;
  bodyText: string;
  findings: LintFinding[];
  userId: number;
  note: string;
  now: Date;
}

export interface WireRepository {
  list(filter: WireFilter): Promise<{ items: WireItem[]; more: boolean }>;
  get(id: number): Promise<WireItemFull | null>;
  facets(): Promise<WireFacets>;
  /** The fixed text, a revision and a new version, if `expectedVersion` is still current. */
  saveText(id: number, edit: TextEdit, expectedVersion: number): Promise<WireItemFull>;
  /** The desk's decision: release (published), drop, or hold again. */
  setDesk(
    id: number,
    desk: { deskStatus: DeskStatus; status: ArticleStatus; now: Date },
    expectedVersion: number,
  ): Promise<WireItemFull>;
  /** Stories with ≥ `minOutlets` sources seen since `since` and no article of our own. */
  leads(query: { minOutlets: number; since: Date; limit: number }): Promise<Lead[]>;
  /** A story's reports from outside (their links), newest first. */
  storyReports(storyId: number, limit: number): Promise<LeadReport[]>;
  /** Ties a newsroom article to the story it was started from. */
  attachToStory(articleId: number, storyId: number): Promise<void>;
  /** Items per day of each source over the last `days` days (oldest first), by source id. */
  activity(days: number, now: Date): Promise<Map<number, number[]>>;
}

type Db = Kysely<Schema> | Transaction<Schema>;

function findingsOf(json: string): LintFinding[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as LintFinding[]) : [];
  } catch {
    return [];
  }
}

function select(db: Db) {
  return db
    .selectFrom("articles")
    .innerJoin("sections", "sections.id", "articles.section_id")
    .leftJoin("sources", "sources.id", "articles.source_id")
    .leftJoin("stories", "stories.id", "articles.story_id")
    .select([
      "articles.id",
      "articles.headline",
      "articles.standfirst",
      "articles.kind",
      "articles.status",
      "articles.desk_status",
      "articles.language",
      "articles.slug",
      "articles.source_id",
      "articles.story_id",
      "articles.canonical_url",
      "articles.published_at",
      "articles.created_at",
      "articles.version",
      "articles.findings",
      "sections.slug as section_slug",
      "sections.name as section_name",
      "sources.title as source_title",
      "sources.url as source_url",
      "stories.title as story_title",
    ])
    .where("articles.source_id", "is not", null);
}

type Row = Awaited<ReturnType<ReturnType<typeof select>["executeTakeFirstOrThrow"]>>;

function fromRow(r: Row): WireItem {
  return {
    id: Number(r.id),
    headline: r.headline,
    standfirst: r.standfirst,
    kind: r.kind,
    status: r.status as ArticleStatus,
    deskStatus: isDeskStatus(r.desk_status) ? r.desk_status : null,
    language: r.language,
    sectionSlug: r.section_slug,
    sectionName: r.section_name,
    slug: r.slug,
    sourceId: r.source_id === null ? null : Number(r.source_id),
    sourceTitle: r.source_title ?? r.source_url ?? null,
    storyId: r.story_id === null ? null : Number(r.story_id),
    storyTitle: r.story_title ?? null,
    canonicalUrl: r.canonical_url,
    publishedAt: toIsoOrNull(r.published_at),
    createdAt: toIso(r.created_at),
    version: Number(r.version),
    findings: findingsOf(r.findings),
  };
}

export function createWireRepository(database: Database): WireRepository {
  const { db } = database;

  async function full(trx: Db, id: number): Promise<WireItemFull | null> {
    const row = await select(trx)
      .select(["articles.body", "articles.body_text", "articles.byline"])
      .where("articles.id", "=", id)
      .executeTakeFirst();
    if (!row) return null;
    return { ...fromRow(row), body: row.body, bodyText: row.body_text, byline: row.byline };
  }

  async function current(trx: Db, id: number, expectedVersion: number): Promise<WireItemFull> {
    const item = await full(trx, id);
    if (!item) throw new AppError("not_found", `no wire item #${id}`, { status: 404 });
    if (item.version !== expectedVersion) {
      throw new AppError(
        "stale_version",
        "Someone changed this item since you opened it: look at it again before you act.",
        { status: 409 },
      );
    }
    return item;
  }

  const day =
    database.dialect === "sqlite"
      ? sql<string>`substr(created_at, 1, 10)`
      : sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

  return {
    async list(f) {
      let q = select(db);
      if (f.sourceId !== undefined) q = q.where("articles.source_id", "=", f.sourceId);
      if (f.language) q = q.where("articles.language", "=", f.language);
      if (f.section) q = q.where("sections.slug", "=", f.section);
      if (f.storyId !== undefined) q = q.where("articles.story_id", "=", f.storyId);
      if (f.held) q = q.where("articles.desk_status", "=", "held");
      if (f.rule) {
        // Findings are stored as JSON.stringify writes them: `"rule":"<name>"`, no spaces.
        const needle = `%${JSON.stringify({ rule: f.rule })
          .slice(1, -1)
          .replace(/[%_\\]/g, "\\$&")}%`;
        q = q.where(sql<boolean>`articles.findings LIKE ${needle} ESCAPE '\\'`);
      }
      const rows = await q
        .orderBy("articles.created_at", "desc")
        .orderBy("articles.id", "desc")
        .limit(f.limit + 1)
        .offset(f.offset)
        .execute();
      return { items: rows.slice(0, f.limit).map(fromRow), more: rows.length > f.limit };
    },

    get: (id) => full(db, id),

    async facets() {
      const [sources, languages, sections] = await Promise.all([
        db.selectFrom("sources").select(["id", "title", "url"]).orderBy("id").execute(),
        db
          .selectFrom("articles")
          .select("language")
          .distinct()
          .where("source_id", "is not", null)
          .orderBy("language")
          .execute(),
        db
          .selectFrom("sections")
          .select(["slug", "name"])
          .orderBy("position")
          .orderBy("name")
          .execute(),
      ]);
      return {
        sources: sources.map((s) => ({ id: Number(s.id), title: s.title ?? s.url })),
        languages: languages.map((l) => l.language),
        sections,
      };
    },

    async saveText(id, edit, expectedVersion) {
      return db.transaction().execute((trx) =>
        recordingArticles(trx, database.dialect, [id], edit.now, async () => {
          const item = await current(trx, id, expectedVersion);
          const at = edit.now.toISOString();
          await trx
            .updateTable("articles")
            .set({
              headline: edit.headline,
              body: edit.body,
              body_text: edit.bodyText,
              findings: JSON.stringify(edit.findings),
              updated_at: at,
              version: item.version + 1,
              // Changed text is enriched again (language, story, entities).
              enriched_version: null,
            })
            .where("id", "=", id)
            .execute();
          const last = await trx
            .selectFrom("article_revisions")
            .select((eb) => eb.fn.max("number").as("n"))
            .where("article_id", "=", id)
            .executeTakeFirst();
          await trx
            .insertInto("article_revisions")
            .values({
              article_id: id,
              number: Number(last?.n ?? 0) + 1,
              headline: edit.headline,
              standfirst: item.standfirst,
              body: edit.body,
              created_at: at,
              created_by: edit.userId,
              note: edit.note,
            })
            .execute();
          const saved = await full(trx, id);
          if (!saved) throw new AppError("lost_write", `wire item ${id} vanished during save`);
          return saved;
        }),
      );
    },

    async setDesk(id, desk, expectedVersion) {
      return db.transaction().execute((trx) =>
        recordingArticles(trx, database.dialect, [id], desk.now, async () => {
          const item = await current(trx, id, expectedVersion);
          const at = desk.now.toISOString();
          await trx
            .updateTable("articles")
            .set({
              desk_status: desk.deskStatus,
              status: desk.status,
              updated_at: at,
              version: item.version + 1,
              // Released with no time of its own: it is news from now.
              ...(desk.status === "published" && item.publishedAt === null
                ? { published_at: at }
                : {}),
            })
            .where("id", "=", id)
            .execute();
          const saved = await full(trx, id);
          if (!saved) throw new AppError("lost_write", `wire item ${id} vanished during save`);
          return saved;
        }),
      );
    },

    async leads(query) {
      const rows = await db
        .selectFrom("stories")
        .select([
          "stories.id",
          "stories.title",
          "stories.slug",
          "stories.source_count",
          "stories.article_count",
          "stories.last_seen_at",
          (eb) =>
            eb
              .selectFrom("articles as a")
              .innerJoin("sections as s", "s.id", "a.section_id")
              .select("s.slug")
              .whereRef("a.story_id", "=", "stories.id")
              .orderBy("a.created_at", "desc")
              .limit(1)
              .as("section_slug"),
        ])
        .where("stories.source_count", ">=", query.minOutlets)
        .where("stories.last_seen_at", ">=", query.since.toISOString())
        .where("stories.hidden", "=", 0)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("articles as own")
                .select("own.id")
                .whereRef("own.story_id", "=", "stories.id")
                .where((o) =>
                  o.or([o("own.author_id", "is not", null), o("own.kind", "=", "own")]),
                ),
            ),
          ),
        )
        .orderBy("stories.source_count", "desc")
        .orderBy("stories.last_seen_at", "desc")
        .limit(query.limit)
        .execute();
      return rows.map((r) => ({
        storyId: Number(r.id),
        title: r.title,
        slug: r.slug,
        sourceCount: Number(r.source_count),
        articleCount: Number(r.article_count),
        lastSeenAt: toIso(r.last_seen_at),
        sectionSlug: r.section_slug ?? null,
      }));
    },

    async storyReports(storyId, limit) {
      const rows = await db
        .selectFrom("articles")
        .leftJoin("sources", "sources.id", "articles.source_id")
        .select([
          "articles.id",
          "articles.headline",
          "articles.canonical_url",
          "articles.external_url",
          "sources.title as source_title",
          "sources.url as source_url",
        ])
        .where("articles.story_id", "=", storyId)
        .where("articles.source_id", "is not", null)
        .orderBy("articles.created_at", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        articleId: Number(r.id),
        headline: r.headline,
        url: r.external_url ?? r.canonical_url,
        sourceTitle: r.source_title ?? r.source_url ?? null,
      }));
    },

    async attachToStory(articleId, storyId) {
      // The lead's story may have merged into another since the page was drawn.
      const into = await storyRedirect(db, storyId);
      await db
        .updateTable("articles")
        .set({ story_id: into ?? storyId })
        .where("id", "=", articleId)
        .execute();
    },

    async activity(days, now) {
      const since = new Date(now.getTime() - (days - 1) * 86_400_000);
      const first = since.toISOString().slice(0, 10);
      const rows = await db
        .selectFrom("articles")
        .select((eb) => ["source_id", day.as("day"), eb.fn.countAll().as("n")])
        .where("source_id", "is not", null)
        .where("created_at", ">=", `${first}T00:00:00.000Z`)
        .groupBy(["source_id", day])
        .execute();
      const index = new Map<string, number>();
      for (let i = 0; i < days; i++)
        index.set(new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10), i);
      const out = new Map<number, number[]>();
      for (const r of rows) {
        const i = index.get(r.day);
        if (i === undefined || r.source_id === null) continue;
        const id = Number(r.source_id);
        const series = out.get(id) ?? new Array<number>(days).fill(0);
        series[i] = Number(r.n);
        out.set(id, series);
      }
      return out;
    },
  };
}
