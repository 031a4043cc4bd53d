import { AppError } from "../domain/errors.ts";
import { badCursor, decodeCursor, encodeCursor } from "./cursor.ts";

/** At most this many stories left out of a river: a page's top stories fit many times. */
export const MAX_LEFT_OUT = 32;

/**
 * Where an older page of a river starts, and the stories the first page showed above the
 * river (the home page's top stories), which no page of that river lists again. They ride
 * in the cursor, not in a fresh ranking, so that the older pages leave out exactly what the
 * reader was shown, however the ranking moved since.
 */
export interface RiverCursor {
  publishedAt: string;
  id: number;
  /** Story ids, ascending (one set, one cursor: one cache entry per page). */
  without: number[];
}

export function encodeRiverCursor(cursor: RiverCursor): string {
  // Without stories to leave out it is the plain keyset cursor every list has issued.
  if (cursor.without.length === 0)
    return encodeCursor({ type: "key", publishedAt: cursor.publishedAt, id: cursor.id });
  if (cursor.without.length > MAX_LEFT_OUT)
    throw new AppError("river_left_out_too_many", "a river leaves out too many stories", {
      context: { count: cursor.without.length, max: MAX_LEFT_OUT },
    });
  const raw = `r|${cursor.publishedAt}|${cursor.id}|${cursor.without.join(".")}`;
  return Buffer.from(raw, "utf8").toString("base64url");
}

/** A river's cursor, or the `bad_cursor` AppError (400) for anything this server did not issue. */
export function decodeRiverCursor(value: string): RiverCursor {
  if (!/^[A-Za-z0-9_-]{1,800}$/.test(value)) throw badCursor();
  const parts = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (parts[0] !== "r") {
    const key = decodeCursor(value);
    if (key.type !== "key") throw badCursor();
    return { publishedAt: key.publishedAt, id: key.id, without: [] };
  }
  const [, publishedAt = "", id = "", list = ""] = parts;
  const without = list.split(".").map(Number);
  if (
    parts.length !== 4 ||
    Number.isNaN(Date.parse(publishedAt)) ||
    !Number.isSafeInteger(Number(id)) ||
    without.length > MAX_LEFT_OUT ||
    !without.every((n, i) => Number.isSafeInteger(n) && n > 0 && n > (without[i - 1] ?? 0))
  )
    throw badCursor();
  return { publishedAt: new Date(publishedAt).toISOString(), id: Number(id), without };
}

/** One set of story ids as a cursor holds it: ascending, once each. */
export function leftOut(...lists: readonly (readonly number[] | undefined)[]): number[] {
  return [...new Set(lists.flatMap((l) => l ?? []))].sort((a, b) => a - b);
}
