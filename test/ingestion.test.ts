import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, test } from "node:test";
import { createSourceRepository } from "../src/db/source-repository.ts";
import { type DemoWire, startDemoWire } from "../src/demo/demo-wire.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

// Everything here is on 127.0.0.1: the demo wire and a small fixture site for the hard cases.
const world = { slug: "world", name: "World" };

const LONG_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Dam opens</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>The dam opens after ten years</h1>
${Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} of the full story about the dam on the river, which engineers finished after a decade of delays, and what it means for the farms downstream.</p>`).join("\n")}
</article><footer>© Fixture Times</footer></body></html>`;

function rss(items: { id: string; title: string; link: string; description: string }[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture Times</title><link>http://fixture/</link>
${items.map((i) => `<item><guid>${i.id}</guid><title>${i.title}</title><link>${i.link}</link><description>${i.description}</description><pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate></item>`).join("\n")}
</channel></rss>`;
}

interface FixtureSite {
  base: string;
  server: Server;
  hits: Map<string, number>;
}

async function startFixtureSite(): Promise<FixtureSite> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (path === "/garbage.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" }).end("<rss><channel><item>");
    } else if (path === "/busy.xml") {
      res.writeHead(429, { "retry-after": "600" }).end("slow down");
    } else if (path === "/teaser.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(
        rss([
          {
            id: "dam-1",
            title: "The dam opens",
            link: `${base}/story/dam`,
            description: "The dam opens after ten years…",
          },
          {
            id: "gone-1",
            title: "A page that is gone",
            link: `${base}/story/gone`,
            description: "Teaser only…",
          },
        ]),
      );
    } else if (path === "/story/dam") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(LONG_PAGE);
    } else {
      res.writeHead(404).end("not here");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}

forEachDatabase("ingestion", ({ database }) => {
  let server: RunningServer;
  let wire: DemoWire;
  let site: FixtureSite;
  before(async () => {
    wire = await startDemoWire({ intervalMs: 3_600_000, initialItems: 12 });
    site = await startFixtureSite();
    const sitePort = new URL(site.base).port;
    server = await startServer(database(), {
      FETCH_ALLOW_HOSTS: `127.0.0.1:${wire.port},127.0.0.1:${sitePort}`,
      SOURCE_DISABLE_AFTER: "2",
    });
  });
  after(async () => {
    await server.stop();
    await wire.close();
    await new Promise((resolve) => site.server.close(resolve));
  });
  beforeEach(async () => {
    await database().db.deleteFrom("article_revisions").execute();
    await database().db.deleteFrom("articles").execute();
    await database().db.deleteFrom("sources").execute();
  });

  test("every demo feed format is fetched, parsed and stored; a second fetch is a 304", async () => {
    const repo = createSourceRepository(database());
    const { ingestion } = server.dispatch;
    for (const feed of wire.feeds) {
      await repo.add({ url: feed.url, mode: "link", section: world });
    }
    const first = await Promise.all((await repo.list()).map((s) => ingestion.ingest(s)));
    for (const r of first) {
      assert.equal(r.status, "ok", `${r.url}: ${JSON.stringify(r.error)}`);
      assert.ok(r.created > 0, `${r.url} created nothing`);
    }
    const stored = await server.dispatch.database.db
      .selectFrom("articles")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(
      Number(stored.n),
      first.reduce((n, r) => n + r.created, 0),
    );

    // The API lists them, newest first, as link items pointing back at the wire.
    const api = (await (await fetch(`${server.base}/api/v1/articles?kind=link`)).json()) as {
      items: { externalUrl: string; url: string }[];
    };
    assert.ok(api.items.length > 0);
    assert.ok(api.items.every((i) => i.externalUrl.startsWith(wire.url)));

    const again = await Promise.all((await repo.list()).map((s) => ingestion.ingest(s)));
    assert.deepEqual(
      again.map((r) => r.status),
      again.map(() => "not_modified"),
    );

    wire.publishNow(3);
    const third = await Promise.all((await repo.list()).map((s) => ingestion.ingest(s)));
    assert.equal(
      third.reduce((n, r) => n + r.created, 0),
      3,
      "exactly the three new items are new; nothing is stored twice",
    );
    for (const s of await repo.list()) {
      assert.equal(s.health.consecutiveFailures, 0);
      assert.ok(s.health.lastSuccessAt);
      assert.ok(s.format);
    }
  });

  test("a bad feed fails alone, keeps its reason, and is disabled after the limit", async () => {
    const repo = createSourceRepository(database());
    const good = await repo.add({ url: wire.feeds[0]?.url ?? "", mode: "link", section: world });
    const bad = await repo.add({ url: `${site.base}/garbage.xml`, mode: "link", section: world });
    const [okReport, badReport] = await Promise.all([
      server.dispatch.ingestion.ingest(good),
      server.dispatch.ingestion.ingest(bad),
    ]);
    assert.equal(okReport?.status, "ok");
    assert.equal(badReport?.status, "failed");
    assert.equal(badReport?.error?.code, "malformed_feed");
    assert.equal(badReport?.disabled, false);

    const second = await server.dispatch.ingestion.ingest((await repo.get(bad.id)) ?? bad);
    assert.equal(second.disabled, true);
    const after = await repo.get(bad.id);
    assert.equal(after?.enabled, false);
    assert.match(after?.health.disabledReason ?? "", /malformed_feed|2 consecutive/);
    assert.equal(after?.health.lastErrorCode, "malformed_feed");

    const listed = (await (await fetch(`${server.base}/api/v1/sources`)).json()) as {
      items: { id: number; enabled: boolean; health: { lastErrorCode: string | null } }[];
    };
    const row = listed.items.find((s) => s.id === bad.id);
    assert.equal(row?.enabled, false);
    assert.equal(row?.health.lastErrorCode, "malformed_feed");
  });

  test("429 with Retry-After pushes the next fetch out at least that far", async () => {
    const repo = createSourceRepository(database());
    const busy = await repo.add({ url: `${site.base}/busy.xml`, mode: "link", section: world });
    const now = new Date();
    const report = await server.dispatch.ingestion.ingest(busy, now);
    assert.equal(report.status, "failed");
    assert.equal(report.error?.code, "http_error");
    assert.ok(Date.parse(report.nextFetchAt) - now.getTime() >= 600_000);
  });

  test("full mode: a teaser item gets its page fetched and extracted; a missing page keeps the teaser", async () => {
    const repo = createSourceRepository(database());
    const src = await repo.add({ url: `${site.base}/teaser.xml`, mode: "full", section: world });
    const report = await server.dispatch.ingestion.ingest(src);
    assert.equal(report.status, "ok");
    assert.equal(report.created, 2);
    assert.equal(report.skipped.length, 1, "the 404 page is reported, not fatal");
    const rows = await database()
      .db.selectFrom("articles")
      .select(["guid", "kind", "body"])
      .orderBy("guid")
      .execute();
    const dam = rows.find((r) => r.guid?.includes("dam-1"));
    assert.equal(dam?.kind, "full");
    assert.match(dam?.body ?? "", /Paragraph 8 of the full story/);
    assert.doesNotMatch(dam?.body ?? "", /Fixture Times|Home/);
  });

  test("the scheduler fetches due sources once, under the lease", async () => {
    const repo = createSourceRepository(database());
    for (const feed of wire.feeds.slice(0, 3)) {
      await repo.add({ url: feed.url, mode: "link", section: world });
    }
    const now = new Date();
    const reports = await server.dispatch.ingestion.scheduler.runOnce(now);
    assert.equal(reports.length, 3);
    assert.deepEqual(await server.dispatch.ingestion.scheduler.runOnce(now), []);
  });
});
