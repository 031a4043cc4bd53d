import { type Kysely, sql, type Transaction } from "kysely";
import type {
  Article,
  ArticleInput,
  ArticleKind,
  ArticleRevision,
  Section,
} from "../domain/article.ts";
import { bodyText } from "../domain/body-text.ts";
import { AppError } from "../domain/errors.ts";
import { slugify } from "../domain/slug.ts";
import type { Database } from "./connection.ts";
import { badCursor, type Cursor, decodeCursor, encodeCursor } from "./cursor.ts";
import {
  type ArticleSnapshot,
  appendEvents,
  articleChangeDrafts,
  articleSnapshots,
} from "./live-events.ts";
import { type ArticleRow, articleFromRow, toIso, toIsoOrNull } from "./rows.ts";
import type { Schema } from "./schema.ts";
import { whereListed, whereVisible } from "./visibility.ts";

export interface ListQuery {
  limit: number;
  cursor?: string | undefined;
  kind?: ArticleKind | undefined;
  /** A section slug. */
  section?: string | undefined;
  /** A source id. */
  source?: number | undefined;
}

/** What a sitemap needs of a reader-visible article, without its body. */
export interface VisiblePath {
  sectionSlug: string;
  slug: string;
  kind: ArticleKind;
  language: string;
  headline: string;
  publishedAt: string;
  updatedAt: string;
}

/** Reader-visible articles of one calendar month (UTC), for a sitemap index. */
export interface VisibleMonth {
  /** "YYYY-MM" */
  month: string;
  count: number;
  lastModified: string;
}

export interface ArticlePage {
  items: Article[];
  next: string | null;
}

export interface SaveResult {
  article: Article;
  created: boolean;
  /** The text changed: a new revision was stored. */
  revised: boolean;
  /** Anything at all was written. */
  changed: boolean;
}

export interface ArticleRepository {
  /** Inserts, or updates the article with the same guid (a new revision when text changed). */
  save(input: ArticleInput): Promise<SaveResult>;
  /** Saves all in one transaction: a fetch's items land together or not at all. */
  saveMany(inputs: readonly ArticleInput[]): Promise<SaveResult[]>;
  getById(id: number): Promise<Article | null>;
  /** The articles with these ids, in the order given, in one query; unknown ids left out. */
  byIds(ids: readonly number[]): Promise<Article[]>;
  /** A reader-visible article by section and slug; the caller checks the date part. */
  findVisibleBySlug(sectionSlug: string, slug: string, now?: Date): Promise<Article | null>;
  /** Reader-visible, non-duplicate articles, newest first (search: search-repository.ts). */
  listVisible(query: ListQuery, now?: Date): Promise<ArticlePage>;
  /** Reader-visible, non-duplicate articles published in [from, to), oldest first. */
  visiblePaths(from: Date, to: Date, now?: Date): Promise<VisiblePath[]>;
  /** The months that have reader-visible, non-duplicate articles, oldest first. */
  visibleMonths(now?: Date): Promise<VisibleMonth[]>;
  revisions(articleId: number): Promise<ArticleRevision[]>;
  /** Every section in the masthead's order (position, then name); `hidden` ones are kept out of it. */
  sections(): Promise<(Section & { hidden?: true })[]>;
  /** The current slug of a section once called `oldSlug` (renamed), or null. */
  renamedSection(oldSlug: string): Promise<string | null>;
  /** The newsroom killed the article at this address: it answers 410, not 404. */
  isKilled(sectionSlug: string, slug: string): Promise<boolean>;
  /**
   * The newest `limit` listed articles of each of these sections (slugs), in one query (a
   * home page's section blocks), by slug, newest first; sections without any left out. The
   * reports of the stories and the articles in `without` (what the page shows above) are
   * left out in the query, so a block is still full.
   */
  latestBySection(
    sectionSlugs: readonly string[],
    limit: number,
    now?: Date,
    without?: { stories: readonly number[]; articles: readonly number[] },
  ): Promise<Map<string, Article[]>>;
  count(): Promise<number>;
  /**
   * Which of a source's items are stored with exactly this hash (their guids), in one
   * query: those a fetch may skip.
   */
  knownItems(sourceId: number, items: readonly KnownItem[]): Promise<Set<string>>;
}

