import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import type { PublishPolicy } from "../src/domain/publish-policy.ts";
import type { Source } from "../src/domain/source.ts";
import { parseImportFile } from "../src/ingest/import/detect.ts";
import { importThroughSource } from "../src/ingest/quality-gate.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type Answer, createUser, NewsroomClient } from "./support/newsroom.ts";
import {
  type RunningServer,
  SEED_NINJS,
  SEED_TEXT,
  SITE_NAME,
  startServer,
} from "./support/server.ts";

const TRANSLATION =
  "responsible for around 50% of GDP and 75% of industrial production, according to World Bank data";

function seedInput(file: string): ArticleInput {
  return parseImportFile(file, readFileSync(file), {
    siteName: SITE_NAME,
    defaultLanguage: "en",
    now: new Date(),
  });
}

function clean(headline: string, extra: Partial<ArticleInput> = {}): ArticleInput {
  return {
    guid: `test:${headline}`,
    kind: "own",
    status: "published",
    headline,
    standfirst: null,
    body: "<p>The council met on Tuesday and agreed the budget for next year. The vote was unanimous.</p>",
    byline: null,
    language: "en",
    section: { slug: "world", name: "World" },
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    ...extra,
  };
}

interface FixForm {
  action: string;
  fields: Record<string, string>;
}

