import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFECT_KINDS } from "./defects.ts";
import { EVENTS } from "./events.ts";
import { OUTLET_SLUGS } from "./outlets.ts";
import { createStoryStream, type DemoItem, MAX_WORDS, MIN_WORDS } from "./stories.ts";

const clock = () => new Date("2026-03-01T12:00:00.000Z");

function take(seed: number, n: number, baseUrl?: string): DemoItem[] {
  const stream = createStoryStream(seed, clock, baseUrl ? { baseUrl } : {});
  return Array.from({ length: n }, () => stream.next());
}

test("the same seed tells the same news; another seed tells it differently", () => {
  assert.deepEqual(take(7, 80), take(7, 80));
  const other = take(8, 80);
  assert.notDeepEqual(
    take(7, 80).map((i) => i.title),
    other.map((i) => i.title),
  );
});

test("ids are unique, urls and images point at the wire", () => {
  const items = take(3, 300, "http://127.0.0.1:4567/");
  assert.equal(new Set(items.map((i) => i.id)).size, items.length);
  for (const item of items) {
    assert.match(item.id, /^[a-z0-9-]+$/);
    assert.equal(item.path, `/${item.outlet}/${item.id}`);
    assert.equal(item.url, `http://127.0.0.1:4567${item.path}`);
    if (item.image !== null)
      assert.equal(item.image, `http://127.0.0.1:4567/images/${item.id}.png`);
    assert.equal(item.published, "2026-03-01T12:00:00.000Z");
  }
  assert.ok(items.some((i) => i.image === null));
  assert.ok(items.some((i) => i.image !== null));
});

test("every event is covered by at least two of its outlets over a run", () => {
  const items = take(11, 48);
  for (const event of EVENTS) {
    const coverage = items.filter((i) => i.eventKey === event.key);
    const outlets = new Set(coverage.map((i) => i.outlet));
    assert.ok(outlets.size >= 2, `${event.key} covered by ${[...outlets].join(", ")}`);
    for (const outlet of outlets) assert.ok(event.outlets.includes(outlet));
    // Different wording, same headline facts: no two outlets share a title in the first round.
    const titles = new Set(coverage.map((i) => `${i.outlet} ${i.title}`));
    assert.equal(titles.size, coverage.length);
  }
  assert.ok(
    items.some((i) => i.eventKey === null),
    "one-off items are mixed in",
  );
});

test("events come with between 2 and 4 outlets, all of them real", () => {
  assert.ok(EVENTS.length >= 12);
  for (const event of EVENTS) {
    assert.ok(event.outlets.length >= 2 && event.outlets.length <= 4, event.key);
    for (const outlet of event.outlets) assert.ok(OUTLET_SLUGS.includes(outlet));
  }
});

test("copy is 150 to 600 words, html paragraphs, no template left unfilled", () => {
  for (const item of take(5, 400)) {
    assert.ok(
      item.wordCount >= MIN_WORDS && item.wordCount <= MAX_WORDS,
      `${item.id}: ${item.wordCount} words`,
    );
    assert.match(item.html, /^<p>/);
    assert.doesNotMatch(item.html, /<(?!\/?(p|h2)>)/);
    for (const text of [item.title, item.summary, item.html]) assert.doesNotMatch(text, /[{}]/);
    assert.ok(item.author.length > 0 && item.categories.length > 0);
  }
});

test("about one item in five carries a defect, of every kind, visible in the text", () => {
  const items = take(2, 500);
  const flawed = items.filter((i) => i.defects.length > 0);
  const rate = flawed.length / items.length;
  assert.ok(rate > 0.12 && rate < 0.3, `rate ${rate}`);
  for (const kind of DEFECT_KINDS) {
    assert.ok(
      flawed.some((i) => i.defects.includes(kind)),
      `no item with ${kind}`,
    );
  }
  for (const item of items) {
    const text = item.html;
    const has = (kind: (typeof DEFECT_KINDS)[number]) => item.defects.includes(kind);
    assert.equal(/\[[^\]]+\]/.test(text), has("untranslated"), `${item.id} untranslated`);
    assert.equal(/Read more…|Click here to subscribe/.test(text), has("boilerplate"), item.id);
    if (has("stray-quote")) assert.match(text, / ”\./);
    if (has("stray-stop")) assert.match(text, /\b[a-z]+\. [a-z]/);
  }
  assert.ok(items.some((i) => i.defects.length === 0 && !/\[|Read more/.test(i.html)));
});

test("coverage of one event names the same people and places across outlets", () => {
  const strike = take(4, 120).filter((i) => i.eventKey === "marrowgate-port-strike");
  assert.ok(new Set(strike.map((i) => i.outlet)).size >= 2);
  for (const item of strike) assert.match(`${item.title} ${item.html}`, /Marrowgate/);
  const election = take(4, 120).filter((i) => i.eventKey === "veloria-election");
  for (const item of election) assert.match(`${item.title} ${item.summary}`, /Quell|Veloria/);
});
