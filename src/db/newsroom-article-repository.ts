import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { ArticleStatus } from "../domain/article.ts";
import type { DeskStatus } from "../domain/desk-status.ts";
import { AppError } from "../domain/errors.ts";
import { slugify } from "../domain/slug.ts";
import type { Database } from "./connection.ts";
import { recordingArticles } from "./live-events.ts";
import { toIso, toIsoOrNull } from "./rows.ts";
import type { Schema } from "./schema.ts";

/** The editor's working copy of a newsroom article; readers never see it. */
export interface WorkingCopy {
  articleId: number;
  headline: string;
  standfirst: string;
  /** Markdown. */
  bodySource: string;
  sectionSlug: string;
  /** "" = from the headline when first published. */
  slug: string;
  tags: string[];
  byline: string;
  /** A file name under DATA_DIR/uploads, served at /uploads/<name>. */
  imagePath: string | null;
  imageAlt: string | null;
  version: number;
  updatedBy: number | null;
  updatedByName: string | null;
  updatedAt: string;
}

export type DraftFields = Pick<
  WorkingCopy,
  | "headline"
  | "standfirst"
  | "bodySource"
  | "sectionSlug"
  | "slug"
  | "tags"
  | "byline"
  | "imagePath"
  | "imageAlt"
>;

/** A newsroom article as the desk sees it: what readers see, and the working copy. */
export interface DeskArticle {
  id: number;
  kind: string;
  status: ArticleStatus;
  deskStatus: DeskStatus;
  authorId: number | null;
  authorName: string | null;
  /** Raised by every change of what readers see. */
  version: number;
  /** As published (readers' URL), or the placeholder while never published. */
  sectionSlug: string;
  slug: string;
  headline: string;
  publishedAt: string | null;
  updatedAt: string;
  draft: WorkingCopy;
}

export interface Revision {
  id: number;
  number: number;
  headline: string;
  standfirst: string | null;
  /** The Markdown when the newsroom wrote it; otherwise null (the HTML is `body`). */
  bodySource: string | null;
  body: string;
  byline: string | null;
  sectionSlug: string | null;
  tags: string[];
  imagePath: string | null;
  imageAlt: string | null;
  createdBy: number | null;
  createdByName: string | null;
  note: string | null;
  createdAt: string;
}

/** What publishing writes into the article row, rendered from the working copy. */
export interface PublishInput {
  status: ArticleStatus;
  deskStatus: DeskStatus;
  /** The time readers may see it from; null keeps the first publication time (or now). */
  publishedAt: string | null;
  /** Sanitized HTML and its plain text, from the working copy's Markdown. */
  body: string;
  bodyText: string;
  userId: number;
  note: string;
  now: Date;
}

export type SaveOutcome =
  | { saved: true; draft: WorkingCopy }
  | { saved: false; current: WorkingCopy };

export interface Presence {
  userId: number;
  name: string;
  seenAt: string;
}

export interface NewsroomArticleRepository {
  create(
    fields: DraftFields,
    who: { authorId: number; language: string; now: Date },
  ): Promise<DeskArticle>;
  get(id: number): Promise<DeskArticle | null>;
  list(filter: {
    authorId?: number | undefined;
    deskStatus?: DeskStatus | undefined;
    limit: number;
  }): Promise<DeskArticle[]>;
  /** Writes the working copy if `expectedVersion` is still its version (else: what it is now). */
  saveDraft(
    id: number,
    fields: DraftFields,
    expectedVersion: number,
    who: { userId: number; now: Date },
  ): Promise<SaveOutcome>;
  /** Renders the working copy into the article row, adds a revision, raises the version. */
  publish(id: number, input: PublishInput): Promise<DeskArticle>;
  /** Changes only the desk state (submit, unpublish, kill), with the reader status it maps to. */
  setDeskStatus(
    id: number,
    deskStatus: DeskStatus,
    status: ArticleStatus,
    now: Date,
  ): Promise<DeskArticle>;
  revisions(id: number): Promise<Revision[]>;
  heartbeat(articleId: number, userId: number, now: Date): Promise<void>;
  /** Others with the article open since `since`. */
  present(articleId: number, exceptUser: number, since: Date): Promise<Presence[]>;
  sectionExists(slug: string): Promise<boolean>;
  /** The earliest time after `now` at which a scheduled or embargoed article becomes visible. */
  nextPublication(now: Date): Promise<Date | null>;
}

