import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { articlePath } from "../src/domain/article-path.ts";
import { forEachDatabase } from "./support/databases.ts";
import { importSeed, type RunningServer, startServer } from "./support/server.ts";

const get = async (base: string, path: string) => (await fetch(`${base}${path}`)).text();

forEachDatabase("breaking alerts on reader pages", ({ database }) => {
  let server: RunningServer;
  let path: string;
  before(async () => {
    const seed = await importSeed(database());
    path = articlePath(seed) ?? "";
    server = await startServer(database());
  });
  after(async () => {
    await server.stop();
  });

  test("shown on every page but the article it links to; escaped; gone at expiry with no request", async () => {
    const { dispatch, base } = server;
    // The seed's enrichment at start drops the home page when it ends: let it end first.
    await dispatch.enricher.drain();
    assert.doesNotMatch(await get(base, "/"), /class="breaking"/);
    const alert = await dispatch.alerts.send({
      headline: "<script>alert(1)</script> Quake",
      url: path,
      expiresAt: new Date(Date.now() + 1_500),
      createdBy: null,
    });
    dispatch.published({ articleIds: [], reason: "alert.send" });
    const home = await get(base, "/");
    assert.match(home, /class="breaking"/);
    assert.match(home, /&lt;script>alert\(1\)&lt;\/script> Quake/);
    assert.doesNotMatch(home, /<script>alert/);
    assert.doesNotMatch(await get(base, path), /class="breaking"/, "not on the linked article");
    assert.ok(dispatch.cache.get("/"), "the home page is cached with the banner");
    await new Promise((r) => setTimeout(r, 1_800));
    assert.equal(dispatch.cache.get("/"), undefined, "dropped at expiry, before any request");
    assert.doesNotMatch(await get(base, "/"), /class="breaking"/);
    assert.equal((await dispatch.alerts.current())?.id ?? null, null);
    assert.equal(alert.withdrawnAt, null);
  });

  test("withdrawn: gone from cached pages", async () => {
    const { dispatch, base } = server;
    const alert = await dispatch.alerts.send({
      headline: "Polls close",
      url: "https://example.org/results",
      expiresAt: new Date(Date.now() + 20 * 60_000),
      createdBy: null,
    });
    dispatch.published({ articleIds: [], reason: "alert.send" });
    assert.match(await get(base, path), /Polls close/, "on an article it does not link to");
    await dispatch.alerts.withdraw(alert.id);
    dispatch.published({ articleIds: [], reason: "alert.withdraw" });
    assert.doesNotMatch(await get(base, "/"), /Polls close/);
    assert.doesNotMatch(await get(base, path), /Polls close/);
  });
});
