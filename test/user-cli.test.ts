import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { openDatabase } from "../src/db/connection.ts";
import { NewsroomClient } from "./support/newsroom.ts";
import { startServer } from "./support/server.ts";

const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const PASSWORD = "a long and unusual passphrase 7";
const OTHER = "another quite unusual passphrase 8";

let data: string;
before(() => {
  data = mkdtempSync(path.join(tmpdir(), "dispatch-user-cli-"));
});
after(() => rmSync(data, { recursive: true, force: true }));

/** The real command, its stdin fed like a pipe (never a terminal), over the temp DATA_DIR. */
function dispatch(args: string[], stdin = "") {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(PORT|HOST|DATA_DIR|DATABASE_URL|SITE_.*|LOG_LEVEL|DISPATCH_CONFIG)$/.test(k),
    ),
  );
  const r = spawnSync(process.execPath, [BIN, "user", ...args], {
    env: { ...clean, DATA_DIR: data },
    input: stdin,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One line on stderr, `error: <code>: …`, a non-zero exit, nothing on stdout. */
function fails(r: ReturnType<typeof dispatch>, code: string) {
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] ?? "", new RegExp(`^error: ${code}: `));
}

async function withServer<T>(run: (base: string) => Promise<T>): Promise<T> {
  const database = openDatabase(`sqlite:${path.join(data, "dispatch.db")}`);
  const server = await startServer(database);
  try {
    return await run(server.base);
  } finally {
    await server.stop();
    await database.close();
  }
}

test("user add takes the password from stdin; that account signs in over HTTP", async () => {
  const added = dispatch(
    ["add", "Chief@Example.org", "--role", "admin", "--name", "Chief Editor"],
    `${PASSWORD}\nthis second line is ignored\n`,
  );
  assert.equal(added.code, 0, added.stderr);
  assert.equal(added.stdout.trim(), "added chief@example.org (Chief Editor) as admin");
  assert.doesNotMatch(added.stdout + added.stderr, /passphrase/, "the password is never echoed");

  const reporter = dispatch(["add", "kim@example.org", "--role", "reporter"], `${OTHER}\r\n`);
  assert.equal(reporter.code, 0, reporter.stderr);

  const list = dispatch(["list"]);
  assert.equal(list.code, 0, list.stderr);
  const lines = list.stdout.trim().split("\n");
  assert.match(lines[0] ?? "", /^EMAIL\s+NAME\s+ROLE\s+STATE\s+CREATED$/);
  assert.match(lines[1] ?? "", /^chief@example\.org\s+Chief Editor\s+admin\s+active\s+20\d\d-/);
  assert.match(lines[2] ?? "", /^kim@example\.org\s+kim\s+reporter\s+active\s+/);
  const json = JSON.parse(dispatch(["list", "--json"]).stdout) as { email: string; role: string }[];
  assert.deepEqual(
    json.map((u) => [u.email, u.role]),
    [
      ["chief@example.org", "admin"],
      ["kim@example.org", "reporter"],
    ],
  );

  await withServer(async (base) => {
    const chief = new NewsroomClient(base);
    const signedIn = await chief.signIn("chief@example.org", PASSWORD);
    assert.equal(signedIn.status, 303, signedIn.body);
    const desk = await chief.get("/newsroom");
    assert.equal(desk.status, 200);
    assert.match(desk.body, /Chief Editor/);
    // The CRLF of a Windows pipe is not part of the password.
    const kim = new NewsroomClient(base);
    assert.equal((await kim.signIn("kim@example.org", OTHER)).status, 303);
  });
});

