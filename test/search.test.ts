import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { dayCover, dayNumber } from "../src/db/search-facets.ts";
import {
  createSearchRepository,
  type SearchRequest,
  type SearchResults,
} from "../src/db/search-repository.ts";
import { createSourceRepository } from "../src/db/source-repository.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import { isAppError } from "../src/domain/errors.ts";
import { highlightHtml } from "../src/domain/highlight.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const NOW = new Date("2026-11-28T12:00:00Z");
const DAY = 86_400_000;

function article(overrides: Partial<ArticleInput> & { headline: string }): ArticleInput {
  return {
    guid: `urn:test:${overrides.headline}`,
    kind: "own",
    status: "published",
    standfirst: null,
    body: "<p>Nothing to see.</p>",
    byline: null,
    language: "en",
    section: { slug: "world", name: "World" },
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: "2026-11-01T10:00:00.000Z",
    ...overrides,
  };
}

/** The only tags a snippet or headline may hold. */
function onlyMarks(html: string): boolean {
  return !/<(?!\/?mark>)/.test(html);
}

const request = (q: string, extra: Partial<SearchRequest> = {}): SearchRequest => ({
  q,
  sort: "relevance",
  page: 1,
  pageSize: 10,
  ...extra,
});

forEachDatabase("search", ({ database, dialect }) => {
  const ids: Record<string, number> = {};
  let sourceId = 0;

  before(async () => {
    const articles = createArticleRepository(database());
    const source = await createSourceRepository(database()).add({
      url: "http://127.0.0.1:9/harbour.xml",
      mode: "link",
      section: { slug: "business", name: "Business" },
      title: "Harbour Gazette",
    });
    sourceId = source.id;
    const save = async (key: string, input: ArticleInput) => {
      ids[key] = (await articles.save(input)).article.id;
    };
    await save(
      "cranes",
      article({
        headline: "Cranes return to the Lisbon harbour",
        standfirst: "Repairs finished early",
        body: "<p>The harbour cranes were repaired over the winter and lifted their first containers on Monday.</p>",
        section: { slug: "business", name: "Business" },
        sourceId,
        kind: "link",
        externalUrl: "https://example.org/cranes",
        publishedAt: "2026-10-05T08:00:00.000Z",
      }),
    );
    await save(
      "strike",
      article({
        headline: "Harbour strike ends after talks",
        body: "<p>Dockers went back to work.</p>",
        publishedAt: "2026-10-20T08:00:00.000Z",
      }),
    );
    await save(
      "hafen",
      article({
        headline: "Hafen von Hamburg: neue Kräne im harbour district",
        body: "<p>Die Kräne sind da.</p>",
        language: "de",
        publishedAt: "2026-10-21T08:00:00.000Z",
      }),
    );
    await save("draft", article({ headline: "Harbour secret draft plan", status: "draft" }));
    await save(
      "embargoed",
      article({
        headline: "Harbour embargoed budget",
        status: "scheduled",
        publishedAt: new Date(Date.now() + 30 * DAY).toISOString(),
      }),
    );
    await save(
      "duplicate",
      article({
        headline: "Cranes return to the Lisbon harbour again",
        body: "<p>The harbour cranes were repaired, a second copy.</p>",
        publishedAt: "2026-10-06T08:00:00.000Z",
      }),
    );
    await database()
      .db.updateTable("articles")
      .set({ duplicate_of: ids.cranes ?? null })
      .where("id", "=", ids.duplicate ?? 0)
      .execute();
    await save(
      "hostile",
      article({
        headline: 'Fish & chips <script>alert("x")</script> at the harbour',
        body: "<p>Prices &amp; taxes &lt;script&gt;steal()&lt;/script&gt; rose at the harbour.</p>",
        publishedAt: "2026-10-22T08:00:00.000Z",
      }),
    );
    await save(
      "pier",
      article({
        headline: "Pier reopens to walkers",
        section: { slug: "science", name: "Science" },
        publishedAt: "2026-08-01T06:00:00.000Z",
      }),
    );
    for (let n = 1; n <= 25; n++) {
      await save(
        `tidal${n}`,
        article({
          headline: `Tidal report ${n}`,
          body: `<p>Tidal measurements, day ${n}, taken at the pier.</p>`,
          section: { slug: "science", name: "Science" },
          publishedAt: new Date(Date.parse("2026-09-01T06:00:00Z") + n * DAY).toISOString(),
        }),
      );
    }
    // The planner's estimates (PostgreSQL's window) need statistics, as a live site has.
    if (dialect === "postgres") await sql`ANALYZE articles`.execute(database().db);
  });

  const search = (r: SearchRequest, window?: number): Promise<SearchResults> =>
    createSearchRepository(database(), { window }).search(r, NOW);

  test("hits are highlighted in the headline and the snippet", async () => {
    const found = await search(request("cranes"));
    assert.deepEqual(
      found.hits.map((h) => h.id),
      [ids.cranes],
    );
    const hit = found.hits[0];
    assert.ok(hit);
    assert.match(
      highlightHtml(hit.headlineHits),
      /<mark>Cranes<\/mark> return to the Lisbon harbour/,
    );
    assert.match(highlightHtml(hit.snippet), /harbour <mark>cranes<\/mark> were repaired/);
    assert.equal(hit.path, "/business/2026/10/05/cranes-return-to-the-lisbon-harbour");
    assert.deepEqual(hit.source, { id: sourceId, name: "Harbour Gazette" });
    assert.equal(hit.sectionName, "Business");
    assert.equal(hit.publishedAt, "2026-10-05T08:00:00.000Z");
    assert.equal(found.total, 1);
    assert.equal(found.totalExact, true);
  });

  test("drafts, embargoed articles and duplicates are never found", async () => {
    const found = await search(request("harbour", { pageSize: 50 }));
    const seen = new Set(found.hits.map((h) => h.id));
    for (const hidden of ["draft", "embargoed", "duplicate"]) {
      assert.ok(!seen.has(ids[hidden] ?? -1), `${hidden} must not be found`);
    }
    for (const shown of ["cranes", "strike", "hafen", "hostile"]) {
      assert.ok(seen.has(ids[shown] ?? -1), `${shown} must be found`);
    }
    assert.equal(found.total, 4);
    for (const q of ["secret", "embargoed", "again"]) {
      assert.equal((await search(request(q))).total, 0, q);
    }
  });

  test("a headline hit outranks body hits, even when older", async () => {
    const found = await search(request("pier", { pageSize: 50 }));
    assert.equal(found.total, 26);
    assert.equal(found.hits[0]?.id, ids.pier);
  });

  test("filters: section, source, language and dates", async () => {
    const only = async (extra: Partial<SearchRequest>) =>
      (await search(request("harbour", { pageSize: 50, ...extra }))).hits.map((h) => h.id).sort();
    assert.deepEqual(await only({ section: "business" }), [ids.cranes]);
    assert.deepEqual(await only({ section: "no-such-section" }), []);
    assert.deepEqual(await only({ source: sourceId }), [ids.cranes]);
    assert.deepEqual(await only({ language: "de" }), [ids.hafen]);
    assert.deepEqual(
      await only({
        from: new Date("2026-10-20T00:00:00Z"),
        to: new Date("2026-10-22T00:00:00Z"),
      }),
      [ids.strike, ids.hafen].sort(),
    );
  });

  test("pages: no result twice, the last page says there is no next", async () => {
    const seen = new Set<number>();
    for (let page = 1; page <= 3; page++) {
      const found = await search(request("tidal", { page }));
      assert.equal(found.total, 25);
      assert.equal(found.hits.length, page < 3 ? 10 : 5);
      assert.equal(found.hasNext, page < 3);
      for (const h of found.hits) {
        assert.ok(!seen.has(h.id), "no article twice");
        seen.add(h.id);
      }
    }
    assert.equal(seen.size, 25);
    const beyond = await search(request("tidal", { page: 4 }));
    assert.deepEqual(beyond.hits, []);
    assert.equal(beyond.hasNext, false);
  });

  test("newest first, and a small window still fills every page", async () => {
    const newest = await search(request("tidal", { sort: "newest", pageSize: 25 }));
    assert.deepEqual(
      newest.hits.map((h) => h.headline),
      Array.from({ length: 25 }, (_, i) => `Tidal report ${25 - i}`),
    );
    for (const sort of ["relevance", "newest"] as const) {
      const seen = new Set<number>();
      for (let page = 1; page <= 3; page++) {
        const found = await search(request("tidal", { sort, page }), 4);
        assert.equal(found.hits.length, page < 3 ? 10 : 5, `${sort} page ${page}`);
        for (const h of found.hits) seen.add(h.id);
        assert.ok(found.total >= found.hits.length);
      }
      assert.equal(seen.size, 25, sort);
    }
  });

  test("past the window the total is an estimate, never below what was found", async () => {
    const windowed = await search(request("tidal", { pageSize: 3 }), 4);
    assert.equal(windowed.totalExact, false, "5 of 25 matches seen: the rest estimated");
    assert.ok(windowed.total >= 5 && windowed.total <= 60, String(windowed.total));
    assert.equal(windowed.hits.length, 3);
    assert.equal(windowed.hasNext, true);
    const whole = await search(request("tidal", { pageSize: 3 }), 25);
    assert.equal(whole.totalExact, true);
    assert.equal(whole.total, 25);
  });

  test("facet words follow an article's date, section, source and language", {
    skip: dialect !== "postgres" && "facets are PostgreSQL's",
  }, async () => {
    const { db } = database();
    const articles = createArticleRepository(database());
    const saved = await articles.save(
      article({
        headline: "Lighthouse keeper retires",
        section: { slug: "business", name: "Business" },
        sourceId,
        kind: "link",
        publishedAt: "2026-06-10T23:30:00.000Z",
      }),
    );
    const id = saved.article.id;
    const section = await db
      .selectFrom("sections")
      .select("id")
      .where("slug", "=", "business")
      .executeTakeFirstOrThrow();
    const facetsOf = (at: string) => {
      const day = dayNumber(Date.parse(at));
      const blocks = [1, 8, 64, 512, 4096].flatMap((size) => {
        const lo = Math.floor(day / size) * size;
        return dayCover(lo, lo + size - 1);
      });
      return [...blocks, `s${section.id}`, `o${sourceId}`, "len", "a"]
        .map((w) => `'${w}'`)
        .join(" & ");
    };
    const has = async (words: string) =>
      (
        await sql<{ ok: boolean }>`SELECT search_facets @@ ${words}::tsquery AS ok
          FROM articles WHERE id = ${id}`.execute(db)
      ).rows[0]?.ok;
    assert.equal(await has(facetsOf("2026-06-10T23:30:00.000Z")), true);
    assert.equal(await has(facetsOf("2026-06-11T00:30:00.000Z")), false, "days are UTC days");
    await db
      .updateTable("articles")
      .set({ published_at: "2026-09-15T08:00:00.000Z" })
      .where("id", "=", id)
      .execute();
    assert.equal(await has(facetsOf("2026-09-15T08:00:00.000Z")), true, "kept by the database");
    const found = await search(
      request("lighthouse", {
        from: new Date("2026-09-15T00:00:00Z"),
        to: new Date("2026-09-16T00:00:00Z"),
      }),
      1,
    );
    assert.deepEqual(
      found.hits.map((h) => h.id),
      [id],
    );
    await db.deleteFrom("articles").where("id", "=", id).execute();
  });

  test("stored markup and ampersands come out escaped; only <mark> is markup", async () => {
    const chips = (await search(request("chips"))).hits[0];
    assert.ok(chips);
    const chipsHeadline = highlightHtml(chips.headlineHits);
    assert.ok(onlyMarks(chipsHeadline), chipsHeadline);
    assert.match(chipsHeadline, /Fish &amp; <mark>chips<\/mark> &lt;script&gt;/);
    const taxes = (await search(request("taxes"))).hits[0];
    assert.ok(taxes);
    const taxesSnippet = highlightHtml(taxes.snippet);
    assert.ok(onlyMarks(taxesSnippet), taxesSnippet);
    assert.match(taxesSnippet, /Prices &amp; <mark>taxes<\/mark> /);
    // FTS5 keeps the text as stored; ts_headline drops what looks like a tag. Either way,
    // nothing in it is markup.
    assert.match(taxesSnippet, /&lt;script&gt;steal\(\)&lt;\/script&gt;|[^<]steal\(\)/);
    // Storage gives plain text and ranges; markup is made only when rendering.
    assert.match(chips.headlineHits.text, /^Fish & chips <script>/);
    const [start, end] = chips.headlineHits.highlights[0] ?? [0, 0];
    assert.equal(chips.headlineHits.text.slice(start, end), "chips");
  });

  test("an embargo lifted long ago counts as the archive's start, as every visible article does", async () => {
    // Older than every published article: the archive begins with it, so a search of its
    // month finds it (the start was once read from published articles only).
    const { article: lifted } = await createArticleRepository(database()).save(
      article({
        headline: "Zeppelin hangar opens after embargo",
        status: "scheduled",
        publishedAt: "2020-03-01T08:00:00.000Z",
      }),
    );
    try {
      const found = await search(
        request("zeppelin", {
          from: new Date("2020-02-01T00:00:00Z"),
          to: new Date("2020-04-01T00:00:00Z"),
        }),
      );
      assert.deepEqual(
        found.hits.map((h) => h.id),
        [lifted.id],
      );
      assert.deepEqual(
        (await search(request("zeppelin"))).hits.map((h) => h.id),
        [lifted.id],
      );
    } finally {
      await database()
        .db.deleteFrom("article_revisions")
        .where("article_id", "=", lifted.id)
        .execute();
      await database().db.deleteFrom("articles").where("id", "=", lifted.id).execute();
    }
  });

  test("a query with nothing to search for is a bad_query", async () => {
    await assert.rejects(
      search(request("!!! ...")),
      (e) => isAppError(e) && e.code === "bad_query",
    );
  });

  describe("over HTTP", () => {
    let server: RunningServer;
    before(async () => {
      server = await startServer(database());
    });
    after(async () => server.stop());

    const json = async (path: string) => {
      const res = await fetch(`${server.base}${path}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    test("GET /api/v1/search gives the documented fields", async () => {
      const res = await json("/api/v1/search?q=cranes");
      assert.equal(res.status, 200);
      const items = res.body.items as Record<string, unknown>[];
      assert.deepEqual(Object.keys(items[0] ?? {}), [
        "id",
        "headline",
        "url",
        "snippet",
        "section",
        "source",
        "language",
        "publishedAt",
      ]);
      assert.equal(items[0]?.url, "/business/2026/10/05/cranes-return-to-the-lisbon-harbour");
      assert.equal(items[0]?.section, "business");
      assert.match(String(items[0]?.snippet), /<mark>cranes<\/mark>/);
      assert.equal(res.body.total, 1);
      assert.equal(res.body.page, 1);
      assert.equal(res.body.next, null);
      const paged = await json("/api/v1/search?q=tidal&limit=10&page=2&sort=newest");
      assert.equal(paged.body.next, 3);
      assert.equal((paged.body.items as unknown[]).length, 10);
      const dated = await json("/api/v1/search?q=harbour&from=2026-10-20&to=2026-10-21");
      assert.deepEqual(
        (dated.body.items as { id: number }[]).map((i) => i.id).sort(),
        [ids.strike, ids.hafen].sort(),
      );
    });

    test("bad parameters are 400s naming the parameter", async () => {
      const cases: [string, string][] = [
        ["/api/v1/search", "bad_parameter"],
        ["/api/v1/search?q=", "bad_parameter"],
        ["/api/v1/search?q=%21%21%21", "bad_query"],
        ["/api/v1/search?q=a&limit=51", "bad_parameter"],
        ["/api/v1/search?q=a&page=0", "bad_parameter"],
        ["/api/v1/search?q=a&page=abc", "bad_parameter"],
        ["/api/v1/search?q=a&limit=10&page=101", "bad_parameter"],
        ["/api/v1/search?q=a&from=2026-13-01", "bad_parameter"],
        ["/api/v1/search?q=a&from=2026-11-02&to=2026-11-01", "bad_parameter"],
        ["/api/v1/search?q=a&sort=best", "bad_parameter"],
        ["/api/v1/search?q=a&section=Not%20A%20Slug", "bad_parameter"],
        ["/api/v1/search?q=a&language=english", "bad_parameter"],
        ["/api/v1/search?q=a&source=x", "bad_parameter"],
        ["/api/v1/search?q=a&q=b", "bad_parameter"],
        ["/api/v1/search?q=a&colour=red", "bad_parameter"],
      ];
      for (const [path, code] of cases) {
        const res = await json(path);
        assert.equal(res.status, 400, path);
        const error = res.body.error as { code: string; message: string };
        assert.equal(error.code, code, path);
        assert.ok(error.message.length > 0);
      }
    });

    const page = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.base}${path}`, { headers });
      return { res, html: await res.text() };
    };

    test("the search page renders results with highlights and pages", async () => {
      const { res, html } = await page("/search?q=tidal&section=science");
      assert.equal(res.status, 200);
      assert.match(html, /<meta name="robots" content="noindex"\/>/, "filtered: not indexed");
      const plain = await page("/search?q=tidal");
      assert.doesNotMatch(plain.html, /noindex/, "a plain query's first page may be indexed");
      assert.match(
        plain.html,
        /<link rel="canonical" href="http:\/\/127.0.0.1:3999\/search\?q=tidal"\/>/,
      );
      assert.equal([...html.matchAll(/<h1[\s>]/g)].length, 1);
      assert.match(html, /<search><form class="search-form" action="\/search" method="get">/);
      assert.match(html, /<label for="search-q">Search for<\/label>/);
      assert.match(html, /<input type="search" id="search-q" name="q" value="tidal"/);
      assert.match(html, /<option value="science" selected>Science<\/option>/);
      assert.match(html, /<button type="submit">Search<\/button>/);
      assert.match(html, /25 results for “tidal”/);
      assert.match(html, /<mark>Tidal<\/mark> report/);
      assert.match(html, /<a href="\/search\?q=tidal&amp;section=science&amp;page=2" rel="next">/);
      assert.doesNotMatch(html, /rel="prev"/);
      const second = await page("/search?q=tidal&section=science&page=2");
      assert.match(second.html, /rel="prev"/);
      assert.match(second.html, /<ol class="river search-results" start="11">/);
    });

    test("escaped on the page too", async () => {
      const { html } = await page("/search?q=chips");
      assert.doesNotMatch(html, /<script>alert/);
      assert.match(html, /Fish &amp; <mark>chips<\/mark> &lt;script&gt;alert/);
    });

    test("no results: help with spelling, fewer words and removing filters", async () => {
      const { res, html } = await page("/search?q=harbour+zzyzx&language=de");
      assert.equal(res.status, 200);
      assert.match(html, /No results for “harbour zzyzx”/);
      assert.match(html, /Check the spelling/);
      assert.match(html, /<a href="\/search\?q=harbour&amp;language=de">harbour<\/a>/);
      assert.match(html, /<a href="\/search\?q=harbour\+zzyzx">search all sections/);
      assert.match(html, /<a href="\/">the latest news<\/a>/);
    });

    test("an empty form explains; a bad date is a 400 page that says why", async () => {
      const empty = await page("/search");
      assert.equal(empty.res.status, 200);
      assert.match(empty.html, /Every word you type must appear/);
      assert.doesNotMatch(empty.html, /noindex/);
      const blank = await page("/search?q=&section=&source=&language=&from=&to=&sort=relevance");
      assert.equal(blank.res.status, 200, "a GET form sends its empty fields");
      const bad = await page("/search?q=harbour&from=2026-02-30");
      assert.equal(bad.res.status, 400);
      assert.match(bad.html, /role="alert">The “from” date is not a date/);
      assert.match(bad.html, /value="harbour"/, "the form keeps what was typed");
      const punctuation = await page("/search?q=%21%21%21");
      assert.equal(punctuation.res.status, 400);
      assert.match(punctuation.html, /Type a word to search for/);
    });

    test("equal searches share one cached page, with ETag and 304", async () => {
      const first = await page("/search?q=cranes&sort=relevance&utm_source=x");
      const second = await page("/search?sort=&q=cranes");
      const etag = first.res.headers.get("etag");
      assert.ok(etag);
      assert.equal(second.res.headers.get("etag"), etag);
      assert.match(first.res.headers.get("cache-control") ?? "", /^public/);
      const again = await fetch(`${server.base}/search?q=cranes`, {
        headers: { "if-none-match": etag },
      });
      assert.equal(again.status, 304);
      const gz = await page("/search?q=cranes", { "accept-encoding": "gzip" });
      assert.equal(gz.res.headers.get("content-encoding"), "gzip");
      assert.match(gz.html, /<mark>Cranes<\/mark>/);
    });
  });
});
