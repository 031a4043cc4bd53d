import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, test } from "node:test";
import { createSourceRepository } from "../src/db/source-repository.ts";
import { parseFeed } from "../src/ingest/feeds/parse-feed.ts";
import { createWebReader } from "../src/ingest/web-reader.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

/**
 * Issue 15 on the fetch path: publisher-shaped feeds (src/ingest/feeds/testdata/) served
 * from loopback with the headers that matter, read by the real fetcher and ingestion, and
 * their warnings on the source's health apart from its failures.
 */

const world = { slug: "world", name: "World" };
const testdata = (name: string) =>
  readFileSync(new URL(`../src/ingest/feeds/testdata/${name}`, import.meta.url), "utf8");

interface Route {
  status?: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

async function startSite(routes: Map<string, Route>): Promise<{ base: string; server: Server }> {
  const server = createServer((req, res) => {
    const route = routes.get(req.url ?? "/");
    if (route === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(route.status ?? 200, route.headers).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const RSS = { "content-type": "application/rss+xml; charset=utf-8" };
// The valley courier's feed with site-relative links, cut off inside its third item.
const TRUNCATED = testdata("truncated-rss.xml").replaceAll("https://valley-courier.example", "");
// UTF-8 bytes (C1 controls among them) whose XML declaration says ISO-8859-1: the HTTP
// charset must win, or "don’t" would come out as "donÂ’t".
const MISLABELLED = Buffer.from(
  testdata("windows-1252-rss.xml").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
  "utf8",
);

const routes = new Map<string, Route>([
  ["/old-feed", { status: 301, headers: { location: "/news/feed.xml" }, body: "" }],
  ["/news/feed.xml", { headers: RSS, body: TRUNCATED }],
  ["/gazette.rss", { headers: RSS, body: MISLABELLED }],
]);
// Served without a charset: the XML declaration's UTF-8 stands.
const PARISH: Route = {
  headers: { "content-type": "text/xml" },
  body: testdata("xhtml-body-rss.xml"),
};

let site: { base: string; server: Server };
before(async () => {
  site = await startSite(routes);
});
after(() => new Promise<void>((resolve) => site.server.close(() => resolve())));

test("the fetch path: HTTP charset over the XML declaration, C1 controls mapped", async () => {
  const reader = createWebReader({
    FETCH_ALLOW_HOSTS: new URL(site.base).host,
    FETCH_TIMEOUT_SECONDS: 10,
    FETCH_MAX_BYTES: 1024 * 1024,
    SITE_URL: "http://127.0.0.1/",
  });
  try {
    const response = await reader.fetchFeed(`${site.base}/gazette.rss`, {
      etag: null,
      lastModified: null,
    });
    const feed = parseFeed(response.text, { url: response.url, contentType: response.contentType });
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.author]),
      [
        ["Mayor: “We don’t close libraries”", "Sam O’Neill"],
        ["Fair’s prize list", null],
      ],
    );
    assert.equal(feed.items[1]?.summary, "Prizes worth €500 – entries by Friday.");
  } finally {
    await reader.close();
  }
});

forEachDatabase("feeds in the wild, ingested", ({ database }) => {
  let server: RunningServer;
  before(async () => {
    server = await startServer(database(), { FETCH_ALLOW_HOSTS: new URL(site.base).host });
  });
  after(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    await database().db.deleteFrom("article_revisions").execute();
    await database().db.deleteFrom("articles").execute();
    await database().db.deleteFrom("sources").execute();
  });

  test("a feed cut off after two items: both stored, the truncation a warning, no failure", async () => {
    const repo = createSourceRepository(database());
    const source = await repo.add({ url: `${site.base}/old-feed`, mode: "full", section: world });
    const report = await server.dispatch.ingestion.ingest(source);
    assert.equal(report.status, "ok", JSON.stringify(report.error));
    assert.equal(report.created, 2);
    const stored = await database()
      .db.selectFrom("articles")
      .select(["external_url", "body"])
      .orderBy("external_url")
      .execute();
    // Relative links resolve against the URL the redirect ended at.
    assert.deepEqual(
      stored.map((a) => a.external_url),
      [`${site.base}/2024/03/ferry-timetable/`, `${site.base}/2024/03/school-roof/`],
    );
    assert.ok(stored.some((a) => String(a.body).includes(`href="${site.base}/ferry/"`)));

    const health = (await repo.get(source.id))?.health;
    assert.equal(health?.consecutiveFailures, 0);
    assert.equal(health?.lastError, null);
    assert.deepEqual(
      health?.warnings?.map((w) => w.code),
      ["truncated"],
    );
    assert.match(
      health?.warnings?.[0]?.message ?? "",
      /^the document breaks off at line 31, column 3/,
    );

    const listed = (await (await fetch(`${server.base}/api/v1/sources`)).json()) as {
      items: { id: number; health: { warnings: { code: string }[]; lastErrorCode: null } }[];
    };
    const row = listed.items.find((s) => s.id === source.id);
    assert.deepEqual(
      row?.health.warnings.map((w) => w.code),
      ["truncated"],
    );
    assert.equal(row?.health.lastErrorCode, null);
  });

  test("items skipped are counted by reason on the source; a clean fetch clears them", async () => {
    routes.set("/parish.xml", PARISH);
    const repo = createSourceRepository(database());
    const source = await repo.add({ url: `${site.base}/parish.xml`, mode: "full", section: world });
    const report = await server.dispatch.ingestion.ingest(source);
    assert.equal(report.status, "ok", JSON.stringify(report.error));
    assert.equal(report.items, 2, "the two XHTML-body items, read");
    assert.deepEqual(report.warnings, [
      {
        code: "items_skipped",
        reason: "empty_item",
        count: 1,
        message: "1 item skipped: no title, link, summary, body or media",
      },
    ]);
    assert.deepEqual((await repo.get(source.id))?.health.warnings, report.warnings);

    routes.set("/parish.xml", {
      headers: { "content-type": "text/xml" },
      body: testdata("xhtml-body-rss.xml").replace(
        /<item>\s*<comments>[^<]*<\/comments>\s*<\/item>/,
        "",
      ),
    });
    const again = await server.dispatch.ingestion.ingest((await repo.get(source.id)) ?? source);
    assert.equal(again.status, "ok");
    assert.deepEqual((await repo.get(source.id))?.health.warnings, []);
  });
});
