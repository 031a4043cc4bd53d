// The first start of a real `dispatch serve` with no admin prints a one-time setup link;
// it creates the first admin once; the next start prints none.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { NewsroomClient, TEST_PASSWORD } from "./support/newsroom.ts";
import { logEvents, type ServeProcess, startServe } from "./support/serve-process.ts";

const data = mkdtempSync(path.join(tmpdir(), "dispatch-setup-"));
const running: ServeProcess[] = [];
after(async () => {
  await Promise.all(running.map((r) => r.stop()));
  rmSync(data, { recursive: true, force: true });
});

test("first start prints a setup link that works once; a later start prints none", {
  timeout: 60_000,
}, async () => {
  const first = await startServe(data, ["--role", "web"]);
  running.push(first);
  const line = logEvents(first.log()).find((e) => e.event === "newsroom.setup_token");
  assert.ok(line, "the setup link is logged");
  const token = /setup\?token=([\w-]+)/.exec(line.msg ?? "")?.[1];
  assert.ok(token);
  const client = new NewsroomClient(`http://127.0.0.1:${first.port}`);
  assert.equal((await client.get(`/newsroom/setup?token=${token}`)).status, 200);
  const made = await client.post("/newsroom/setup", {
    token,
    email: "first@example.org",
    name: "First Admin",
    password: TEST_PASSWORD,
    confirm: TEST_PASSWORD,
  });
  assert.equal(made.status, 303);
  assert.equal((await client.get("/newsroom")).status, 200);
  await first.stop();

  const second = await startServe(data, ["--role", "web"]);
  running.push(second);
  assert.ok(!logEvents(second.log()).some((e) => e.event === "newsroom.setup_token"));
  const late = new NewsroomClient(`http://127.0.0.1:${second.port}`);
  assert.equal((await late.get(`/newsroom/setup?token=${token}`)).status, 410);
  assert.equal((await late.signIn("first@example.org")).status, 303);
});
