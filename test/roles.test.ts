// `serve --role web` and `serve --role worker` as real processes on one DATA_DIR: the
// worker fetches the demo wire and enriches, the web process only serves what it stored.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import {
  logEvents as events,
  type ServeProcess,
  startServe,
  until,
} from "./support/serve-process.ts";

const data = mkdtempSync(path.join(tmpdir(), "dispatch-roles-"));
const children: ServeProcess[] = [];

after(async () => {
  await Promise.all(children.map((c) => c.stop()));
  rmSync(data, { recursive: true, force: true });
});

async function start(args: string[]): Promise<ServeProcess> {
  const running = await startServe(data, args);
  children.push(running);
  return running;
}

test("a web and a worker process share one SQLite file; a second worker does not enrich", {
  timeout: 180_000,
}, async () => {
  const web = await start(["--role", "web"]);
  const worker = await start(["--role", "worker", "--demo"]);

  // The worker's port answers health only.
  assert.deepEqual(await (await fetch(`http://127.0.0.1:${worker.port}/healthz`)).json(), {
    status: "ok",
  });
  assert.equal((await fetch(`http://127.0.0.1:${worker.port}/readyz`)).status, 200);
  assert.equal((await fetch(`http://127.0.0.1:${worker.port}/`)).status, 404);

  // What the worker fetched and clustered shows on the web process's home page: a story
  // covered by several outlets, linked to its coverage page.
  const home = await until("a demo story with several outlets on the web home page", async () => {
    const page = await (await fetch(`http://127.0.0.1:${web.port}/`)).text();
    return /href="\/story\/\d+-[^"]+">\d+ sources</.test(page) ? page : null;
  });
  const api = (await (await fetch(`http://127.0.0.1:${web.port}/api/v1/articles`)).json()) as {
    items: { headline: string }[];
  };
  assert.ok(api.items.length > 0);
  assert.ok(
    api.items.some((a) => home.includes(a.headline.replace(/&/g, "&amp;").slice(0, 30))),
    "the home page lists articles the worker stored",
  );

  const webEvents = events(web.log()).map((e) => e.event);
  assert.ok(webEvents.includes("server.role_started"));
  for (const busy of ["ingest.done", "ingest.failed", "enrich.done", "enrich.enricher_started"]) {
    assert.ok(!webEvents.includes(busy), `the web process logged ${busy}`);
  }
  const workerEvents = events(worker.log()).map((e) => e.event);
  assert.ok(workerEvents.includes("ingest.done"), "the worker fetched");
  assert.ok(workerEvents.includes("enrich.enricher_started"), "the worker holds the enricher");

  // A second worker fetches if it likes, but the enricher is already running elsewhere.
  const second = await start(["--role", "worker"]);
  const refusal = await until("the second worker's enricher refusal", async () => {
    const found = events(second.log()).find((e) => e.event === "enrich.enricher_elsewhere");
    return found ?? null;
  });
  assert.match(
    refusal.msg ?? "",
    new RegExp(`already running elsewhere \\(pid ${worker.child.pid} on `),
  );
  assert.ok(!events(second.log()).some((e) => e.event === "enrich.enricher_started"));
  assert.equal(
    events(second.log()).filter((e) => e.event === "enrich.enricher_elsewhere").length,
    1,
    "said once, in one line",
  );
});
