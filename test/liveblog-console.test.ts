import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import type { NewsroomRole, User } from "../src/domain/user.ts";
import { hashSecret } from "../src/newsroom/session-auth.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type Answer, createUser, NewsroomClient } from "./support/newsroom.ts";
import { type Dispatch, importSeed, type RunningServer, startServer } from "./support/server.ts";

async function bearer(dispatch: Dispatch, user: User, role: NewsroomRole): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await dispatch.tokens.create({
    name: `test-${role}-${user.id}`,
    tokenHash: hashSecret(token),
    role,
    createdBy: user.id,
    now: new Date(),
  });
  return token;
}

const page = async (base: string, path: string) => {
  const res = await fetch(`${base}${path}`);
  assert.equal(res.status, 200, path);
  return res.text();
};

/** The reader page's live section (after the article body). */
const liveSection = (html: string) =>
  /<section aria-labelledby="live-heading"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";

function expectRedirect(answer: Answer, to: RegExp, what: string) {
  assert.equal(answer.status, 303, `${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
  assert.match(answer.location ?? "", to, what);
}

forEachDatabase("live-blog console", ({ database }) => {
  let server: RunningServer;
  let editor: User;
  let assigned: User;
  let outsider: User;
  let section = "";
  before(async () => {
    await importSeed(database());
    server = await startServer(database());
    editor = await createUser(server.dispatch, "editor");
    assigned = await createUser(server.dispatch, "reporter");
    outsider = await createUser(server.dispatch, "reporter");
    section = (await server.dispatch.articles.sections())[0]?.slug ?? "";
    assert.ok(section, "the seed made a section");
  });
  after(async () => {
    await server?.stop();
  });

  async function as(user: User): Promise<NewsroomClient> {
    const client = new NewsroomClient(server.base);
    expectRedirect(await client.signIn(user.email), /^\/newsroom/, `sign in ${user.email}`);
    // The session's own CSRF token, for the forms that follow.
    assert.equal((await client.get("/newsroom")).status, 200);
    return client;
  }

  test("an editor starts, writes, pins, summarises and closes a blog; readers see each step", async () => {
    const { dispatch, base } = server;
    const desk = await as(editor);
    const list = await desk.get("/newsroom/live");
    assert.equal(list.status, 200);
    assert.match(list.body, /Start a live blog/);

    const empty = await desk.post("/newsroom/live", { section });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /Give the headline\./);
    assert.match(empty.body, /id="lb-headline"[^>]*aria-invalid="true"/);

    const made = await desk.post("/newsroom/live", {
      headline: "Storm <b>Hesper</b>: live",
      section,
      standfirst: "Floods along the coast.",
      summary: "**Key facts**: 3 rivers over their banks.",
      publish: "1",
    });
    expectRedirect(made, /^\/newsroom\/live\/\d+\?done=created$/, "created");
    const id = Number(/\/live\/(\d+)/.exec(made.location ?? "")?.[1]);
    const blog = await dispatch.liveblogConsole.get(id);
    assert.ok(blog?.path, "published, with a reader's address");
    const path = blog.path;
    let reader = await page(base, path);
    assert.match(reader, /Storm &lt;b>Hesper&lt;\/b>: live/, "the headline is text");
    assert.match(reader, /<strong>Key facts<\/strong>/, "the summary block");

    const consolePage = await desk.get(`/newsroom/live/${id}`);
    assert.equal(consolePage.status, 200);
    const entryForm = consolePage.body.indexOf('action="/newsroom/live/');
    assert.ok(
      entryForm > 0 && entryForm < consolePage.body.indexOf('lb-entries"'),
      "the entry form comes first",
    );

    // Raw HTML in Markdown is refused with the field named and the text kept.
    const refused = await desk.post(`/newsroom/live/${id}/entries`, {
      title: "x",
      body: "Hello <script>alert(1)</script>",
    });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /The body contains raw HTML/);
    assert.match(refused.body, /Hello &lt;script>alert\(1\)&lt;\/script><\/textarea>/);

    const first = await desk.post(`/newsroom/live/${id}/entries`, {
      title: "<script>alert(1)</script> Rescue",
      body: "Coastguard lifts **23 people** from `<script>` roofs.",
      keyEvent: "1",
    });
    expectRedirect(first, /\?done=posted$/, "posted");
    const second = await desk.post(`/newsroom/live/${id}/entries`, {
      title: "",
      body: "Rain eases in the north.",
    });
    expectRedirect(second, /\?done=posted$/, "posted");
    const [newer, older] = await dispatch.liveblogConsole.entries(id);
    assert.ok(newer && older);
    assert.equal(older.keyEvent, true);
    assert.equal(newer.title, null);

    reader = liveSection(await page(base, path));
    assert.match(
      reader,
      /&lt;script>alert\(1\)&lt;\/script> Rescue/,
      "a script in a title is text",
    );
    assert.match(reader, /<code>&lt;script&gt;<\/code>/, "and in a body");
    assert.doesNotMatch(reader, /<script>/);
    assert.match(reader, new RegExp(`<a href="#entry-${older.id}">`), "key event listed");
    assert.match(reader, new RegExp(`id="entry-${newer.id}"`));
    // Each entry has its own address, which shows it even when newer ones push it down.
    const permalink = `${path}?entry=${older.id}#entry-${older.id}`;
    assert.ok(reader.includes(`href="${permalink}"`), "permalink on the entry");
    const alone = liveSection(await page(base, `${path}?entry=${older.id}`));
    assert.match(alone, new RegExp(`id="entry-${older.id}"`));
    assert.doesNotMatch(alone, new RegExp(`id="entry-${newer.id}"`), "newer entries are not on it");
    assert.match(
      alone,
      new RegExp(`<a href="${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}">Latest updates</a>`),
    );

    // Edit, key event off, then delete.
    expectRedirect(
      await desk.post(`/newsroom/live/${id}/entries/${newer.id}`, {
        title: "Rain eases",
        body: "Rain eases in the north and west.",
      }),
      /\?done=edited$/,
      "edited",
    );
    assert.match(liveSection(await page(base, path)), /north and west\./);
    expectRedirect(
      await desk.post(`/newsroom/live/${id}/entries/${older.id}/key`, { on: "0" }),
      /\?done=key$/,
      "unkeyed",
    );
    assert.doesNotMatch(await page(base, path), /aria-label="Key events"/);

    // One pin at a time: pinning the second unpins the first.
    expectRedirect(
      await desk.post(`/newsroom/live/${id}/entries/${older.id}/pin`, { on: "1" }),
      /\?done=pinned$/,
      "pinned",
    );
    expectRedirect(
      await desk.post(`/newsroom/live/${id}/entries/${newer.id}/pin`, { on: "1" }),
      /\?done=pinned$/,
      "pinned",
    );
    const pins = (await dispatch.liveblogConsole.entries(id)).filter((e) => e.pinned);
    assert.deepEqual(
      pins.map((e) => e.id),
      [newer.id],
    );
    reader = liveSection(await page(base, path));
    assert.equal(reader.match(/Pinned · /g)?.length, 1, "one pinned entry on the page");
    assert.match(reader, /class="entry pinned"[\s\S]*?Rain eases in the north and west/);

    expectRedirect(
      await desk.post(`/newsroom/live/${id}/summary`, { summary: "Now *two* rivers." }),
      /\?done=summary$/,
      "summary",
    );
    assert.match(await page(base, path), /Now <em>two<\/em> rivers\./);

    expectRedirect(
      await desk.post(`/newsroom/live/${id}/entries/${newer.id}/delete`),
      /\?done=deleted$/,
      "deleted",
    );
    reader = liveSection(await page(base, path));
    assert.doesNotMatch(reader, /north and west/);
    assert.doesNotMatch(reader, /Pinned · /);

    // Closed: readers are told; the console takes no more entries.
    assert.match(await page(base, path), /<span class="live-badge">Live<\/span>/);
    expectRedirect(
      await desk.post(`/newsroom/live/${id}/close`, { closed: "1" }),
      /\?done=closed$/,
      "closed",
    );
    const closed = await page(base, path);
    assert.match(closed, /This live blog has ended/);
    assert.match(closed, /<span class="live-badge ended">Ended<\/span>/);
    assert.match(closed, /"coverageEndTime":/);
    await desk.get(`/newsroom/live/${id}`);
    const late = await desk.post(`/newsroom/live/${id}/entries`, { body: "One more." });
    assert.equal(late.status, 409);
    assert.match(late.body, /This live blog is closed/);
    expectRedirect(
      await desk.post(`/newsroom/live/${id}/close`, { closed: "0" }),
      /\?done=reopened$/,
      "reopened",
    );
    assert.doesNotMatch(await page(base, path), /This live blog has ended/);

    const actions = (await dispatch.audits.list({ action: "liveblog.", limit: 50 })).map(
      (a) => a.action,
    );
    for (const action of [
      "liveblog.create",
      "liveblog.entry.post",
      "liveblog.entry.edit",
      "liveblog.entry.unkey",
      "liveblog.entry.pin",
      "liveblog.summary",
      "liveblog.entry.delete",
      "liveblog.close",
      "liveblog.reopen",
    ]) {
      assert.ok(actions.includes(action), `${action} audited`);
    }
  });

  test("reporters write only on blogs they are assigned to, and change only their own entries", async () => {
    const { dispatch, base } = server;
    const blog = await dispatch.liveblogConsole.create({
      headline: "Election night",
      standfirst: null,
      sectionSlug: section,
      summaryMarkdown: "",
      summaryHtml: "",
      language: "en",
      byline: null,
      publish: true,
      authorId: editor.id,
    });
    const id = blog.articleId;
    const desk = await as(editor);
    await desk.get(`/newsroom/live/${id}`);
    expectRedirect(
      await desk.post(`/newsroom/live/${id}/entries`, { body: "Polls are open." }),
      /posted/,
      "editor posts",
    );
    const editorsEntry = (await dispatch.liveblogConsole.entries(id))[0];
    assert.ok(editorsEntry);

    const stranger = await as(outsider);
    assert.doesNotMatch((await stranger.get("/newsroom/live")).body, /Election night/);
    const denied = await stranger.get(`/newsroom/live/${id}`);
    assert.equal(denied.status, 403);
    assert.match(denied.body, /not assigned to this live blog/);
    await stranger.get("/newsroom/live");
    assert.equal(
      (await stranger.post(`/newsroom/live/${id}/entries`, { body: "Sneaky." })).status,
      403,
    );
    assert.equal((await dispatch.liveblogConsole.entries(id)).length, 1, "nothing posted");

    // An empty assign form says what is missing.
    const noOne = await desk.post(`/newsroom/live/${id}/assign`, { email: "" });
    assert.equal(noOne.status, 400);
    assert.match(
      noOne.body,
      /Give the reporter&#39;s e-mail address|Give the reporter's e-mail address/,
    );
    expectRedirect(
      await desk.post(`/newsroom/live/${id}/assign`, { email: assigned.email }),
      /assigned/,
      "assigned",
    );
    const reporter = await as(assigned);
    const mine = await reporter.get("/newsroom/live");
    assert.match(mine.body, /Election night/, "the blog is on the reporter's list");
    const consolePage = await reporter.get(`/newsroom/live/${id}`);
    assert.equal(consolePage.status, 200);
    assert.doesNotMatch(consolePage.body, /Close the live blog/, "no editor controls");
    expectRedirect(
      await reporter.post(`/newsroom/live/${id}/entries`, { body: "Turnout is *high*." }),
      /posted/,
      "assigned reporter posts",
    );
    const own = (await dispatch.liveblogConsole.entries(id))[0];
    assert.ok(own && own.authorId === assigned.id);
    assert.equal(own.byline, assigned.name);
    assert.equal(
      (
        await reporter.post(`/newsroom/live/${id}/entries/${editorsEntry.id}`, {
          body: "Rewritten.",
        })
      ).status,
      403,
      "not another person's entry",
    );
    assert.equal(
      (await reporter.post(`/newsroom/live/${id}/entries/${editorsEntry.id}/delete`)).status,
      403,
    );
    assert.equal(
      (await reporter.post(`/newsroom/live/${id}/entries/${own.id}/pin`, { on: "1" })).status,
      403,
      "pinning is an editor's",
    );
    expectRedirect(
      await reporter.post(`/newsroom/live/${id}/entries/${own.id}`, {
        body: "Turnout is *record*.",
      }),
      /edited/,
      "own entry edited",
    );
    assert.match(liveSection(await page(base, blog.path ?? "")), /Turnout is <em>record<\/em>/);

    // The API, with the reporter's token: same rules.
    const token = await bearer(dispatch, assigned, "reporter");
    const api = (method: string, path: string, json?: unknown) =>
      reporter.request(method, path, {
        ...(json === undefined ? {} : { json }),
        headers: { authorization: `Bearer ${token}` },
      });
    const bad = await api("POST", `/api/v1/liveblogs/${id}/entries`, { title: "x" });
    assert.equal(bad.status, 400);
    assert.equal((JSON.parse(bad.body) as { error: { field: string } }).error.field, "body");
    const html = await api("POST", `/api/v1/liveblogs/${id}/entries`, {
      body: "[click](javascript:alert(1))",
    });
    assert.equal(html.status, 400);
    const htmlError = (
      JSON.parse(html.body) as { error: { code: string; field: string; message: string } }
    ).error;
    assert.equal(htmlError.field, "body");
    assert.match(htmlError.message, /javascript:/);
    const posted = await api("POST", `/api/v1/liveblogs/${id}/entries`, {
      title: "Exit poll",
      body: "A **hung** parliament.",
      keyEvent: true,
    });
    assert.equal(posted.status, 201, posted.body);
    const entry = (
      JSON.parse(posted.body) as { entry: { id: number; url: string; keyEvent: boolean } }
    ).entry;
    assert.equal(entry.keyEvent, true);
    assert.equal(entry.url, `${blog.path}?entry=${entry.id}#entry-${entry.id}`);
    const patched = await api("PATCH", `/api/v1/liveblogs/${id}/entries/${entry.id}`, {
      title: "Exit poll",
      body: "A **hung** parliament, says the exit poll.",
    });
    assert.equal(patched.status, 200, patched.body);
    assert.match(liveSection(await page(base, blog.path ?? "")), /says the exit poll/);
    assert.equal(
      (await api("PATCH", `/api/v1/liveblogs/${id}/entries/${editorsEntry.id}`, { body: "x" }))
        .status,
      403,
    );
    const outsiderToken = await bearer(dispatch, outsider, "reporter");
    const foreign = await reporter.request("POST", `/api/v1/liveblogs/${id}/entries`, {
      json: { body: "Not mine to post." },
      headers: { authorization: `Bearer ${outsiderToken}` },
    });
    assert.equal(foreign.status, 403);
    assert.equal((await api("DELETE", `/api/v1/liveblogs/${id}/entries/${entry.id}`)).status, 200);
    assert.doesNotMatch(liveSection(await page(base, blog.path ?? "")), /exit poll/);
    assert.equal((await api("DELETE", `/api/v1/liveblogs/${id}/entries/${entry.id}`)).status, 404);
    assert.equal((await api("DELETE", `/api/v1/liveblogs/999999/entries/1`)).status, 404);
    const audited = await dispatch.audits.list({ action: "liveblog.entry.", limit: 20 });
    assert.ok(audited.some((a) => a.actor === `token:test-reporter-${assigned.id}`));
  });
});
