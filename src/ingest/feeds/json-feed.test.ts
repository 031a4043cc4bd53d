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

describe("JSON Feed", () => {
  it("reads JSON Feed 1.1", () => {
    const feed = parse(fixture("jsonfeed11.json"), "https://harbour.example.net/feed.json");
    assert.equal(feed.format, "json");
    assert.equal(feed.title, "Harbour Dispatch");
    assert.equal(feed.link, "https://harbour.example.net/");
    assert.equal(feed.language, "en");
    assert.equal(feed.hub, "https://websub.example.net/");
    assert.equal(feed.self, "https://harbour.example.net/feed.json");

    const first = item(feed, 0);
    assert.equal(first.id, "2024-03-05-ferry");
    assert.equal(first.title, "Ferry strike called off");
    assert.equal(first.published, "2024-03-04T21:30:00.000Z");
    assert.equal(first.updated, "2024-03-04T22:00:00.000Z");
    assert.equal(first.author, "Kim Ng, Sam Patel");
    assert.equal(first.summary, "Services resume on Wednesday.");
    assert.deepEqual(first.categories, ["Transport", "Industrial relations"]);
    assert.equal(first.image, "https://harbour.example.net/img/ferry-lead.jpg");
    assert.match(
      first.contentHtml ?? "",
      /href="https:\/\/harbour\.example\.net\/2024\/03\/04\/ferry-talks"/,
    );
    assert.deepEqual(first.enclosures, [
      { url: "https://harbour.example.net/audio/ferry.m4a", type: "audio/x-m4a", length: 912345 },
    ]);

    const second = item(feed, 1);
    assert.equal(second.url, "https://harbour.example.net/2024/03/05/king-tides");
    assert.equal(second.author, "Harbour Newsroom", "inherits the feed's authors");
    assert.equal(second.image, "https://harbour.example.net/img/tides-banner.jpg");
    assert.equal(
      second.contentHtml,
      "<p>Councils warn of flooding in low-lying streets.</p>\n<p>Sandbags are available at &lt;three&gt; depots.</p>",
    );
  });

  it("reads JSON Feed 1.0 with its singular author", () => {
    const feed = parse(fixture("jsonfeed10.json"));
    assert.equal(feed.format, "json");
    assert.equal(feed.self, "https://valley.example.org/feed.json");
    assert.equal(feed.items[0]?.author, "R. Okafor");
    assert.equal(feed.items[0]?.published, "2024-03-01T17:00:00.000Z");
  });
});

describe("JSON Feed 1.1 as a microblog writes it", () => {
  const feed = parseTestdata("json-feed-11.json");

  it("reads the feed: en-GB as en, the WebSub hub among others", () => {
    assert.equal(feed.title, "Fieldnotes");
    assert.equal(feed.link, "https://fieldnotes.example/");
    assert.equal(feed.self, "https://fieldnotes.example/feed.json");
    assert.equal(feed.language, "en");
    assert.equal(feed.hub, "https://hub.example/");
  });

  it("resolves the body's links against the item URL and takes its image", () => {
    const first = item(feed, 0);
    assert.equal(first.id, "https://fieldnotes.example/2024/03/05/broad-beans.html");
    assert.equal(first.author, "Dee Okoro");
    assert.deepEqual(first.categories, ["beans", "Sowing"]);
    assert.match(first.contentHtml ?? "", /href="https:\/\/fieldnotes\.example\/tags\/sowing\/"/);
    assert.equal(first.image, "https://fieldnotes.example/2024/03/05/uploads/2024/beans.jpg");
  });

  it("reads an untitled post: numeric id as text, content_text as paragraphs, an attachment", () => {
    const second = item(feed, 1);
    assert.equal(second.id, "41822");
    assert.equal(second.title, null);
    assert.equal(second.author, "Sam Okoro");
    assert.equal(
      second.contentHtml,
      "<p>Rain all day.</p>\n<p>The water butt is full &amp; the paths are not.</p>",
    );
    assert.deepEqual(second.enclosures, [
      {
        url: "https://fieldnotes.example/uploads/2024/rain.m4a",
        type: "audio/x-m4a",
        length: 240113,
      },
    ]);
    assert.equal(second.image, null, "an audio attachment is no picture");
  });

  it("keeps content_html as given in the raw item", () => {
    const raw = readFeed(testdata("json-feed-11.json"), {
      url: TESTDATA["json-feed-11.json"] ?? null,
      now: NOW,
    });
    assert.match(raw.items[0]?.contentHtml ?? "", /<img src="uploads\/2024\/beans\.jpg"/);
    assert.equal(raw.items[0]?.base, "https://fieldnotes.example/2024/03/05/broad-beans.html");
    assert.equal(raw.items[0]?.summaryHtml, null);
  });
});