test("bad input: one line with a stable code, a non-zero exit, and nothing changed", () => {
  const before = dispatch(["list", "--json"]).stdout;
  fails(dispatch(["add", "not-an-address", "--role", "editor"], `${PASSWORD}\n`), "bad_email");
  fails(dispatch(["add", "lee@example.org", "--role", "boss"], `${PASSWORD}\n`), "unknown_role");
  fails(dispatch(["add", "lee@example.org"], `${PASSWORD}\n`), "unknown_role");
  fails(dispatch(["add", "CHIEF@example.org", "--role", "editor"], `${PASSWORD}\n`), "email_taken");
  fails(dispatch(["add", "lee@example.org", "--role", "editor"], "short\n"), "bad_password");
  fails(dispatch(["add", "lee@example.org", "--role", "editor"], "password1234\n"), "bad_password");
  fails(dispatch(["add", "lee@example.org", "--role", "editor"], ""), "no_password");
  fails(dispatch(["add", "lee@example.org", "--role", "editor", PASSWORD]), "usage");
  fails(dispatch(["disable", "nobody@example.org"]), "no_such_user");
  fails(dispatch(["role", "kim@example.org", "chief"]), "unknown_role");
  assert.equal(dispatch(["list", "--json"]).stdout, before);
});

test("the last active admin can be neither disabled nor demoted", () => {
  fails(dispatch(["disable", "chief@example.org"]), "last_admin");
  fails(dispatch(["role", "chief@example.org", "editor"]), "last_admin");
  // With a second admin, the first may step down; then the second is the last.
  assert.equal(dispatch(["role", "kim@example.org", "admin"]).code, 0);
  const down = dispatch(["role", "chief@example.org", "editor"]);
  assert.equal(down.code, 0, down.stderr);
  assert.equal(down.stdout.trim(), "chief@example.org is now editor (was admin)");
  fails(dispatch(["disable", "kim@example.org"]), "last_admin");
  assert.equal(dispatch(["role", "chief@example.org", "admin"]).code, 0);
});

test("disable ends the sessions and stops sign-in; enable and reset-password bring it back; all audited as cli", async () => {
  await withServer(async (base) => {
    const kim = new NewsroomClient(base);
    assert.equal((await kim.signIn("kim@example.org", OTHER)).status, 303);
    assert.equal((await kim.get("/newsroom")).status, 200);

    const off = dispatch(["disable", "kim@example.org"]);
    assert.equal(off.code, 0, off.stderr);
    // This one and the one left from the first test.
    assert.equal(off.stdout.trim(), "disabled kim@example.org; 2 session(s) ended");
    assert.equal((await kim.get("/newsroom")).status, 303, "the open session is gone");
    assert.equal((await kim.signIn("kim@example.org", OTHER)).status, 401);

    assert.equal(dispatch(["enable", "kim@example.org"]).code, 0);
    assert.equal((await kim.signIn("kim@example.org", OTHER)).status, 303);

    const reset = dispatch(["reset-password", "kim@example.org"], `${PASSWORD} too\n`);
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal((await kim.get("/newsroom")).status, 303, "a new password ends the sessions");
    assert.equal((await kim.signIn("kim@example.org", OTHER)).status, 401);
    assert.equal((await kim.signIn("kim@example.org", `${PASSWORD} too`)).status, 303);
  });

  const database = openDatabase(`sqlite:${path.join(data, "dispatch.db")}`);
  try {
    const { createAuditRepository } = await import("../src/db/audit-repository.ts");
    const entries = await createAuditRepository(database).list({ actor: "cli" });
    assert.deepEqual(entries.map((e) => e.action).reverse(), [
      "user.create",
      "user.create",
      "user.role",
      "user.role",
      "user.role",
      "user.disable",
      "user.enable",
      "user.password",
    ]);
    assert.ok(entries.every((e) => e.actorId === null && e.targetType === "user"));
    const disable = entries.find((e) => e.action === "user.disable");
    assert.deepEqual(disable?.before, { disabledAt: null });
    const disabledAt = (disable?.after as { disabledAt?: unknown } | undefined)?.disabledAt;
    assert.match(String(disabledAt), /^20\d\d-/);
    assert.ok(!JSON.stringify(entries).includes("passphrase"), "no password in the log");
  } finally {
    await database.close();
  }
});
