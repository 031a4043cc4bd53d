import assert from "node:assert/strict";
import { test } from "node:test";
import { eventMessage, HEARTBEAT, retryLine, sseMessage } from "./sse-frame.ts";

test("an SSE message is id, event, one data line per line, then a blank line", () => {
  assert.equal(
    sseMessage({ id: "ab12:7", event: "entry.posted", data: "one\ntwo\r\nthree\rfour" }),
    "id: ab12:7\nevent: entry.posted\ndata: one\ndata: two\ndata: three\ndata: four\n\n",
  );
  assert.equal(sseMessage({ data: "" }), "data: \n\n");
  assert.equal(retryLine(2500.4), "retry: 2500\n\n");
  assert.equal(HEARTBEAT, ": \n\n");
});

test("ids and event names refuse CR, LF and NUL", () => {
  for (const bad of ["a\nb", "a\rb", "a\0b"]) {
    assert.throws(() => sseMessage({ id: bad, data: "x" }), { code: "sse_field" });
    assert.throws(() => sseMessage({ event: bad, data: "x" }), { code: "sse_field" });
  }
});

test("a log event carries `<epoch>:<id>`, its type and itself as JSON on one data line", () => {
  const event = {
    id: 42,
    channel: "home" as const,
    type: "article.killed" as const,
    at: "2026-12-07T10:00:00.000Z",
    payload: { articleId: 9, url: "/news/2026/12/07/line\nbreak" },
  };
  const frame = eventMessage("e1", event);
  assert.equal(frame, `id: e1:42\nevent: article.killed\ndata: ${JSON.stringify(event)}\n\n`);
  assert.equal(frame.split("\n").length, 5, "a newline inside the payload is escaped by JSON");
});
