import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { SEED_NINJS, SEED_TEXT } from "./support/server.ts";

const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const FIXTURES = new URL("./fixtures/import/", import.meta.url).pathname;
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "dispatch-cli-"));
  dirs.push(d);
  return d;
}

function dispatch(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(PORT|HOST|DATA_DIR|DATABASE_URL|SITE_.*|LOG_LEVEL|DISPATCH_CONFIG)$/.test(k),
    ),
  );
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...clean, ...env },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function snapshot(dataDir: string): string {
  const db = new Database(path.join(dataDir, "dispatch.db"), { readonly: true });
  try {
    return JSON.stringify([
      db.prepare("SELECT id, guid, headline, body, updated_at FROM articles ORDER BY id").all(),
      db.prepare("SELECT * FROM article_revisions ORDER BY id").all(),
      db.prepare("SELECT * FROM sections ORDER BY id").all(),
    ]);
  } finally {
    db.close();
  }
}

test("import takes the seed as ninjs and as text, and says where each went", () => {
  const data = tempDir();
  const r = dispatch(["import", SEED_NINJS, SEED_TEXT], { DATA_DIR: data });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines.length, 2);
  for (const line of lines) {
    assert.match(
      line,
      /^imported .+: #\d+ "Lukashenko strengthens his turn towards Russia in the middle of the crisis" \/news\/\d{4}\/\d{2}\/\d{2}\//,
    );
  }
  // Importing again updates in place rather than duplicating.
  const again = dispatch(["import", SEED_NINJS], { DATA_DIR: data });
  assert.equal(again.code, 0);
  assert.match(again.stdout, /^unchanged /);
});

test("bad files get one clear line each, change nothing, and the good ones still import", () => {
  const data = tempDir();
  assert.equal(dispatch(["import", SEED_NINJS], { DATA_DIR: data }).code, 0);
  const before = snapshot(data);
  const bad = [
    path.join(FIXTURES, "broken.json"),
    path.join(FIXTURES, "image.png"),
    path.join(FIXTURES, "not-ninjs.json"),
    path.join(data, "missing.json"),
  ];
  const r = dispatch(["import", ...bad], { DATA_DIR: data });
  assert.equal(r.code, 1);
  const errors = r.stderr.trim().split("\n");
  assert.equal(errors.length, bad.length + 1, r.stderr);
  assert.match(errors[0] ?? "", /^error: .*broken\.json: invalid_json: .*line \d+/);
  assert.match(errors[1] ?? "", /^error: .*image\.png: unsupported_format: /);
  assert.match(errors[2] ?? "", /^error: .*not-ninjs\.json: not_ninjs: /);
  assert.match(errors[3] ?? "", /^error: .*missing\.json: not_found: /);
  assert.match(errors.at(-1) ?? "", /^4 of 4 files failed; nothing was imported$/);
  assert.equal(snapshot(data), before, "the database is as it was");

  const story = path.join(FIXTURES, "story.md");
  const mixed = dispatch(["import", path.join(FIXTURES, "broken.json"), story], { DATA_DIR: data });
  assert.equal(mixed.code, 1);
  assert.match(mixed.stdout, /^imported .*story\.md/);
  assert.match(mixed.stderr, /1 of 2 files failed; the others were imported/);
});

test("an invalid setting stops with one line naming it and what is allowed", () => {
  const r = dispatch(["config"], { PORT: "eighty" });
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr.trim(),
    'error: config_invalid: invalid setting PORT="eighty": expected an integer from 0 to 65535',
  );
  const s = dispatch(["serve"], { SITE_URL: "ftp://x" });
  assert.equal(s.code, 2);
  assert.match(
    s.stderr.trim(),
    /^error: config_invalid: invalid setting SITE_URL="ftp:\/\/x": expected an http:\/\/ or https:\/\/ URL$/,
  );
});

test("config prints the effective settings with secrets redacted, from env and file", () => {
  const dir = tempDir();
  const file = path.join(dir, "dispatch.json");
  writeFileSync(file, JSON.stringify({ SITE_NAME: "Harbour Times", PORT: 8080 }));
  const r = dispatch(["config"], {
    DISPATCH_CONFIG: file,
    PORT: "9090",
    DATABASE_URL: "postgres://news:hunter2@127.0.0.1:5432/news",
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^SITE_NAME\s+Harbour Times$/m);
  assert.match(r.stdout, /^PORT\s+9090$/m, "environment wins over the file");
  assert.match(
    r.stdout,
    /^DATABASE_URL\s+postgres:\/\/news:\*\*\*\*@127\.0\.0\.1:5432\/news\s+\(secret\)$/m,
  );
  assert.ok(!r.stdout.includes("hunter2"));
  writeFileSync(file, JSON.stringify({ SITE_NAM: "typo" }));
  const typo = dispatch(["config"], { DISPATCH_CONFIG: file });
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown setting SITE_NAM/);
});

test("unknown commands and flags are refused with a pointer to help", () => {
  const r = dispatch(["frobnicate"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command "frobnicate"/);
  const f = dispatch(["import", "--sektion", "x"]);
  assert.equal(f.code, 2);
  assert.match(f.stderr, /^error: .*--sektion/);
  assert.equal(dispatch(["help"]).code, 0);
});

test("serve answers on its port and stops cleanly on SIGTERM", async () => {
  const { spawn } = await import("node:child_process");
  const data = tempDir();
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: { ...process.env, DATA_DIR: data, PORT: "0", LOG_LEVEL: "info", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const m = log.match(/listening at http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${log}`)));
  });
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  assert.deepEqual(await health.json(), { status: "ok" });
  assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  assert.equal(await exited, 0);
  assert.match(log, /"event":"server.stopped"/);
});
