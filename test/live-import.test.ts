// `dispatch import` in its own process, while `dispatch serve` runs on the same DATA_DIR:
// the portal's bus tails the SQLite file, so an open stream hears of the import at once.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { type ServeProcess, startServe } from "./support/serve-process.ts";
import { SEED_TEXT } from "./support/server.ts";
import { openSse, type SseClient } from "./support/sse-client.ts";

const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const data = mkdtempSync(path.join(tmpdir(), "dispatch-live-import-"));
let serve: ServeProcess | null = null;
const streams: SseClient[] = [];

after(async () => {
  for (const s of streams) s.close();
  await serve?.stop();
  rmSync(data, { recursive: true, force: true });
});

function dispatchImport(file: string): Promise<{ code: number | null; at: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "import", file], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: data, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, at: Date.now(), out }));
  });
}

test("an import by another process reaches /live?channels=home within a second; Last-Event-ID 0 replays it; another epoch gets resync", {
  timeout: 120_000,
}, async () => {
  serve = await startServe(data, ["--role", "all"], { INGEST: "off" });
  const base = `http://127.0.0.1:${serve.port}`;
  const home = await (await fetch(`${base}/`)).text();
  const stamp = /<meta name="dispatch-live" content="([^"]+)" data-channels="([^"]+)"/.exec(home);
  assert.ok(stamp, "the home page embeds the log's head and its channels");
  assert.equal(stamp[2], "home breaking");
  const [epoch] = (stamp[1] ?? "").split(":");

  // As `curl -N`, from the id the page embedded.
  const stream = await openSse(`${base}/live?channels=home&last_event_id=${stamp[1]}`);
  streams.push(stream);
  const imported = await dispatchImport(SEED_TEXT);
  assert.equal(imported.code, 0, imported.out);
  const message = await stream.next((m) => m.event === "article.published", 5_000, "the import");
  const receivedAt = Date.now();
  assert.ok(receivedAt - imported.at < 1_000, `${receivedAt - imported.at} ms after the import`);
  const event = JSON.parse(message.data ?? "{}") as { payload: { headline: string } };
  assert.match(event.payload.headline, /Lukashenko/);
  assert.ok(message.id?.startsWith(`${epoch}:`));

  const replay = await openSse(`${base}/live?channels=home`, { "last-event-id": "0" });
  streams.push(replay);
  const again = await replay.next((m) => m.event === "article.published", 2_000, "the replay");
  assert.equal(again.id, message.id);

  const other = await openSse(`${base}/live?channels=home`, { "last-event-id": "0123abcd:1" });
  streams.push(other);
  await other.next((m) => m.event === "resync", 2_000, "resync for another epoch");
});
