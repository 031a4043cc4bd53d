import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { createImageCache } from "./image-cache.ts";

const key = (n: number) => `${createHash("sha256").update(String(n)).digest("hex")}.webp`;
const fileOf = (dir: string, k: string) => path.join(dir, k.slice(0, 2), k);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);
}

test("writes whole files and reads them back; a miss is null", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dispatch-imgcache-"));
  const cache = createImageCache({ dir, maxBytes: 1024 * 1024 });
  assert.equal(await cache.read(key(1)), null);
  await cache.write(key(1), Buffer.from("first image"));
  assert.equal((await cache.read(key(1)))?.toString(), "first image");
  await cache.write(key(1), Buffer.from("replaced"));
  assert.equal((await cache.read(key(1)))?.toString(), "replaced");
  await cache.sweep();
  assert.deepEqual(allFiles(dir), [key(1)], "no temporary file left behind");
  await assert.rejects(cache.read("../../etc/passwd"));
});

test("the sweep deletes least recently used files down to 90% of the cap", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dispatch-imgcache-"));
  let clock = Date.parse("2026-01-01T00:00:00Z");
  const cache = createImageCache({ dir, maxBytes: 10_000, now: () => clock });
  for (let i = 0; i < 10; i++) {
    await cache.write(key(i), Buffer.alloc(1000));
    const at = new Date(clock - (10 - i) * 3_600_000);
    utimesSync(fileOf(dir, key(i)), at, at);
  }
  // Reading the oldest refreshes it (it is over an hour old), so it survives the sweep.
  assert.ok(await cache.read(key(0)));
  clock += 1;
  await cache.write(key(10), Buffer.alloc(1000));
  const result = await cache.sweep();
  assert.deepEqual([result.files, result.bytes, result.removedFiles], [9, 9000, 2]);
  const left = new Set(allFiles(dir));
  assert.ok(left.has(key(0)), "recently read");
  assert.ok(!left.has(key(1)) && !left.has(key(2)), "least recently used go first");
  assert.ok(left.has(key(10)));
});

test("stale temporary files from a dead writer are removed", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dispatch-imgcache-"));
  const cache = createImageCache({ dir, maxBytes: 1_000_000 });
  await cache.write(key(1), Buffer.from("x"));
  const stale = `${fileOf(dir, key(1))}.abc.tmp`;
  writeFileSync(stale, "half");
  const old = new Date(Date.now() - 3_600_000);
  utimesSync(stale, old, old);
  await cache.sweep();
  assert.deepEqual(allFiles(dir), [key(1)]);
});
