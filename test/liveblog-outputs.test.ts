import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { XMLValidator } from "fast-xml-parser";
import { parseAtomFeed } from "feedsmith";
import type { Article } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import type { User } from "../src/domain/user.ts";
import { hashSecret } from "../src/newsroom/session-auth.ts";
import { forEachDatabase } from "./support/databases.ts";
import { createUser, NewsroomClient } from "./support/newsroom.ts";
import { importSeed, type RunningServer, startServer } from "./support/server.ts";

// A live blog's outputs beside its page: LiveBlogPosting JSON-LD and its own Atom feed,
// on a real server over 127.0.0.1, with entries posted, edited and deleted through the
// write API (so the newsroom's own cache invalidation is what the feed relies on).

const SITE_URL = "http://127.0.0.1:3999";

interface LdNode {
  "@type": string;
  [key: string]: unknown;
}

function jsonLd(html: string): LdNode[] {
  const text = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1];
  assert.ok(text, "the page carries JSON-LD");
  return (JSON.parse(text) as { "@graph": LdNode[] })["@graph"];
}

/** feedsmith reads Atom text constructs as `{ type, value }`. */
function textOf(construct: string | { value?: string } | undefined): string {
  return typeof construct === "string" ? construct : (construct?.value ?? "");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

forEachDatabase("live-blog outputs", ({ database }) => {
  let server: RunningServer;
  let editor: User;
  let client: NewsroomClient;
  let token = "";
  let section = "";
  let seed: Article;

  before(async () => {
    seed = await importSeed(database());
    server = await startServer(database());
    editor = await createUser(server.dispatch, "editor");
    token = randomBytes(24).toString("base64url");
    await server.dispatch.tokens.create({
      name: `outputs-${editor.id}`,
      tokenHash: hashSecret(token),
      role: "editor",
      createdBy: editor.id,
      now: new Date(),
    });
    client = new NewsroomClient(server.base);
    section = (await server.dispatch.articles.sections())[0]?.slug ?? "";
    assert.ok(section, "the seed made a section");
  });
  after(async () => {
    await server?.stop();
  });

  const api = (method: string, path: string, json?: unknown) =>
    client.request(method, path, {
      ...(json === undefined ? {} : { json }),
      headers: { authorization: `Bearer ${token}` },
    });

  async function startBlog(headline: string, publish = true) {
    const blog = await server.dispatch.liveblogConsole.create({
      headline,
      standfirst: "Rivers over their banks along the coast.",
      sectionSlug: section,
      summaryMarkdown: "",
      summaryHtml: "",
      language: "en",
      byline: null,
      publish,
      authorId: editor.id,
    });
    server.dispatch.published({ articleIds: [blog.articleId], reason: "test" });
    return blog;
  }

  async function post(id: number, body: Record<string, unknown>) {
    const answer = await api("POST", `/api/v1/liveblogs/${id}/entries`, body);
    assert.equal(answer.status, 201, answer.body);
    return (JSON.parse(answer.body) as { entry: { id: number; url: string } }).entry;
  }

  async function feed(path: string) {
    const res = await fetch(`${server.base}${path}/feed.atom`);
    assert.equal(res.status, 200, `${path}/feed.atom`);
    assert.match(res.headers.get("content-type") ?? "", /^application\/atom\+xml; charset=utf-8/);
    const text = await res.text();
    assert.equal(XMLValidator.validate(text), true, "well-formed XML");
    return { text, feed: parseAtomFeed(text) };
  }

  test("the Atom feed: permalinks that reach the entry, edits change it, deletions leave it", async () => {
    const blog = await startBlog("Floods: live");
    const path = blog.path ?? "";
    assert.ok(path, "a published blog has an address");

    const page = await (await fetch(`${server.base}${path}`)).text();
    assert.match(
      page,
      new RegExp(
        `<link rel="alternate" type="application/atom\\+xml" title="Floods: live \\(Atom\\)" href="${path}/feed.atom"/>`,
      ),
      "the page links its feed",
    );

    const empty = await feed(path);
    assert.equal(empty.feed.entries?.length ?? 0, 0, "no entries yet");
    assert.equal(textOf(empty.feed.title), `Floods: live · ${"24/7 Live News Portal"}`);

    const titled = await post(blog.articleId, { title: "River Calder peaks", body: "At *4.2 m*." });
    await sleep(5);
    const untitled = await post(blog.articleId, { body: "Evacuations ordered in Brigg & Hull." });

    const first = await feed(path);
    const entries = first.feed.entries ?? [];
    assert.equal(entries.length, 2);
    const byLink = new Map(
      entries.map((e) => [e.links?.find((l) => l.rel === "alternate")?.href ?? "", e]),
    );
    for (const made of [titled, untitled]) {
      const permalink = `${SITE_URL}${path}?entry=${made.id}#entry-${made.id}`;
      assert.equal(made.url, `${path}?entry=${made.id}#entry-${made.id}`, "the API's url");
      const entry = byLink.get(permalink);
      assert.ok(entry, `entry ${made.id} links its permalink`);
      assert.match(
        entry.id ?? "",
        new RegExp(
          `^tag:127\\.0\\.0\\.1:3999,\\d{4}-\\d{2}-\\d{2}:liveblog/${blog.articleId}/entry/${made.id}$`,
        ),
      );
      // The permalink resolves to the blog's page with that entry on it.
      const res = await fetch(permalink.replace(SITE_URL, server.base));
      assert.equal(res.status, 200);
      assert.match(await res.text(), new RegExp(`id="entry-${made.id}"`));
    }
    const titledEntry = byLink.get(`${SITE_URL}${path}?entry=${titled.id}#entry-${titled.id}`);
    const untitledEntry = byLink.get(
      `${SITE_URL}${path}?entry=${untitled.id}#entry-${untitled.id}`,
    );
    assert.equal(textOf(titledEntry?.title), "River Calder peaks");
    assert.equal(
      textOf(untitledEntry?.title),
      "Evacuations ordered in Brigg & Hull.",
      "first words",
    );
    assert.match(textOf(titledEntry?.content), /<em>4\.2 m<\/em>/);
    assert.equal(titledEntry?.published, titledEntry?.updated, "not edited yet");
    assert.match(first.text, /Brigg &amp; Hull/, "text escaped in the XML");

    await sleep(10);
    const patched = await api("PATCH", `/api/v1/liveblogs/${blog.articleId}/entries/${titled.id}`, {
      title: "River Calder peaks",
      body: "At **4.4 m**, the highest since 2015.",
    });
    assert.equal(patched.status, 200, patched.body);
    const edited = (await feed(path)).feed.entries ?? [];
    const after = edited.find((e) => e.id === titledEntry?.id);
    assert.ok(after, "the edited entry keeps its id");
    assert.match(textOf(after.content), /<strong>4\.4 m<\/strong>, the highest since 2015/);
    assert.equal(after.published, titledEntry?.published, "published stays");
    assert.ok(
      Date.parse(after.updated ?? "") > Date.parse(titledEntry?.updated ?? ""),
      "updated moves on an edit",
    );

    await sleep(10);
    const deleted = await api(
      "DELETE",
      `/api/v1/liveblogs/${blog.articleId}/entries/${untitled.id}`,
    );
    assert.equal(deleted.status, 200, deleted.body);
    const left = await feed(path);
    assert.deepEqual(
      (left.feed.entries ?? []).map((e) => e.id),
      [titledEntry?.id],
      "the deleted entry left the feed",
    );
    assert.ok(
      Date.parse(left.feed.updated ?? "") > Date.parse(after.updated ?? ""),
      "the feed's time moves on a deletion, never back",
    );

    // Another address for it: a wrong date moves to the feed's one URL.
    const wrong = path.replace(/\/\d{4}\//, "/1999/");
    const moved = await fetch(`${server.base}${wrong}/feed.atom`, { redirect: "manual" });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get("location"), `${path}/feed.atom`);
    // An ordinary article has no entries feed.
    const articleFeed = await fetch(`${server.base}${articlePath(seed)}/feed.atom`);
    assert.equal(articleFeed.status, 404);
  });

  test("LiveBlogPosting: each update's text and permalink, coverage start, and an end once closed", async () => {
    const blog = await startBlog("Count night: live");
    const path = blog.path ?? "";
    const one = await post(blog.articleId, { title: "Polls close", body: "Counting *begins*." });
    await sleep(5);
    const two = await post(blog.articleId, { body: "First result: Brigg holds." });

    const posting = jsonLd(await (await fetch(`${server.base}${path}`)).text()).find(
      (n) => n["@type"] === "LiveBlogPosting",
    );
    assert.ok(posting, "LiveBlogPosting");
    const updates = posting.liveBlogUpdate as LdNode[];
    assert.deepEqual(
      updates.map((u) => u.url),
      [two, one].map((e) => `${SITE_URL}${path}?entry=${e.id}#entry-${e.id}`),
      "newest first, each at its permalink",
    );
    assert.deepEqual(
      updates.map((u) => [u["@type"], u.headline, u.articleBody]),
      [
        ["BlogPosting", "First result: Brigg holds.", "First result: Brigg holds."],
        ["BlogPosting", "Polls close", "Counting begins."],
      ],
    );
    for (const u of updates) {
      assert.ok(typeof u.datePublished === "string" && typeof u.dateModified === "string");
    }
    const entries = await server.dispatch.liveblogConsole.entries(blog.articleId);
    const firstPosted = entries.map((e) => e.postedAt).sort()[0] ?? "";
    const start = [blog.publishedAt ?? "", firstPosted].sort()[0];
    assert.equal(posting.coverageStartTime, start, "the earlier of publication and first entry");
    assert.equal(posting.coverageEndTime, undefined, "an open blog claims no end");

    await server.dispatch.liveblogConsole.setClosed(blog.articleId, new Date());
    server.dispatch.published({ articleIds: [blog.articleId], reason: "test close" });
    const closed = jsonLd(await (await fetch(`${server.base}${path}`)).text()).find(
      (n) => n["@type"] === "LiveBlogPosting",
    );
    const closedAt = (await server.dispatch.liveblogConsole.get(blog.articleId))?.closedAt;
    assert.ok(closedAt);
    assert.equal(closed?.coverageEndTime, closedAt, "a closed blog's coverage ends when it closed");
  });

  test("one gate: a draft or embargoed live blog has no feed, a killed one is gone", async () => {
    const blog = await startBlog("Gate: live");
    const path = blog.path ?? "";
    await post(blog.articleId, { body: "Something readers may see, for now." });
    assert.equal((await fetch(`${server.base}${path}/feed.atom`)).status, 200, "cached now");

    const setDesk = async (values: Record<string, string>) => {
      await database()
        .db.updateTable("articles")
        .set(values)
        .where("id", "=", blog.articleId)
        .execute();
      server.dispatch.published({ articleIds: [blog.articleId], reason: "test gate" });
    };
    const status = async () => (await fetch(`${server.base}${path}/feed.atom`)).status;

    await setDesk({ desk_status: "draft", status: "draft" });
    assert.equal(await status(), 404, "draft: no feed");
    assert.equal((await fetch(`${server.base}${path}`)).status, 404, "draft: no page either");

    await setDesk({
      desk_status: "embargoed",
      status: "scheduled",
      published_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    assert.equal(await status(), 404, "embargoed: no feed");

    await setDesk({ desk_status: "killed", status: "draft" });
    assert.equal(await status(), 410, "killed: gone, as its page");
    assert.equal((await fetch(`${server.base}${path}`)).status, 410);

    // A draft never published has no address at all, and no entries reach any feed.
    const draft = await startBlog("Not yet: live", false);
    assert.equal(draft.path, null);
  });
});