/** The one-click fix forms of an item page, in the order of its findings. */
function fixForms(html: string): FixForm[] {
  return [
    ...html.matchAll(
      /<form method="post" action="(\/newsroom\/wire\/\d+\/fix)"[^>]*>([\s\S]*?)<\/form>/g,
    ),
  ].map((m) => ({
    action: m[1] ?? "",
    fields: Object.fromEntries(
      [...(m[2] ?? "").matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
        (f) => [f[1] ?? "", (f[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&")],
      ),
    ),
  }));
}

function articleText(html: string): string {
  const body = /<article[\s\S]*?<\/article>/.exec(html)?.[0] ?? html;
  return body
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

forEachDatabase("wire desk, quality gate, leads and sources", ({ database }) => {
  let server: RunningServer;
  let editor: NewsroomClient;
  let admin: NewsroomClient;
  let full: Source;
  let sourceSeq = 0;

  const addSource = (mode: "full" | "link", policy: PublishPolicy | null, title: string) =>
    server.dispatch.sources.add({
      url: `http://127.0.0.1:9/feed-${++sourceSeq}.xml`,
      mode,
      section: { slug: "world", name: "World" },
      title,
      publishPolicy: policy,
    });

  before(async () => {
    server = await startServer(database(), { INGEST: "off" });
    full = await addSource("full", null, "Full wire");
    editor = new NewsroomClient(server.base);
    assert.equal(
      (await editor.signIn((await createUser(server.dispatch, "editor")).email)).status,
      303,
    );
    admin = new NewsroomClient(server.base);
    assert.equal(
      (await admin.signIn((await createUser(server.dispatch, "admin")).email)).status,
      303,
    );
  });
  after(async () => {
    await server.stop();
  });

  for (const [format, file] of [
    ["ninjs", SEED_NINJS],
    ["txt", SEED_TEXT],
  ] as const) {
    test(`the seed (${format}) through a full source is held with its findings; after the one-click fixes and release the page is clean`, async () => {
      const articles = createArticleRepository(database());
      const gated = importThroughSource({ ...seedInput(file), guid: `seed:${format}` }, full);
      assert.equal(gated.deskStatus, "held");
      const { article } = await articles.save(gated);
      assert.equal(article.status, "draft");

      const list = await editor.get("/newsroom/wire?held=1");
      assert.equal(list.status, 200);
      assert.match(list.body, new RegExp(`held</span><a href="/newsroom/wire/${article.id}">`));

      let page = await editor.get(`/newsroom/wire/${article.id}`);
      assert.equal(page.status, 200);
      // The six defects: the Spanish bracket, two repeated passages, ". between" (and
      // ". and"), and the unbalanced quotes (three marks): eight findings, each marked.
      assert.match(page.body, /8 findings/);
      for (const rule of [
        "foreign-fragment",
        "repeated-passage",
        "sentence-break",
        "quote-balance",
      ])
        assert.match(page.body, new RegExp(`\\d\\. ${rule}</a>`), rule);
      assert.equal((page.body.match(/<mark/g) ?? []).length, 8);
      assert.match(page.body, /<mark id="mark-\d+">responsables de alrededor/);
      // Not on the site while held.
      const slugPath = articlePath(article) ?? "";
      assert.equal((await fetch(`${server.base}${slugPath}`)).status, 404);

      for (let round = 0; round < 12; round++) {
        const forms = fixForms(page.body);
        if (forms.length === 0) break;
        const byFinding = new Map<string, FixForm[]>();
        for (const f of forms) {
          const key = `${f.fields.rule}:${f.fields.start}`;
          byFinding.set(key, [...(byFinding.get(key) ?? []), f]);
        }
        const [first] = byFinding.values();
        assert.ok(first);
        const rule = first[0]?.fields.rule;
        const pick =
          rule === "foreign-fragment"
            ? first.find((f) => f.fields.choice === "replace")
            : (first.find((f) => f.fields.choice === "suggested") ??
              first.find((f) => f.fields.choice === "delete"));
        assert.ok(pick, `a fix for ${rule}`);
        const fields =
          pick.fields.choice === "replace"
            ? { ...pick.fields, replacement: format === "ninjs" ? TRANSLATION : "" }
            : pick.fields;
        // The txt seed's bracket is removed instead of translated.
        const sent =
          pick.fields.choice === "replace" && format === "txt"
            ? { ...pick.fields, choice: "delete" }
            : fields;
        const answer: Answer = await editor.post(pick.action, sent);
        assert.equal(answer.status, 303, answer.body.slice(0, 500));
        page = await editor.get(answer.location ?? "");
        assert.match(page.body, /Fix applied/);
      }
      assert.match(page.body, /No findings/);
      const release = await editor.post(`/newsroom/wire/${article.id}/release`, {
        version: /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? "",
      });
      assert.equal(release.status, 303);

      const published = await articles.getById(article.id);
      assert.equal(published?.status, "published");
      const reader = await fetch(`${server.base}${slugPath}`);
      assert.equal(reader.status, 200);
      const text = articleText(await reader.text());
      assert.doesNotMatch(text, /responsables de|según datos|Banco Mundial/);
      if (format === "ninjs") assert.match(text, /according to World Bank data/);
      assert.doesNotMatch(text, /\. between/);
      assert.doesNotMatch(text, /Russia is Belarus’s main creditor/);
      assert.doesNotMatch(text, /And even more so when citizen discontent/);
      assert.equal(
        (text.match(/“/g) ?? []).length,
        (text.match(/”/g) ?? []).length,
        "quotes balanced",
      );

      const log = await server.dispatch.audits.list({ targetType: "article" });
      const mine = log.filter((e) => e.targetId === String(article.id)).map((e) => e.action);
      assert.ok(mine.includes("wire.release"), mine.join());
      assert.equal(mine.filter((a) => a === "wire.fix").length, 8);
      const revisions = await articles.revisions(article.id);
      assert.equal(revisions.length, 9, "one revision a fix");
    });
  }

  test("when_clean publishes a clean item straight through; always publishes a dirty one; never holds a clean one", async () => {
    const articles = createArticleRepository(database());
    const always = await addSource("full", "always", "Always wire");
    const never = await addSource("full", "never", "Never wire");
    const cleanItem = importThroughSource(clean("Council agrees budget"), full);
    assert.equal(cleanItem.deskStatus, undefined);
    assert.equal((await articles.save(cleanItem)).article.status, "published");
    const dirty = importThroughSource({ ...seedInput(SEED_NINJS), guid: "seed:always" }, always);
    assert.equal((await articles.save(dirty)).article.status, "published");
    const held = importThroughSource(
      clean("Council agrees budget again", { guid: "t:never" }),
      never,
    );
    assert.equal(held.deskStatus, "held");
    assert.equal((await articles.save(held)).article.status, "draft");
    // A link source defaults to always.
    const link = await addSource("link", null, "Link wire");
    assert.equal(importThroughSource(seedInput(SEED_NINJS), link).deskStatus, undefined);
  });

  test("the desk filters by source, language, section, story and finding, and refuses reporters", async () => {
    const articles = createArticleRepository(database());
    const other = await addSource("full", "always", "Spanish wire");
    await articles.save(
      importThroughSource(
        clean("El consejo aprueba el presupuesto", {
          guid: "t:es",
          language: "es",
          section: { slug: "espana", name: "España" },
        }),
        other,
      ),
    );
    const bySource = await editor.get(`/newsroom/wire?source=${other.id}`);
    assert.match(bySource.body, /El consejo aprueba/);
    assert.doesNotMatch(bySource.body, /Lukashenko/);
    const byLanguage = await editor.get("/newsroom/wire?language=es");
    assert.match(byLanguage.body, /El consejo aprueba/);
    assert.doesNotMatch(byLanguage.body, /Council agrees budget/);
    const bySection = await editor.get("/newsroom/wire?section=espana");
    assert.match(bySection.body, /El consejo aprueba/);
    assert.doesNotMatch(bySection.body, /Council agrees/);
    await articles.save(
      importThroughSource({ ...seedInput(SEED_NINJS), guid: "seed:filter" }, full),
    );
    const byFinding = await editor.get("/newsroom/wire?finding=foreign-fragment");
    assert.match(byFinding.body, /Lukashenko/);
    assert.doesNotMatch(byFinding.body, /Council agrees/);
    const none = await editor.get("/newsroom/wire?story=999999");
    assert.match(none.body, /No item matches/);

    const reporter = new NewsroomClient(server.base);
    await reporter.signIn((await createUser(server.dispatch, "reporter")).email);
    assert.equal((await reporter.get("/newsroom/wire")).status, 403);
    assert.equal((await reporter.get("/newsroom/leads")).status, 403);
    assert.equal((await editor.get("/newsroom/sources")).status, 403);
  });

  test("leads list a story three outlets carry and none of ours; start a draft creates one with the links", async () => {
    const db = database().db;
    const articles = createArticleRepository(database());
    const ids: number[] = [];
    for (const n of [1, 2, 3]) {
      const s = await addSource("link", null, `Outlet ${n}`);
      const { article } = await articles.save(
        importThroughSource(
          clean(`Harbour bridge closes, outlet ${n}`, {
            guid: `t:lead:${n}`,
            canonicalUrl: `https://outlet${n}.example/bridge`,
            externalUrl: `https://outlet${n}.example/bridge`,
          }),
          s,
        ),
      );
      ids.push(article.id);
    }
    const story = await db
      .insertInto("stories")
      .values({
        key: "k-bridge",
        title: "Harbour bridge closes",
        slug: "harbour-bridge-closes",
        lead_article_id: ids[0] ?? null,
        article_count: 3,
        source_count: 3,
        velocity: 3,
        first_seen_at: new Date(Date.now() - 3_600_000).toISOString(),
        last_seen_at: new Date().toISOString(),
        pinned: 0,
        boost: 0,
        updated_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const storyId = Number(story.id);
    await db.updateTable("articles").set({ story_id: storyId }).where("id", "in", ids).execute();

    const leads = await editor.get("/newsroom/leads");
    assert.equal(leads.status, 200);
    assert.match(leads.body, /Harbour bridge closes<\/a>/);
    assert.match(leads.body, /3 outlets/);
    assert.doesNotMatch(
      (await editor.get("/newsroom/leads?outlets=4")).body,
      /Harbour bridge closes<\/a>/,
    );
    const byStory = await editor.get(`/newsroom/wire?story=${storyId}`);
    assert.match(byStory.body, /outlet 1/);

    const start = await editor.post(`/newsroom/leads/${storyId}/draft`);
    assert.equal(start.status, 303);
    const id = Number(/^\/newsroom\/articles\/(\d+)$/.exec(start.location ?? "")?.[1]);
    const draft = await server.dispatch.newsroomArticles.get(id);
    assert.equal(draft?.headline, "Harbour bridge closes");
    assert.equal(draft?.draft.sectionSlug, "world");
    for (const n of [1, 2, 3])
      assert.match(
        draft?.draft.bodySource ?? "",
        new RegExp(`https://outlet${n}\\.example/bridge`),
      );
    // Now the newsroom has one: no longer a lead.
    assert.doesNotMatch((await editor.get("/newsroom/leads")).body, /Harbour bridge closes<\/a>/);
    const log = await server.dispatch.audits.list({ targetType: "article" });
    assert.ok(log.some((e) => e.action === "lead.draft" && e.targetId === String(id)));

    // Another story, started as a live blog instead.
    const other = await db
      .insertInto("stories")
      .values({
        key: "k-quake",
        title: "Quake shakes the coast",
        slug: "quake-shakes-the-coast",
        lead_article_id: null,
        article_count: 4,
        source_count: 4,
        velocity: 4,
        first_seen_at: new Date(Date.now() - 3_600_000).toISOString(),
        last_seen_at: new Date().toISOString(),
        pinned: 0,
        boost: 0,
        updated_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("articles")
      .set({ story_id: Number(other.id) })
      .where("id", "=", ids[2] ?? 0)
      .execute();
    await editor.get("/newsroom/leads");
    const live = await editor.post(`/newsroom/leads/${other.id}/liveblog`);
    assert.equal(live.status, 303);
    const blogId = Number(/^\/newsroom\/live\/(\d+)$/.exec(live.location ?? "")?.[1]);
    const blog = await server.dispatch.liveblogConsole.get(blogId);
    assert.equal(blog?.headline, "Quake shakes the coast");
    assert.match(blog?.summaryMarkdown ?? "", /https:\/\/outlet3\.example\/bridge/);
    assert.doesNotMatch((await editor.get("/newsroom/leads")).body, /Quake shakes the coast<\/a>/);
    assert.equal((await editor.post("/newsroom/leads/999999/draft")).status, 404);
  });

  test("sources: add, edit, policy, disable and enable, OPML in and out; a bad URL and bad OPML are refused", async () => {
    const page = await admin.get("/newsroom/sources");
    assert.equal(page.status, 200);
    assert.match(
      page.body,
      /<svg class="sa-spark"[^>]*role="img"[^>]*aria-label="Full wire: \d+ items in 14 days/,
    );

    const bad = await admin.post("/newsroom/sources", {
      url: "javascript:alert(1)",
      mode: "full",
      section: "World",
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /role="alert"[^>]*>[^<]*(not a URL|Only http and https)/);
    const ftp = await admin.post("/newsroom/sources", {
      url: "ftp://example.org/feed",
      mode: "full",
    });
    assert.equal(ftp.status, 400);
    assert.match(ftp.body, /Only http and https feeds/);

    const added = await admin.post("/newsroom/sources", {
      url: "https://news.example.org/feed.xml",
      title: "Example News",
      mode: "full",
      policy: "default",
      section: "Business",
      language: "en",
      min_interval: "300",
      max_interval: "3600",
    });
    assert.equal(added.status, 303);
    const source = await server.dispatch.sources.byUrl("https://news.example.org/feed.xml");
    assert.ok(source);
    assert.equal(source.publishPolicy, null);
    const dup = await admin.post("/newsroom/sources", {
      url: "https://news.example.org/feed.xml",
      mode: "link",
    });
    assert.equal(dup.status, 400);
    assert.match(dup.body, /already exists/);

    await admin.get(`/newsroom/sources/${source.id}`);
    const edited = await admin.post(`/newsroom/sources/${source.id}`, {
      url: "https://news.example.org/feed.xml",
      title: "Example News Wire",
      mode: "full",
      policy: "never",
      section: "Business",
      language: "en-GB",
      min_interval: "600",
      max_interval: "7200",
    });
    assert.equal(edited.status, 303);
    const after1 = await server.dispatch.sources.get(source.id);
    assert.equal(after1?.publishPolicy, "never");
    assert.equal(after1?.title, "Example News Wire");
    assert.equal(after1?.minIntervalSeconds, 600);
    const badEdit = await admin.post(`/newsroom/sources/${source.id}`, {
      url: "not a url",
      mode: "full",
    });
    assert.equal(badEdit.status, 400);
    assert.match(badEdit.body, /not a URL/);

    await admin.get("/newsroom/sources");
    assert.equal(
      (await admin.post(`/newsroom/sources/${source.id}/enabled`, { enabled: "0" })).status,
      303,
    );
    assert.equal((await server.dispatch.sources.get(source.id))?.enabled, false);
    assert.equal(
      (await admin.post(`/newsroom/sources/${source.id}/enabled`, { enabled: "1" })).status,
      303,
    );
    assert.equal((await server.dispatch.sources.get(source.id))?.enabled, true);

    const exported = await admin.get("/newsroom/sources.opml");
    assert.equal(exported.status, 200);
    assert.match(exported.body, /xmlUrl="https:\/\/news\.example\.org\/feed\.xml"/);

    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
      <outline text="Science"><outline text="Lab notes" type="rss" xmlUrl="https://lab.example.org/rss"/>
      <outline text="Bad" type="rss" xmlUrl="file:///etc/passwd"/></outline>
      <outline text="Again" type="rss" xmlUrl="https://news.example.org/feed.xml"/></body></opml>`;
    await admin.get("/newsroom/sources");
    const imported = await admin.post("/newsroom/sources/import", { opml, mode: "link" });
    assert.equal(imported.status, 200);
    assert.match(imported.body, /OPML imported: 1 added, 1 already there, 1 refused/);
    assert.equal(
      (await server.dispatch.sources.byUrl("https://lab.example.org/rss"))?.sectionSlug,
      "science",
    );

    const evil = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml version="2.0"><body><outline text="&x;" xmlUrl="https://evil.example/rss"/></body></opml>`;
    const refused = await admin.post("/newsroom/sources/import", { opml: evil, mode: "link" });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /role="alert"[^>]*>OPML with DTD/);
    const deep = `<opml version="2.0"><body>${'<outline text="x">'.repeat(250)}${"</outline>".repeat(250)}</body></opml>`;
    const tooDeep = await admin.post("/newsroom/sources/import", { opml: deep, mode: "link" });
    assert.equal(tooDeep.status, 400);
    assert.match(tooDeep.body, /nested more than/);
    const garbage = await admin.post("/newsroom/sources/import", {
      opml: "not xml at all",
      mode: "link",
    });
    assert.equal(garbage.status, 400);
    assert.equal(await server.dispatch.sources.byUrl("https://evil.example/rss"), null);

    // The same document uploaded as a file.
    const boundary = "----wire-desk-test";
    const upload = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.lastCsrf}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\nlink\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.opml"\r\nContent-Type: text/x-opml\r\n\r\n${opml.replace("lab.example.org", "lab2.example.org")}\r\n`,
      `--${boundary}--\r\n`,
    ].join("");
    const up = await fetch(`${server.base}/newsroom/sources/import-file`, {
      method: "POST",
      body: upload,
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        origin: server.base,
      },
    });
    const upBody = await up.text();
    assert.equal(up.status, 200, upBody.slice(0, 300));
    assert.match(upBody, /OPML imported: 1 added/);

    const log = await server.dispatch.audits.list({ targetType: "source" });
    const actions = log.map((e) => e.action);
    for (const a of [
      "source.add",
      "source.edit",
      "source.disable",
      "source.enable",
      "source.import",
    ])
      assert.ok(actions.includes(a), `${a} audited: ${actions}`);
  });
});
