import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { createSourceRepository } from "../src/db/source-repository.ts";
import { parseOpmlSources } from "../src/ingest/opml.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const world = { slug: "world", name: "World" };

forEachDatabase("sources", ({ database }) => {
  let server: RunningServer;
  before(async () => {
    server = await startServer(database());
  });
  after(async () => server.stop());
  beforeEach(async () => {
    await database().db.deleteFrom("sources").execute();
  });

  test("add, refuse a duplicate URL, list, remove", async () => {
    const repo = createSourceRepository(database());
    const s = await repo.add({ url: "http://127.0.0.1:1/a.xml", mode: "link", section: world });
    assert.equal(s.enabled, true);
    assert.equal(s.sectionSlug, "world");
    assert.equal(s.health.consecutiveFailures, 0);
    await assert.rejects(
      repo.add({ url: "http://127.0.0.1:1/a.xml", mode: "full", section: world }),
      {
        code: "source_exists",
        status: 409,
      },
    );
    await assert.rejects(
      repo.add({
        url: "http://127.0.0.1:1/b.xml",
        mode: "link",
        section: world,
        minIntervalSeconds: 5,
      }),
      { code: "bad_interval" },
    );
    assert.equal((await repo.list()).length, 1);
    assert.equal(await repo.remove(s.id), true);
    assert.equal(await repo.remove(s.id), false);
  });

  test("one lease at a time; due skips leased and future sources", async () => {
    const repo = createSourceRepository(database());
    const a = await repo.add({ url: "http://127.0.0.1:1/a.xml", mode: "link", section: world });
    const b = await repo.add({ url: "http://127.0.0.1:1/b.xml", mode: "link", section: world });
    const now = new Date("2026-11-28T12:00:00Z");
    const until = new Date(now.getTime() + 60_000);
    const results = await Promise.all([repo.lease(a.id, now, until), repo.lease(a.id, now, until)]);
    assert.deepEqual(results.sort(), [false, true], "exactly one worker wins the lease");
    assert.deepEqual(
      (await repo.due(now, 10)).map((s) => s.id),
      [b.id],
    );
    await repo.recordSuccess(b.id, {
      at: now,
      nextFetchAt: new Date(now.getTime() + 600_000),
      etag: '"v1"',
      lastModified: null,
      format: "rss",
      title: "Bee",
      itemsPerDay: 12,
    });
    assert.deepEqual(await repo.due(now, 10), []);
    // The lease lapses by itself: a worker that died does not hold a source forever.
    assert.deepEqual(
      (await repo.due(new Date(until.getTime() + 1), 10)).map((s) => s.id),
      [a.id],
    );
    const got = await repo.get(b.id);
    assert.equal(got?.health.etag, '"v1"');
    assert.equal(got?.format, "rss");
    assert.equal(got?.title, "Bee");
  });

  test("repeated failures disable a source with the reason kept", async () => {
    const repo = createSourceRepository(database());
    const s = await repo.add({ url: "http://127.0.0.1:1/bad.xml", mode: "link", section: world });
    const at = new Date();
    const failure = {
      at,
      nextFetchAt: at,
      code: "malformed_feed",
      message: "line 3: unclosed tag",
      disableAfter: 3,
    };
    assert.equal(await repo.recordFailure(s.id, failure), false);
    assert.equal(await repo.recordFailure(s.id, failure), false);
    assert.equal(await repo.recordFailure(s.id, failure), true);
    const got = await repo.get(s.id);
    assert.equal(got?.enabled, false);
    assert.equal(got?.health.consecutiveFailures, 3);
    assert.match(
      got?.health.disabledReason ?? "",
      /3 failures in a row; last: malformed_feed: line 3: unclosed tag/,
    );
    assert.deepEqual(await repo.due(new Date(at.getTime() + 10 ** 9), 10), []);
    await repo.setEnabled(s.id, true);
    assert.equal((await repo.get(s.id))?.health.consecutiveFailures, 0);
  });

  test("GET /api/v1/sources shows health; /sources.opml round-trips", async () => {
    const repo = createSourceRepository(database());
    await repo.add({
      url: "http://127.0.0.1:1/a.xml",
      mode: "link",
      section: world,
      title: "Alpha",
    });
    const res = await fetch(`${server.base}/api/v1/sources`);
    const body = (await res.json()) as { items: Record<string, unknown>[] };
    assert.equal(body.items.length, 1);
    assert.equal(body.items[0]?.url, "http://127.0.0.1:1/a.xml");
    assert.ok("health" in (body.items[0] ?? {}));
    assert.ok(!JSON.stringify(body).includes("websub_secret"));
    const opml = await fetch(`${server.base}/sources.opml`);
    assert.match(opml.headers.get("content-type") ?? "", /text\/x-opml/);
    assert.deepEqual(
      parseOpmlSources(await opml.text()).map((e) => [e.url, e.title, e.category]),
      [["http://127.0.0.1:1/a.xml", "Alpha", "world"]],
    );
  });
});
