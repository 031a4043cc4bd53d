import { AppError } from "../domain/errors.ts";

/**
 * Opaque page cursors. Date-ordered lists use keyset cursors (stable while new articles
 * arrive); relevance-ordered search uses an offset, because rank is not a stable key.
 */
export type Cursor =
  | { type: "key"; publishedAt: string; id: number }
  | { type: "offset"; offset: number };

export function encodeCursor(cursor: Cursor): string {
  const raw = cursor.type === "key" ? `k|${cursor.publishedAt}|${cursor.id}` : `o|${cursor.offset}`;
  return Buffer.from(raw, "utf8").toString("base64url");
}

export function badCursor(): AppError {
  return new AppError(
    "bad_cursor",
    "cursor is not one this server issued; start again without it",
    {
      status: 400,
    },
  );
}

export function decodeCursor(value: string): Cursor {
  const bad = badCursor;
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) throw bad();
  const parts = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (parts[0] === "k" && parts.length === 3) {
    const publishedAt = parts[1] ?? "";
    const id = Number(parts[2]);
    if (Number.isNaN(Date.parse(publishedAt)) || !Number.isSafeInteger(id)) throw bad();
    return { type: "key", publishedAt: new Date(publishedAt).toISOString(), id };
  }
  if (parts[0] === "o" && parts.length === 2) {
    const offset = Number(parts[1]);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > 10_000) throw bad();
    return { type: "offset", offset };
  }
  throw bad();
}
