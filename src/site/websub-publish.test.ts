import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createWebReader, type WebReader } from "../ingest/web-reader.ts";
import { changedFeedUrls, createWebSubPublisher, pingHub } from "./websub-publish.ts";

const SITE = "https://news.example";
const NOW = new Date("2026-11-28T12:00:00Z");
const PUBLISHED = { status: "published" as const, publishedAt: "2026-11-28T11:00:00.000Z" };

function feeds(path: string): string[] {
  return ["xml", "atom", "json"].map((ext) => `${SITE}${path}/feed.${ext}`);
}

describe("changedFeedUrls", () => {
  test("home, each section once and the topics given, in all three formats", () => {
    const urls = changedFeedUrls(
      SITE,
      [
        { ...PUBLISHED, sectionSlug: "world" },
        { ...PUBLISHED, sectionSlug: "world" },
        { ...PUBLISHED, sectionSlug: "sport" },
      ],
      { topics: ["minsk", "minsk"], now: NOW },
    );
    assert.deepEqual(urls, [
      ...feeds(""),
      ...feeds("/section/world"),
      ...feeds("/section/sport"),
      ...feeds("/topic/minsk"),
    ]);
  });

  test("drafts and embargoed articles change no feed", () => {
    const hidden = changedFeedUrls(
      SITE,
      [
        { sectionSlug: "world", status: "draft", publishedAt: "2026-11-28T11:00:00.000Z" },
        { sectionSlug: "world", status: "scheduled", publishedAt: "2026-11-29T00:00:00.000Z" },
      ],
      { now: NOW },
    );
    assert.deepEqual(hidden, []);
  });
});

describe("pinging a hub on 127.0.0.1", () => {
  let hub: Server;
  let hubUrl: string;
  let reader: WebReader;
  const received: { contentType: string | undefined; body: URLSearchParams }[] = [];

  before(async () => {
    hub = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        body += chunk;
      });
      req.on("end", () => {
        const form = new URLSearchParams(body);
        received.push({ contentType: req.headers["content-type"], body: form });
        // A hub that is having a bad day with one topic.
        res.statusCode = form.get("hub.url")?.endsWith("/section/broken/feed.json") ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => hub.listen(0, "127.0.0.1", resolve));
    const { port } = hub.address() as AddressInfo;
    hubUrl = `http://127.0.0.1:${port}/hub`;
    reader = createWebReader({
      FETCH_ALLOW_HOSTS: `127.0.0.1:${port}`,
      FETCH_TIMEOUT_SECONDS: 5,
      FETCH_MAX_BYTES: 1024 * 1024,
      SITE_URL: SITE,
    });
  });
  after(async () => {
    await reader.close();
    await new Promise((resolve) => hub.close(resolve));
  });

  test("publishing articles posts hub.mode=publish for every changed feed", async () => {
    received.length = 0;
    const publisher = createWebSubPublisher({ hub: hubUrl, siteUrl: SITE, post: reader.post });
    const results = await publisher.onArticlesChanged(
      [
        { ...PUBLISHED, sectionSlug: "world" },
        { sectionSlug: "secret", status: "draft", publishedAt: null },
      ],
      { now: NOW },
    );
    const expected = [...feeds(""), ...feeds("/section/world")];
    assert.deepEqual(
      results.map((r) => [r.topic, r.status, r.error]),
      expected.map((topic) => [topic, 204, null]),
    );
    assert.equal(received.length, expected.length);
    for (const r of received) {
      assert.equal(r.contentType, "application/x-www-form-urlencoded");
      assert.equal(r.body.get("hub.mode"), "publish");
    }
    assert.deepEqual(received.map((r) => r.body.get("hub.url")).sort(), [...expected].sort());
  });

  test("a refused ping is reported, not thrown, and the others still go", async () => {
    received.length = 0;
    const topics = feeds("/section/broken");
    const results = await pingHub(hubUrl, topics, reader.post);
    assert.deepEqual(
      results.map((r) => [r.status, r.error?.code ?? null]),
      [
        [204, null],
        [204, null],
        [null, "http_error"],
      ],
    );
    assert.equal(received.length, 3);
  });

  test("the safe fetcher's guard applies: loopback is refused without an allow entry", async () => {
    const guarded = createWebReader({
      FETCH_ALLOW_HOSTS: "",
      FETCH_TIMEOUT_SECONDS: 5,
      FETCH_MAX_BYTES: 1024 * 1024,
      SITE_URL: SITE,
    });
    try {
      received.length = 0;
      const [result] = await pingHub(hubUrl, [`${SITE}/feed.xml`], guarded.post);
      assert.equal(result?.error?.code, "blocked_address");
      assert.equal(received.length, 0);
    } finally {
      await guarded.close();
    }
  });

  test("without a hub nothing is sent", async () => {
    received.length = 0;
    const publisher = createWebSubPublisher({ hub: "", siteUrl: SITE, post: reader.post });
    assert.deepEqual(
      await publisher.onArticlesChanged([{ ...PUBLISHED, sectionSlug: "world" }]),
      [],
    );
    assert.equal(received.length, 0);
  });
});
