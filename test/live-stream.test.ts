// The live side over real HTTP on loopback, on both databases: the log every reader-visible
// change appends to, the SSE stream and its resumption, the poll, the gate, the limits.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { createEnrichmentRepository } from "../src/db/enrichment-repository.ts";
import type { ArticleInput } from "../src/domain/article.ts";
import type { LiveEvent } from "../src/domain/live-event.ts";
import type { User } from "../src/domain/user.ts";
import { forEachDatabase } from "./support/databases.ts";
import { storedEnrichment } from "./support/enrich-fixtures.ts";
import { createUser } from "./support/newsroom.ts";
import { type RunningServer, startServer } from "./support/server.ts";
import { openSse, type SseClient, type SseMessage } from "./support/sse-client.ts";

let n = 0;
function input(overrides: Partial<ArticleInput> = {}): ArticleInput {
  n += 1;
  return {
    guid: `urn:live:${n}:${Math.random()}`,
    kind: "own",
    status: "published",
    headline: `Harbour report number ${n}`,
    standfirst: "What happened at the harbour",
    body: `<p>Report ${n} from the harbour, where cranes stood still.</p>`,
    byline: "Staff",
    language: "en",
    section: { slug: "news", name: "News" },
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

const articleIdOf = (e: LiveEvent): number | null =>
  "articleId" in e.payload ? e.payload.articleId : null;
const event = (m: SseMessage): LiveEvent => JSON.parse(m.data ?? "null") as LiveEvent;
const isType =
  (type: string, check: (e: LiveEvent) => boolean = () => true) =>
  (m: SseMessage) =>
    m.event === type && check(event(m));

forEachDatabase("live stream", ({ database, dialect }) => {
  let server: RunningServer;
  let editor: User;
  const open: SseClient[] = [];
  const sse = async (path: string, headers: Record<string, string> = {}) => {
    const client = await openSse(`${server.base}${path}`, headers);
    open.push(client);
    return client;
  };

  before(async () => {
    server = await startServer(database(), { LIVE_MAX_PER_ADDRESS: "6", INGEST: "off" });
    editor = await createUser(server.dispatch, "editor");
  });
  after(async () => {
    for (const c of open) c.close();
    await server.stop();
  });

  test("a stored article reaches an open stream, in the SSE wire format, and replays from 0", async () => {
    const { dispatch } = server;
    const head = await dispatch.events.head();
    const stream = await sse(
      `/live?channels=home,section:news&last_event_id=${head.epoch}:${head.lastId}`,
    );
    assert.equal(stream.status, 200);
    assert.equal(stream.headers["content-type"], "text/event-stream; charset=utf-8");
    assert.equal(stream.headers["x-accel-buffering"], "no");
    assert.equal(stream.headers["cache-control"], "no-store");

    const started = Date.now();
    const saved = (await dispatch.articles.save(input({ headline: "Cranes stop at dawn" })))
      .article;
    const got = await stream.next(
      isType("article.published", (e) => e.channel === "home"),
      1_000,
    );
    assert.ok(Date.now() - started < 1_000);
    const e = event(got);
    if (e.type !== "article.published") throw new Error("type");
    assert.equal(e.payload.articleId, saved.id);
    assert.equal(e.payload.headline, "Cranes stop at dawn");
    assert.match(e.payload.url, /^\/news\/\d{4}\/\d\d\/\d\d\/cranes-stop-at-dawn$/);
    // The exact bytes: id, event, data, blank line; the id is `<epoch>:<n>`.
    const frame = `id: ${head.epoch}:${e.id}\nevent: article.published\ndata: ${JSON.stringify(e)}\n\n`;
    assert.ok(stream.raw().startsWith("retry: 3000\n\n"), stream.raw().slice(0, 40));
    assert.ok(stream.raw().includes(frame), stream.raw());
    await stream.next(
      isType("article.published", (x) => x.channel === "section:news"),
      1_000,
    );

    // Last-Event-ID: 0 (the header, as curl or a browser sends it) replays from the start.
    const replay = await sse("/live?channels=home", { "last-event-id": "0" });
    await replay.next(isType("article.published", (x) => articleIdOf(x) === saved.id));
    // The header wins over the query.
    const both = await sse(`/live?channels=home&last_event_id=${head.epoch}:${e.id}`, {
      "last-event-id": `${head.epoch}:${head.lastId}`,
    });
    await both.next(isType("article.published", (x) => articleIdOf(x) === saved.id));
  });

  test("an id from another epoch, ahead of the log or pruned away gets one resync, then the live tail", async () => {
    const { dispatch } = server;
    const head = await dispatch.events.head();
    for (const id of [`elsewhere1:${head.lastId}`, `${head.epoch}:${head.lastId + 1000}`, "7"]) {
      const stream = await sse(`/live?channels=home&last_event_id=${id}`);
      const resync = await stream.next((m) => m.event === "resync", 1_000, `resync for ${id}`);
      assert.equal(resync.id, `${head.epoch}:${head.lastId}`);
      assert.equal(stream.messages().filter((m) => m.event === "resync").length, 1);
      stream.close();
    }
    // The poll says the same.
    const poll = await fetch(`${server.base}/live/poll?channels=home&after=elsewhere1:3`);
    assert.equal(poll.status, 200);
    const body = (await poll.json()) as { resync?: boolean; last?: string };
    assert.equal(body.resync, true);
    assert.equal(body.last, `${head.epoch}:${head.lastId}`);

    // Pruning moves the floor: a position before it can no longer be served.
    await dispatch.articles.save(input());
    const pruned = await dispatch.events.prune(0, new Date(Date.now() + 1_000));
    assert.ok(pruned > 0);
    const after = await dispatch.events.head();
    assert.ok(after.prunedThrough > head.lastId);
    const old = await sse(`/live?channels=home&last_event_id=${head.epoch}:${head.lastId}`);
    await old.next((m) => m.event === "resync", 1_000, "resync after pruning");
    old.close();
  });

  test("the gate: drafts and embargoed articles send nothing until readers may see them; a kill names only the address", async () => {
    const { dispatch } = server;
    const head = await dispatch.events.head();
    const stream = await sse(`/live?channels=home&last_event_id=${head.epoch}:${head.lastId}`);
    const draft = (
      await dispatch.articles.save(input({ status: "draft", headline: "Secret draft" }))
    ).article;
    const embargoAt = new Date(Date.now() + 1_500);
    const embargoed = (
      await dispatch.articles.save(
        input({
          status: "scheduled",
          headline: "Embargoed figures",
          publishedAt: embargoAt.toISOString(),
        }),
      )
    ).article;
    // As the newsroom does after scheduling: the publish clock re-arms for its time.
    dispatch.published({ articleIds: [embargoed.id], reason: "article.schedule" });
    const publicInput = input({ headline: "Public report" });
    const shown = (await dispatch.articles.save(publicInput)).article;
    await stream.next(
      isType("article.published", (e) => articleIdOf(e) === shown.id),
      1_000,
    );
    assert.ok(!stream.raw().includes("Secret draft"));
    assert.ok(!stream.raw().includes("Embargoed figures"));
    assert.equal(draft.status, "draft");

    // The embargo lifts at its time, with no request (the publish clock); every node may
    // try, the log takes it once.
    await stream.next(
      isType("article.published", (e) => articleIdOf(e) === embargoed.id),
      3_000,
      "the embargoed article at its time",
    );
    assert.ok(Date.now() < embargoAt.getTime() + 1_000, "within a second of its time");
    await dispatch.events.lift(new Date(embargoAt.getTime() - 10_000));
    const lifted = await dispatch.events.after(head.lastId, ["home"], 100);
    assert.equal(
      lifted.events.filter((e) => e.type === "article.published" && articleIdOf(e) === embargoed.id)
        .length,
      1,
    );

    // Killed: open pages hear of it, and a replay no longer carries its headline.
    // Taken down at its source (the same guid, now a draft): gone from readers' pages.
    await dispatch.articles.save({ ...publicInput, status: "draft" });
    const killed = await stream.next(isType("article.killed", (e) => articleIdOf(e) === shown.id));
    assert.deepEqual(Object.keys(event(killed).payload).sort(), ["articleId", "url"]);
    const replay = await sse(`/live?channels=home&last_event_id=${head.epoch}:${head.lastId}`);
    await replay.next(isType("article.killed", (e) => articleIdOf(e) === shown.id));
    assert.ok(
      !replay.raw().includes("Public report"),
      "a killed article's headline is not replayed",
    );
  });

  test("an article's payload names its language, as stored and as the language step corrects it; an event logged before payloads had one still replays", async () => {
    const { dispatch } = server;
    const head = await dispatch.events.head();
    const stream = await sse(`/live?channels=home&last_event_id=${head.epoch}:${head.lastId}`);
    const german = (
      await dispatch.articles.save(input({ headline: "Kräne stehen still", language: "de" }))
    ).article;
    const got = event(
      await stream.next(
        isType("article.published", (e) => articleIdOf(e) === german.id),
        1_000,
      ),
    );
    if (got.type !== "article.published") throw new Error("type");
    assert.equal(got.payload.language, "de");
    assert.deepEqual(Object.keys(got.payload).sort(), [
      "articleId",
      "headline",
      "language",
      "outlet",
      "publishedAt",
      "sectionName",
      "sectionSlug",
      "standfirst",
      "storyId",
      "url",
    ]);

    // Saved in the site's language by default; the language step finds German and places it
    // in a story: the story's open pages hear of it in German.
    const unmarked = (await dispatch.articles.save(input({ headline: "Streik im Hafen" }))).article;
    assert.equal(unmarked.language, "en");
    await createEnrichmentRepository(database()).save(
      [storedEnrichment(unmarked.id, { storyKey: `s-language-${dialect}`, language: "de" })],
      1,
    );
    const story = await dispatch.stories.storyOf(unmarked.id, new Date());
    assert.ok(story);
    const joined = (
      await dispatch.events.after(head.lastId, [`story:${story.story.id}`], 100)
    ).events.find((e) => e.type === "article.published" && articleIdOf(e) === unmarked.id);
    assert.ok(joined?.type === "article.published");
    assert.equal(joined.payload.language, "de");
    assert.equal(joined.payload.storyId, story.story.id);

    // A row the log kept from before this field: served as stored, not dropped (the client
    // reads its language as unknown).
    const { language: _, ...old } = got.payload;
    await database()
      .db.insertInto("events")
      .values({
        channel: "home",
        type: "article.published",
        payload: JSON.stringify({ ...old, headline: "Logged before languages" }),
        created_at: new Date().toISOString(),
        dedupe_key: null,
      })
      .execute();
    // Nothing signalled that raw row; the next append wakes the tail, which reads it first.
    await dispatch.articles.save(input());
    const replayed = event(
      await stream.next(
        isType(
          "article.published",
          (e) => e.type === "article.published" && e.payload.headline === "Logged before languages",
        ),
        2_000,
      ),
    );
    assert.ok(!("language" in replayed.payload));
    // The next tests count this address's streams against its limit.
    stream.close();
  });

  test("live-blog entries, alerts and corrections reach their channels", async () => {
    const { dispatch } = server;
    const blog = await dispatch.liveblogConsole.create({
      headline: "Storm Hesper: live",
      standfirst: null,
      sectionSlug: "news",
      summaryMarkdown: "",
      summaryHtml: "",
      language: "en",
      byline: null,
      publish: true,
      authorId: editor.id,
    });
    const id = blog.articleId;
    const head = await dispatch.events.head();
    const stream = await sse(
      `/live?channels=live:${id},breaking,article:${id}&last_event_id=${head.epoch}:${head.lastId}`,
    );
    const entry = await dispatch.liveblogConsole.post(id, {
      title: "Rivers rise",
      body: "<p>The river is <em>over</em> its banks.</p>",
      bodyMarkdown: "The river is *over* its banks.",
      byline: null,
      keyEvent: false,
      pinned: false,
      authorId: editor.id,
    });
    const posted = event(await stream.next(isType("entry.posted")));
    if (posted.type !== "entry.posted") throw new Error("type");
    assert.equal(posted.channel, `live:${id}`);
    assert.equal(posted.payload.bodyHtml, "<p>The river is <em>over</em> its banks.</p>");
    await dispatch.liveblogConsole.edit(id, entry.id, {
      title: "Rivers rise further",
      body: "<p>Now at the bridge.</p>",
      bodyMarkdown: "Now at the bridge.",
      byline: null,
      keyEvent: true,
      pinned: false,
    });
    await stream.next(
      isType(
        "entry.edited",
        (e) => e.type === "entry.edited" && e.payload.title === "Rivers rise further",
      ),
    );
    await dispatch.liveblogConsole.remove(id, entry.id);
    await stream.next(
      isType("entry.deleted", (e) => e.type === "entry.deleted" && e.payload.entryId === entry.id),
    );

    const alert = await dispatch.alerts.send({
      headline: "Bridge closed",
      url: "/news",
      expiresAt: new Date(Date.now() + 600_000),
      createdBy: editor.id,
    });
    await stream.next(
      isType("alert.sent", (e) => e.type === "alert.sent" && e.payload.alertId === alert.id),
    );
    await dispatch.alerts.withdraw(alert.id);
    await stream.next(isType("alert.withdrawn"));

    await dispatch.corrections.add({
      articleId: id,
      text: "An earlier entry misnamed the river.",
      createdBy: editor.id,
    });
    const corrected = event(await stream.next(isType("article.corrected")));
    if (corrected.type !== "article.corrected") throw new Error("type");
    assert.equal(corrected.payload.correction.text, "An earlier entry misnamed the river.");
  });

  test("bad input is a 400 naming the parameter, and nothing is held open", async () => {
    const cases: [string, Record<string, string>, string][] = [
      ["/live", {}, "channels"],
      ["/live?channels=nonsense", {}, "channels"],
      ["/live?channels=story:abc", {}, "channels"],
      [
        `/live?channels=${Array.from({ length: 17 }, (_, i) => `story:${i + 1}`).join(",")}`,
        {},
        "channels",
      ],
      ["/live?channels=home", { "last-event-id": "x:y:z" }, "Last-Event-ID"],
      ["/live?channels=home&last_event_id=-1", {}, "last_event_id"],
      ["/live?channels=home&channels=breaking", {}, "channels"],
      ["/live/poll?after=0", {}, "channels"],
      ["/live/poll?channels=home", {}, "after"],
      ["/live/poll?channels=home&after=abc", {}, "after"],
    ];
    for (const [path, headers, field] of cases) {
      const res = await fetch(`${server.base}${path}`, { headers });
      assert.equal(res.status, 400, path);
      const body = (await res.json()) as {
        error: { code: string; field: string; message: string };
      };
      assert.equal(body.error.field, field, path);
      assert.ok(body.error.message.length > 20, body.error.message);
    }
  });

  test("per-address limit answers 429, and the poll serves closed ranges for long", async () => {
    const { dispatch } = server;
    for (const c of open.splice(0)) c.close();
    await new Promise((r) => setTimeout(r, 100));
    const held: SseClient[] = [];
    for (let i = 0; i < 6; i++) held.push(await sse("/live?channels=home"));
    const refused = await fetch(`${server.base}/live?channels=home`);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get("retry-after")) > 0);
    for (const c of held) c.close();

    const head = await dispatch.events.head();
    const res = await fetch(`${server.base}/live/poll?channels=home&after=${head.epoch}:0`);
    assert.match(res.headers.get("cache-control") ?? "", /max-age=\d+/);
    const body = (await res.json()) as { events: LiveEvent[]; retry: number; last: string };
    assert.ok(Array.isArray(body.events));
    assert.equal(typeof body.retry, "number");
  });

  if (dialect === "postgres") {
    test("the LISTEN connection dropped: the bus listens again and catches up from its last id", async () => {
      const { db } = database();
      const listening = async () =>
        Number(
          (
            await sql<{ n: number | string }>`SELECT count(*) AS n FROM pg_stat_activity
              WHERE query LIKE 'LISTEN dispatch_events%' AND pid <> pg_backend_pid()`.execute(db)
          ).rows[0]?.n ?? 0,
        );
      assert.ok((await listening()) >= 1);
      const head = await server.dispatch.events.head();
      const stream = await sse(`/live?channels=home&last_event_id=${head.epoch}:${head.lastId}`);
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE query LIKE 'LISTEN dispatch_events%' AND pid <> pg_backend_pid()`.execute(db);
      // Committed while nobody listens.
      const saved = (await server.dispatch.articles.save(input({ headline: "While deaf" })))
        .article;
      await stream.next(
        isType("article.published", (e) => articleIdOf(e) === saved.id),
        5_000,
      );
      const deadline = Date.now() + 10_000;
      while ((await listening()) < 1) {
        if (Date.now() > deadline) throw new Error("the bus did not listen again");
        await new Promise((r) => setTimeout(r, 100));
      }
    });

    test("two web nodes on one PostgreSQL: a change on one reaches a stream on the other", async () => {
      const other = await startServer(database(), { INGEST: "off" });
      try {
        const head = await other.dispatch.events.head();
        const stream = await openSse(
          `${other.base}/live?channels=home&last_event_id=${head.epoch}:${head.lastId}`,
        );
        const started = Date.now();
        const saved = (
          await server.dispatch.articles.save(input({ headline: "From the other node" }))
        ).article;
        await stream.next(
          isType("article.published", (e) => articleIdOf(e) === saved.id),
          1_000,
        );
        assert.ok(Date.now() - started < 1_000);
        stream.close();
      } finally {
        await other.stop();
      }
    });
  }
});

test("SSE stream closes with a retry hint when the server shuts down", async () => {
  const { freshSqlite } = await import("./support/databases.ts");
  const db = await freshSqlite();
  const server = await startServer(db.database, { INGEST: "off" });
  const stream = await openSse(`${server.base}/live?channels=home`);
  await stream.next((m) => m.retry !== undefined);
  const stopping = server.stop();
  await stream.ended();
  await stopping;
  const retries = stream.messages().filter((m) => m.retry !== undefined);
  assert.equal(retries.length, 2, stream.raw());
  assert.ok((retries[1]?.retry ?? 0) >= 1_000);
  await db.dispose();
});
