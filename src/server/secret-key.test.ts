import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { isAppError } from "../domain/errors.ts";
import { loadSecretKey, SECRET_KEY_FILE } from "./secret-key.ts";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "dispatch-key-"));

test("SECRET_KEY wins and nothing is written", () => {
  const dir = tempDir();
  const key = "k".repeat(40);
  assert.equal(loadSecretKey({ SECRET_KEY: key, DATA_DIR: dir }), key);
  assert.throws(() => statSync(path.join(dir, SECRET_KEY_FILE)), { code: "ENOENT" });
});

test("without SECRET_KEY a key is generated once, mode 0600, and reused", () => {
  const dir = path.join(tempDir(), "not-yet-there");
  const logged: unknown[] = [];
  const first = loadSecretKey(
    { SECRET_KEY: "", DATA_DIR: dir },
    { info: (o: unknown) => logged.push(o) },
  );
  assert.match(first, /^[0-9a-f]{64}$/);
  const file = path.join(dir, SECRET_KEY_FILE);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(readFileSync(file, "utf8").trim(), first);
  assert.equal(logged.length, 1);
  assert.equal(loadSecretKey({ SECRET_KEY: "", DATA_DIR: dir }), first, "same key after a restart");
});

test("a key file too short to sign with stops start-up with a clear error", () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, SECRET_KEY_FILE), "short\n");
  assert.throws(
    () => loadSecretKey({ SECRET_KEY: "", DATA_DIR: dir }),
    (error) => isAppError(error) && error.code === "secret_key_invalid",
  );
});
