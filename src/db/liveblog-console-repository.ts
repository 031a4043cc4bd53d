import type { Kysely, Selectable, Transaction } from "kysely";
import { articlePath } from "../domain/article-path.ts";
import { bodyText } from "../domain/body-text.ts";
import { type DeskStatus, isDeskStatus, readerStatus } from "../domain/desk-status.ts";
import { AppError } from "../domain/errors.ts";
import type { LiveblogEntry } from "../domain/liveblog.ts";
import { slugify } from "../domain/slug.ts";
import type { NewsroomRole } from "../domain/user.ts";
import type { Database } from "./connection.ts";
import {
  appendLiveblogEvents,
  type EventDraft,
  liveEntry,
  recordingArticles,
} from "./live-events.ts";
import { toIso, toIsoOrNull } from "./rows.ts";
import type { LiveblogEntriesTable, Schema } from "./schema.ts";

type Db = Kysely<Schema> | Transaction<Schema>;

/** A live blog as the console shows it. */
export interface ConsoleLiveblog {
  articleId: number;
  headline: string;
  standfirst: string | null;
  sectionSlug: string;
  sectionName: string;
  deskStatus: DeskStatus;
  publishedAt: string | null;
  /** The reader's address once published; null before. */
  path: string | null;
  summaryMarkdown: string;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  entryCount: number;
}

/** An entry with the Markdown it was written in (null for entries made elsewhere). */
export interface ConsoleEntry extends LiveblogEntry {
  bodyMarkdown: string | null;
  authorId: number | null;
}

export interface Assignee {
  userId: number;
  name: string;
  email: string;
  role: NewsroomRole;
  assignedAt: string;
}

export interface NewLiveblog {
  headline: string;
  standfirst: string | null;
  sectionSlug: string;
  summaryMarkdown: string;
  /** The summary as sanitized HTML: the article's body. */
  summaryHtml: string;
  language: string;
  byline: string | null;
  publish: boolean;
  authorId: number;
}

export interface EntryWrite {
  title: string | null;
  bodyMarkdown: string;
  /** Sanitized HTML from `bodyMarkdown`. */
  body: string;
  byline: string | null;
  keyEvent: boolean;
  pinned: boolean;
}

export interface LiveblogConsoleRepository {
  create(input: NewLiveblog, now?: Date): Promise<ConsoleLiveblog>;
  get(articleId: number): Promise<ConsoleLiveblog | null>;
  /** Newest first; `assignedTo` keeps the blogs that user is assigned to. */
  list(filter?: { assignedTo?: number }): Promise<ConsoleLiveblog[]>;
  setSummary(articleId: number, markdown: string, html: string, now?: Date): Promise<void>;
  publish(articleId: number, now?: Date): Promise<void>;
  /** Closed readers see it ended and it takes no more entries; null opens it again. */
  setClosed(articleId: number, closedAt: Date | null, now?: Date): Promise<void>;
  assignees(articleId: number): Promise<Assignee[]>;
  isAssigned(articleId: number, userId: number): Promise<boolean>;
  /** False when already assigned. */
  assign(articleId: number, userId: number, by: number, now?: Date): Promise<boolean>;
  unassign(articleId: number, userId: number): Promise<boolean>;
  entries(articleId: number, limit?: number): Promise<ConsoleEntry[]>;
  entry(articleId: number, entryId: number): Promise<ConsoleEntry | null>;
  post(
    articleId: number,
    input: EntryWrite & { authorId: number },
    now?: Date,
  ): Promise<ConsoleEntry>;
  edit(
    articleId: number,
    entryId: number,
    input: EntryWrite,
    now?: Date,
  ): Promise<ConsoleEntry | null>;
  remove(articleId: number, entryId: number, now?: Date): Promise<boolean>;
  setKeyEvent(
    articleId: number,
    entryId: number,
    on: boolean,
    now?: Date,
  ): Promise<ConsoleEntry | null>;
  /** Pinning one entry unpins any other of the blog. */
  setPinned(
    articleId: number,
    entryId: number,
    on: boolean,
    now?: Date,
  ): Promise<ConsoleEntry | null>;
}

