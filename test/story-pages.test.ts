import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createStoryRepository } from "../src/db/story-repository.ts";
import { addDemoSources } from "../src/demo/demo-sources.ts";
import { type DemoWire, startDemoWire } from "../src/demo/demo-wire.ts";
import type { Article } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import { renderDocument } from "../src/site/render.ts";
import { StoryPage } from "../src/site/story-page.tsx";
import { forEachDatabase } from "./support/databases.ts";
import { importSeed, type RunningServer, SEED_TEXT, startServer } from "./support/server.ts";
import { TEST_SITE } from "./support/site.ts";

async function page(
  url: string,
): Promise<{ status: number; html: string; location: string; keys: string }> {
  const res = await fetch(url, { redirect: "manual" });
  return {
    status: res.status,
    html: await res.text(),
    location: res.headers.get("location") ?? "",
    keys: res.headers.get("surrogate-key") ?? "",
  };
}

function links(html: string, prefix: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)]
    .map((m) => m[1] ?? "")
    .filter((href) => href.startsWith(prefix));
}

/**
 * The demo wire's outlets cover the same invented events: after a real fetch and one
 * enrichment pass, the reader sees them merged into stories with several sources.
 */
forEachDatabase("stories on the reader's site", ({ database, dialect }) => {
  let server: RunningServer;
  let wire: DemoWire;
  let seed: Article;

  before(async () => {
    wire = await startDemoWire({ intervalMs: 3_600_000, initialItems: 40 });
    server = await startServer(database(), { FETCH_ALLOW_HOSTS: `127.0.0.1:${wire.port}` });
    const { sources, ingestion, enricher } = server.dispatch;
    await addDemoSources(wire, sources);
    const reports = await Promise.all((await sources.list()).map((s) => ingestion.ingest(s)));
    for (const r of reports) assert.equal(r.status, "ok", `${r.url}: ${JSON.stringify(r.error)}`);
    seed = await importSeed(database(), SEED_TEXT);
    assert.ok((await enricher.drain()) > 0, "the enricher picked up the new articles");
  });
  after(async () => {
    await server.stop();
    await wire.close();
  });

  test("home lists top stories with several sources, then the latest and section blocks", async () => {
    const home = await page(`${server.base}/`);
    assert.equal(home.status, 200);
    assert.match(home.html, /Top stories/);
    // The wire's backfill is an hour of news from several outlets: one story is breaking.
    const banner = /<section class="developing"[\s\S]*?<\/section>/.exec(home.html)?.[0] ?? "";
    assert.match(banner, /Developing<\/strong> <a href="\/story\/\d+-[^"]+">/);
    assert.match(banner, /First reported at <time [^>]*>\d{1,2}:\d{2}<\/time> · \d+ sources/);
    assert.equal(home.keys, "pages home", "a CDN can purge the home page by tag");
    const counts = [...home.html.matchAll(/>(\d+) sources</g)].map((m) => Number(m[1]));
    assert.ok(
      counts.some((n) => n >= 3),
      `a story covered by three or more outlets: ${counts}`,
    );
    assert.match(home.html, /<h2 class="section-title" id="latest-heading">Latest<\/h2>/);
    assert.ok(links(home.html, "/section/").length > 0, "section blocks link their sections");
    assert.match(home.html, /rel="alternate" type="application\/rss\+xml"/);
    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(home.html)?.[1];
    const graph = (JSON.parse(ld ?? "{}") as { "@graph"?: { "@type": string }[] })["@graph"];
    assert.deepEqual(
      graph?.map((node) => node["@type"]),
      ["Organization", "WebSite"],
    );
  });

  test("a story page shows every outlet's report, the first one, and its topics", async () => {
    const home = await page(`${server.base}/`);
    const storyHref = links(home.html, "/story/")[0];
    assert.ok(storyHref, "home links a story");
    const story = await page(`${server.base}${storyHref}`);
    assert.equal(story.status, 200);
    assert.match(story.keys, /^pages story:\d+$/);
    assert.equal((story.html.match(/<h1[ >]/g) ?? []).length, 1);
    assert.match(story.html, /first reported by/);
    assert.match(story.html, /<svg viewBox="0 0 600 56" aria-hidden="true">/);
    assert.match(story.html, /<figcaption class="meta-line">\d+ reports between /);
    const coverage = /<ol class="coverage">([\s\S]*?)<\/ol>/.exec(story.html)?.[1] ?? "";
    assert.ok((coverage.match(/<li/g) ?? []).length >= 2, "two or more reports listed");

    // The address is for good (ADR 019); an old or missing slug redirects to it.
    const id = /^\/story\/(\d+)/.exec(storyHref)?.[1];
    const bare = await page(`${server.base}/story/${id}`);
    assert.equal(bare.status, 301);
    assert.equal(bare.location, storyHref);
    assert.equal((await page(`${server.base}/story/999999-nothing`)).status, 404);
    assert.equal((await page(`${server.base}/story/not-a-story`)).status, 404);

    // Each report's page links back to the whole coverage.
    const articleHref = links(coverage, "/").find((h) => !h.startsWith("/story/"));
    assert.ok(articleHref);
    const article = await page(`${server.base}${articleHref}`);
    assert.equal(article.status, 200);
    assert.match(article.keys, new RegExp(`^pages article:\\d+ story:${id}$`));
    assert.match(article.html, /Also reported by \d+ other sources?/);
    assert.ok(article.html.includes(`href="${storyHref}"`), "the article links its story");
  });

  test("each outlet's name on a story links its source page; our own reports stay plain", async () => {
    const home = await page(`${server.base}/`);
    const storyHref = links(home.html, "/story/")[0];
    assert.ok(storyHref, "home links a story");
    const story = await page(`${server.base}${storyHref}`);
    assert.match(story.html, /first reported by <a class="outlet" href="\/source\/\d+">/);
    const coverage = /<ol class="coverage">([\s\S]*?)<\/ol>/.exec(story.html)?.[1] ?? "";
    const reports = coverage.split("<li").slice(1);
    assert.ok(reports.length >= 2, "two or more reports listed");
    for (const report of reports) {
      const outlet = /<a class="outlet" href="(\/source\/\d+)">([^<]+)<\/a>/.exec(report);
      assert.ok(outlet, `the report names its outlet with a link: ${report}`);
      const source = await page(`${server.base}${outlet[1]}`);
      assert.equal(source.status, 200);
      assert.ok(source.html.includes(`>${outlet[2]}</h1>`), `${outlet[1]} is ${outlet[2]}'s page`);
    }

    // Rendered directly: a report of our own (no source) and one whose source is unknown.
    const id = Number(/^\/story\/(\d+)/.exec(storyHref)?.[1]);
    const entry = await createStoryRepository(database()).get(id);
    const [own, unknown, ...rest] = entry?.articles ?? [];
    assert.ok(entry && own && unknown);
    const site = TEST_SITE;
    const html = renderDocument(
      StoryPage({
        site,
        entry: {
          ...entry,
          articles: [
            { ...own, sourceId: null },
            { ...unknown, sourceId: 999_999, language: "de" },
            ...rest,
          ],
        },
        topics: [],
      }),
    );
    const listed = (/<ol class="coverage">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "").split("<li");
    const reportOf = (a: Article) => listed.find((li) => li.includes(`href="${articlePath(a)}"`));
    assert.match(reportOf(own) ?? "", /<span class="meta-line"> Our Desk/);
    assert.match(reportOf(unknown) ?? "", /<span class="meta-line"> an outlet/);
    for (const a of [own, unknown]) assert.doesNotMatch(reportOf(a) ?? "", /class="outlet"/);
    assert.equal(listed.filter((li) => li.includes('class="outlet"')).length, rest.length);
    // A report in another language says which, in the site's language.
    assert.match(reportOf(unknown) ?? "", /^ lang="de">/);
    assert.match(reportOf(unknown) ?? "", / · <span lang="en">German<\/span><\/span>/);
    for (const a of [own, ...rest]) assert.doesNotMatch(reportOf(a) ?? "", /German/);
  });

  test("topic and section pages list what names them; unknown ones are 404", async () => {
    const world = await page(`${server.base}/section/world`);
    assert.equal(world.status, 200);
    assert.match(world.html, /<h1[^>]*>World<\/h1>/);
    const found = (await (await fetch(`${server.base}/api/v1/articles?q=Lukashenko`)).json()) as {
      items: { url: string }[];
    };
    const seedHref = found.items[0]?.url;
    assert.ok(seedHref, "the seed article is found");
    assert.ok(links(world.html, "/world/").length >= 10, "the section lists its articles");
    const article = await page(`${server.base}${seedHref}`);
    assert.equal(article.status, 200);
    // The bracketed Spanish passage is marked so screen readers switch voice.
    assert.match(article.html, /<span lang="es">[^<]*<\/span>/);
    const topics = links(article.html, "/topic/");
    assert.ok(topics.length >= 5, `the seed names people and places: ${topics}`);
    const lukashenko = topics.find((t) => t.includes("lukashenko"));
    assert.ok(lukashenko, "Lukashenko has a topic page");
    const topic = await page(`${server.base}${lukashenko}`);
    assert.equal(topic.status, 200);
    assert.match(topic.html, /<h1[^>]*>[^<]*Lukashenko<\/h1>/);
    assert.ok(topic.html.includes(`href="${seedHref}"`), "the topic lists the seed article");
    assert.match(topic.html, new RegExp(`href="${lukashenko}/feed.xml"`));
    assert.equal((await page(`${server.base}/topic/no-such-topic`)).status, 404);
    assert.equal((await page(`${server.base}/section/no-such-section`)).status, 404);
  });

  test("about, the list of sources and each source's page", async () => {
    const about = await page(`${server.base}/about`);
    assert.equal(about.status, 200);
    assert.match(about.html, /<h1>About 24\/7 Live News Portal<\/h1>/);
    assert.match(about.html, /href="\/sources">6 outlets<\/a>/);
    const list = await page(`${server.base}/sources`);
    assert.equal(list.status, 200);
    const sourceHrefs = links(list.html, "/source/");
    assert.equal(sourceHrefs.length, 6, "every demo outlet is listed");
    const one = await page(`${server.base}${sourceHrefs[0]}`);
    assert.equal(one.status, 200);
    assert.ok(links(one.html, "/").filter((h) => /\/\d{4}\/\d{2}\/\d{2}\//.test(h)).length > 0);
    assert.equal((await page(`${server.base}/source/999999`)).status, 404);
    assert.equal((await page(`${server.base}/source/abc`)).status, 404);
  });

  test("new reports drop the pages they change and keep the others", async () => {
    const { sources, ingestion, enricher, cache } = server.dispatch;
    const publishAndFetch = async () => {
      const items = wire.publishNow(3);
      for (const source of await sources.list()) await ingestion.ingest(source);
      // Fetches poke the enricher themselves; drain waits for that pass and one more.
      await enricher.drain();
      return items;
    };
    // The seed was imported behind the server's back, in a section of its own: the first
    // fetch finds the masthead's sections changed and drops every page, as it should.
    await publishAndFetch();
    const seedPath = articlePath(seed) ?? "";
    assert.ok((await page(`${server.base}${seedPath}`)).html.includes(seed.headline));
    // Edited behind the cache's back: the page keeps the old headline while it is cached.
    await database()
      .db.updateTable("articles")
      .set({ headline: "Silently edited" })
      .where("id", "=", seed.id)
      .execute();
    const fresh = await publishAndFetch();

    const home = await page(`${server.base}/`);
    assert.ok(
      fresh.some((item) => home.html.includes(item.title)),
      "the home page shows the new reports",
    );
    // PostgreSQL pages also expire after two seconds, so only SQLite can show one kept.
    if (dialect === "sqlite") {
      const kept = await page(`${server.base}${seedPath}`);
      assert.ok(kept.html.includes(seed.headline), "an unrelated article page stays cached");
    }
    cache.invalidate([`article:${seed.id}`]);
    assert.ok((await page(`${server.base}${seedPath}`)).html.includes("Silently edited"));
    await database()
      .db.updateTable("articles")
      .set({ headline: seed.headline })
      .where("id", "=", seed.id)
      .execute();
    cache.invalidate();
  });
});
