import assert from "node:assert/strict";
import { createECDH } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { isAppError } from "../domain/errors.ts";
import { loadVapidKeys, VAPID_KEY_FILE } from "./vapid-keys.ts";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "dispatch-vapid-"));

test("VAPID_PRIVATE_KEY wins, nothing is written, and the public key follows from it", () => {
  const dir = tempDir();
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const privateKey = ecdh.getPrivateKey().toString("base64url").padStart(43, "A");
  const keys = loadVapidKeys({ VAPID_PRIVATE_KEY: privateKey, DATA_DIR: dir });
  assert.equal(keys.privateKey, privateKey);
  assert.equal(keys.publicKey, ecdh.getPublicKey().toString("base64url"));
  assert.throws(() => statSync(path.join(dir, VAPID_KEY_FILE)), { code: "ENOENT" });
});

test("without VAPID_PRIVATE_KEY a key is generated once, mode 0600, and the same after a restart", () => {
  const dir = path.join(tempDir(), "not-yet-there");
  const logged: unknown[] = [];
  const first = loadVapidKeys(
    { VAPID_PRIVATE_KEY: "", DATA_DIR: dir },
    { info: (o: unknown) => logged.push(o) },
  );
  assert.match(first.privateKey, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(Buffer.from(first.publicKey, "base64url").length, 65);
  const file = path.join(dir, VAPID_KEY_FILE);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(
    readFileSync(file, "utf8").trim(),
    first.privateKey,
    "only the private half is kept",
  );
  assert.equal(logged.length, 1);
  assert.deepEqual(loadVapidKeys({ VAPID_PRIVATE_KEY: "", DATA_DIR: dir }), first);
});

test("a damaged key file is refused with what to do, not replaced", () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, VAPID_KEY_FILE), "not a key\n");
  assert.throws(
    () => loadVapidKeys({ VAPID_PRIVATE_KEY: "", DATA_DIR: dir }),
    (error: unknown) =>
      isAppError(error) &&
      error.code === "vapid_key_invalid" &&
      /delete the file/.test(error.message),
  );
  assert.equal(readFileSync(path.join(dir, VAPID_KEY_FILE), "utf8"), "not a key\n");
});
