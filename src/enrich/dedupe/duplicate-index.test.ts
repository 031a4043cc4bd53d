import assert from "node:assert/strict";
import { test } from "node:test";
import { DuplicateIndex } from "./duplicate-index.ts";
import { fingerprint } from "./fingerprint.ts";

const WIRE = `Firefighters made progress against the Sespe Fire in Southern California on Wednesday as
winds eased, raising containment to 18% after the blaze scorched about 13,400 acres in Ventura County.
Evacuation orders remain in place for around 8,000 residents near Fillmore and Piru. Cal Fire said more
than 1,200 personnel were assigned to the fire, whose cause is under investigation. Crews cut containment
lines overnight along the ridges above the Santa Clara River valley, and aircraft resumed water drops at
first light. Officials said two firefighters suffered minor injuries and that 14 homes had been destroyed.`;

function build(): DuplicateIndex {
  const index = new DuplicateIndex();
  index.add(0, fingerprint(WIRE, "https://wire.example/sespe-fire"));
  index.add(
    1,
    fingerprint(
      "A different story entirely about a football match in Madrid, where the home side won two goals to one after a late header.",
    ),
  );
  return index;
}

test("the same URL, or the same text from another outlet, is a copy of the first", () => {
  const index = build();
  assert.deepEqual(
    index.find(
      fingerprint(
        "Other text entirely, long enough to count as an article body here.",
        "https://wire.example/sespe-fire",
      ),
    ),
    { slot: 0, kind: "url" },
  );
  const reformatted = WIRE.toUpperCase().replaceAll(",", " ,").replaceAll("\n", " ");
  assert.deepEqual(index.find(fingerprint(reformatted)), { slot: 0, kind: "content" });
});

test("a lightly edited copy is found by SimHash or resemblance; a rewrite is not", () => {
  const index = build();
  const edited = `FILLMORE, Calif. (AP) — ${WIRE.replace("two firefighters", "three firefighters")}`;
  const found = index.find(fingerprint(edited));
  assert.equal(found?.slot, 0);
  assert.ok(found?.kind === "simhash" || found?.kind === "resemblance");
  const rewrite =
    "The Sespe Fire in Ventura County was 18% contained on Wednesday as the winds dropped, fire officials said, with some 8,000 people near Fillmore and Piru still under evacuation orders and 14 homes lost.";
  assert.equal(index.find(fingerprint(rewrite)), null);
});

test("the caller decides which earlier articles count, and compaction forgets", () => {
  const index = build();
  assert.equal(
    index.find(fingerprint(WIRE), (slot) => slot !== 0),
    null,
  );
  index.compact((slot) => slot !== 0);
  assert.equal(index.find(fingerprint(WIRE, "https://wire.example/sespe-fire")), null);
  assert.equal(index.size, 1);
});
