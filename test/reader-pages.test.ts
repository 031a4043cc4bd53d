import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { createArticleRepository } from "../src/db/article-repository.ts";
import type { Article } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import { forEachDatabase } from "./support/databases.ts";
import { importSeed, type RunningServer, SEED_NINJS, startServer } from "./support/server.ts";

function seedParagraphs(): string[] {
  const ninjs = JSON.parse(readFileSync(SEED_NINJS, "utf8")) as { bodies: { value: string }[] };
  const html = ninjs.bodies[0]?.value ?? "";
  return [...html.matchAll(/<(p|h2)>([\s\S]*?)<\/\1>/g)].map((m) => m[2] ?? "");
}

function count(html: string, re: RegExp): number {
  return [...html.matchAll(re)].length;
}

forEachDatabase("reader pages", ({ database }) => {
  let server: RunningServer;
  let seed: Article;
  let seedPath: string;

  before(async () => {
    seed = await importSeed(database());
    seedPath = articlePath(seed) ?? "";
    server = await startServer(database());
  });
  after(async () => server.stop());

  test("the article page renders the seed faithfully", async () => {
    const res = await fetch(`${server.base}${seedPath}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/html; charset=utf-8/);
    const html = await res.text();
    assert.match(html, /^<!doctype html>\n<html lang="en">/);
    assert.equal(count(html, /<h1[\s>]/g), 1, "the headline is the only h1");
    assert.match(
      html,
      /<h1>Lukashenko strengthens his turn towards Russia in the middle of the crisis<\/h1>/,
    );
    assert.match(
      html,
      /<a class="site-name" href="\/">24\/7 Live News Portal<\/a>/,
      "site name as masthead",
    );
    assert.match(html, /<h2>Navalni poisoning<\/h2>/);
    // Every paragraph, in order, typographic quotes kept.
    let at = 0;
    for (const paragraph of seedParagraphs()) {
      const found = html.indexOf(paragraph, at);
      assert.ok(found > at, `paragraph missing or out of order: ${paragraph.slice(0, 60)}`);
      at = found;
    }
    assert.ok(html.includes("“Russia, as a sister country"));
    assert.ok(html.includes("‘banner of integration’"));
    assert.match(
      html,
      new RegExp(`<link rel="canonical" href="http://127.0.0.1:3999${seedPath}"/>`),
    );
    assert.match(html, /<meta property="og:title" content="Lukashenko strengthens/);
    assert.match(html, /<meta property="og:type" content="article"\/>/);
    const ld = html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/);
    const graph = (JSON.parse(ld?.[1] ?? "{}") as { "@graph": Record<string, unknown>[] })[
      "@graph"
    ];
    const data = graph.find((node) => node["@type"] === "NewsArticle") ?? {};
    const crumbs = graph.find((node) => node["@type"] === "BreadcrumbList") ?? {};
    assert.equal(data["@type"], "NewsArticle");
    assert.equal((crumbs.itemListElement as unknown[]).length, 3, "home › section › article");
    assert.equal(data.headline, seed.headline);
    assert.equal(data.inLanguage, "en");
    assert.equal(data.datePublished, seed.publishedAt);
    // No script runs inline (only the site's own file), and the policy says so.
    assert.equal(count(html, /<script(?![^>]*(application\/ld\+json|src="\/assets\/))/g), 0);
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.doesNotMatch(
      html,
      /https?:\/\/(?!127\.0\.0\.1)[^"]*\.(css|js|woff2?)/,
      "no third-party assets",
    );
  });

  test("the home page lists the latest articles and links to them", async () => {
    const res = await fetch(`${server.base}/`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.ok(html.includes(`href="${seedPath}"`));
    assert.equal(count(html, /<h1[\s>]/g), 1);
    const css = html.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1] ?? "";
    const sheet = await fetch(`${server.base}${css}`);
    assert.equal(sheet.status, 200);
    assert.match(sheet.headers.get("cache-control") ?? "", /immutable/);
    assert.match(await sheet.text(), /prefers-color-scheme: dark/);
  });

  test("pages carry an ETag, answer 304, and compress when asked", async () => {
    const first = await fetch(`${server.base}${seedPath}`);
    const etag = first.headers.get("etag") ?? "";
    assert.match(etag, /^"[\w-]+"$/);
    assert.match(first.headers.get("cache-control") ?? "", /public, max-age=\d+/);
    const plain = await first.text();
    const again = await fetch(`${server.base}${seedPath}`, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    const { request } = await import("node:http");
    const gz = await new Promise<{ encoding: string | undefined; body: Buffer }>(
      (resolve, reject) => {
        const req = request(
          `${server.base}${seedPath}`,
          { headers: { "accept-encoding": "gzip" } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }),
            );
          },
        );
        req.on("error", reject);
        req.end();
      },
    );
    assert.equal(gz.encoding, "gzip");
    assert.equal(gunzipSync(gz.body).toString("utf8"), plain);
    assert.ok(gz.body.length < plain.length / 2);
  });

  test("a wrong date in the address redirects to the article's one URL", async () => {
    const wrong = seedPath.replace(/\/\d{4}\/\d{2}\/\d{2}\//, "/2001/01/01/");
    const res = await fetch(`${server.base}${wrong}`, { redirect: "manual" });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get("location"), seedPath);
  });

  test("unknown paths get a real 404 page, the API a JSON 404", async () => {
    const page = await fetch(`${server.base}/no/such/page`);
    assert.equal(page.status, 404);
    const html = await page.text();
    assert.match(html, /<h1>Page not found<\/h1>/);
    assert.match(html, /<meta name="robots" content="noindex"\/>/);
    const missing = await fetch(`${server.base}/news/2026/11/27/not-an-article`);
    assert.equal(missing.status, 404);
    const api = await fetch(`${server.base}/api/v1/nothing`);
    assert.equal(api.status, 404);
    assert.deepEqual(Object.keys(((await api.json()) as { error: object }).error), [
      "code",
      "message",
    ]);
  });

  test("drafts and embargoed articles stay off every page and the API", async () => {
    const repo = createArticleRepository(database());
    const draft = await repo.save({
      ...baseInput(),
      guid: "draft-1",
      headline: "Secret draft",
      status: "draft",
    });
    const embargo = await repo.save({
      ...baseInput(),
      guid: "embargo-1",
      headline: "Embargoed news",
      status: "scheduled",
      publishedAt: "2099-01-01T00:00:00.000Z",
    });
    server.dispatch.cache.invalidate();
    const home = await (await fetch(`${server.base}/`)).text();
    assert.ok(!home.includes("Secret draft") && !home.includes("Embargoed news"));
    const list = (await (await fetch(`${server.base}/api/v1/articles?limit=100`)).json()) as {
      items: { id: number }[];
    };
    assert.ok(!list.items.some((i) => i.id === draft.article.id || i.id === embargo.article.id));
    assert.equal((await fetch(`${server.base}/api/v1/articles/${draft.article.id}`)).status, 404);
    assert.equal((await fetch(`${server.base}/api/v1/articles/${embargo.article.id}`)).status, 404);
    const embargoPath = `/news/2099/01/01/${embargo.article.slug}`;
    assert.equal((await fetch(`${server.base}${embargoPath}`)).status, 404);
  });
});

function baseInput() {
  return {
    guid: null,
    kind: "own" as const,
    status: "published" as const,
    headline: "x",
    standfirst: null,
    body: "<p>text</p>",
    byline: null,
    language: "en",
    section: { slug: "news", name: "News" },
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: "2026-11-20T00:00:00.000Z",
  };
}
