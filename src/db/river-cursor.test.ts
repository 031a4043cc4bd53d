import assert from "node:assert/strict";
import { test } from "node:test";
import { isAppError } from "../domain/errors.ts";
import { encodeCursor } from "./cursor.ts";
import { decodeRiverCursor, encodeRiverCursor, leftOut, MAX_LEFT_OUT } from "./river-cursor.ts";

const AT = "2026-12-07T17:00:00.000Z";

function rejects(value: string): void {
  assert.throws(
    () => decodeRiverCursor(value),
    (e: unknown) => isAppError(e) && e.code === "bad_cursor" && e.status === 400,
    value,
  );
}

test("a cursor with stories left out comes back as it went", () => {
  const cursor = { publishedAt: AT, id: 41, without: [3, 17, 250] };
  const value = encodeRiverCursor(cursor);
  assert.match(value, /^[A-Za-z0-9_-]+$/, "safe in a URL as it is");
  assert.deepEqual(decodeRiverCursor(value), cursor);
});

test("without stories to leave out it is the keyset cursor older links carry", () => {
  const plain = encodeCursor({ type: "key", publishedAt: AT, id: 41 });
  assert.equal(encodeRiverCursor({ publishedAt: AT, id: 41, without: [] }), plain);
  assert.deepEqual(decodeRiverCursor(plain), { publishedAt: AT, id: 41, without: [] });
});

test("a full set of top stories fits, with room to spare", () => {
  const without = Array.from({ length: MAX_LEFT_OUT }, (_, i) => 9_000_000_000 + i);
  const value = encodeRiverCursor({ publishedAt: AT, id: 9_000_000_000, without });
  assert.deepEqual(decodeRiverCursor(value).without, without);
  assert.throws(
    () => encodeRiverCursor({ publishedAt: AT, id: 1, without: [...without, 1] }),
    (e: unknown) => isAppError(e) && e.code === "river_left_out_too_many",
  );
});

test("anything this server did not issue is a 400, never a query", () => {
  const raw = (s: string) => Buffer.from(s, "utf8").toString("base64url");
  rejects("");
  rejects("not base64!");
  rejects(encodeCursor({ type: "offset", offset: 30 }));
  rejects(raw(`r|${AT}|41`));
  rejects(raw(`r|${AT}|41|3.17|x`));
  rejects(raw(`r|yesterday|41|3`));
  rejects(raw(`r|${AT}|4.5|3`));
  rejects(raw(`r|${AT}|41|`));
  rejects(raw(`r|${AT}|41|17.3`));
  rejects(raw(`r|${AT}|41|3.3`));
  rejects(raw(`r|${AT}|41|0`));
  rejects(raw(`r|${AT}|41|-2`));
  rejects(raw(`r|${AT}|41|__proto__`));
  rejects(raw(`r|${AT}|41|${Array.from({ length: MAX_LEFT_OUT + 1 }, (_, i) => i + 1).join(".")}`));
});

test("leftOut: one ascending set from any lists", () => {
  assert.deepEqual(leftOut([9, 2], undefined, [2, 5]), [2, 5, 9]);
  assert.deepEqual(leftOut(), []);
});