function entryFromRow(r: Selectable<LiveblogEntriesTable>): ConsoleEntry {
  return {
    id: Number(r.id),
    articleId: Number(r.article_id),
    title: r.title,
    body: r.body,
    byline: r.byline,
    keyEvent: Boolean(Number(r.key_event)),
    pinned: Boolean(Number(r.pinned)),
    postedAt: toIso(r.posted_at),
    updatedAt: toIso(r.updated_at),
    bodyMarkdown: r.body_markdown,
    authorId: r.author_id === null ? null : Number(r.author_id),
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

function selectBlogs(db: Db) {
  return db
    .selectFrom("articles")
    .innerJoin("sections", "sections.id", "articles.section_id")
    .innerJoin("liveblogs", "liveblogs.article_id", "articles.id")
    .select((eb) => [
      "articles.id",
      "articles.headline",
      "articles.standfirst",
      "articles.slug",
      "articles.status",
      "articles.desk_status",
      "articles.published_at",
      "articles.updated_at",
      "articles.version",
      "sections.slug as section_slug",
      "sections.name as section_name",
      "liveblogs.summary_markdown",
      "liveblogs.closed_at",
      "liveblogs.created_at",
      eb
        .selectFrom("liveblog_entries")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("liveblog_entries.article_id", "=", "articles.id")
        .as("entry_count"),
    ])
    .where("articles.kind", "=", "liveblog");
}

type BlogRow = Awaited<ReturnType<ReturnType<typeof selectBlogs>["executeTakeFirstOrThrow"]>>;

function blogFromRow(r: BlogRow): ConsoleLiveblog {
  const publishedAt = toIsoOrNull(r.published_at);
  const desk = isDeskStatus(r.desk_status)
    ? r.desk_status
    : r.status === "published"
      ? "published"
      : "draft";
  return {
    articleId: Number(r.id),
    headline: r.headline,
    standfirst: r.standfirst,
    sectionSlug: r.section_slug,
    sectionName: r.section_name,
    deskStatus: desk,
    publishedAt,
    path: publishedAt
      ? articlePath({ sectionSlug: r.section_slug, slug: r.slug, publishedAt })
      : null,
    summaryMarkdown: r.summary_markdown,
    closedAt: toIsoOrNull(r.closed_at),
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    version: Number(r.version),
    entryCount: Number(r.entry_count ?? 0),
  };
}

/** An entry's event; its channel is the blog's, set when appended. */
function entryDraft(type: "entry.posted" | "entry.edited", entry: LiveblogEntry): EventDraft {
  return { channel: `live:${entry.articleId}`, type, payload: liveEntry(entry) };
}

export function createLiveblogConsoleRepository(database: Database): LiveblogConsoleRepository {
  const { db } = database;

  const get = async (articleId: number) => {
    const row = await selectBlogs(db).where("articles.id", "=", articleId).executeTakeFirst();
    return row ? blogFromRow(row) : null;
  };
  const entry = async (trx: Db, articleId: number, entryId: number) => {
    const row = await trx
      .selectFrom("liveblog_entries")
      .selectAll()
      .where("article_id", "=", articleId)
      .where("id", "=", entryId)
      .executeTakeFirst();
    return row ? entryFromRow(row) : null;
  };
  /** The entry as changed, told to open pages (`pinMoved`: the blog's pinned entry may have). */
  const edited = async (
    trx: Transaction<Schema>,
    articleId: number,
    entryId: number,
    now: Date,
    pinMoved: boolean,
  ) => {
    const changed = await entry(trx, articleId, entryId);
    if (changed) {
      const drafts = [entryDraft("entry.edited", changed)];
      await appendLiveblogEvents(trx, database.dialect, articleId, now, drafts, pinMoved);
    }
    return changed;
  };
  /** Readers' "updated" time and the sitemap's lastmod move with every change of the blog. */
  const touch = (trx: Db, articleId: number, at: string) =>
    trx.updateTable("articles").set({ updated_at: at }).where("id", "=", articleId).execute();
  const unpinOthers = (trx: Db, articleId: number, keep: number | null) => {
    let q = trx
      .updateTable("liveblog_entries")
      .set({ pinned: 0 })
      .where("article_id", "=", articleId)
      .where("pinned", "=", 1);
    if (keep !== null) q = q.where("id", "<>", keep);
    return q.execute();
  };
  async function revision(trx: Db, articleId: number, at: string) {
    const a = await trx
      .selectFrom("articles")
      .select(["headline", "standfirst", "body"])
      .where("id", "=", articleId)
      .executeTakeFirstOrThrow();
    const last = await trx
      .selectFrom("article_revisions")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    await trx
      .insertInto("article_revisions")
      .values({
        article_id: articleId,
        number: Number(last?.n ?? 0) + 1,
        headline: a.headline,
        standfirst: a.standfirst,
        body: a.body,
        created_at: at,
      })
      .execute();
  }

  async function createIn(
    trx: Transaction<Schema>,
    input: NewLiveblog,
    now: Date,
    attempt: number,
  ) {
    const at = now.toISOString();
    const section = await trx
      .selectFrom("sections")
      .select("id")
      .where("slug", "=", input.sectionSlug)
      .executeTakeFirst();
    if (!section) {
      throw new AppError("unknown_section", `There is no section "${input.sectionSlug}".`, {
        status: 400,
        context: { field: "section" },
      });
    }
    const base = slugify(input.headline) || "live";
    const taken = new Set(
      (
        await trx
          .selectFrom("articles")
          .select("slug")
          .where("section_id", "=", Number(section.id))
          .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
          .execute()
      ).map((r) => r.slug),
    );
    let slug = base;
    for (let n = 2 + attempt; taken.has(slug); n++) slug = `${base}-${n}`;
    const desk: DeskStatus = input.publish ? "published" : "draft";
    const inserted = await trx
      .insertInto("articles")
      .values({
        guid: null,
        kind: "liveblog",
        status: readerStatus(desk),
        desk_status: desk,
        headline: input.headline,
        standfirst: input.standfirst,
        body: input.summaryHtml,
        body_text: bodyText(input.summaryHtml),
        byline: input.byline,
        language: input.language,
        section_id: Number(section.id),
        slug,
        canonical_url: null,
        external_url: null,
        published_at: input.publish ? at : null,
        updated_at: at,
        created_at: at,
        source_id: null,
        image_url: null,
        categories: "[]",
        author_id: input.authorId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    await trx
      .insertInto("liveblogs")
      .values({
        article_id: id,
        summary_markdown: input.summaryMarkdown,
        closed_at: null,
        created_by: input.authorId,
        created_at: at,
      })
      .execute();
    await revision(trx, id, at);
    return id;
  }

  return {
    async create(input, now = new Date()) {
      for (let attempt = 0; ; attempt++) {
        try {
          const id = await db.transaction().execute((trx) =>
            recordingArticles(
              trx,
              database.dialect,
              (made: number) => [made],
              now,
              () => createIn(trx, input, now, attempt),
            ),
          );
          const made = await get(id);
          if (!made) throw new AppError("lost_write", `live blog ${id} vanished`);
          return made;
        } catch (error) {
          // Two blogs with one headline at once: the second takes the next free slug.
          if (attempt >= 5 || !isUniqueViolation(error)) throw error;
        }
      }
    },

    get,

    async list(filter = {}) {
      let q = selectBlogs(db);
      if (filter.assignedTo !== undefined) {
        const userId = filter.assignedTo;
        q = q.where("articles.id", "in", (eb) =>
          eb.selectFrom("liveblog_assignments").select("article_id").where("user_id", "=", userId),
        );
      }
      const rows = await q
        .orderBy("liveblogs.created_at", "desc")
        .orderBy("articles.id", "desc")
        .limit(200)
        .execute();
      return rows.map(blogFromRow);
    },

    async setSummary(articleId, markdown, html, now = new Date()) {
      const at = now.toISOString();
      await db.transaction().execute((trx) =>
        recordingArticles(trx, database.dialect, [articleId], now, async () => {
          await trx
            .updateTable("liveblogs")
            .set({ summary_markdown: markdown })
            .where("article_id", "=", articleId)
            .execute();
          await trx
            .updateTable("articles")
            .set((eb) => ({
              body: html,
              body_text: bodyText(html),
              updated_at: at,
              version: eb("version", "+", 1),
              enriched_version: null,
            }))
            .where("id", "=", articleId)
            .execute();
          await revision(trx, articleId, at);
        }),
      );
    },

    async publish(articleId, now = new Date()) {
      const at = now.toISOString();
      await db.transaction().execute((trx) =>
        recordingArticles(trx, database.dialect, [articleId], now, async () => {
          const row = await trx
            .selectFrom("articles")
            .select("published_at")
            .where("id", "=", articleId)
            .executeTakeFirst();
          if (!row) return;
          await trx
            .updateTable("articles")
            .set((eb) => ({
              desk_status: "published",
              status: readerStatus("published"),
              // A blog published before keeps its first time, and so its address.
              published_at: toIsoOrNull(row.published_at) ?? at,
              updated_at: at,
              version: eb("version", "+", 1),
            }))
            .where("id", "=", articleId)
            .execute();
        }),
      );
    },

    async setClosed(articleId, closedAt, now = new Date()) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("liveblogs")
          .set({ closed_at: closedAt ? closedAt.toISOString() : null })
          .where("article_id", "=", articleId)
          .execute();
        await touch(trx, articleId, now.toISOString());
        await appendLiveblogEvents(trx, database.dialect, articleId, now, [], true);
      });
    },

    async assignees(articleId) {
      const rows = await db
        .selectFrom("liveblog_assignments")
        .innerJoin("users", "users.id", "liveblog_assignments.user_id")
        .select([
          "users.id",
          "users.name",
          "users.email",
          "users.role",
          "liveblog_assignments.assigned_at",
        ])
        .where("liveblog_assignments.article_id", "=", articleId)
        .orderBy("users.name")
        .execute();
      return rows.map((r) => ({
        userId: Number(r.id),
        name: r.name,
        email: r.email,
        role: r.role as NewsroomRole,
        assignedAt: toIso(r.assigned_at),
      }));
    },

    async isAssigned(articleId, userId) {
      const row = await db
        .selectFrom("liveblog_assignments")
        .select("user_id")
        .where("article_id", "=", articleId)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async assign(articleId, userId, by, now = new Date()) {
      const result = await db
        .insertInto("liveblog_assignments")
        .values({
          article_id: articleId,
          user_id: userId,
          assigned_by: by,
          assigned_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(["article_id", "user_id"]).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async unassign(articleId, userId) {
      const result = await db
        .deleteFrom("liveblog_assignments")
        .where("article_id", "=", articleId)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async entries(articleId, limit = 200) {
      const rows = await db
        .selectFrom("liveblog_entries")
        .selectAll()
        .where("article_id", "=", articleId)
        .orderBy("posted_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(entryFromRow);
    },

    entry: (articleId, entryId) => entry(db, articleId, entryId),

    async post(articleId, input, now = new Date()) {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("liveblog_entries")
          .values({
            article_id: articleId,
            title: input.title,
            body: input.body,
            body_markdown: input.bodyMarkdown,
            byline: input.byline,
            key_event: input.keyEvent ? 1 : 0,
            pinned: input.pinned ? 1 : 0,
            posted_at: at,
            updated_at: at,
            author_id: input.authorId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (input.pinned) await unpinOthers(trx, articleId, Number(row.id));
        await touch(trx, articleId, at);
        const posted = entryFromRow(row);
        await appendLiveblogEvents(
          trx,
          database.dialect,
          articleId,
          now,
          [entryDraft("entry.posted", posted)],
          posted.pinned,
        );
        return posted;
      });
    },

    async edit(articleId, entryId, input, now = new Date()) {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("liveblog_entries")
          .set({
            title: input.title,
            body: input.body,
            body_markdown: input.bodyMarkdown,
            byline: input.byline,
            key_event: input.keyEvent ? 1 : 0,
            pinned: input.pinned ? 1 : 0,
            updated_at: at,
          })
          .where("article_id", "=", articleId)
          .where("id", "=", entryId)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return null;
        if (input.pinned) await unpinOthers(trx, articleId, entryId);
        await touch(trx, articleId, at);
        return edited(trx, articleId, entryId, now, true);
      });
    },

    async remove(articleId, entryId, now = new Date()) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom("liveblog_entries")
          .where("article_id", "=", articleId)
          .where("id", "=", entryId)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return false;
        await touch(trx, articleId, now.toISOString());
        const deleted: EventDraft = {
          channel: `live:${articleId}`,
          type: "entry.deleted",
          payload: { liveblogId: articleId, entryId },
        };
        await appendLiveblogEvents(trx, database.dialect, articleId, now, [deleted], true);
        return true;
      });
    },

    async setKeyEvent(articleId, entryId, on, now = new Date()) {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("liveblog_entries")
          .set({ key_event: on ? 1 : 0, updated_at: at })
          .where("article_id", "=", articleId)
          .where("id", "=", entryId)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return null;
        await touch(trx, articleId, at);
        return edited(trx, articleId, entryId, now, false);
      });
    },

    async setPinned(articleId, entryId, on, now = new Date()) {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("liveblog_entries")
          .set({ pinned: on ? 1 : 0, updated_at: at })
          .where("article_id", "=", articleId)
          .where("id", "=", entryId)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return null;
        if (on) await unpinOthers(trx, articleId, entryId);
        await touch(trx, articleId, at);
        return edited(trx, articleId, entryId, now, true);
      });
    },
  };
}
