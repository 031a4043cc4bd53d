import { sql } from "kysely";
import { LIVE_EVENT_TYPES, type LiveChannel, type LiveEvent } from "../domain/live-event.ts";
import type { LiveLog, LogHead } from "../live/live-log.ts";
import type { Database } from "./connection.ts";
import { appendEvents, articleSnapshots, type EventDraft, publishedDrafts } from "./live-events.ts";
import { toIso } from "./rows.ts";
import { whereVisible } from "./visibility.ts";

export interface EventRepository extends LiveLog {
  /** Appends in a transaction of its own (a change's own appends go in its transaction). */
  append(drafts: readonly EventDraft[], now?: Date): Promise<void>;
  /**
   * Embargoed and scheduled articles whose time came in (since, now]: their `published`
   * events, appended once however many nodes ask (the drafts carry a dedupe key).
   */
  lift(since: Date, now?: Date): Promise<number>;
  /** Drops events older than the retention; a position before them is then told to resync. */
  prune(retentionHours: number, now?: Date): Promise<number>;
  /** Empties the log under a new epoch: every open page is told to resync. */
  reset(): Promise<LogHead>;
}

const TYPES = new Set<string>(LIVE_EVENT_TYPES);

/** The article a payload is about, which the reading-time gate asks about. */
function articleOf(event: LiveEvent): number | null {
  switch (event.type) {
    case "article.published":
    case "article.updated":
    case "article.corrected":
      return event.payload.articleId;
    case "entry.posted":
    case "entry.edited":
    case "entry.deleted":
    case "liveblog.changed":
      return event.payload.liveblogId;
    default:
      return null;
  }
}

export function createEventRepository(database: Database): EventRepository {
  const { db, dialect } = database;

  async function head(): Promise<LogHead> {
    const log = await db
      .selectFrom("live_log")
      .select(["epoch", "pruned_through"])
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    const last = await db
      .selectFrom("events")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirst();
    const pruned = Number(log.pruned_through);
    return {
      epoch: log.epoch,
      lastId: Math.max(Number(last?.id ?? 0), pruned),
      prunedThrough: pruned,
    };
  }

  /** Drops events about articles readers can no longer see (one query for the batch). */
  async function gate(events: LiveEvent[], now: Date): Promise<LiveEvent[]> {
    const ids = [...new Set(events.map(articleOf).filter((id): id is number => id !== null))];
    if (ids.length === 0) return events;
    const visible = new Set<number>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom("articles")
        .select("id")
        .where("id", "in", ids.slice(i, i + 500))
        .where(whereVisible(now))
        .execute();
      for (const r of rows) visible.add(Number(r.id));
    }
    return events.filter((e) => {
      const id = articleOf(e);
      return id === null || visible.has(id);
    });
  }

  return {
    head,

    async after(id, channels, limit) {
      if (channels !== null && channels.length === 0)
        return { events: [], through: id, full: false };
      let query = db
        .selectFrom("events")
        .select(["id", "channel", "type", "payload", "created_at"])
        .where("id", ">", id)
        .orderBy("id")
        .limit(limit);
      if (channels !== null) query = query.where("channel", "in", [...channels]);
      const rows = await query.execute();
      const events: LiveEvent[] = [];
      for (const r of rows) {
        // Written only by appendEvents from typed drafts; an unknown type is a newer node's.
        if (!TYPES.has(r.type)) continue;
        events.push({
          id: Number(r.id),
          channel: r.channel as LiveChannel,
          type: r.type,
          at: toIso(r.created_at),
          payload: JSON.parse(r.payload),
        } as LiveEvent);
      }
      const through = rows.length > 0 ? Number(rows[rows.length - 1]?.id) : id;
      return { events: await gate(events, new Date()), through, full: rows.length === limit };
    },

    async append(drafts, now = new Date()) {
      if (drafts.length === 0) return;
      await db.transaction().execute((trx) => appendEvents(trx, dialect, drafts, now));
    },

    async lift(since, now = new Date()) {
      // Published in the window after it was last saved: it waited for its time. (Articles
      // published at once have their event already; the dedupe key makes a repeat a no-op.)
      const rows = await db
        .selectFrom("articles")
        .select("id")
        .where("published_at", ">", since.toISOString())
        .where(sql<boolean>`${sql.ref("published_at")} > ${sql.ref("updated_at")}`)
        .where(whereVisible(now))
        .execute();
      const due = rows.map((r) => Number(r.id));
      if (due.length === 0) return 0;
      return db.transaction().execute(async (trx) => {
        const snapshots = await articleSnapshots(trx, due, now);
        const drafts = [...snapshots.values()].flatMap(publishedDrafts);
        await appendEvents(trx, dialect, drafts, now);
        return due.length;
      });
    },

    async prune(retentionHours, now = new Date()) {
      const cutoff = new Date(now.getTime() - retentionHours * 3_600_000).toISOString();
      return db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom("events")
          .select((eb) => eb.fn.max("id").as("id"))
          .where("created_at", "<", cutoff)
          .executeTakeFirst();
        const through = Number(last?.id ?? 0);
        if (through === 0) return 0;
        const deleted = await trx
          .deleteFrom("events")
          .where("id", "<=", through)
          .executeTakeFirst();
        await trx
          .updateTable("live_log")
          .set((eb) => ({
            pruned_through: sql<number>`CASE WHEN ${eb.ref("pruned_through")} > ${through}
              THEN ${eb.ref("pruned_through")} ELSE ${through} END`,
          }))
          .where("id", "=", 1)
          .execute();
        return Number(deleted.numDeletedRows);
      });
    },

    async reset() {
      const epoch = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
        b.toString(16).padStart(2, "0"),
      ).join("");
      await db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom("events")
          .select((eb) => eb.fn.max("id").as("id"))
          .executeTakeFirst();
        await trx.deleteFrom("events").execute();
        // Ids keep ascending across epochs (AUTOINCREMENT, identity): never reused.
        await trx
          .updateTable("live_log")
          .set({ epoch, pruned_through: Number(last?.id ?? 0) })
          .where("id", "=", 1)
          .execute();
      });
      return head();
    },
  };
}
