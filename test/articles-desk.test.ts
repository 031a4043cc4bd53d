import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import sharp from "sharp";
import { createArticleRepository } from "../src/db/article-repository.ts";
import { articlePath } from "../src/domain/article-path.ts";
import type { User } from "../src/domain/user.ts";
import { hashSecret } from "../src/newsroom/session-auth.ts";
import { forEachDatabase } from "./support/databases.ts";
import { createUser, NewsroomClient } from "./support/newsroom.ts";
import { type RunningServer, startServer } from "./support/server.ts";

async function read(url: string) {
  const res = await fetch(url, { redirect: "manual" });
  return { status: res.status, body: await res.text(), type: res.headers.get("content-type") };
}

const word = () => `zq${randomBytes(5).toString("hex")}`;

forEachDatabase("writing and publishing", ({ database }) => {
  let server: RunningServer;
  let dataDir: string;
  let reporter: NewsroomClient;
  let reporterUser: User;
  let other: NewsroomClient;
  let editor: NewsroomClient;
  let editorUser: User;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "dispatch-articles-"));
    server = await startServer(database(), { INGEST: "off", DATA_DIR: dataDir });
    // The sections the editor offers: made by the site's own storage, with an article each.
    const articles = createArticleRepository(database());
    for (const [slug, name] of [
      ["world", "World"],
      ["business", "Business"],
    ] as const) {
      await articles.save({
        guid: null,
        kind: "own",
        status: "published",
        headline: `Filler ${name}`,
        standfirst: null,
        body: "<p>Filler.</p>",
        byline: null,
        language: "en",
        section: { slug, name },
        slug: null,
        canonicalUrl: null,
        externalUrl: null,
        publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
      });
    }
    reporterUser = await createUser(server.dispatch, "reporter");
    editorUser = await createUser(server.dispatch, "editor");
    reporter = new NewsroomClient(server.base);
    other = new NewsroomClient(server.base, "127.0.0.2");
    editor = new NewsroomClient(server.base, "127.0.0.3");
    assert.equal((await reporter.signIn(reporterUser.email)).status, 303);
    assert.equal(
      (await other.signIn((await createUser(server.dispatch, "reporter")).email)).status,
      303,
    );
    assert.equal((await editor.signIn(editorUser.email)).status, 303);
  });
  after(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function draft(
    client: NewsroomClient,
    fields: Record<string, string> = {},
  ): Promise<{ id: number; headline: string; secret: string }> {
    const secret = word();
    const headline = fields.headline ?? `Harbour bridge reopens ${secret}`;
    await client.get("/newsroom/articles/new");
    const answer = await client.post("/newsroom/articles", {
      headline,
      standfirst: "Traffic returns after two years of repairs.",
      section: "world",
      tags: "transport, city",
      byline: "",
      slug: "",
      body: `The bridge opened at dawn, the mayor said. ${secret} marks this text.\n\nCars crossed within minutes.`,
      ...fields,
    });
    assert.equal(answer.status, 303, answer.body.slice(0, 400));
    const id = Number(/\/newsroom\/articles\/(\d+)\?done=created/.exec(answer.location ?? "")?.[1]);
    assert.ok(id > 0);
    return { id, headline, secret };
  }

  async function publish(id: number, fields: Record<string, string> = { mode: "now" }) {
    await editor.get(`/newsroom/articles/${id}`);
    return editor.post(`/newsroom/articles/${id}/publish`, fields);
  }

  async function readerPathOf(id: number): Promise<string> {
    const article = await server.dispatch.newsroomArticles.get(id);
    assert.ok(article?.publishedAt);
    const p = articlePath({
      sectionSlug: article.sectionSlug,
      slug: article.slug,
      publishedAt: article.publishedAt,
    });
    assert.ok(p);
    return p;
  }

  async function auditActions(id: number): Promise<string[]> {
    const rows = await database()
      .db.selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "article")
      .where("target_id", "=", String(id))
      .orderBy("id")
      .execute();
    return rows.map((r) => r.action);
  }

  /** Every output a reader or a machine reads, each asked whether it names `needle`. */
  async function outputs(needle: string, articleUrl: string | null) {
    const sitemapIndex = await read(`${server.base}/sitemap.xml`);
    const children = [...sitemapIndex.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (m) => new URL(m[1] ?? "").pathname,
    );
    const sitemapBodies = await Promise.all(children.map((p) => read(`${server.base}${p}`)));
    const urlNeedle = articleUrl ?? "\u0000";
    const result = {
      home: (await read(`${server.base}/`)).body.includes(needle),
      section: (await read(`${server.base}/section/world`)).body.includes(needle),
      feed: (await read(`${server.base}/feed.xml`)).body.includes(needle),
      atom: (await read(`${server.base}/feed.atom`)).body.includes(needle),
      jsonFeed: (await read(`${server.base}/feed.json`)).body.includes(needle),
      sectionFeed: (await read(`${server.base}/section/world/feed.xml`)).body.includes(needle),
      sitemaps: sitemapBodies.some((s) => s.body.includes(urlNeedle)),
      newsSitemap: (await read(`${server.base}/sitemaps/news.xml`)).body.includes(urlNeedle),
      search: (await read(`${server.base}/search?q=${encodeURIComponent(needle)}`)).body.includes(
        urlNeedle,
      ),
      apiSearch: (
        await read(`${server.base}/api/v1/articles?q=${encodeURIComponent(needle)}`)
      ).body.includes(needle),
      api: (await read(`${server.base}/api/v1/articles?limit=100`)).body.includes(needle),
      page: articleUrl ? (await read(`${server.base}${articleUrl}`)).status : 0,
    };
    return result;
  }

  test("create → preview → publish: on the home page and in /feed.xml, every step audited", async () => {
    const { id, headline, secret } = await draft(reporter);
    const editorPage = await reporter.get(`/newsroom/articles/${id}`);
    assert.equal(editorPage.status, 200);
    assert.match(editorPage.body, /Draft<\/span>/);
    assert.match(editorPage.body, new RegExp(`href="/newsroom/articles/${id}/history"`));
    assert.match(editorPage.body, new RegExp(`href="/newsroom/articles/${id}/corrections"`));
    assert.match(editorPage.body, /<script src="\/newsroom\/assets\/editor\.[0-9a-f]{12}\.js"/);

    const preview = await reporter.get(`/newsroom/articles/${id}/preview`);
    assert.equal(preview.status, 200);
    assert.match(preview.body, /<article class="article">/);
    assert.ok(preview.body.includes(`<h1>${headline}</h1>`));
    assert.match(preview.body, /<p>The bridge opened at dawn, the mayor said\./);
    assert.ok(preview.body.includes("By Reporter"), "the byline defaults to the writer's name");

    // Readers see nothing yet.
    assert.equal((await read(`${server.base}/`)).body.includes(secret), false);

    const published = await publish(id);
    assert.equal(published.status, 303);
    assert.equal(published.location, `/newsroom/articles/${id}?done=published`);
    const url = await readerPathOf(id);
    const page = await read(`${server.base}${url}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(secret));
    assert.ok((await read(`${server.base}/`)).body.includes(headline));
    assert.ok((await read(`${server.base}/feed.xml`)).body.includes(headline));
    assert.deepEqual(await auditActions(id), ["article.create", "article.publish"]);
  });

  test("a reporter cannot publish (403), nor open another reporter's article; an editor can", async () => {
    const { id } = await draft(reporter);
    await reporter.get(`/newsroom/articles/${id}`);
    const tried = await reporter.post(`/newsroom/articles/${id}/publish`, { mode: "now" });
    assert.equal(tried.status, 403);
    assert.equal((await other.get(`/newsroom/articles/${id}`)).status, 403);
    await other.get("/newsroom/articles");
    assert.equal(
      (await other.post(`/newsroom/articles/${id}`, { version: "1", headline: "Mine now" })).status,
      403,
    );
    assert.equal((await editor.get(`/newsroom/articles/${id}`)).status, 200);

    // The reporter's own list holds only their articles; the editor's everything.
    const mine = await other.get("/newsroom/articles");
    assert.equal(mine.status, 200);
    assert.ok(!mine.body.includes(`/newsroom/articles/${id}"`));
    assert.ok((await editor.get("/newsroom/articles")).body.includes(`/newsroom/articles/${id}"`));

    // Submit for review, then the editor's list filtered by it shows it.
    await reporter.get(`/newsroom/articles/${id}`);
    assert.equal((await reporter.post(`/newsroom/articles/${id}/submit`)).status, 303);
    const submitted = await editor.get("/newsroom/articles?status=submitted");
    assert.ok(submitted.body.includes(`/newsroom/articles/${id}"`));
    assert.ok(
      !(await editor.get("/newsroom/articles?status=draft")).body.includes(
        `/newsroom/articles/${id}"`,
      ),
    );

    // The API says the same with a reporter's token.
    const secret = randomBytes(24).toString("base64url");
    await server.dispatch.tokens.create({
      name: "reporter-bot",
      tokenHash: hashSecret(secret),
      role: "reporter",
      createdBy: reporterUser.id,
      now: new Date(),
    });
    const api = await reporter.request("POST", `/api/v1/articles/${id}/publish`, {
      json: {},
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(api.status, 403);
    assert.equal(JSON.parse(api.body).error.code, "forbidden");
    assert.deepEqual(await auditActions(id), ["article.create", "article.submit"]);
  });

  test("a save on a stale version is refused with 409 and both texts side by side; nothing lost", async () => {
    const { id } = await draft(reporter);
    const mineText = `Mine says ${word()}.`;
    const theirsText = `Theirs says ${word()}.`;
    // Both open version 1; the editor saves first.
    await reporter.get(`/newsroom/articles/${id}`);
    await editor.get(`/newsroom/articles/${id}`);
    const first = await editor.post(`/newsroom/articles/${id}`, {
      version: "1",
      headline: "Harbour bridge reopens",
      section: "world",
      body: theirsText,
    });
    assert.equal(first.status, 303);
    const second = await reporter.post(`/newsroom/articles/${id}`, {
      version: "1",
      headline: "Harbour bridge reopens",
      section: "world",
      body: mineText,
    });
    assert.equal(second.status, 409);
    assert.ok(second.body.includes(mineText), "my text is on the page");
    assert.ok(second.body.includes(theirsText), "their text is on the page");
    assert.match(second.body, /Your version[\s\S]*Saved version/);
    assert.match(second.body, /Keep mine/);
    assert.match(second.body, /Keep theirs/);
    assert.match(
      second.body,
      /<textarea id="ar-merge-body" name="body"[^>]*>[\s\S]*Theirs says[\s\S]*Mine says/,
    );
    // The saved copy is still theirs.
    const stored = await server.dispatch.newsroomArticles.get(id);
    assert.equal(stored?.draft.bodySource, theirsText);
    assert.equal(stored?.draft.version, 2);

    // "Keep mine" posts mine on their version: saved, on purpose.
    const keep = await reporter.post(`/newsroom/articles/${id}`, {
      version: "2",
      headline: "Harbour bridge reopens",
      section: "world",
      body: mineText,
    });
    assert.equal(keep.status, 303);
    assert.equal((await server.dispatch.newsroomArticles.get(id))?.draft.bodySource, mineText);

    // The JSON autosave and the API answer 409 with both versions too.
    const auto = await reporter.request("POST", `/newsroom/articles/${id}/autosave`, {
      json: { version: "1", body: "stale autosave" },
      headers: { "x-csrf-token": reporter.lastCsrf ?? "" },
    });
    assert.equal(auto.status, 409);
    const json = JSON.parse(auto.body);
    assert.equal(json.error.code, "stale_version");
    assert.equal(json.mine.bodySource, "stale autosave");
    assert.equal(json.theirs.bodySource, mineText);
    const secret = randomBytes(24).toString("base64url");
    await server.dispatch.tokens.create({
      name: "editor-bot",
      tokenHash: hashSecret(secret),
      role: "editor",
      createdBy: editorUser.id,
      now: new Date(),
    });
    const bearer = { authorization: `Bearer ${secret}` };
    const patch = await reporter.request("PATCH", `/api/v1/articles/${id}`, {
      json: { version: 1, body: "stale patch" },
      headers: bearer,
    });
    assert.equal(patch.status, 409);
    assert.equal(JSON.parse(patch.body).theirs.bodySource, mineText);
    assert.equal(JSON.parse(patch.body).mine.bodySource, "stale patch");
    const fresh = await reporter.request("PATCH", `/api/v1/articles/${id}`, {
      json: { version: 3, standfirst: "New standfirst." },
      headers: bearer,
    });
    assert.equal(fresh.status, 200, fresh.body);
    assert.equal(JSON.parse(fresh.body).article.draft.version, 4);
    assert.equal(JSON.parse(fresh.body).article.draft.body, mineText);
    const missing = await reporter.request("PATCH", `/api/v1/articles/${id}`, {
      json: { body: "no version" },
      headers: bearer,
    });
    assert.equal(missing.status, 400);
    assert.equal(JSON.parse(missing.body).error.field, "version");
  });

  test("autosave writes the working copy only: the reader page and feeds do not change", async () => {
    const { id, secret } = await draft(reporter);
    assert.equal((await publish(id)).status, 303);
    const url = await readerPathOf(id);
    const before = await read(`${server.base}${url}`);
    const unseen = word();
    await reporter.get(`/newsroom/articles/${id}`);
    const stored = await server.dispatch.newsroomArticles.get(id);
    const saved = await reporter.request("POST", `/newsroom/articles/${id}/autosave`, {
      json: {
        version: String(stored?.draft.version),
        body: `Rewritten with ${unseen} in it.`,
        headline: `Changed headline ${unseen}`,
      },
      headers: { "x-csrf-token": reporter.lastCsrf ?? "" },
    });
    assert.equal(saved.status, 200, saved.body);
    assert.equal(JSON.parse(saved.body).saved, true);
    const afterSave = await read(`${server.base}${url}`);
    assert.equal(afterSave.status, 200);
    assert.ok(afterSave.body.includes(secret));
    assert.ok(!afterSave.body.includes(unseen));
    assert.equal(afterSave.body, before.body);
    assert.ok(!(await read(`${server.base}/feed.xml`)).body.includes(unseen));
    assert.ok(!(await read(`${server.base}/api/v1/articles?limit=100`)).body.includes(unseen));
    // The editor shows the autosaved copy.
    assert.ok((await reporter.get(`/newsroom/articles/${id}`)).body.includes(unseen));
    assert.ok((await auditActions(id)).includes("article.autosave"));
  });

  test("presence: the page shows who else has the article open", async () => {
    const { id } = await draft(reporter);
    await editor.get(`/newsroom/articles/${id}`);
    const beat = await editor.request("POST", `/newsroom/articles/${id}/presence`, {
      json: {},
      headers: { "x-csrf-token": editor.lastCsrf ?? "" },
    });
    assert.equal(beat.status, 200);
    assert.deepEqual(JSON.parse(beat.body).present, []);
    const page = await reporter.get(`/newsroom/articles/${id}`);
    assert.match(page.body, new RegExp(`Also open by: ${editorUser.name}`));
    const mine = await reporter.request("POST", `/newsroom/articles/${id}/presence`, {
      json: {},
      headers: { "x-csrf-token": reporter.lastCsrf ?? "" },
    });
    assert.deepEqual(
      JSON.parse(mine.body).present.map((p: { name: string }) => p.name),
      [editorUser.name],
    );
  });

  test("copy lint beside the text; one click applies a finding's fix to the working copy", async () => {
    const { id } = await draft(reporter, {
      body: "The minister spoke at noon. between the two visits the talks stalled.\n\nMore later.",
    });
    const page = await reporter.get(`/newsroom/articles/${id}`);
    const form =
      /<form method="post" action="\/newsroom\/articles\/\d+\/fix" class="fix-form">([\s\S]*?)<\/form>/.exec(
        page.body,
      );
    assert.ok(form, "a finding with a fix has its button");
    const field = (name: string) =>
      new RegExp(`name="${name}" value="([^"]*)"`).exec(form[1] ?? "")?.[1] ?? "";
    const fixed = await reporter.post(`/newsroom/articles/${id}/fix`, {
      version: field("version"),
      start: field("start"),
      end: field("end"),
      rule: field("rule"),
    });
    assert.equal(fixed.status, 303);
    const after = await server.dispatch.newsroomArticles.get(id);
    assert.ok(after);
    assert.ok(!after.draft.bodySource.includes(". between"), after.draft.bodySource);
    assert.equal(after.draft.version, 2);
    assert.ok((await auditActions(id)).includes("article.fix"));
    // A stale fix is refused.
    const stale = await reporter.post(`/newsroom/articles/${id}/fix`, {
      version: "1",
      start: field("start"),
      end: field("end"),
      rule: field("rule"),
    });
    assert.equal(stale.status, 409);
  });

  test("bad input: unknown section, raw HTML, missing headline, a script in the headline is text", async () => {
    await reporter.get("/newsroom/articles/new");
    const unknown = await reporter.post("/newsroom/articles", {
      headline: "X",
      section: "nowhere",
      body: "Text.",
    });
    assert.equal(unknown.status, 400);
    assert.match(
      unknown.body,
      /section &quot;nowhere&quot; does not exist|section "nowhere" does not exist/,
    );
    const html = await reporter.post("/newsroom/articles", {
      headline: "X",
      section: "world",
      body: "Hello <script>alert(1)</script>",
    });
    assert.equal(html.status, 400);
    assert.match(html.body, /raw HTML/);
    const none = await reporter.post("/newsroom/articles", { section: "world" });
    assert.equal(none.status, 400);
    assert.match(none.body, /Give the article a headline/);

    const { id } = await draft(reporter, { headline: "<script>alert(1)</script> Headline" });
    const editorPage = await reporter.get(`/newsroom/articles/${id}`);
    assert.ok(!editorPage.body.includes("<script>alert(1)</script>"));
    assert.equal((await publish(id)).status, 303);
    const page = await read(`${server.base}${await readerPathOf(id)}`);
    assert.ok(!page.body.includes("<script>alert(1)</script>"));
    assert.match(page.body, /<h1>&lt;script>alert\(1\)&lt;\/script> Headline<\/h1>/);
  });

  async function upload(id: number, file: Blob, name: string, alt = "Cars on the bridge") {
    await reporter.get(`/newsroom/articles/${id}`);
    const stored = await server.dispatch.newsroomArticles.get(id);
    const form = new FormData();
    form.set("_csrf", reporter.lastCsrf ?? "");
    form.set("version", String(stored?.draft.version));
    form.set("imageAlt", alt);
    form.set("file", file, name);
    const res = await fetch(`${server.base}/newsroom/articles/${id}/image`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { cookie: [...reporter.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    return { status: res.status, body: await res.text(), location: res.headers.get("location") };
  }

  test("upload: SVG, a wrong type and an oversized file are refused with a message; a picture reaches readers with its alt text", async () => {
    const { id } = await draft(reporter);
    const svg = await upload(
      id,
      new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], {
        type: "image/png",
      }),
      "photo.png",
    );
    assert.equal(svg.status, 400);
    assert.match(svg.body, /SVG images are not accepted/);
    const text = await upload(
      id,
      new Blob(["just some text"], { type: "image/jpeg" }),
      "photo.jpg",
    );
    assert.equal(text.status, 400);
    assert.match(text.body, /not a JPEG, PNG, WebP, GIF or AVIF image/);
    const big = new Uint8Array(8 * 1024 * 1024 + 10);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const huge = await upload(id, new Blob([big], { type: "image/png" }), "big.png");
    assert.equal(huge.status, 400);
    assert.match(huge.body, /larger than 8 MB/);
    const noAlt = await upload(
      id,
      new Blob([
        new Uint8Array(
          await sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } })
            .png()
            .toBuffer(),
        ),
      ]),
      "red.png",
      "",
    );
    assert.equal(noAlt.status, 400);
    assert.match(noAlt.body, /alt text is required/);
    assert.equal((await server.dispatch.newsroomArticles.get(id))?.draft.imagePath, null);

    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "blue" } })
      .png()
      .toBuffer();
    const ok = await upload(
      id,
      new Blob([new Uint8Array(png)], { type: "application/octet-stream" }),
      "x.svg",
    );
    assert.equal(ok.status, 303, ok.body.slice(0, 300));
    const stored = await server.dispatch.newsroomArticles.get(id);
    const name = stored?.draft.imagePath ?? "";
    assert.match(name, /^[0-9a-f]{32}\.webp$/);
    const served = await fetch(`${server.base}/uploads/${name}`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), "image/webp");
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    assert.equal(meta.format, "webp");
    assert.equal(meta.width, 40);
    assert.equal((await fetch(`${server.base}/uploads/..%2Fsecret-key`)).status, 404);

    assert.equal((await publish(id)).status, 303);
    const page = await read(`${server.base}${await readerPathOf(id)}`);
    assert.ok(
      page.body.includes(`<img src="/uploads/${name}" alt="Cars on the bridge"`),
      page.body,
    );
  });

  test("a schedule or embargo in the past is refused with a clear message and changes nothing", async () => {
    const { id } = await draft(reporter);
    const past = await publish(id, { mode: "schedule", at: "2020-01-01T10:00" });
    assert.equal(past.status, 400);
    assert.match(past.body, /has already passed/);
    const embargo = await publish(id, { mode: "embargo", at: "2020-01-01T10:00" });
    assert.equal(embargo.status, 400);
    const nonsense = await publish(id, { mode: "schedule", at: "soon" });
    assert.equal(nonsense.status, 400);
    assert.match(nonsense.body, /must be a date and time/);
    const stored = await server.dispatch.newsroomArticles.get(id);
    assert.equal(stored?.deskStatus, "draft");
    assert.equal(stored?.publishedAt, null);
  });

  test("scheduled: absent from every output before its time, present in all after it, with no request between", async () => {
    const { id, secret } = await draft(reporter);
    const at = new Date(Date.now() + 1_500);
    const scheduled = await publish(id, { mode: "schedule", at: at.toISOString() });
    assert.equal(scheduled.status, 303, scheduled.body.slice(0, 300));
    const url = await readerPathOf(id);
    // Read (and so cache) every output before the time.
    const beforeTime = await outputs(secret, url);
    assert.ok(Date.now() < at.getTime(), "the checks ran before the time (raise the margin)");
    assert.deepEqual(beforeTime, {
      home: false,
      section: false,
      feed: false,
      atom: false,
      jsonFeed: false,
      sectionFeed: false,
      sitemaps: false,
      newsSitemap: false,
      search: false,
      apiSearch: false,
      api: false,
      page: 404,
    });
    // No request at all until the time has passed.
    await new Promise((resolve) => setTimeout(resolve, at.getTime() - Date.now() + 300));
    assert.deepEqual(await outputs(secret, url), {
      home: true,
      section: true,
      feed: true,
      atom: true,
      jsonFeed: true,
      sectionFeed: true,
      sitemaps: true,
      newsSitemap: true,
      search: true,
      apiSearch: true,
      api: true,
      page: 200,
    });
  });

  test("kill (confirmed): the URL answers 410 and the article is gone from every output", async () => {
    const { id, secret } = await draft(reporter);
    assert.equal((await publish(id)).status, 303);
    const url = await readerPathOf(id);
    const live = await outputs(secret, url);
    assert.equal(live.page, 200);
    assert.ok(live.home && live.feed && live.sitemaps && live.api && live.search);
    await editor.get(`/newsroom/articles/${id}`);
    const unconfirmed = await editor.post(`/newsroom/articles/${id}/kill`);
    assert.equal(unconfirmed.status, 400);
    assert.match(unconfirmed.body, /Tick the box to confirm/);
    await reporter.get(`/newsroom/articles/${id}`);
    assert.equal(
      (await reporter.post(`/newsroom/articles/${id}/kill`, { confirm: "yes" })).status,
      403,
    );
    const killed = await editor.post(`/newsroom/articles/${id}/kill`, { confirm: "yes" });
    assert.equal(killed.status, 303);
    const gone = await read(`${server.base}${url}`);
    assert.equal(gone.status, 410);
    assert.match(gone.body, /withdrawn/i);
    assert.deepEqual(await outputs(secret, url), {
      home: false,
      section: false,
      feed: false,
      atom: false,
      jsonFeed: false,
      sectionFeed: false,
      sitemaps: false,
      newsSitemap: false,
      search: false,
      apiSearch: false,
      api: false,
      page: 410,
    });
    assert.equal((await read(`${server.base}/api/v1/articles/${id}`)).status, 404);
    assert.deepEqual((await auditActions(id)).slice(-1), ["article.kill"]);
    // Killed is final: no more saves.
    await editor.get(`/newsroom/articles/${id}`);
    const save = await editor.post(`/newsroom/articles/${id}`, {
      version: "1",
      headline: "Back",
      section: "world",
    });
    assert.equal(save.status, 409);
  });

  test("the write API: create, update and publish with a token, answering JSON errors naming the field", async () => {
    const secret = randomBytes(24).toString("base64url");
    await server.dispatch.tokens.create({
      name: "publisher",
      tokenHash: hashSecret(secret),
      role: "editor",
      createdBy: editorUser.id,
      now: new Date(),
    });
    const client = new NewsroomClient(server.base);
    const headers = { authorization: `Bearer ${secret}` };
    const marker = word();
    const created = await client.request("POST", "/api/v1/articles", {
      json: {
        headline: `Rates held ${marker}`,
        section: "business",
        body: `The bank held rates. ${marker}`,
        tags: ["rates"],
      },
      headers,
    });
    assert.equal(created.status, 201, created.body);
    const article = JSON.parse(created.body).article;
    assert.equal(article.deskStatus, "draft");
    assert.equal(article.url, null);
    const bad = await client.request("POST", "/api/v1/articles", {
      json: { headline: "No section" },
      headers,
    });
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).error.field, "section");
    const past = await client.request("POST", `/api/v1/articles/${article.id}/publish`, {
      json: { mode: "embargo", at: "2001-01-01T00:00:00Z" },
      headers,
    });
    assert.equal(past.status, 400);
    assert.equal(JSON.parse(past.body).error.field, "at");
    const done = await client.request("POST", `/api/v1/articles/${article.id}/publish`, {
      json: { mode: "now" },
      headers,
    });
    assert.equal(done.status, 200, done.body);
    const out = JSON.parse(done.body).article;
    assert.equal(out.deskStatus, "published");
    assert.match(out.url, /^\/business\/\d{4}\/\d{2}\/\d{2}\/rates-held-/);
    assert.ok((await read(`${server.base}/section/business`)).body.includes(marker));
    const openapi = JSON.parse((await read(`${server.base}/api/v1/openapi.json`)).body);
    assert.ok(openapi.paths["/api/v1/articles"].post);
    assert.ok(openapi.paths["/api/v1/articles/{id}"].patch);
    assert.ok(openapi.paths["/api/v1/articles/{id}/publish"].post);
  });
});
