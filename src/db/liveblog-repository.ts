import type { Selectable } from "kysely";
import { AppError } from "../domain/errors.ts";
import type { LiveblogEntry, LiveblogEntryInput } from "../domain/liveblog.ts";
import type { Database } from "./connection.ts";
import { toIso, toIsoOrNull } from "./rows.ts";
import type { LiveblogEntriesTable } from "./schema.ts";

/** A page of a live blog: newest first; `before` pages to older entries. */
export interface LiveblogPage {
  entries: LiveblogEntry[];
  pinned: LiveblogEntry[];
  keyEvents: LiveblogEntry[];
  /** The `before` value for the next, older page, or null at the start of the blog. */
  older: string | null;
  /** When the newsroom closed the blog (migration 011); null or absent while it is open. */
  closedAt?: string | null;
  /**
   * The entry this page starts at, when it was asked for by its permalink (`entry`): the
   * page is that entry and older ones, and readers get a way back to the newest.
   */
  from?: number | null;
  /** When the blog's first entry was posted; null before the first (its coverage start). */
  firstPostedAt?: string | null;
}

export interface LiveblogRepository {
  add(articleId: number, input: LiveblogEntryInput, now?: Date): Promise<LiveblogEntry>;
  page(
    articleId: number,
    options: { limit: number; before?: string | undefined; entry?: string | undefined },
  ): Promise<LiveblogPage>;
}

function entryFromRow(r: Selectable<LiveblogEntriesTable>): LiveblogEntry {
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
  };
}

/** `before` is an entry id: stable while new entries arrive at the top. */
function parseBefore(before: string | undefined): number | null {
  if (before === undefined || before === "") return null;
  if (!/^\d{1,15}$/.test(before)) {
    throw new AppError("bad_cursor", "before must be an entry number", { status: 400 });
  }
  return Number(before);
}

/** `entry` is an entry's id (its permalink); anything else names no entry. */
function parseEntry(entry: string | undefined): number | null {
  if (entry === undefined || !/^\d{1,15}$/.test(entry)) return null;
  return Number(entry);
}

export function createLiveblogRepository(database: Database): LiveblogRepository {
  const { db } = database;
  const entries = (articleId: number) =>
    db.selectFrom("liveblog_entries").selectAll().where("article_id", "=", articleId);

  return {
    async add(articleId, input, now = new Date()) {
      const at = now.toISOString();
      const row = await db
        .insertInto("liveblog_entries")
        .values({
          article_id: articleId,
          title: input.title,
          body: input.body,
          byline: input.byline,
          key_event: input.keyEvent ? 1 : 0,
          pinned: input.pinned ? 1 : 0,
          posted_at: input.postedAt ?? at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return entryFromRow(row);
    },

    async page(articleId, { limit, before, entry }) {
      const beforeId = parseBefore(before);
      // A permalink: the entry itself and what is older; one deleted since is the newest page.
      const fromId = beforeId === null ? parseEntry(entry) : null;
      const from =
        fromId === null
          ? undefined
          : await entries(articleId).where("id", "=", fromId).executeTakeFirst();
      let q = entries(articleId)
        .orderBy("posted_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (beforeId !== null) {
        const anchor = await entries(articleId).where("id", "=", beforeId).executeTakeFirst();
        if (!anchor)
          throw new AppError("bad_cursor", "no such entry in this live blog", { status: 400 });
        const at = toIso(anchor.posted_at);
        q = q.where((eb) =>
          eb.or([
            eb("posted_at", "<", at),
            eb.and([eb("posted_at", "=", at), eb("id", "<", beforeId)]),
          ]),
        );
      } else if (from) {
        const at = toIso(from.posted_at);
        const id = Number(from.id);
        q = q.where((eb) =>
          eb.or([eb("posted_at", "<", at), eb.and([eb("posted_at", "=", at), eb("id", "<=", id)])]),
        );
      }
      const newest = beforeId === null && !from;
      const [rows, pinned, keyEvents, blog, first] = await Promise.all([
        q.execute(),
        newest
          ? entries(articleId).where("pinned", "=", 1).orderBy("posted_at", "desc").execute()
          : Promise.resolve([]),
        newest
          ? entries(articleId)
              .where("key_event", "=", 1)
              .orderBy("posted_at", "desc")
              .limit(20)
              .execute()
          : Promise.resolve([]),
        db
          .selectFrom("liveblogs")
          .select("closed_at")
          .where("article_id", "=", articleId)
          .executeTakeFirst(),
        db
          .selectFrom("liveblog_entries")
          .select((eb) => eb.fn.min("posted_at").as("first"))
          .where("article_id", "=", articleId)
          .executeTakeFirst(),
      ]);
      const page = rows.slice(0, limit).map(entryFromRow);
      const last = page[page.length - 1];
      return {
        entries: page,
        pinned: pinned.map(entryFromRow),
        keyEvents: keyEvents.map(entryFromRow),
        older: rows.length > limit && last ? String(last.id) : null,
        closedAt: blog ? toIsoOrNull(blog.closed_at) : null,
        from: from ? Number(from.id) : null,
        firstPostedAt: first?.first == null ? null : toIso(first.first),
      };
    },
  };
}
