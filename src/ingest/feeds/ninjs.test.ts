import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFeed } from "./parse-feed.ts";
import {
  code,
  fixture,
  item,
  NOW,
  parse,
  parseTestdata,
  TESTDATA,
  testdata,
} from "./testdata/fixtures.ts";

describe("ninjs", () => {
  it("reads a list of ninjs 2.0 items, leaving out embargoed and canceled ones", () => {
    const feed = parse(fixture("ninjs-list.json"));
    assert.equal(feed.format, "ninjs");
    assert.equal(feed.language, "en");
    assert.deepEqual(
      feed.items.map((i) => i.id),
      [
        "urn:newsml:wire.example.com:20240305:ecb-rates:3",
        "urn:newsml:wire.example.com:20240305:quake:1",
      ],
    );
    const first = item(feed, 0);
    assert.equal(first.title, "ECB holds rates, signals June cut");
    assert.equal(first.url, "https://wire.example.com/stories/ecb-holds-rates");
    assert.equal(first.published, "2024-03-05T13:15:00.000Z");
    assert.equal(first.updated, "2024-03-05T13:42:07.000Z");
    assert.equal(first.author, "Anna Keller");
    assert.equal(
      first.summary,
      "The central bank kept its deposit rate at 4% for a fourth meeting.",
    );
    assert.deepEqual(first.categories, ["Economy", "Central banks"]);
    assert.equal(first.image, "https://media.wire.example.com/ecb-1600.jpg");
    assert.match(first.contentHtml ?? "", /href="https:\/\/wire\.example\.com\/markets\/rates"/);
    assert.deepEqual(item(feed, 1).categories, ["earthquake", "Japan"]);
    assert.equal(
      item(feed, 1).contentHtml,
      "<p>No tsunami warning was issued.</p>\n<p>The quake struck at a depth of 10 km.</p>",
    );
  });

  it("reads {items: [...]} and a single item", () => {
    const list = JSON.parse(fixture("ninjs-list.json")) as unknown[];
    assert.equal(parse(JSON.stringify({ items: list })).items.length, 2);
    const single = parse(JSON.stringify(list[1]));
    assert.equal(single.format, "ninjs");
    assert.equal(single.items[0]?.title, "Magnitude 6.1 quake strikes off coast");
  });

  it("skips an invalid item among valid ones; fails when every item is invalid", () => {
    const list = JSON.parse(fixture("ninjs-list.json")) as Record<string, unknown>[];
    const bad = { ...list[1], uri: "urn:bad", pubstatus: 5 };
    assert.equal(parse(JSON.stringify([bad, list[1]])).items.length, 1);
    assert.throws(
      () => parse(JSON.stringify([bad])),
      code("invalid_field", (e) => assert.match(e.message, /^item 1: ninjs: `pubstatus`/)),
    );
  });
});

describe("ninjs as a news agency's wire sends it", () => {
  const feed = parseTestdata("ninjs-wire.json");

  it("leaves out a withheld draft and a picture item; one language for the feed", () => {
    assert.equal(feed.format, "ninjs");
    assert.equal(feed.language, "de");
    assert.deepEqual(
      feed.items.map((i) => i.id),
      [
        "urn:newsml:agency.example:20240305:nat-rail-strike:4",
        "urn:newsml:agency.example:20240305:dax-open:1",
      ],
    );
  });

  it("reads headline, summary, byline, subjects and the canonical link", () => {
    const first = item(feed, 0);
    assert.equal(first.title, "Lokführer streiken ab Donnerstag");
    assert.equal(first.summary, "Die Gewerkschaft ruft zu einem 35-stündigen Ausstand auf.");
    assert.equal(first.author, "Lena Brandt");
    assert.equal(first.url, "https://agency.example/meldungen/bahnstreik");
    assert.equal(first.published, "2024-03-05T05:12:00.000Z");
    assert.equal(first.updated, "2024-03-05T06:31:40.000Z");
    assert.deepEqual(first.categories, ["Verkehr", "Arbeitskampf"]);
  });

  it("takes the widest rendition of the picture and makes body links absolute", () => {
    const first = item(feed, 0);
    assert.equal(first.image, "https://media.agency.example/rail/original.jpg");
    assert.match(first.contentHtml ?? "", /href="https:\/\/agency\.example\/grafik\/streikkarte"/);
  });

  it("reads keywords as categories without repeats, a plain-text body as paragraphs", () => {
    const second = item(feed, 1);
    assert.deepEqual(second.categories, ["Börse", "Dax"]);
    assert.equal(second.url, null);
    assert.equal(
      second.contentHtml,
      "<p>Der Leitindex lag zur Eröffnung bei 17.720 Punkten.</p>\n<p>Anleger warten auf die EZB.</p>",
    );
  });

  it("gives the importer's body raw, with the canonical link as its base", () => {
    const raw = readFeed(testdata("ninjs-wire.json"), {
      url: TESTDATA["ninjs-wire.json"] ?? null,
      now: NOW,
    });
    assert.match(raw.items[0]?.contentHtml ?? "", /href="\/grafik\/streikkarte"/);
    assert.equal(raw.items[0]?.base, "https://agency.example/meldungen/bahnstreik");
    assert.equal(raw.items[1]?.base, "https://agency.example/wire/latest");
  });
});
