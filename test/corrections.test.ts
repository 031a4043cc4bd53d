import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import type { Article } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import type { User } from "../src/domain/user.ts";
import { hashSecret } from "../src/newsroom/session-auth.ts";
import { forEachDatabase } from "./support/databases.ts";
import { createUser, NewsroomClient } from "./support/newsroom.ts";
import { importSeed, type RunningServer, startServer } from "./support/server.ts";

async function read(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

/** The `<lastmod>` of `loc` in whichever child sitemap lists it. */
async function lastmodOf(base: string, loc: string): Promise<string | null> {
  const index = await read(`${base}/sitemap.xml`);
  for (const [, child = ""] of index.body.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const page = await read(`${base}${new URL(child).pathname}`);
    const at = page.body.indexOf(`<loc>${loc}</loc>`);
    if (at >= 0) return /<lastmod>([^<]+)<\/lastmod>/.exec(page.body.slice(at))?.[1] ?? null;
  }
  return null;
}

forEachDatabase("corrections that travel, and revision history", ({ database }) => {
  let server: RunningServer;
  let seed: Article;
  let seedPath = "";
  let editorUser: User;
  let reporterUser: User;
  let editor: NewsroomClient;
  let reporter: NewsroomClient;

  before(async () => {
    seed = await importSeed(database());
    seedPath = articlePath(seed) ?? "";
    server = await startServer(database(), { INGEST: "off" });
    editorUser = await createUser(server.dispatch, "editor");
    reporterUser = await createUser(server.dispatch, "reporter");
    editor = new NewsroomClient(server.base);
    reporter = new NewsroomClient(server.base, "127.0.0.2");
    assert.equal((await editor.signIn(editorUser.email)).status, 303);
    assert.equal((await reporter.signIn(reporterUser.email)).status, 303);
  });
  after(async () => {
    await server?.stop();
  });

  test("a correction on an imported wire article reaches its page, JSON-LD, every feed and the sitemap; the URL stays", async () => {
    const { base } = server;
    const loc = `${server.dispatch.config.SITE_URL}${seedPath}`;
    const before = {
      page: await read(`${base}${seedPath}`),
      json: JSON.parse((await read(`${base}/feed.json`)).body) as {
        items: { url: string; date_modified: string }[];
      },
      lastmod: await lastmodOf(base, loc),
    };
    assert.equal(before.page.status, 200);
    assert.doesNotMatch(before.page.body, /class="correction-notice"/);
    const item = before.json.items.find((i) => i.url === loc);
    assert.ok(item, "the seed is in the JSON feed");
    assert.ok(before.lastmod);

    const form = await editor.get(`/newsroom/articles/${seed.id}/corrections`);
    assert.equal(form.status, 200);
    assert.match(form.body, /This article has no correction/);
    const text =
      'An earlier version said the summit ended on Tuesday; it ended on Wednesday. <b>"quoted"</b>';
    const sent = await editor.post(`/newsroom/articles/${seed.id}/corrections`, { text });
    assert.equal(sent.status, 303, sent.body.slice(0, 300));
    assert.equal(sent.location, `/newsroom/articles/${seed.id}/corrections?done=added`);
    const listed = await editor.get(sent.location ?? "");
    assert.match(listed.body, /Correction published/);
    assert.match(listed.body, /it ended on Wednesday\. &lt;b>/, "escaped on the desk");

    const page = await read(`${base}${seedPath}`);
    assert.equal(page.status, 200, "the article keeps its URL");
    assert.match(page.body, /class="correction-notice"/);
    assert.match(
      page.body,
      /<time datetime="\d{4}-\d\d-\d\dT[^"]+">[^<]+<\/time><p>An earlier version said/,
    );
    assert.match(
      page.body,
      /&lt;b>&quot;quoted&quot;&lt;\/b>|&lt;b>"quoted"&lt;\/b>/,
      "text, not markup",
    );
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)?.[1] ?? "";
    const graph = (JSON.parse(ld) as { "@graph": Record<string, unknown>[] })["@graph"];
    const news = graph.find((n) => n["@type"] === "NewsArticle");
    assert.ok(news);
    const [correction] = news.correction as {
      "@type": string;
      text: string;
      datePublished: string;
    }[];
    assert.equal(correction?.["@type"], "CorrectionComment");
    assert.equal(correction?.text, text);
    assert.ok(Date.parse(String(news.dateModified)) >= Date.parse(correction?.datePublished ?? ""));
    assert.ok(String(news.dateModified) > String(seed.updatedAt), "dateModified moved");

    const rss = await read(`${base}/feed.xml`);
    assert.match(rss.body, /<description>Correction \([^)]+\): An earlier version said/);
    assert.match(rss.body, /<atom:updated>/);
    const atom = await read(`${base}/feed.atom`);
    const entry = atom.body.slice(atom.body.indexOf(`<id>${loc}</id>`));
    assert.match(entry, /<summary type="text">Correction \(/);
    const updated = /<updated>([^<]+)<\/updated>/.exec(entry)?.[1] ?? "";
    assert.ok(updated > (item?.date_modified ?? ""), "Atom <updated> is newer");
    const json = JSON.parse((await read(`${base}/feed.json`)).body) as {
      items: { url: string; date_modified: string; summary: string }[];
    };
    const after = json.items.find((i) => i.url === loc);
    assert.ok(
      after && after.date_modified > (item?.date_modified ?? ""),
      "JSON Feed date_modified is newer",
    );
    assert.match(after?.summary ?? "", /^Correction \(/);
    const lastmod = await lastmodOf(base, loc);
    assert.ok(
      lastmod && lastmod > (before.lastmod ?? ""),
      `sitemap lastmod ${lastmod} > ${before.lastmod}`,
    );

    const audit = await database()
      .db.selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("target_type", "=", "article")
      .where("target_id", "=", String(seed.id))
      .execute();
    assert.ok(
      audit.some((a) => a.action === "article.correct" && Number(a.actor_id) === editorUser.id),
    );
  });

  test("bad corrections are refused with a message, and only editors may correct", async () => {
    await editor.get(`/newsroom/articles/${seed.id}/corrections`);
    const empty = await editor.post(`/newsroom/articles/${seed.id}/corrections`, { text: "   " });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /Write the correction: what was wrong and what is right/);
    assert.match(empty.body, /id="co-text"[^>]*aria-invalid="true"/);
    const long = await editor.post(`/newsroom/articles/${seed.id}/corrections`, {
      text: "x".repeat(2001),
    });
    assert.equal(long.status, 400);
    assert.match(long.body, /longer than 2000 characters/);
    assert.equal((await editor.get("/newsroom/articles/999999/corrections")).status, 404);
    assert.equal((await editor.get("/newsroom/articles/abc/corrections")).status, 404);
    assert.equal((await reporter.get(`/newsroom/articles/${seed.id}/corrections`)).status, 403);
    await reporter.get("/newsroom");
    const refused = await reporter.post(`/newsroom/articles/${seed.id}/corrections`, {
      text: "No.",
    });
    assert.equal(refused.status, 403);
    const noCsrf = await editor.request("POST", `/newsroom/articles/${seed.id}/corrections`, {
      form: { text: "Forged" },
    });
    assert.equal(noCsrf.status, 403, "no CSRF token, no correction");
    const corrections = await server.dispatch.corrections.forArticle(seed.id);
    assert.ok(corrections.every((c) => !["No.", "Forged"].includes(c.text)));
  });

  test("the API corrects with an editor's token; a draft cannot be corrected; a reporter's token is refused", async () => {
    const { dispatch, base } = server;
    const token = (role: "editor" | "reporter") => {
      const secret = randomBytes(24).toString("base64url");
      return dispatch.tokens
        .create({
          name: `${role}-bot`,
          tokenHash: hashSecret(secret),
          role,
          createdBy: editorUser.id,
          now: new Date(),
        })
        .then(() => secret);
    };
    const [editorToken, reporterToken] = [await token("editor"), await token("reporter")];
    const client = new NewsroomClient(base);
    const api = (url: string, json: unknown, secret = editorToken) =>
      client.request("POST", url, { json, headers: { authorization: `Bearer ${secret}` } });
    const error = (body: string) =>
      (JSON.parse(body) as { error: { code: string; field?: string } }).error;

    const made = await api(`/api/v1/articles/${seed.id}/corrections`, {
      text: "The minister's name was misspelt.",
    });
    assert.equal(made.status, 201, made.body);
    const { correction } = JSON.parse(made.body) as {
      correction: { articleId: number; text: string };
    };
    assert.equal(correction.articleId, seed.id);
    assert.match((await read(`${base}${seedPath}`)).body, /Corrections \(2\)/);

    const missing = await api(`/api/v1/articles/${seed.id}/corrections`, {});
    assert.equal(missing.status, 400);
    assert.equal(error(missing.body).field, "text");
    const wrongType = await api(`/api/v1/articles/${seed.id}/corrections`, { text: { a: 1 } });
    assert.equal(wrongType.status, 400);
    assert.equal((await api("/api/v1/articles/999999/corrections", { text: "x" })).status, 404);
    assert.equal(
      (await api(`/api/v1/articles/${seed.id}/corrections`, { text: "x" }, reporterToken)).status,
      403,
    );

    const draft = await api("/api/v1/articles", {
      headline: "Not yet out",
      section: seed.sectionSlug,
      body: "Draft text.",
    });
    assert.equal(draft.status, 201, draft.body);
    const draftId = (JSON.parse(draft.body) as { article: { id: number } }).article.id;
    const notOut = await api(`/api/v1/articles/${draftId}/corrections`, { text: "Too early." });
    assert.equal(notOut.status, 409);
    assert.equal(error(notOut.body).code, "not_published");
  });

  test("history compares any two revisions word by word, and restore fills only the working copy", async () => {
    const { base } = server;
    await editor.get("/newsroom/articles/new");
    const made = await editor.post("/newsroom/articles", {
      headline: "Ferry strike ends",
      standfirst: "",
      section: seed.sectionSlug,
      tags: "",
      byline: "",
      slug: "",
      body: "Crews voted to return on Monday morning.",
    });
    assert.equal(made.status, 303, made.body.slice(0, 300));
    const id = Number(/articles\/(\d+)/.exec(made.location ?? "")?.[1]);
    await editor.get(`/newsroom/articles/${id}`);
    assert.equal(
      (await editor.post(`/newsroom/articles/${id}/publish`, { mode: "now" })).status,
      303,
    );
    const first = await server.dispatch.newsroomArticles.get(id);
    assert.ok(first);
    await editor.get(`/newsroom/articles/${id}`);
    const saved = await editor.post(`/newsroom/articles/${id}`, {
      version: String(first.draft.version),
      headline: "Ferry strike ends",
      standfirst: "",
      section: seed.sectionSlug,
      tags: "",
      byline: first.draft.byline,
      slug: first.draft.slug,
      body: "Crews voted to return on Tuesday evening.",
    });
    assert.equal(saved.status, 303, saved.body.slice(0, 300));
    await editor.get(`/newsroom/articles/${id}`);
    assert.equal(
      (await editor.post(`/newsroom/articles/${id}/publish`, { mode: "now" })).status,
      303,
    );

    const history = await editor.get(`/newsroom/articles/${id}/history`);
    assert.equal(history.status, 200);
    assert.match(history.body, /Revision 2 ·/);
    assert.match(history.body, /Revision 1 ·/);
    assert.match(history.body, /<del>Monday morning<\/del>|<del>Monday<\/del>/);
    assert.match(history.body, /<ins>Tuesday evening<\/ins>|<ins>Tuesday<\/ins>/);
    const picked = await editor.get(`/newsroom/articles/${id}/history?from=2&to=1`);
    assert.match(picked.body, /<del>Monday/, "the older one is always on the left");
    const same = await editor.get(`/newsroom/articles/${id}/history?from=1&to=1`);
    assert.equal(same.status, 200);

    const reader = (await server.dispatch.newsroomArticles.get(id)) as NonNullable<
      Awaited<ReturnType<typeof server.dispatch.newsroomArticles.get>>
    >;
    const readerPath = articlePath({
      sectionSlug: reader.sectionSlug,
      slug: reader.slug,
      publishedAt: reader.publishedAt,
    });
    const version = /name="version" value="(\d+)"/.exec(history.body)?.[1] ?? "";
    const stale = await editor.post(`/newsroom/articles/${id}/history/1/restore`, {
      version: String(Number(version) - 1),
    });
    assert.equal(stale.status, 409, "a restore on a stale page is refused");
    const restored = await editor.post(`/newsroom/articles/${id}/history/1/restore`, { version });
    assert.equal(restored.status, 303);
    assert.equal(restored.location, `/newsroom/articles/${id}?done=restored`);
    const after = await server.dispatch.newsroomArticles.get(id);
    assert.equal(after?.draft.bodySource, "Crews voted to return on Monday morning.");
    const page = await read(`${base}${readerPath}`);
    assert.match(page.body, /Tuesday evening/, "readers still see what was published");
    assert.doesNotMatch(page.body, /Monday morning/);
    assert.equal(
      (await editor.post(`/newsroom/articles/${id}/history/9/restore`, { version })).status,
      404,
    );
    assert.equal((await editor.post(`/newsroom/articles/${id}/history/1/restore`, {})).status, 400);

    // Another reporter's article: neither its history nor a restore.
    assert.equal((await reporter.get(`/newsroom/articles/${id}/history`)).status, 403);
    await reporter.get("/newsroom");
    assert.equal(
      (await reporter.post(`/newsroom/articles/${id}/history/1/restore`, { version })).status,
      403,
    );
  });
});