/** An ingested item as `knownItems` looks it up: its article guid and item hash. */
export interface KnownItem {
  guid: string;
  hash: string;
}

type Db = Kysely<Schema> | Transaction<Schema>;

const SECTIONS_PER_UNION = 200;

// Saves racing for one slug retry: twice the fetches running at once by default (INGEST_CONCURRENCY 4).
const CONFLICT_ATTEMPTS = 8;

/** A unique-key conflict, from either engine. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

function selectArticles(db: Db) {
  return db
    .selectFrom("articles")
    .innerJoin("sections", "sections.id", "articles.section_id")
    .select([
      "articles.id",
      "articles.guid",
      "articles.kind",
      "articles.status",
      "articles.headline",
      "articles.standfirst",
      "articles.body",
      "articles.byline",
      "articles.language",
      "articles.slug",
      "articles.canonical_url",
      "articles.external_url",
      "articles.published_at",
      "articles.updated_at",
      "articles.created_at",
      "articles.source_id",
      "articles.image_url",
      "articles.categories",
      "articles.fragments",
      "articles.story_id",
      "sections.slug as section_slug",
      "sections.name as section_name",
    ]);
}

export function createArticleRepository(database: Database): ArticleRepository {
  const { db } = database;

  async function byId(trx: Db, id: number): Promise<Article | null> {
    const row = await selectArticles(trx).where("articles.id", "=", id).executeTakeFirst();
    return row ? articleFromRow(row as ArticleRow) : null;
  }

  async function sectionId(trx: Db, section: ArticleInput["section"]): Promise<number> {
    const existing = await trx
      .selectFrom("sections")
      .select("id")
      .where("slug", "=", section.slug)
      .executeTakeFirst();
    if (existing) return Number(existing.id);
    await trx
      .insertInto("sections")
      .values({ slug: section.slug, name: section.name })
      .onConflict((oc) => oc.column("slug").doNothing())
      .execute();
    const row = await trx
      .selectFrom("sections")
      .select("id")
      .where("slug", "=", section.slug)
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async function freeSlug(trx: Db, section: number, wanted: string): Promise<string> {
    // The LIKE below cannot use the (section_id, slug) index and reads the whole section;
    // most headlines are new, and one indexed lookup says so.
    const exact = await trx
      .selectFrom("articles")
      .select("id")
      .where("section_id", "=", section)
      .where("slug", "=", wanted)
      .executeTakeFirst();
    if (!exact) return wanted;
    const taken = new Set(
      (
        await trx
          .selectFrom("articles")
          .select("slug")
          .where("section_id", "=", section)
          .where((eb) => eb.or([eb("slug", "=", wanted), eb("slug", "like", `${wanted}-%`)]))
          .execute()
      ).map((r) => r.slug),
    );
    if (!taken.has(wanted)) return wanted;
    for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
  }

  /**
   * The article this input updates: the same guid, or, for an item from a source, the
   * same canonical URL from that source (feeds that change an item's guid on edit).
   */
  async function findExisting(trx: Db, input: ArticleInput) {
    const base = trx.selectFrom("articles").selectAll();
    if (input.guid !== null) {
      const byGuid = await base.where("guid", "=", input.guid).executeTakeFirst();
      if (byGuid) return byGuid;
    }
    if (input.sourceId == null || input.canonicalUrl === null) return undefined;
    return base
      .where("canonical_url", "=", input.canonicalUrl)
      .where("source_id", "=", input.sourceId)
      .orderBy("id")
      .executeTakeFirst();
  }

  async function addRevision(trx: Db, articleId: number, input: ArticleInput, at: string) {
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
        headline: input.headline,
        standfirst: input.standfirst,
        body: input.body,
        created_at: at,
      })
      .execute();
  }

  /** `before`: how changed rows looked to readers, for the live log (db/live-events.ts). */
  async function saveIn(
    trx: Db,
    input: ArticleInput,
    before: Map<number, ArticleSnapshot>,
  ): Promise<SaveResult> {
    const at = new Date();
    const now = at.toISOString();
    const section = await sectionId(trx, input.section);
    const fields = {
      kind: input.kind,
      status: input.status,
      headline: input.headline,
      standfirst: input.standfirst,
      body: input.body,
      body_text: bodyText(input.body),
      byline: input.byline,
      language: input.language,
      section_id: section,
      canonical_url: input.canonicalUrl,
      external_url: input.externalUrl,
      published_at: input.publishedAt,
      updated_at: now,
      source_id: input.sourceId ?? null,
      image_url: input.imageUrl ?? null,
      categories: JSON.stringify(input.categories ?? []),
      desk_status: input.deskStatus ?? null,
    };
    const gated = input.findings ? { findings: JSON.stringify(input.findings) } : {};
    const existing = await findExisting(trx, input);
    if (existing) {
      const id = Number(existing.id);
      if (existing.desk_status !== null && existing.desk_status !== "held") {
        // An editor released, promoted, dropped or killed it: the newsroom's version stands
        // and the feed's next edit does not undo it. Only the hash is remembered.
        if (typeof input.itemHash === "string" && input.itemHash !== existing.item_hash) {
          await trx
            .updateTable("articles")
            .set({ item_hash: input.itemHash })
            .where("id", "=", id)
            .execute();
        }
        const article = await byId(trx, id);
        if (!article) throw new AppError("lost_write", `article ${id} vanished during save`);
        return { article, created: false, revised: false, changed: false };
      }
      const revised =
        existing.headline !== input.headline ||
        existing.standfirst !== input.standfirst ||
        existing.body !== input.body;
      const { updated_at: _, ...compared } = fields;
      const changed =
        revised ||
        Object.entries(compared).some(([key, value]) => {
          const stored = existing[key as keyof typeof existing];
          if (key === "published_at") return toIsoOrNull(stored as Date | string | null) !== value;
          return (typeof stored === "number" ? Number(stored) : stored) !== value;
        });
      // An unchanged item is not a write: feeds repeat their items on every fetch.
      if (changed) {
        const seen = (await articleSnapshots(trx, [id], at)).get(id);
        if (seen) before.set(id, seen);
        // The slug stays: a published URL must not move when a headline is corrected.
        // Changed text is enriched again (language, copy, story, entities).
        const item_hash = input.itemHash ?? null;
        await trx
          .updateTable("articles")
          .set(
            revised
              ? { ...fields, ...gated, item_hash, enriched_version: null }
              : { ...fields, ...gated, item_hash },
          )
          .where("id", "=", id)
          .execute();
        if (revised) await addRevision(trx, id, input, now);
      } else if (typeof input.itemHash === "string" && input.itemHash !== existing.item_hash) {
        // Only the hash is new (an article stored before hashes, a changed mapping that
        // gave the same article): remember it, so the next fetch skips the item.
        await trx
          .updateTable("articles")
          .set({ item_hash: input.itemHash })
          .where("id", "=", id)
          .execute();
      }
      const article = await byId(trx, id);
      if (!article) throw new AppError("lost_write", `article ${id} vanished during save`);
      return { article, created: false, revised, changed };
    }
    const slug = await freeSlug(trx, section, input.slug ?? slugify(input.headline));
    const inserted = await trx
      .insertInto("articles")
      .values({
        ...fields,
        ...gated,
        guid: input.guid,
        slug,
        created_at: now,
        item_hash: input.itemHash ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    await addRevision(trx, id, input, now);
    const article = await byId(trx, id);
    if (!article) throw new AppError("lost_write", `article ${id} vanished during save`);
    return { article, created: true, revised: false, changed: true };
  }

  /**
   * Two fetches saving the same headline into one section at once both find its slug free;
   * the second commit hits the unique key. Running the transaction again sees the first
   * one's row and picks the next free slug.
   */
  async function retryingConflicts<T>(work: (trx: Transaction<Schema>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().execute(work);
      } catch (error) {
        if (attempt >= CONFLICT_ATTEMPTS || !isUniqueViolation(error)) throw error;
        // n saves racing for one slug: each retry lets one through, so the last may need n
        // tries; a short random pause keeps them from colliding in step again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /** Saves in order, then appends what the saves meant to open pages, last in the transaction. */
  async function saveAll(trx: Transaction<Schema>, inputs: readonly ArticleInput[]) {
    const before = new Map<number, ArticleSnapshot>();
    const results: SaveResult[] = [];
    for (const input of inputs) results.push(await saveIn(trx, input, before));
    const now = new Date();
    const ids = results.filter((r) => r.changed).map((r) => r.article.id);
    const after = await articleSnapshots(trx, ids, now);
    const drafts = ids.flatMap((id) => articleChangeDrafts(before.get(id), after.get(id)));
    await appendEvents(trx, database.dialect, drafts, now);
    return results;
  }

  return {
    save: async (input) => {
      const [result] = await retryingConflicts((trx) => saveAll(trx, [input]));
      if (!result) throw new AppError("lost_write", "the save returned no article");
      return result;
    },

    saveMany: (inputs) => retryingConflicts((trx) => saveAll(trx, inputs)),

    getById: (id) => byId(db, id),

    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await selectArticles(db)
        .where("articles.id", "in", [...ids])
        .execute();
      const found = new Map(rows.map((r) => [Number(r.id), articleFromRow(r as ArticleRow)]));
      return ids.flatMap((id) => found.get(id) ?? []);
    },

    async findVisibleBySlug(sectionSlug, slug, now = new Date()) {
      const row = await selectArticles(db)
        .where("sections.slug", "=", sectionSlug)
        .where("articles.slug", "=", slug)
        // A duplicate's own page still shows: it is only kept out of lists.
        .where(whereVisible(now))
        .executeTakeFirst();
      return row ? articleFromRow(row as ArticleRow) : null;
    },

    async listVisible(query, now = new Date()) {
      const cursor: Cursor | undefined = query.cursor ? decodeCursor(query.cursor) : undefined;
      if (cursor && cursor.type !== "key") throw badCursor();
      let q = selectArticles(db).where(whereListed(now));
      if (query.kind) q = q.where("articles.kind", "=", query.kind);
      if (query.section) q = q.where("sections.slug", "=", query.section);
      if (query.source !== undefined) q = q.where("articles.source_id", "=", query.source);
      if (cursor) {
        const at = cursor.publishedAt;
        q = q.where((eb) =>
          eb.or([
            eb("articles.published_at", "<", at),
            eb.and([eb("articles.published_at", "=", at), eb("articles.id", "<", cursor.id)]),
          ]),
        );
      }
      const rows = await q
        .orderBy("articles.published_at", "desc")
        .orderBy("articles.id", "desc")
        .limit(query.limit + 1)
        .execute();
      const items = rows.slice(0, query.limit).map((r) => articleFromRow(r as ArticleRow));
      const last = items.at(-1);
      const next =
        rows.length > query.limit && last?.publishedAt
          ? encodeCursor({ type: "key", publishedAt: last.publishedAt, id: last.id })
          : null;
      return { items, next };
    },

    async visiblePaths(from, to, now = new Date()) {
      const rows = await db
        .selectFrom("articles")
        .innerJoin("sections", "sections.id", "articles.section_id")
        .select([
          "sections.slug as section_slug",
          "articles.slug",
          "articles.kind",
          "articles.language",
          "articles.headline",
          "articles.published_at",
          "articles.updated_at",
        ])
        .where(whereListed(now))
        .where("articles.published_at", ">=", from.toISOString())
        .where("articles.published_at", "<", to.toISOString())
        .orderBy("articles.published_at", "asc")
        .orderBy("articles.id", "asc")
        .execute();
      return rows.flatMap((r) =>
        r.published_at === null
          ? []
          : [
              {
                sectionSlug: r.section_slug,
                slug: r.slug,
                kind: r.kind as ArticleKind,
                language: r.language,
                headline: r.headline,
                publishedAt: toIso(r.published_at),
                updatedAt: toIso(r.updated_at),
              },
            ],
      );
    },

    async visibleMonths(now = new Date()) {
      // SQLite keeps times as ISO text; PostgreSQL as timestamptz, read here in UTC.
      const month =
        database.dialect === "sqlite"
          ? sql<string>`substr(articles.published_at, 1, 7)`
          : sql<string>`to_char(articles.published_at AT TIME ZONE 'UTC', 'YYYY-MM')`;
      const rows = await db
        .selectFrom("articles")
        .select((eb) => [
          month.as("month"),
          eb.fn.countAll().as("n"),
          eb.fn.max("articles.updated_at").as("last"),
        ])
        .where(whereListed(now))
        .groupBy(month)
        .orderBy(month)
        .execute();
      return rows.map((r) => ({
        month: r.month,
        count: Number(r.n),
        lastModified: toIso(r.last as Date | string),
      }));
    },

    async revisions(articleId) {
      const rows = await db
        .selectFrom("article_revisions")
        .selectAll()
        .where("article_id", "=", articleId)
        .orderBy("number", "asc")
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        articleId: Number(r.article_id),
        number: Number(r.number),
        headline: r.headline,
        standfirst: r.standfirst,
        body: r.body,
        createdAt: toIso(r.created_at),
      }));
    },

    async latestBySection(sectionSlugs, limit, now = new Date(), without) {
      const latest = new Map<string, Article[]>();
      const stories = without?.stories ?? [];
      const ids = without?.articles ?? [];
      // One arm per section, each the listing's own indexed top-N: a window function over
      // every listed article would read them all.
      const arm = (slug: string, i: number) =>
        db
          .selectFrom(
            selectArticles(db)
              .where(whereListed(now))
              .where("sections.slug", "=", slug)
              .$if(stories.length > 0, (q) =>
                q.where((eb) =>
                  eb.or([
                    eb("articles.story_id", "is", null),
                    eb("articles.story_id", "not in", stories),
                  ]),
                ),
              )
              .$if(ids.length > 0, (q) => q.where("articles.id", "not in", ids))
              .orderBy("articles.published_at", "desc")
              .orderBy("articles.id", "desc")
              .limit(limit)
              .as(`s${i}`),
          )
          .selectAll();
      const rows = [];
      // SQLite takes at most 500 arms in one compound SELECT: one query for any real masthead.
      for (let at = 0; at < sectionSlugs.length; at += SECTIONS_PER_UNION) {
        const [first, ...rest] = sectionSlugs.slice(at, at + SECTIONS_PER_UNION).map(arm);
        if (first)
          rows.push(...(await rest.reduce((u, next) => u.unionAll(next), first).execute()));
      }
      for (const row of rows) {
        const article = articleFromRow(row as ArticleRow);
        const list = latest.get(article.sectionSlug);
        if (list) list.push(article);
        else latest.set(article.sectionSlug, [article]);
      }
      // A union keeps no order of its own.
      for (const list of latest.values()) {
        list.sort((a, b) =>
          a.publishedAt === b.publishedAt
            ? b.id - a.id
            : (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""),
        );
      }
      return latest;
    },

    async sections() {
      const rows = await db
        .selectFrom("sections")
        .selectAll()
        .orderBy("position")
        .orderBy("name")
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        slug: r.slug,
        name: r.name,
        ...(Number(r.hidden) ? { hidden: true as const } : {}),
      }));
    },

    async isKilled(sectionSlug, slug) {
      const row = await db
        .selectFrom("articles")
        .innerJoin("sections", "sections.id", "articles.section_id")
        .select("articles.id")
        .where("sections.slug", "=", sectionSlug)
        .where("articles.slug", "=", slug)
        .where("articles.desk_status", "=", "killed")
        .executeTakeFirst();
      return row !== undefined;
    },

    async renamedSection(oldSlug) {
      const row = await db
        .selectFrom("section_redirects")
        .innerJoin("sections", "sections.id", "section_redirects.section_id")
        .select("sections.slug")
        .where("section_redirects.old_slug", "=", oldSlug)
        .executeTakeFirst();
      return row && row.slug !== oldSlug ? row.slug : null;
    },

    async count() {
      const row = await db
        .selectFrom("articles")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async knownItems(sourceId, items) {
      if (items.length === 0) return new Set();
      // One parameter whatever the feed's size: a JSON array on SQLite, a text[] on PostgreSQL.
      const guids = items.map((i) => i.guid);
      const wanted =
        database.dialect === "sqlite"
          ? sql<boolean>`articles.guid IN (SELECT value FROM json_each(${JSON.stringify(guids)}))`
          : sql<boolean>`articles.guid = ANY(${guids}::text[])`;
      const rows = await db
        .selectFrom("articles")
        .select(["guid", "item_hash"])
        .where("source_id", "=", sourceId)
        .where(wanted)
        .where("item_hash", "is not", null)
        .execute();
      const stored = new Map(rows.map((r) => [r.guid, r.item_hash]));
      return new Set(items.filter((i) => stored.get(i.guid) === i.hash).map((i) => i.guid));
    },
  };
}
