import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { addDemoSources } from "../src/demo/demo-sources.ts";
import { type DemoWire, startDemoWire } from "../src/demo/demo-wire.ts";
import { freshSqlite, type TestDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

let db: TestDatabase;
let wire: DemoWire;
let server: RunningServer;
const pings: URLSearchParams[] = [];
const hub = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => {
    body += chunk.toString("utf8");
  });
  req.on("end", () => {
    pings.push(new URLSearchParams(body));
    res.writeHead(204).end();
  });
});

before(async () => {
  await new Promise<void>((resolve) => hub.listen(0, "127.0.0.1", resolve));
  const hubPort = (hub.address() as AddressInfo).port;
  wire = await startDemoWire({ intervalMs: 3_600_000, initialItems: 6 });
  db = await freshSqlite();
  server = await startServer(db.database, {
    WEBSUB_HUB: `http://127.0.0.1:${hubPort}/`,
    FETCH_ALLOW_HOSTS: `127.0.0.1:${wire.port},127.0.0.1:${hubPort}`,
  });
});
after(async () => {
  await server.stop();
  await wire.close();
  await db.dispose();
  await new Promise((resolve) => hub.close(resolve));
});

/** Pings are sent after the fetch returns; wait until they stop arriving. */
async function settled(): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = -1;
  while (seen !== pings.length && Date.now() < deadline) {
    seen = pings.length;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

test("new ingested articles ping the hub for home and their sections' feeds", async () => {
  const { sources, ingestion } = server.dispatch;
  await addDemoSources(wire, sources);
  for (const source of await sources.list()) await ingestion.ingest(source);
  await settled();
  const topics = new Set(pings.map((p) => p.get("hub.url") ?? p.get("hub.topic")));
  assert.ok(pings.every((p) => p.get("hub.mode") === "publish"));
  assert.ok(topics.has("http://127.0.0.1:3999/feed.xml"), [...topics].join(" "));
  assert.ok([...topics].some((t) => t?.startsWith("http://127.0.0.1:3999/section/")));

  // Fetching again finds nothing new: no more pings.
  const before = pings.length;
  for (const source of await sources.list()) {
    const report = await ingestion.ingest(source);
    assert.deepEqual(report.changed, [], `${source.url} changed nothing`);
  }
  await settled();
  assert.equal(pings.length, before);
});
