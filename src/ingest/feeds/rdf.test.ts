import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFeed } from "./parse-feed.ts";
import {
  fixture,
  item,
  NOW,
  parse,
  parseTestdata,
  TESTDATA,
  testdata,
} from "./testdata/fixtures.ts";

describe("RSS 1.0 (RDF)", () => {
  const feed = parse(fixture("rdf10.xml"), "https://slashnews.example.org/index.rdf");

  it("reads the channel and dc:language", () => {
    assert.equal(feed.format, "rdf");
    assert.equal(feed.title, "Slash News");
    assert.equal(feed.link, "https://slashnews.example.org/");
    assert.equal(feed.language, "de");
    assert.equal(feed.items.length, 2);
  });

  it("reads rdf:about, dc:date, dc:creator, dc:subject and content:encoded", () => {
    const second = item(feed, 1);
    assert.equal(second.id, "https://slashnews.example.org/story/24/03/04/0900/rust-kernel");
    assert.equal(second.published, "2024-03-04T14:00:00.000Z");
    assert.equal(second.author, "BeauHD");
    assert.deepEqual(second.categories, ["linux", "programming"]);
    assert.match(
      second.contentHtml ?? "",
      /href="https:\/\/slashnews\.example\.org\/article\.pl\?sid=24\/03\/04\/rust"/,
    );
    assert.equal(
      item(feed, 0).summary,
      "A team in Delft routed entangled photons between three nodes.",
    );
  });
});

describe("RSS 1.0 as a news site in Japan writes it", () => {
  const feed = parseTestdata("rdf-feed.rdf");

  it("reads the channel in the default RSS 1.0 namespace, with dc:language", () => {
    assert.equal(feed.format, "rdf");
    assert.equal(feed.title, "川辺新聞");
    assert.equal(feed.link, "https://kawabe-shimbun.example/");
    assert.equal(feed.language, "ja");
    assert.equal(feed.self, null);
    assert.equal(feed.items.length, 2);
  });

  it("reads items by rdf:about, dates with a +09:00 offset as UTC", () => {
    const first = item(feed, 0);
    assert.equal(first.id, "https://kawabe-shimbun.example/news/2024/03/05/sakura.html");
    assert.equal(first.url, first.id);
    assert.equal(first.title, "桜の開花、平年より6日早く");
    assert.equal(first.published, "2024-03-05T08:30:00.000Z");
    assert.equal(first.author, "山田 花子");
    assert.deepEqual(first.categories, ["天気"]);
  });

  it("resolves the body's image against the item and takes it as the picture", () => {
    const first = item(feed, 0);
    assert.match(
      first.contentHtml ?? "",
      /src="https:\/\/kawabe-shimbun\.example\/images\/2024\/sakura\.jpg"/,
    );
    assert.equal(first.image, "https://kawabe-shimbun.example/images/2024/sakura.jpg");
  });

  it("reads an escaped HTML description as the summary, not as content", () => {
    const second = item(feed, 1);
    assert.equal(second.summary, "市は4日、駅前広場の改修工事を4月から始めると発表した。");
    assert.equal(second.contentHtml, null);
    assert.deepEqual(second.categories, ["まちづくり", "交通"]);
    const raw = readFeed(testdata("rdf-feed.rdf"), {
      url: TESTDATA["rdf-feed.rdf"] ?? null,
      now: NOW,
    }).items[1];
    assert.equal(
      raw?.summaryHtml,
      "<p>市は4日、駅前広場の改修工事を<b>4月</b>から始めると発表した。</p>",
    );
    assert.equal(raw?.base, "https://kawabe-shimbun.example/news/2024/03/04/eki.html");
  });
});
