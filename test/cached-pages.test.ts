import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CHANGE_CHECK_INTERVAL_MS, openDatabase } from "../src/db/connection.ts";
import type { Article } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import { forEachDatabase, freshSqlite, type TestDatabase } from "./support/databases.ts";
import { importSeed, type RunningServer, startServer } from "./support/server.ts";

const HEADLINE = "Lukashenko strengthens his turn towards Russia in the middle of the crisis";

async function page(server: RunningServer, path: string): Promise<string> {
  const res = await fetch(`${server.base}${path}`);
  assert.equal(res.status, 200);
  return res.text();
}

forEachDatabase("cached pages", ({ database }) => {
  let server: RunningServer;
  let seed: Article;

  before(async () => {
    seed = await importSeed(database());
    server = await startServer(database());
  });
  after(async () => server.stop());

  test("a cached article page is served from its path without reading the database", async () => {
    const path = articlePath(seed) ?? "";
    assert.ok((await page(server, path)).includes(HEADLINE));
    // A write the cache is not told about (same connection, no invalidate) stays unseen:
    // the article is withdrawn, yet its page still comes from the cache by path alone.
    await database()
      .db.updateTable("articles")
      .set({ status: "draft" })
      .where("id", "=", seed.id)
      .execute();
    assert.ok((await page(server, path)).includes(HEADLINE));
    assert.ok((await page(server, `${path}?utm_source=x`)).includes(HEADLINE), "query ignored");
    server.dispatch.cache.invalidate();
    assert.equal((await fetch(`${server.base}${path}`)).status, 404);
  });
});

describe("cached pages and another process's commits [sqlite]", () => {
  let handle: TestDatabase;
  let server: RunningServer;
  let seed: Article;

  before(async () => {
    handle = await freshSqlite();
    seed = await importSeed(handle.database);
    server = await startServer(handle.database);
  });
  after(async () => {
    await server.stop();
    await handle.dispose();
  });

  test("a commit by another connection shows once the change check comes round", async () => {
    const path = articlePath(seed) ?? "";
    assert.ok((await page(server, path)).includes(HEADLINE));
    const other = openDatabase(handle.url);
    try {
      await other.db
        .updateTable("articles")
        .set({ headline: "Changed elsewhere" })
        .where("id", "=", seed.id)
        .execute();
    } finally {
      await other.close();
    }
    await new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_INTERVAL_MS + 20));
    const html = await page(server, path);
    assert.ok(html.includes("Changed elsewhere"), "the page was rendered again");
    assert.ok((await page(server, "/")).includes("Changed elsewhere"), "and the home page too");
  });
});
