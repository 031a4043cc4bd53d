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

describe("Atom 1.0", () => {
  const feed = parse(fixture("atom.xml"), "https://noticias.example.com.br/feeds/atom.xml");

  it("reads the feed: html title as text, alternate link, xml:lang, hub and self", () => {
    assert.equal(feed.format, "atom");
    assert.equal(feed.title, "Notícias do Dia");
    assert.equal(feed.link, "https://noticias.example.com.br/");
    assert.equal(feed.language, "pt");
    assert.equal(feed.hub, "https://websub.example.net/hub");
    assert.equal(feed.self, "https://noticias.example.com.br/feeds/atom.xml");
  });

  it("resolves links against the xml:base chain (feed, then entry)", () => {
    const first = item(feed, 0);
    assert.equal(first.url, "https://noticias.example.com.br/politica/2024/reforma-aprovada.html");
    const html = first.contentHtml ?? "";
    assert.match(html, /<strong>320 votos<\/strong>/);
    assert.match(
      html,
      /href="https:\/\/noticias\.example\.com\.br\/politica\/2024\/integra\.html"/,
    );
    assert.match(html, /src="https:\/\/noticias\.example\.com\.br\/media\/plenario\.jpg"/);
    assert.doesNotMatch(html, /<div/);
  });

  it("reads ids, dates, every author, category labels, enclosures and the image", () => {
    const first = item(feed, 0);
    assert.equal(first.id, "tag:noticias.example.com.br,2024:politica-reforma");
    assert.equal(first.published, "2024-03-05T17:30:00.000Z");
    assert.equal(first.updated, "2024-03-05T17:45:10.500Z");
    assert.equal(first.author, "Ana Souza, Bruno Lima");
    assert.deepEqual(first.categories, ["Política", "congresso"]);
    assert.equal(first.summary, "A votação terminou com 320 votos a favor.");
    assert.deepEqual(first.enclosures, [
      {
        url: "https://noticias.example.com.br/media/congresso.jpg",
        type: "image/jpeg",
        length: 204800,
      },
    ]);
    assert.equal(first.image, "https://noticias.example.com.br/media/congresso.jpg");
  });

  it("inherits the feed's author and reads escaped html content", () => {
    const second = item(feed, 1);
    assert.equal(second.author, "Redação");
    assert.equal(second.published, null);
    assert.equal(second.updated, "2024-03-05T12:00:00.000Z");
    assert.equal(second.summary, "A Defesa Civil emitiu alerta.");
    assert.match(
      second.contentHtml ?? "",
      /href="https:\/\/noticias\.example\.com\.br\/cidades\/"/,
    );
  });

  it("escapes text content into paragraphs", () => {
    const feed = parse(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id>
      <entry><id>1</id><title>a</title><content type="text">one &amp; two

three</content></entry></feed>`);
    assert.equal(feed.items[0]?.contentHtml, "<p>one &amp; two</p>\n<p>three</p>");
  });

  it("leaves out content of a media type that is not text or HTML", () => {
    const feed = parse(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id>
      <entry><id>1</id><title>a</title><content type="image/png">iVBORw0KGgo=</content></entry></feed>`);
    assert.equal(feed.items[0]?.contentHtml, null);
  });
});

describe("Atom as a video site writes it", () => {
  const feed = parseTestdata("video-atom.xml");

  it("reads the channel: title, alternate and self links, no language", () => {
    assert.equal(feed.format, "atom");
    assert.equal(feed.title, "Harbour City Council");
    assert.equal(feed.link, "https://video.example/channel/UCq3xExampleChannel01");
    assert.equal(
      feed.self,
      "https://video.example/feeds/videos.xml?channel_id=UCq3xExampleChannel01",
    );
    assert.equal(feed.language, null);
  });

  it("reads each video: yt id, watch link, dates with offsets, the channel as author", () => {
    const first = item(feed, 0);
    assert.equal(first.id, "yt:video:Zk3p9QmW0aA");
    assert.equal(first.url, "https://video.example/watch?v=Zk3p9QmW0aA");
    assert.equal(first.title, "Full council meeting – 4 March 2024");
    assert.equal(first.published, "2024-03-04T19:02:11.000Z");
    assert.equal(first.updated, "2024-03-05T07:40:53.000Z");
    assert.equal(first.author, "Harbour City Council");
    assert.equal(first.contentHtml, null);
  });

  it("takes the thumbnail inside media:group, not the player in media:content", () => {
    assert.equal(item(feed, 0).image, "https://img.video.example/vi/Zk3p9QmW0aA/hqdefault.jpg");
    assert.equal(item(feed, 1).image, "https://img.video.example/vi/b7Xc1LpQ2rE/hqdefault.jpg");
    assert.deepEqual(item(feed, 0).enclosures, []);
  });
});

describe("Atom as a blog host writes it", () => {
  const feed = parseTestdata("blogger-atom.xml");

  it("reads the blog: text/html alternate, the hub and the self link", () => {
    assert.equal(feed.title, "Notes from the Marsh");
    assert.equal(feed.link, "https://marshnotes.blogger.example/");
    assert.equal(feed.hub, "http://pubsubhubbub.appspot.example/");
    assert.equal(feed.self, "https://www.blogger.example/feeds/4417029380455331817/posts/default");
  });

  it("picks the text/html alternate among replies, edit and self links", () => {
    const first = item(feed, 0);
    assert.equal(first.url, "https://marshnotes.blogger.example/2024/03/first-avocets.html");
    assert.equal(first.published, "2024-03-03T17:15:00.002Z");
    assert.equal(first.updated, "2024-03-05T16:31:17.465Z");
    assert.deepEqual(first.categories, ["birds", "spring"]);
  });

  it("reads escaped html content, styles and divs gone, relative links resolved", () => {
    const html = item(feed, 0).contentHtml ?? "";
    assert.match(html, /<b>two weeks early<\/b>/);
    assert.match(html, /href="https:\/\/marshnotes\.blogger\.example\/p\/walks\.html"/);
    assert.doesNotMatch(html, /style=|<div|data-original/);
    assert.equal(item(feed, 0).image, "https://blogger.example/img/s72-c/avocets.jpg");
  });

  it("inherits the feed's author and finds a picture in an html summary", () => {
    const second = item(feed, 1);
    assert.equal(second.author, "Ruth Ellery");
    assert.equal(second.summary, "Nothing much moved.");
    assert.equal(second.contentHtml, null);
    assert.equal(second.image, "https://blogger.example/img/s320/fog.jpg");
    const raw = readFeed(testdata("blogger-atom.xml"), {
      url: TESTDATA["blogger-atom.xml"] ?? null,
      now: NOW,
    }).items[1];
    assert.equal(raw?.image, null, "read from the summary only after sanitizing");
    assert.match(
      raw?.summaryHtml ?? "",
      /<img src="https:\/\/blogger\.example\/img\/s320\/fog\.jpg">/,
    );
  });
});
