// Two stories that turn out to be one, through the real server on both databases: a
// ferry sinks, and bodies wash up on an island before anyone ties them to it. The early
// reports open two stories; reports that bridge them merge the two. The older story keeps
// its address; the other's answers 301 to it, also after a restart, and open pages hear of it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { createSourceRepository } from "../src/db/source-repository.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import { storyPath } from "../src/site/story-list.tsx";
import { forEachDatabase } from "./support/databases.ts";
import {
  BRIDGING_REPORTS,
  bodyHtml,
  FERRY_SINKS,
  ISLAND_REPORTS,
  type MergingReport,
  SURVIVORS_SPEAK,
} from "./support/merging-stories.ts";
import { type RunningServer, startServer } from "./support/server.ts";
import { openSse } from "./support/sse-client.ts";

const HOUR = 3_600_000;
const OUTLETS = [
  "Harbour Wire",
  "Island Post",
  "Strait Times",
  "Coast Radio",
  "Bali Daily",
  "Sea News",
];

async function get(url: string): Promise<{ status: number; html: string; location: string }> {
  const res = await fetch(url, { redirect: "manual" });
  return {
    status: res.status,
    html: await res.text(),
    location: res.headers.get("location") ?? "",
  };
}

forEachDatabase("two stories that grow into one", ({ database, dialect }) => {
  // Within the enricher's 72-hour window, as live news would be.
  const start = Date.now() - 8 * HOUR;
  const ids = new Map<MergingReport, number>();
  let server: RunningServer;
  let sourceIds: number[] = [];

  async function file(reports: readonly MergingReport[]): Promise<void> {
    const inputs = reports.map(
      (r): ArticleInput => ({
        guid: `ferry-${r.outlet}-${r.hour}`,
        kind: "link",
        status: "published",
        headline: r.headline,
        standfirst: null,
        body: bodyHtml(r),
        byline: null,
        language: "en",
        section: { slug: "world", name: "World" },
        slug: null,
        canonicalUrl: null,
        externalUrl: `http://127.0.0.1:9/${r.outlet}/${r.hour}`,
        publishedAt: new Date(start + r.hour * HOUR).toISOString(),
        sourceId: sourceIds[r.outlet - 1] ?? null,
      }),
    );
    const saved = await createArticleRepository(database()).saveMany(inputs);
    for (const [i, r] of reports.entries()) ids.set(r, saved[i]?.article.id ?? 0);
  }

  async function storyOf(report: MergingReport): Promise<number> {
    const entry = await server.dispatch.stories.storyOf(ids.get(report) ?? 0);
    assert.ok(entry, `"${report.headline}" is in a story`);
    return entry.story.id;
  }

  before(async () => {
    server = await startServer(database());
    const sources = createSourceRepository(database());
    sourceIds = [];
    for (const [i, title] of OUTLETS.entries()) {
      const s = await sources.add({
        url: `http://127.0.0.1:9/outlet-${i + 1}.xml`,
        mode: "link",
        title,
        section: { slug: "world", name: "World" },
      });
      sourceIds.push(s.id);
    }
  });
  after(async () => {
    await server.stop();
  });

  let ferry = 0;
  let island = 0;
  let ferryPath = "";
  let islandPath = "";

  test("the first reports share little and open two stories", async () => {
    await file([FERRY_SINKS, ...ISLAND_REPORTS]);
    assert.equal(await server.dispatch.enricher.drain(), 3);
    ferry = await storyOf(FERRY_SINKS);
    island = await storyOf(ISLAND_REPORTS[0] as MergingReport);
    assert.notEqual(ferry, island);
    assert.equal(await storyOf(ISLAND_REPORTS[1] as MergingReport), island);
    ferryPath = storyPath((await server.dispatch.stories.get(ferry))?.story ?? { id: 0, slug: "" });
    islandPath = storyPath(
      (await server.dispatch.stories.get(island))?.story ?? { id: 0, slug: "" },
    );
    assert.equal(
      islandPath,
      `/story/${island}-bodies-and-life-jackets-wash-up-on-nusa-penida-beaches`,
    );
    assert.equal(
      (await get(`${server.base}${islandPath}`)).status,
      200,
      "the island's story has its page",
    );
    assert.equal(ferryPath, `/story/${ferry}-ferry-with-180-aboard-sinks-in-lombok-strait`);
  });

  test("reports that bridge them merge the two: the older keeps its address, the other's moves", async () => {
    // PostgreSQL: another web node, with its own page cache and live bus, serves the same
    // database (on SQLite a second process is test/roles.test.ts's business).
    const node = dialect === "postgres" ? await startServer(database()) : null;
    const stream = node ? await openSse(`${node.base}/live?channels=story:${island}`) : null;
    try {
      if (node) assert.equal((await get(`${node.base}${islandPath}`)).status, 200, "cached there");
      await mergeAndCheck();
      if (node && stream) {
        const heard = await stream.next((m) => m.event === "story.merged", 5_000, "story.merged");
        assert.deepEqual((JSON.parse(heard.data ?? "{}") as { payload?: unknown }).payload, {
          storyId: island,
          into: ferry,
          url: ferryPath,
        });
        // Its cached copy of the merged story's page lives at most its short lifetime.
        const deadline = Date.now() + 5_000;
        let status = 0;
        while (Date.now() < deadline) {
          status = (await get(`${node.base}${islandPath}`)).status;
          if (status === 301) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(status, 301, "the other node answers 301 too");
      }
    } finally {
      stream?.close();
      await node?.stop();
    }
  });

  async function mergeAndCheck(): Promise<void> {
    await file(BRIDGING_REPORTS);
    assert.equal(await server.dispatch.enricher.drain(), 2);
    for (const r of [FERRY_SINKS, ...ISLAND_REPORTS, ...BRIDGING_REPORTS])
      assert.equal(await storyOf(r), ferry, `"${r.headline}" is in the ferry's story`);

    const moved = await get(`${server.base}${islandPath}`);
    assert.equal(moved.status, 301);
    assert.equal(moved.location, ferryPath, "straight to the survivor's own address");
    const bare = await get(`${server.base}/story/${island}`);
    assert.equal(bare.status, 301);
    assert.equal(bare.location, ferryPath);

    const page = await get(`${server.base}${ferryPath}`);
    assert.equal(page.status, 200, "the survivor's address has not changed");
    const coverage = /<ol class="coverage">([\s\S]*?)<\/ol>/.exec(page.html)?.[1] ?? "";
    for (const r of [FERRY_SINKS, ...ISLAND_REPORTS, ...BRIDGING_REPORTS])
      assert.ok(page.html.includes(r.headline), `the story lists "${r.headline}"`);
    assert.equal((coverage.match(/<li/g) ?? []).length, 5, "every report in the coverage");
    assert.match(page.html, />5 sources, 5 reports</);

    // Lists name only the survivor.
    for (const path of ["/", "/sitemap.xml", "/sitemaps/news.xml", "/feed.xml", "/feed.json"]) {
      const res = await get(`${server.base}${path}`);
      assert.equal(res.status, 200, path);
      assert.ok(!res.html.includes(`/story/${island}-`), `${path} does not name the merged story`);
    }
    const home = await get(`${server.base}/`);
    assert.ok(home.html.includes(`href="${ferryPath}"`), "home links the survivor");

    // Open pages of both stories hear of it, in the transaction that merged them.
    const events = await database()
      .db.selectFrom("events")
      .select(["channel", "payload"])
      .where("type", "=", "story.merged")
      .execute();
    const payload = { storyId: island, into: ferry, url: ferryPath };
    assert.deepEqual(
      events.map((e) => [e.channel, JSON.parse(e.payload)]),
      [
        [`story:${island}`, payload],
        [`story:${ferry}`, payload],
      ],
    );
  }

  test("after a restart the redirect holds and the rebuilt index places new reports in the survivor", async () => {
    await server.stop();
    server = await startServer(database());
    assert.equal((await get(`${server.base}${islandPath}`)).location, ferryPath);
    await file([SURVIVORS_SPEAK]);
    // `start` rebuilds the story index from the stored window, then enriches what is pending.
    await server.dispatch.enricher.start();
    assert.equal(await storyOf(SURVIVORS_SPEAK), ferry);
    const rows = await database().db.selectFrom("stories").select(["id", "key"]).execute();
    assert.deepEqual(
      rows.map((r) => Number(r.id)),
      [ferry],
      "one story for the event, in memory and stored",
    );
    const page = await get(`${server.base}${ferryPath}`);
    assert.equal(page.status, 200);
    assert.ok(page.html.includes(SURVIVORS_SPEAK.headline));
    const moved = await get(`${server.base}${islandPath}`);
    assert.equal(moved.status, 301);
    assert.equal(moved.location, ferryPath);
  });
});