type Db = Kysely<Schema> | Transaction<Schema>;

function tagsOf(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

const PLACEHOLDER = /^draft-[0-9a-f]{16}$/;

export function createNewsroomArticleRepository(database: Database): NewsroomArticleRepository {
  const { db } = database;

  function select(trx: Db) {
    return trx
      .selectFrom("articles")
      .innerJoin("sections", "sections.id", "articles.section_id")
      .innerJoin("article_drafts as d", "d.article_id", "articles.id")
      .leftJoin("users as author", "author.id", "articles.author_id")
      .leftJoin("users as editor", "editor.id", "d.updated_by")
      .select([
        "articles.id",
        "articles.kind",
        "articles.status",
        "articles.desk_status",
        "articles.author_id",
        "author.name as author_name",
        "articles.version",
        "sections.slug as section_slug",
        "articles.slug",
        "articles.headline",
        "articles.published_at",
        "articles.updated_at",
        "d.headline as d_headline",
        "d.standfirst as d_standfirst",
        "d.body_source as d_body_source",
        "d.section_slug as d_section_slug",
        "d.slug as d_slug",
        "d.tags as d_tags",
        "d.byline as d_byline",
        "d.image_path as d_image_path",
        "d.image_alt as d_image_alt",
        "d.version as d_version",
        "d.updated_by as d_updated_by",
        "editor.name as d_updated_by_name",
        "d.updated_at as d_updated_at",
      ]);
  }
  type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof select>["executeTakeFirst"]>>>;

  function fromRow(r: Row): DeskArticle {
    const id = Number(r.id);
    return {
      id,
      kind: r.kind,
      status: r.status as ArticleStatus,
      deskStatus: (r.desk_status ?? "draft") as DeskStatus,
      authorId: r.author_id === null ? null : Number(r.author_id),
      authorName: r.author_name ?? null,
      version: Number(r.version),
      sectionSlug: r.section_slug,
      slug: r.slug,
      headline: r.headline,
      publishedAt: toIsoOrNull(r.published_at),
      updatedAt: toIso(r.updated_at),
      draft: {
        articleId: id,
        headline: r.d_headline,
        standfirst: r.d_standfirst,
        bodySource: r.d_body_source,
        sectionSlug: r.d_section_slug,
        slug: r.d_slug,
        tags: tagsOf(r.d_tags),
        byline: r.d_byline,
        imagePath: r.d_image_path,
        imageAlt: r.d_image_alt,
        version: Number(r.d_version),
        updatedBy: r.d_updated_by === null ? null : Number(r.d_updated_by),
        updatedByName: r.d_updated_by_name ?? null,
        updatedAt: toIso(r.d_updated_at),
      },
    };
  }

  async function getIn(trx: Db, id: number): Promise<DeskArticle | null> {
    const row = await select(trx).where("articles.id", "=", id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async function mustGet(trx: Db, id: number): Promise<DeskArticle> {
    const found = await getIn(trx, id);
    if (!found) throw new AppError("not_found", `article ${id} does not exist`, { status: 404 });
    return found;
  }

  async function sectionIdOf(trx: Db, slug: string): Promise<number> {
    const row = await trx
      .selectFrom("sections")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (!row) {
      throw new AppError("unknown_section", `section "${slug}" does not exist: pick one listed`, {
        status: 400,
        context: { field: "section" },
      });
    }
    return Number(row.id);
  }

  const draftValues = (fields: DraftFields) => ({
    headline: fields.headline,
    standfirst: fields.standfirst,
    body_source: fields.bodySource,
    section_slug: fields.sectionSlug,
    slug: fields.slug,
    tags: JSON.stringify(fields.tags),
    byline: fields.byline,
    image_path: fields.imagePath,
    image_alt: fields.imageAlt,
  });

  return {
    async create(fields, who) {
      const at = who.now.toISOString();
      return db.transaction().execute(async (trx) => {
        const section = await sectionIdOf(trx, fields.sectionSlug);
        const inserted = await trx
          .insertInto("articles")
          .values({
            guid: null,
            kind: "own",
            status: "draft",
            desk_status: "draft",
            headline: fields.headline,
            standfirst: fields.standfirst || null,
            body: "",
            body_text: "",
            byline: fields.byline || null,
            language: who.language,
            section_id: section,
            // Never seen by readers; publishing gives it its real slug.
            slug: `draft-${randomBytes(8).toString("hex")}`,
            canonical_url: null,
            external_url: null,
            published_at: null,
            updated_at: at,
            created_at: at,
            source_id: null,
            image_url: null,
            author_id: who.authorId,
            version: 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const id = Number(inserted.id);
        await trx
          .insertInto("article_drafts")
          .values({
            article_id: id,
            ...draftValues(fields),
            version: 1,
            updated_by: who.authorId,
            updated_at: at,
          })
          .execute();
        return mustGet(trx, id);
      });
    },

    get: (id) => getIn(db, id),

    async list(filter) {
      let q = select(db).where("articles.kind", "=", "own");
      if (filter.authorId !== undefined) q = q.where("articles.author_id", "=", filter.authorId);
      if (filter.deskStatus !== undefined)
        q = q.where("articles.desk_status", "=", filter.deskStatus);
      const rows = await q
        .orderBy("d.updated_at", "desc")
        .orderBy("articles.id", "desc")
        .limit(filter.limit)
        .execute();
      return rows.map(fromRow);
    },

    async saveDraft(id, fields, expectedVersion, who) {
      return db.transaction().execute(async (trx) => {
        await sectionIdOf(trx, fields.sectionSlug);
        // One statement decides: a save made on an older version changes nothing.
        const result = await trx
          .updateTable("article_drafts")
          .set({
            ...draftValues(fields),
            version: expectedVersion + 1,
            updated_by: who.userId,
            updated_at: who.now.toISOString(),
          })
          .where("article_id", "=", id)
          .where("version", "=", expectedVersion)
          .executeTakeFirst();
        const current = await mustGet(trx, id);
        return Number(result.numUpdatedRows) === 1
          ? { saved: true as const, draft: current.draft }
          : { saved: false as const, current: current.draft };
      });
    },

    async publish(id, input) {
      const at = input.now.toISOString();
      return db.transaction().execute((trx) =>
        recordingArticles(trx, database.dialect, [id], input.now, async () => {
          const article = await mustGet(trx, id);
          const draft = article.draft;
          const section = await sectionIdOf(trx, draft.sectionSlug);
          const wanted = draft.slug || slugify(draft.headline) || `article-${id}`;
          // A published address does not move unless the editor asks for another slug.
          const keep = !PLACEHOLDER.test(article.slug) && draft.slug === "";
          let slug = keep && article.sectionSlug === draft.sectionSlug ? article.slug : wanted;
          const taken = async (candidate: string) =>
            (await trx
              .selectFrom("articles")
              .select("id")
              .where("section_id", "=", section)
              .where("slug", "=", candidate)
              .where("id", "!=", id)
              .executeTakeFirst()) !== undefined;
          if (await taken(slug)) {
            if (draft.slug !== "") {
              throw new AppError(
                "duplicate_slug",
                `slug "${slug}" is already used by another article in this section: choose another`,
                { status: 400, context: { field: "slug" } },
              );
            }
            let n = 2;
            while (await taken(`${wanted}-${n}`)) n++;
            slug = `${wanted}-${n}`;
          }
          const publishedAt = input.publishedAt ?? article.publishedAt ?? at;
          await trx
            .updateTable("articles")
            .set({
              headline: draft.headline,
              standfirst: draft.standfirst || null,
              body: input.body,
              body_text: input.bodyText,
              byline: draft.byline || null,
              section_id: section,
              slug,
              categories: JSON.stringify(draft.tags),
              status: input.status,
              desk_status: input.deskStatus,
              published_at: publishedAt,
              updated_at: at,
              version: article.version + 1,
              // Changed text is enriched again (language, copy, story, entities).
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
              headline: draft.headline,
              standfirst: draft.standfirst || null,
              body: input.body,
              body_source: draft.bodySource,
              byline: draft.byline || null,
              section_slug: draft.sectionSlug,
              tags: JSON.stringify(draft.tags),
              image_path: draft.imagePath,
              image_alt: draft.imageAlt,
              created_by: input.userId,
              note: input.note,
              created_at: at,
            })
            .execute();
          return mustGet(trx, id);
        }),
      );
    },

    async setDeskStatus(id, deskStatus, status, now) {
      return db.transaction().execute((trx) =>
        recordingArticles(trx, database.dialect, [id], now, async () => {
          const article = await mustGet(trx, id);
          await trx
            .updateTable("articles")
            .set({
              desk_status: deskStatus,
              status,
              updated_at: now.toISOString(),
              version: article.version + 1,
            })
            .where("id", "=", id)
            .execute();
          return mustGet(trx, id);
        }),
      );
    },

    async revisions(id) {
      const rows = await db
        .selectFrom("article_revisions as r")
        .leftJoin("users as u", "u.id", "r.created_by")
        .selectAll("r")
        .select("u.name as created_by_name")
        .where("r.article_id", "=", id)
        .orderBy("r.number", "desc")
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        number: Number(r.number),
        headline: r.headline,
        standfirst: r.standfirst,
        bodySource: r.body_source,
        body: r.body,
        byline: r.byline,
        sectionSlug: r.section_slug,
        tags: tagsOf(r.tags),
        imagePath: r.image_path,
        imageAlt: r.image_alt,
        createdBy: r.created_by === null ? null : Number(r.created_by),
        createdByName: r.created_by_name ?? null,
        note: r.note,
        createdAt: toIso(r.created_at),
      }));
    },

    async heartbeat(articleId, userId, now) {
      await db
        .insertInto("article_presence")
        .values({ article_id: articleId, user_id: userId, seen_at: now.toISOString() })
        .onConflict((oc) =>
          oc.columns(["article_id", "user_id"]).doUpdateSet({ seen_at: now.toISOString() }),
        )
        .execute();
    },

    async present(articleId, exceptUser, since) {
      const rows = await db
        .selectFrom("article_presence as p")
        .innerJoin("users as u", "u.id", "p.user_id")
        .select(["p.user_id", "u.name", "p.seen_at"])
        .where("p.article_id", "=", articleId)
        .where("p.user_id", "!=", exceptUser)
        .where("p.seen_at", ">=", since.toISOString())
        .orderBy("u.name")
        .execute();
      return rows.map((r) => ({
        userId: Number(r.user_id),
        name: r.name,
        seenAt: toIso(r.seen_at),
      }));
    },

    async sectionExists(slug) {
      const row = await db
        .selectFrom("sections")
        .select("id")
        .where("slug", "=", slug)
        .executeTakeFirst();
      return row !== undefined;
    },

    async nextPublication(now) {
      // Every kind (wire items too): whatever readers' gate will let through at its time.
      const row = await db
        .selectFrom("articles")
        .select((eb) => eb.fn.min("published_at").as("at"))
        .where("status", "=", "scheduled")
        .where("published_at", ">", now.toISOString())
        .executeTakeFirst();
      return row?.at ? new Date(toIso(row.at)) : null;
    },
  };
}
