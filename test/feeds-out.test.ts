import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request } from "node:http";
import net, { type AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { brotliDecompressSync } from "node:zlib";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { createArticleRepository } from "../src/db/article-repository.ts";
import type { Article, ArticleInput } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import type { ParsedFeed } from "../src/domain/feed.ts";
import { parseFeed } from "../src/ingest/feeds/parse-feed.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

// Every feed and sitemap the portal serves, read back by strict and by our own parsers, on
// a real server over 127.0.0.1: what a reader may see is there, drafts and embargoes never.

const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const HUB = "http://127.0.0.1:9/hub";
const HOUR = 3_600_000;
// Slugs keep any script: the topic's path is percent-encoded.
const TOPIC = `/topic/${encodeURIComponent("александр-лукашенко")}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Whole seconds: RFC 822 dates (RSS) carry no fractions. */
function at(offsetMs: number): string {
  return new Date(Math.floor((Date.now() + offsetMs) / 1000) * 1000).toISOString();
}

function input(overrides: Partial<ArticleInput>): ArticleInput {
  return {
    guid: null,
    kind: "own",
    status: "published",
    headline: "Headline",
    standfirst: null,
    body: "<p>Body.</p>",
    byline: null,
    language: "en",
    section: { slug: "world", name: "World" },
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: at(-HOUR),
    ...overrides,
  };
}

interface Fetched {
  status: number;
  headers: Headers;
  text: string;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const FORMATS = [
  { ext: "xml", type: "application/rss+xml", format: "rss" },
  { ext: "atom", type: "application/atom+xml", format: "atom" },
  { ext: "json", type: "application/feed+json", format: "json" },
] as const;

function strictParse(ext: (typeof FORMATS)[number]["ext"], text: string): void {
  if (ext === "json") {
    parseJsonFeed(JSON.parse(text));
    return;
  }
  assert.equal(XMLValidator.validate(text), true, "well-formed XML");
  if (ext === "xml") parseRssFeed(text);
  else parseAtomFeed(text);
}

const xml = new XMLParser({ isArray: (name) => name === "url" || name === "sitemap" });

forEachDatabase("feeds, sitemaps and robots.txt", ({ database }) => {
  let server: RunningServer;
  let base = "";
  const visible: Record<string, Article> = {};

  before(async () => {
    const repo = createArticleRepository(database());
    const save = async (i: ArticleInput) => (await repo.save(i)).article;
    visible.own = await save(
      input({
        headline: "Minsk & Moscow sign a union deal",
        standfirst: "The two capitals agree",
        body: '<p>Aleksandr Lukashenko signed. <a href="https://example.org/?a=1&amp;b=2">Text</a>.</p>',
        byline: "Anna Ivanova",
        publishedAt: at(-HOUR),
      }),
    );
    visible.link = await save(
      input({
        kind: "link",
        headline: "Outlet: the summit in pictures",
        body: "<p>The outlet's own summary.</p>",
        canonicalUrl: "https://outlet.example/summit?ref=rss&x=1",
        externalUrl: "https://outlet.example/summit?ref=rss&x=1",
        publishedAt: at(-2 * HOUR),
      }),
    );
    visible.full = await save(
      input({
        kind: "full",
        headline: "Lukashenko refuerza su giro hacia Rusia",
        language: "es",
        section: { slug: "sport", name: "Sport" },
        publishedAt: at(-3 * HOUR),
      }),
    );
    visible.old = await save(
      input({ headline: "An older report", publishedAt: at(-60 * 24 * HOUR) }),
    );
    const draft = await save(
      input({ headline: "Secret draft", status: "draft", body: "<p>secret draft text</p>" }),
    );
    const embargoed = await save(
      input({
        headline: "Secret embargoed",
        status: "scheduled",
        body: "<p>secret embargoed text</p>",
        publishedAt: at(24 * HOUR),
      }),
    );
    // A topic naming every one of them: only the visible ones may show in its feed.
    const { db } = database();
    const entity = await db
      .insertInto("entities")
      .values({
        kind: "person",
        name: "Александр Лукашенко",
        slug: "александр-лукашенко",
        created_at: at(0),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("article_entities")
      .values(
        [visible.own, visible.link, draft, embargoed].map((a) => ({
          article_id: a.id,
          entity_id: Number(entity.id),
          mentions: 1,
        })),
      )
      .execute();

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startServer(database(), { SITE_URL: base, WEBSUB_HUB: HUB }, port);
  });
  after(async () => server.stop());

  const urlOf = (a: Article | undefined) => `${base}${a ? articlePath(a) : ""}`;

  function expectItems(feed: ParsedFeed, articles: (Article | undefined)[]) {
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.url, i.published]),
      articles.map((a) => [a?.headline, urlOf(a), a?.publishedAt]),
    );
  }

  test("every feed parses strictly and round-trips through parseFeed, hidden items absent", async () => {
    const scopes: [string, string, (Article | undefined)[]][] = [
      ["", `${base}/`, [visible.own, visible.link, visible.full, visible.old]],
      ["/section/world", `${base}/section/world`, [visible.own, visible.link, visible.old]],
      ["/section/sport", `${base}/section/sport`, [visible.full]],
      [TOPIC, `${base}${TOPIC}`, [visible.own, visible.link]],
    ];
    for (const [path, page, articles] of scopes) {
      for (const { ext, type, format } of FORMATS) {
        const url = `${base}${path}/feed.${ext}`;
        const res = await get(url);
        assert.equal(res.status, 200, url);
        assert.equal(res.headers.get("content-type"), `${type}; charset=utf-8`);
        assert.equal(
          res.headers.get("cache-control"),
          "public, max-age=60, stale-while-revalidate=300",
        );
        assert.match(res.headers.get("etag") ?? "", /^"[\w-]+"$/);
        assert.equal(res.headers.get("link"), `<${HUB}>; rel="hub", <${url}>; rel="self"`);
        assert.ok(res.headers.get("surrogate-key")?.startsWith("feeds "));
        assert.doesNotMatch(res.text, /secret/i, `${url} leaks a hidden article`);
        strictParse(ext, res.text);
        const feed = parseFeed(res.text, { url, contentType: res.headers.get("content-type") });
        assert.equal(feed.format, format);
        assert.equal(feed.link, page);
        assert.equal(feed.self, url);
        assert.equal(feed.hub, HUB);
        expectItems(feed, articles);
        const link = feed.items.find((i) => i.url === urlOf(visible.link));
        if (link) assert.doesNotMatch(link.contentHtml ?? "", /<a /, "a link item has no body");
      }
    }
  });

  test("a link item points to the publisher; our own carry the body", async () => {
    const json = JSON.parse((await get(`${base}/feed.json`)).text);
    const link = json.items.find((i: { url: string }) => i.url === urlOf(visible.link));
    assert.equal(link.external_url, visible.link?.externalUrl);
    assert.equal(link.content_html, undefined);
    const own = json.items.find((i: { url: string }) => i.url === urlOf(visible.own));
    assert.equal(own.content_html, visible.own?.body);
    assert.deepEqual(own.authors, [{ name: "Anna Ivanova" }]);
  });

  test("unknown sections and topics are 404 in every format", async () => {
    for (const path of ["/section/nowhere", "/topic/nobody"]) {
      for (const { ext } of FORMATS) {
        const res = await get(`${base}${path}/feed.${ext}`);
        assert.equal(res.status, 404, `${path}/feed.${ext}`);
        assert.equal(res.headers.get("cache-control"), "no-store");
      }
    }
  });

  test("ETag gives 304; compressed bytes are the same feed", async () => {
    const first = await get(`${base}/feed.atom`, { "accept-encoding": "identity" });
    const etag = first.headers.get("etag") ?? "";
    const again = await fetch(`${base}/feed.atom`, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), "");
    assert.equal(again.headers.get("etag"), etag);
    const weak = await fetch(`${base}/feed.atom`, {
      headers: { "if-none-match": `"x", W/${etag}` },
    });
    assert.equal(weak.status, 304);

    // fetch() decompresses by itself; node:http shows the bytes on the wire.
    const body = await new Promise<Buffer>((resolve, reject) => {
      const req = request(`${base}/feed.atom`, { headers: { "accept-encoding": "br" } }, (res) => {
        assert.equal(res.headers["content-encoding"], "br");
        assert.equal(res.headers.vary, "Accept-Encoding");
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks)));
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(brotliDecompressSync(body).toString("utf8"), first.text);
  });

  test("a change shows on the next request once the cache is told", async () => {
    const before = await get(`${base}/section/sport/feed.xml`);
    await createArticleRepository(database()).save(
      input({ headline: "Fresh sport news", section: { slug: "sport", name: "Sport" } }),
    );
    server.dispatch.cache.invalidate();
    const after = await get(`${base}/section/sport/feed.xml`);
    assert.notEqual(after.headers.get("etag"), before.headers.get("etag"));
    assert.match(after.text, /Fresh sport news/);
  });

  test("the sitemap index's children resolve, are valid XML and list only what readers see", async () => {
    const index = await get(`${base}/sitemap.xml`);
    assert.equal(index.status, 200);
    assert.equal(index.headers.get("content-type"), "application/xml; charset=utf-8");
    assert.equal(XMLValidator.validate(index.text), true);
    const children: string[] = xml
      .parse(index.text)
      .sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    assert.ok(children.includes(`${base}/sitemaps/pages.xml`));
    assert.ok(children.includes(`${base}/sitemaps/news.xml`));
    const months = children.filter((c) => c.includes("/sitemaps/articles-"));
    assert.equal(months.length, 2, "this month and the older report's");

    const listed: Record<string, string[]> = {};
    for (const child of children) {
      const res = await get(child);
      assert.equal(res.status, 200, child);
      assert.equal(res.headers.get("content-type"), "application/xml; charset=utf-8");
      assert.equal(XMLValidator.validate(res.text), true, child);
      assert.doesNotMatch(res.text, /secret/i);
      listed[child] = (xml.parse(res.text).urlset.url ?? []).map((u: { loc: string }) => u.loc);
    }
    const articleUrls = months.flatMap((m) => listed[m] ?? []).sort();
    const fresh = (await createArticleRepository(database()).listVisible({ limit: 50 })).items.find(
      (a) => a.headline === "Fresh sport news",
    );
    assert.deepEqual(
      articleUrls,
      [visible.own, visible.full, visible.old, fresh].map(urlOf).sort(),
      "hosted articles only: no link item, no draft, no embargo",
    );
    assert.deepEqual(
      [...(listed[`${base}/sitemaps/news.xml`] ?? [])].sort(),
      [visible.own, visible.full, fresh].map(urlOf).sort(),
      "the last 48 hours, ours only",
    );
    assert.deepEqual(listed[`${base}/sitemaps/pages.xml`], [
      `${base}/`,
      `${base}/section/sport`,
      `${base}/section/world`,
    ]);
    assert.equal((await get(`${base}/sitemaps/articles-1999-01.xml`)).status, 404);
    assert.equal((await get(`${base}/sitemaps/nothing.xml`)).status, 404);
  });

  test("robots.txt keeps crawlers off the API and names the sitemap index", async () => {
    const res = await get(`${base}/robots.txt`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.match(res.text, /^User-agent: \*$/m);
    assert.match(res.text, /^Disallow: \/api\/$/m);
    assert.match(res.text, new RegExp(`^Sitemap: ${base}/sitemap\\.xml$`, "m"));
  });

  test("`dispatch feed inspect` reads our feeds back", async () => {
    const urls = FORMATS.map(({ ext }) => `${base}/feed.${ext}`);
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [BIN, "feed", "inspect", ...urls, "--json"], {
          env: { PATH: process.env.PATH ?? "", FETCH_ALLOW_HOSTS: new URL(base).host },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (c: string) => {
          stdout += c;
        });
        child.stderr.setEncoding("utf8").on("data", (c: string) => {
          stderr += c;
        });
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      },
    );
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.file),
      urls,
    );
    for (const [i, line] of lines.entries()) {
      const feed = line.result as ParsedFeed;
      assert.equal(feed.format, FORMATS[i]?.format);
      assert.equal(feed.link, `${base}/`);
      const direct = parseFeed((await get(urls[i] ?? "")).text, { url: urls[i] ?? null });
      assert.deepEqual(
        feed.items.map((it) => [it.id, it.title, it.url, it.published, it.updated]),
        direct.items.map((it) => [it.id, it.title, it.url, it.published, it.updated]),
      );
      assert.ok(feed.items.some((it) => it.title === visible.own?.headline));
    }
  });
});
