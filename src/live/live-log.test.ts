import assert from "node:assert/strict";
import { test } from "node:test";
import { resumeFrom } from "./live-log.ts";

const head = { epoch: "e1", lastId: 100, prunedThrough: 20 };

test("a position in this epoch, within what is kept, goes on from its id", () => {
  assert.deepEqual(resumeFrom({ epoch: "e1", id: 100 }, head), { kind: "from", id: 100 });
  assert.deepEqual(resumeFrom({ epoch: "e1", id: 20 }, head), { kind: "from", id: 20 });
  assert.deepEqual(resumeFrom({ epoch: null, id: 0 }, { ...head, prunedThrough: 0 }), {
    kind: "from",
    id: 0,
  });
});

test("another epoch, ahead of the head, behind the pruned floor or a bare id resyncs", () => {
  for (const position of [
    { epoch: "e0", id: 50 },
    { epoch: "e1", id: 101 },
    { epoch: "e1", id: 19 },
    { epoch: null, id: 50 },
    { epoch: null, id: 0 },
  ]) {
    assert.deepEqual(resumeFrom(position, head), { kind: "resync" }, JSON.stringify(position));
  }
});
