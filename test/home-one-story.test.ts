// The home page shows each story once: after a real fetch of the demo wire and one
// enrichment pass, no story is in two entries of the latest river, none of the top
// stories comes back in it, and no section block lists a story twice. The stories are
// read from the database, so the test knows which report belongs to which.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { addDemoSources } from "../src/demo/demo-sources.ts";
import { type DemoWire, startDemoWire } from "../src/demo/demo-wire.ts";
import { articlePath } from "../src/domain/article-path.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

/** The HTML of the `<section>` whose heading has this id, up to the next section. */
function sectionHtml(html: string, headingId: string): string {
  const start = html.indexOf(`id="${headingId}"`);
  if (start < 0) return "";
  const end = html.indexOf("<section", start);
  return html.slice(start, end < 0 ? undefined : end);
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? "");
}

forEachDatabase("the home page shows each story once", ({ database }) => {
  let server: RunningServer;
  let wire: DemoWire;
  /** Story id (or null) by the article path the reader follows. */
  const storyByPath = new Map<string, number | null>();

  before(async () => {
    wire = await startDemoWire({ intervalMs: 3_600_000, initialItems: 120 });
    server = await startServer(database(), { FETCH_ALLOW_HOSTS: `127.0.0.1:${wire.port}` });
    const { sources, ingestion, enricher } = server.dispatch;
    await addDemoSources(wire, sources);
    for (const s of await sources.list()) {
      const report = await ingestion.ingest(s);
      assert.equal(report.status, "ok", JSON.stringify(report.error));
    }
    assert.ok((await enricher.drain()) > 0);
    const db = database();
    const rows = await db.db.selectFrom("articles").select(["id", "story_id"]).execute();
    const articles = await createArticleRepository(db).byIds(rows.map((r) => Number(r.id)));
    const storyOf = new Map(
      rows.map((r) => [Number(r.id), r.story_id === null ? null : Number(r.story_id)]),
    );
    for (const a of articles) {
      const path = articlePath(a);
      if (path) storyByPath.set(path, storyOf.get(a.id) ?? null);
    }
  });
  after(async () => {
    await server.stop();
    await wire.close();
  });

  test("no story twice in the latest river, none of the top stories again, none twice in a block", async () => {
    const res = await fetch(`${server.base}/`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const top = new Set(
      hrefs(sectionHtml(html, "top-heading")).flatMap((h) => {
        const m = /^\/story\/(\d+)-/.exec(h);
        return m ? [Number(m[1])] : [];
      }),
    );
    assert.ok(top.size > 0, "the wire's backfill makes top stories");

    const latest = sectionHtml(html, "latest-heading");
    const entries = [...latest.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? "");
    assert.ok(entries.length >= 5, `a river to look at (${entries.length} entries)`);
    const seen = new Map<number, string>();
    let collapsed = 0;
    for (const entry of entries) {
      const headline = /<h3><a href="([^"]+)"/.exec(entry)?.[1] ?? "";
      const story = storyByPath.get(headline);
      assert.ok(storyByPath.has(headline), `a known article: ${headline}`);
      if (/class="more"/.test(entry)) collapsed++;
      if (story === null || story === undefined) continue;
      assert.ok(!top.has(story), `story ${story} is a top story and in the river: ${headline}`);
      assert.ok(!seen.has(story), `story ${story} twice: ${seen.get(story)} and ${headline}`);
      seen.set(story, headline);
    }
    assert.ok(collapsed > 0, 'some river entry stands for several reports ("and N more")');

    for (const [, block] of html.matchAll(/<ul class="headlines">([\s\S]*?)<\/ul>/g)) {
      const stories = hrefs(block ?? "")
        .map((h) => storyByPath.get(h))
        .filter((s): s is number => typeof s === "number");
      assert.equal(new Set(stories).size, stories.length, "a section block lists a story once");
    }
  });

  test('an entry\'s "and N more" leads to its story page', async () => {
    const html = await (await fetch(`${server.base}/`)).text();
    const more = /<a class="more" href="(\/story\/\d+-[^"]+)">and (\d+) more reports?<\/a>/.exec(
      sectionHtml(html, "latest-heading"),
    );
    assert.ok(more, "a collapsed entry");
    const story = await fetch(`${server.base}${more[1]}`);
    assert.equal(story.status, 200);
  });
});
