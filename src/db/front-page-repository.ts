import { AppError } from "../domain/errors.ts";
import type { Database } from "./connection.ts";
import { toIso } from "./rows.ts";

/** A story as the front-page desk sees it: its editor's settings and how fresh it is. */
export interface FrontStory {
  id: number;
  title: string;
  slug: string;
  pinned: boolean;
  boost: number;
  hidden: boolean;
  sourceCount: number;
  lastSeenAt: string;
}

/** The range an editor's boost may take: ranking adds it to the story's score. */
export const BOOST_MIN = -10;
export const BOOST_MAX = 10;

export interface FrontPageRepository {
  get(id: number): Promise<FrontStory | null>;
  /** Stories with an editor's setting (pinned, boosted or hidden), latest first. */
  adjusted(limit: number): Promise<FrontStory[]>;
  /** Stories seen within `hours`, latest first, whatever their settings. */
  recent(limit: number, now?: Date, hours?: number): Promise<FrontStory[]>;
  setPinned(id: number, pinned: boolean): Promise<void>;
  /** A whole number in [BOOST_MIN, BOOST_MAX]; anything else is a 400 naming `boost`. */
  setBoost(id: number, boost: number): Promise<void>;
  setHidden(id: number, hidden: boolean): Promise<void>;
}

export function createFrontPageRepository(database: Database): FrontPageRepository {
  const { db } = database;
  const select = () =>
    db
      .selectFrom("stories")
      .select(["id", "title", "slug", "pinned", "boost", "hidden", "source_count", "last_seen_at"]);
  type Row = Awaited<ReturnType<ReturnType<typeof select>["executeTakeFirstOrThrow"]>>;
  const fromRow = (r: Row): FrontStory => ({
    id: Number(r.id),
    title: r.title,
    slug: r.slug,
    pinned: Boolean(Number(r.pinned)),
    boost: Number(r.boost),
    hidden: Boolean(Number(r.hidden)),
    sourceCount: Number(r.source_count),
    lastSeenAt: toIso(r.last_seen_at),
  });
  const update = async (id: number, set: { pinned?: number; boost?: number; hidden?: number }) => {
    const result = await db
      .updateTable("stories")
      .set({ ...set, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new AppError("not_found", `no story #${id}`, { status: 404 });
  };

  return {
    async get(id) {
      const row = await select().where("id", "=", id).executeTakeFirst();
      return row ? fromRow(row) : null;
    },
    async adjusted(limit) {
      const rows = await select()
        .where((eb) => eb.or([eb("pinned", "=", 1), eb("hidden", "=", 1), eb("boost", "!=", 0)]))
        .orderBy("last_seen_at", "desc")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
    async recent(limit, now = new Date(), hours = 48) {
      const since = new Date(now.getTime() - hours * 3_600_000).toISOString();
      const rows = await select()
        .where("last_seen_at", ">=", since)
        .orderBy("last_seen_at", "desc")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
    setPinned: (id, pinned) => update(id, { pinned: pinned ? 1 : 0 }),
    async setBoost(id, boost) {
      if (!Number.isInteger(boost) || boost < BOOST_MIN || boost > BOOST_MAX) {
        throw new AppError(
          "bad_boost",
          `boost must be a whole number from ${BOOST_MIN} to ${BOOST_MAX}`,
          { status: 400, context: { field: "boost" } },
        );
      }
      await update(id, { boost });
    },
    setHidden: (id, hidden) => update(id, { hidden: hidden ? 1 : 0 }),
  };
}
