import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { SEED_NINJS } from "./support/server.ts";

const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const data = mkdtempSync(path.join(tmpdir(), "dispatch-wire-cli-"));
after(() => rmSync(data, { recursive: true, force: true }));

function dispatch(args: string[]) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(PORT|HOST|DATA_DIR|DATABASE_URL|SITE_.*|LOG_LEVEL|DISPATCH_CONFIG)$/.test(k),
    ),
  );
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...clean, DATA_DIR: data },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("dispatch import --source <full source> holds the seed on the wire desk with its findings", () => {
  const add = dispatch(["sources", "add", "https://wire.example.org/feed.xml", "--mode", "full"]);
  assert.equal(add.code, 0, add.stderr);
  const id = /#(\d+)/.exec(add.stdout)?.[1] ?? "";
  const r = dispatch(["import", SEED_NINJS, "--source", id]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /held on the wire desk \(\/newsroom\/wire\/\d+\): 8 findings to fix/);
  const db = new Database(path.join(data, "dispatch.db"), { readonly: true });
  try {
    const row = db
      .prepare("SELECT status, desk_status, kind, source_id, findings FROM articles")
      .get() as {
      status: string;
      desk_status: string;
      kind: string;
      source_id: number;
      findings: string;
    };
    assert.equal(row.status, "draft");
    assert.equal(row.desk_status, "held");
    assert.equal(row.kind, "full");
    assert.equal(row.source_id, Number(id));
    assert.equal((JSON.parse(row.findings) as unknown[]).length, 8);
  } finally {
    db.close();
  }
  assert.equal(dispatch(["import", SEED_NINJS, "--source", "999"]).code, 1);
  assert.equal(dispatch(["import", SEED_NINJS, "--source", "x"]).code, 2);
});
