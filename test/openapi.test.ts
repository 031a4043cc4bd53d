import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freshSqlite, type TestDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

let db: TestDatabase;
let server: RunningServer;
before(async () => {
  db = await freshSqlite();
  server = await startServer(db.database);
});
after(async () => {
  await server.stop();
  await db.dispose();
});

interface Doc {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        summary: string;
        security?: unknown[];
        "x-dispatch-role"?: string;
        parameters?: { name: string; in: string }[];
      }
    >
  >;
}

test("/api/v1/openapi.json describes every API route, writes with their bearer token and role", async () => {
  const response = await fetch(`${server.base}/api/v1/openapi.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /application\/json/);
  const doc = (await response.json()) as Doc;
  assert.equal(doc.openapi, "3.1.0");
  for (const path of [
    "/api/v1/articles",
    "/api/v1/articles/{id}",
    "/api/v1/search",
    "/api/v1/sources",
  ]) {
    assert.ok(doc.paths[path]?.get, `${path} is documented`);
  }
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      assert.doesNotMatch(op.summary, /^[A-Z]+ \//, `${method} ${path} says what it does`);
    }
  }
  assert.ok(doc.paths["/api/v1/search"]?.get?.parameters?.some((p) => p.name === "q"));
  const writes = server.dispatch.newsroom.routes.filter((r) => r.url.startsWith("/api/v1/"));
  for (const route of writes) {
    const path = route.url.replace(/:(\w+)/g, "{$1}");
    const op = doc.paths[path]?.[route.method.toLowerCase()];
    assert.ok(op, `${route.method} ${route.url} is documented`);
    assert.deepEqual(op.security, [{ bearer: [] }]);
    assert.equal(op["x-dispatch-role"], route.access);
    for (const name of route.url.match(/:(\w+)/g) ?? []) {
      assert.ok(
        op.parameters?.some((p) => p.in === "path" && `:${p.name}` === name),
        `${name} described`,
      );
    }
  }
});
