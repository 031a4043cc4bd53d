import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import pino from "pino";
import {
  createMemoryArticleStore,
  createMemorySourceStore,
} from "../../test/support/memory-stores.ts";
import { LOG } from "../domain/log-events.ts";
import type { IngestReport } from "./ingest-source.ts";
import { createIngestion } from "./ingestion.ts";

// A loopback feed site: an RSS feed with an ETag, teasers whose pages carry the full text.
let server: Server;
let base = "";
const hits = new Map<string, number>();
let feedVersion = "v1";

const PAGE = `<!DOCTYPE html><html lang="en"><head><title>Dam</title></head><body><article><h1>The dam opens</h1>
${Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} of the full story about the dam, which engineers finished after a decade of delays.</p>`).join("\n")}
</article></body></html>`;

function rss(): string {
  const items = [1, 2, 3]
    .map(
      (n) => `<item><guid>story-${n}</guid><title>Story ${n}</title><link>${base}/story/${n}</link>
<description>Teaser ${n}…</description><pubDate>Sat, 28 Nov 2026 08:0${n}:00 GMT</pubDate></item>`,
    )
    .join("\n");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture Times</title><link>${base}/</link>${items}</channel></rss>`;
}

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === "/feed.xml") {
      const etag = `"${feedVersion}"`;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(rss());
    } else if (path.startsWith("/story/")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    } else {
      res.writeHead(404).end("not here");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function setup() {
  const articles = createMemoryArticleStore();
  const sources = createMemorySourceStore();
  const logs: { level: number; event?: string; msg: string }[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const changes: IngestReport[] = [];
  const reports: IngestReport[] = [];
  const ingestion = createIngestion({
    config: {
      FETCH_ALLOW_HOSTS: new URL(base).host,
      FETCH_TIMEOUT_SECONDS: 10,
      FETCH_MAX_BYTES: 1024 * 1024,
      SITE_URL: "http://127.0.0.1:9",
      siteLanguage: "en",
      INGEST_CONCURRENCY: 2,
      SOURCE_DISABLE_AFTER: 1,
    },
    articles,
    sources,
    logger,
    onChange: (r) => changes.push(r),
    onReport: (r) => reports.push(r),
  });
  return { articles, sources, logs, changes, reports, ingestion };
}

test("a fetch goes from the loopback feed to the stores; the next one is a 304", async () => {
  const s = setup();
  try {
    const source = s.sources.add({ url: `${base}/feed.xml`, mode: "link" });
    const first = await s.ingestion.ingest(source);
    assert.equal(first.status, "ok", JSON.stringify(first.error));
    assert.equal(first.created, 3);
    assert.equal(s.articles.byGuid.size, 3);
    assert.deepEqual(s.changes, [first]);
    assert.deepEqual(s.reports, [first]);
    assert.ok(s.logs.some((l) => l.event === LOG.ingestDone));

    const second = await s.ingestion.ingest(s.sources.get(source.id));
    assert.equal(second.status, "not_modified");
    assert.equal(s.changes.length, 1, "nothing changed, nothing to drop from caches");
  } finally {
    await s.ingestion.close();
  }
});

test("full text is fetched once: a changed feed still carrying the items costs no page", async () => {
  const s = setup();
  try {
    const source = s.sources.add({ url: `${base}/feed.xml`, mode: "full" });
    hits.clear();
    const first = await s.ingestion.ingest(source);
    assert.equal(first.created, 3);
    assert.equal(hits.get("/story/1"), 1);
    const stored = [...s.articles.byGuid.values()].map((a) => a.input.body);
    assert.ok(stored.every((body) => body.includes("Paragraph 8 of the full story")));

    feedVersion = "v2";
    const second = await s.ingestion.ingest(s.sources.get(source.id));
    assert.equal(second.status, "ok");
    assert.deepEqual([second.created, second.updated], [0, 0]);
    assert.equal(hits.get("/story/1"), 1, "no page fetched for a known item");
    assert.equal(hits.get("/feed.xml"), 2);
  } finally {
    feedVersion = "v1";
    await s.ingestion.close();
  }
});

test("a storage failure is logged as an error and leaves the source's health alone", async () => {
  const s = setup();
  try {
    const source = s.sources.add({ url: `${base}/feed.xml`, mode: "link" });
    s.articles.failing.saveMany = new Error("SQLITE_FULL: database or disk is full");
    const report = await s.ingestion.ingest(source);
    assert.equal(report.status, "failed");
    assert.equal(report.error?.code, "storage_failed");
    const logged = s.logs.find((l) => l.event === LOG.ingestFailed);
    assert.equal(logged?.level, 50, "logged at error level");
    assert.match(logged?.msg ?? "", /disk is full/);
    const after = s.sources.get(source.id);
    assert.equal(after.enabled, true, "SOURCE_DISABLE_AFTER is 1, and yet");
    assert.equal(after.health.consecutiveFailures, 0);
    assert.equal(after.health.etag, null);
    assert.deepEqual(s.changes, []);
  } finally {
    await s.ingestion.close();
  }
});

test("the scheduler fetches what is due; a pushed body takes the same path", async () => {
  const s = setup();
  try {
    s.sources.add({ url: `${base}/feed.xml`, mode: "link" });
    s.sources.add({ url: `${base}/missing.xml`, mode: "link" });
    const reports = await s.ingestion.scheduler.runOnce(new Date());
    assert.deepEqual(reports.map((r) => r.status).sort(), ["failed", "ok"]);
    assert.equal(s.sources.get(2).enabled, false, "the 404 feed reached the failure limit");
    assert.deepEqual(await s.ingestion.scheduler.runOnce(new Date()), []);

    const pushedTo = s.sources.add({ url: `${base}/pushed.xml`, mode: "link" });
    const pushed = await s.ingestion.ingestPushed(
      pushedTo,
      rss().replaceAll("story-", "pushed-"),
      "application/rss+xml",
    );
    assert.equal(pushed.status, "ok");
    assert.equal(pushed.created, 3);
  } finally {
    await s.ingestion.close();
  }
});
