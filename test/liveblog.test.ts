import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { createLiveblogRepository } from "../src/db/liveblog-repository.ts";
import { articlePath } from "../src/domain/article-path.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

forEachDatabase("live blog page", ({ database }) => {
  let server: RunningServer;
  let path = "";
  const ids: number[] = [];

  before(async () => {
    server = await startServer(database());
    const saved = await createArticleRepository(database()).save({
      guid: "live:storm",
      kind: "liveblog",
      status: "published",
      headline: "Storm Hesper: live updates",
      standfirst: "Power cuts and floods along the Calder coast.",
      body: "<p>Follow the storm as it happens.</p>",
      byline: "Newsroom",
      language: "en",
      section: { slug: "world", name: "World" },
      slug: null,
      canonicalUrl: null,
      externalUrl: null,
      publishedAt: "2026-11-28T06:00:00.000Z",
    });
    path = articlePath(saved.article) ?? "";
    const live = createLiveblogRepository(database());
    const start = Date.parse("2026-11-28T06:00:00Z");
    for (let i = 0; i < 36; i++) {
      const entry = await live.add(saved.article.id, {
        title: i === 3 ? "Coastguard rescues 23 people" : i === 0 ? "What we know" : null,
        body: `<p>Update number ${i} &amp; counting.</p>`,
        byline: "Clara Whitfield",
        keyEvent: i === 3,
        pinned: i === 0,
        postedAt: new Date(start + i * 60_000).toISOString(),
      });
      ids.push(entry.id);
    }
  });
  after(async () => {
    await server.stop();
  });

  test("key events, the pinned entry, the newest updates, then older ones a page away", async () => {
    const res = await fetch(`${server.base}${path}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<span class="live-badge">Live<\/span>/);
    assert.match(html, /<h2 id="live-heading">Live updates<\/h2>/);
    assert.match(html, new RegExp(`<a href="#entry-${ids[3]}">`), "key event links its entry");
    assert.match(html, /Pinned · /);
    const stream =
      /<div id="live-entries">([\s\S]*?)<\/div><\/section>|<div id="live-entries">([\s\S]*)/.exec(
        html,
      )?.[0] ?? "";
    assert.match(stream, /Update number 35 &amp; counting/, "newest first");
    assert.doesNotMatch(stream, /Update number 5 &amp;/, "the oldest are on the next page");
    const older = /href="([^"]+\?before=\d+)" rel="next"/.exec(html)?.[1];
    assert.ok(older, "a link to older updates");
    const next = await (await fetch(`${server.base}${older}`)).text();
    assert.match(next, /Update number 5 &amp; counting/);
    assert.match(next, /Update number 1 &amp; counting/);
    assert.doesNotMatch(next, /rel="next"/, "the first update ends the blog");

    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1] ?? "{}";
    const graph = (JSON.parse(ld) as { "@graph": Record<string, unknown>[] })["@graph"];
    const posting = graph.find((n) => n["@type"] === "LiveBlogPosting");
    assert.ok(posting, "LiveBlogPosting structured data");
    assert.equal((posting.liveBlogUpdate as unknown[]).length, 30);
  });

  test("a bad or unknown `before` is a 400, not a crash", async () => {
    for (const bad of ["abc", "99999999", "1&before=2"]) {
      const res = await fetch(`${server.base}${path}?before=${bad}`);
      assert.equal(res.status, 400, bad);
    }
  });
});
