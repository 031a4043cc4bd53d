import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { encodeCursor } from "../src/db/cursor.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import { forEachDatabase } from "./support/databases.ts";
import { importSeed, type RunningServer, startServer } from "./support/server.ts";

interface Summary {
  id: number;
  kind: string;
  headline: string;
  url: string;
  section: string;
  publishedAt: string;
}

function article(n: number, overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    guid: `api-${n}`,
    kind: n % 2 === 0 ? "link" : "own",
    status: "published",
    headline: `Harbour report number ${n}`,
    standfirst: `Standfirst ${n}`,
    body: `<p>Ships and cranes, item ${n}.</p>`,
    byline: null,
    language: "en",
    section: { slug: "business", name: "Business" },
    slug: null,
    canonicalUrl: null,
    externalUrl: n % 2 === 0 ? `https://example.org/${n}` : null,
    publishedAt: new Date(Date.UTC(2026, 9, 1 + n)).toISOString(),
    ...overrides,
  };
}

const articleSummaryKeys = {
  id: 0,
  kind: 0,
  headline: 0,
  standfirst: 0,
  url: 0,
  externalUrl: 0,
  language: 0,
  section: 0,
  publishedAt: 0,
  updatedAt: 0,
};

forEachDatabase("articles API", ({ database }) => {
  let server: RunningServer;
  const get = async (path: string) => {
    const res = await fetch(`${server.base}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  before(async () => {
    await importSeed(database());
    const repo = createArticleRepository(database());
    for (let n = 1; n <= 7; n++) await repo.save(article(n));
    server = await startServer(database());
  });
  after(async () => server.stop());

  test("lists newest first with the documented fields and pages with a cursor", async () => {
    const first = await get("/api/v1/articles?limit=3");
    assert.equal(first.status, 200);
    const items = first.body.items as Summary[];
    assert.equal(items.length, 3);
    assert.deepEqual(Object.keys(items[0] ?? {}), [
      "id",
      "kind",
      "headline",
      "standfirst",
      "url",
      "externalUrl",
      "language",
      "section",
      "publishedAt",
      "updatedAt",
    ]);
    assert.equal(
      items[0]?.headline,
      "Lukashenko strengthens his turn towards Russia in the middle of the crisis",
    );
    assert.equal(items[1]?.headline, "Harbour report number 7");
    assert.match(items[1]?.url ?? "", /^\/business\/2026\/10\/08\/harbour-report-number-7$/);
    const seen = new Set(items.map((i) => i.id));
    let cursor = first.body.next as string | null;
    while (cursor) {
      const page = await get(`/api/v1/articles?limit=3&cursor=${encodeURIComponent(cursor)}`);
      for (const i of page.body.items as Summary[]) {
        assert.ok(!seen.has(i.id), "no article twice");
        seen.add(i.id);
      }
      cursor = page.body.next as string | null;
    }
    assert.equal(seen.size, 8);
  });

  test("q finds the seed by a name in its text; kind filters", async () => {
    const found = await get("/api/v1/articles?q=Lukashenko");
    const items = found.body.items as Summary[];
    assert.equal(items.length, 1);
    const page = await fetch(`${server.base}${items[0]?.url}`);
    assert.equal(page.status, 200);
    const links = (await get("/api/v1/articles?kind=link&limit=100")).body.items as Summary[];
    assert.deepEqual(links.map((i) => i.headline).sort(), [
      "Harbour report number 2",
      "Harbour report number 4",
      "Harbour report number 6",
    ]);
    const ranked = (await get("/api/v1/articles?q=harbour%20cranes")).body.items as Summary[];
    assert.equal(ranked.length, 7);
  });

  test("q is found as /api/v1/search finds it, in its order, with the listing's fields and cursor", async () => {
    const searched = (await get("/api/v1/search?q=harbour&limit=50")).body.items as {
      id: number;
    }[];
    assert.equal(searched.length, 7);
    const seen: Summary[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/articles?q=harbour&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await get(path);
      assert.equal(page.status, 200, path);
      assert.deepEqual(Object.keys(page.body), ["items", "next"]);
      seen.push(...(page.body.items as Summary[]));
      cursor = page.body.next as string | null;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(
      seen.map((i) => i.id),
      searched.map((i) => i.id),
    );
    assert.deepEqual(Object.keys(seen[0] ?? {}), Object.keys(articleSummaryKeys));
    assert.ok(seen.every((i) => "standfirst" in i && "updatedAt" in i));
    // More than the search's largest page in one request.
    const big = await get("/api/v1/articles?q=harbour&limit=100");
    assert.equal((big.body.items as Summary[]).length, 7);
    assert.equal(big.body.next, null);
  });

  test("q with kind pages through only that kind", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/articles?q=harbour&kind=link&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await get(path);
      const items = page.body.items as Summary[];
      assert.ok(items.every((i) => i.kind === "link"));
      seen.push(...items.map((i) => i.headline));
      cursor = page.body.next as string | null;
    } while (cursor);
    assert.deepEqual(seen.sort(), [
      "Harbour report number 2",
      "Harbour report number 4",
      "Harbour report number 6",
    ]);
  });

  test("q takes only its own cursors, and none past the pageable matches", async () => {
    const listing = (await get("/api/v1/articles?limit=1")).body.next as string;
    for (const cursor of [listing, encodeCursor({ type: "offset", offset: 1000 })]) {
      const res = await get(`/api/v1/articles?q=harbour&cursor=${encodeURIComponent(cursor)}`);
      assert.equal(res.status, 400);
      const error = res.body.error as { code: string; message: string };
      assert.equal(error.code, "bad_cursor");
      assert.match(error.message, /cursor/);
    }
  });

  test("one article carries its body", async () => {
    const list = (await get("/api/v1/articles?q=Lukashenko")).body.items as Summary[];
    const one = await get(`/api/v1/articles/${list[0]?.id}`);
    assert.equal(one.status, 200);
    assert.match(String(one.body.body), /<h2>Navalni poisoning<\/h2>/);
    assert.equal(one.body.url, list[0]?.url);
  });

  test("bad parameters are a 400 with a code and a message naming the parameter", async () => {
    for (const [path, code, mention] of [
      ["/api/v1/articles?limit=0", "bad_parameter", "limit"],
      ["/api/v1/articles?limit=abc", "bad_parameter", "limit"],
      ["/api/v1/articles?limit=101", "bad_parameter", "limit"],
      ["/api/v1/articles?kind=blog", "bad_parameter", "kind"],
      ["/api/v1/articles?q=", "bad_parameter", "q"],
      ["/api/v1/articles?q=%21%21", "bad_query", "q"],
      ["/api/v1/articles?cursor=zzz", "bad_cursor", "cursor"],
      ["/api/v1/articles?limit=1&limit=2", "bad_parameter", "limit"],
      ["/api/v1/articles?sort=asc", "bad_parameter", "sort"],
      ["/api/v1/articles/abc", "bad_parameter", "id"],
      ["/api/v1/articles/0", "bad_parameter", "id"],
    ] as const) {
      const res = await get(path);
      assert.equal(res.status, 400, path);
      const error = res.body.error as { code: string; message: string };
      assert.equal(error.code, code, path);
      assert.ok(error.message.includes(mention), `${path}: ${error.message}`);
    }
    const missing = await get("/api/v1/articles/999999");
    assert.equal(missing.status, 404);
    assert.equal((missing.body.error as { code: string }).code, "not_found");
  });

  test("every listed url is the article's own page", async () => {
    const repo = createArticleRepository(database());
    const list = (await get("/api/v1/articles?limit=100")).body.items as Summary[];
    for (const item of list) {
      const stored = await repo.getById(item.id);
      assert.ok(stored);
      assert.equal(item.url, articlePath(stored));
    }
  });
});
