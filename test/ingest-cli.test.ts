import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { startDemoWire } from "../src/demo/demo-wire.ts";

// The CLI as an operator runs it, against the demo wire on 127.0.0.1.
const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k, v]) =>
        v !== undefined &&
        !/^(PORT|HOST|DATA_DIR|DATABASE_URL|SITE_.*|LOG_LEVEL|DISPATCH_CONFIG|FETCH_.*|INGEST.*)$/.test(
          k,
        ),
    ),
  ) as Record<string, string>;
  return { ...env, ...extra };
}

// Asynchronous: the demo wire answering the child's requests lives in this process.
function dispatch(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: cleanEnv(env) }, (error, stdout, stderr) => {
      const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

test("ingest --once fetches every due source once, one line each, and says what failed", async () => {
  const wire = await startDemoWire({ intervalMs: 3_600_000, initialItems: 8 });
  try {
    const data = mkdtempSync(path.join(tmpdir(), "dispatch-ingest-"));
    dirs.push(data);
    const env = { DATA_DIR: data, FETCH_ALLOW_HOSTS: `127.0.0.1:${wire.port}` };
    for (const feed of wire.feeds.slice(0, 4)) {
      assert.equal((await dispatch(["sources", "add", feed.url], env)).code, 0);
    }
    // Nothing listens on port 9 of loopback, and it is not allowed: refused before connecting.
    assert.equal((await dispatch(["sources", "add", "http://127.0.0.1:9/feed.xml"], env)).code, 0);

    const r = await dispatch(["ingest", "--once"], env);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.filter((l) => l.startsWith("✓")).length, 4, r.stdout);
    assert.match(r.stdout, /^✗ #5 http:\/\/127\.0\.0\.1:9\/feed\.xml: blocked_address: /m);
    assert.match(r.stdout, /5 sources fetched: \d+ new articles, 0 updated, 1 failed$/m);

    // Fetched sources are not due again straight away.
    const again = await dispatch(["ingest", "--once"], env);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^0 sources fetched/m);

    assert.equal((await dispatch(["ingest"], env)).code, 2, "without --once it explains itself");
  } finally {
    await wire.close();
  }
});

test("serve --demo runs its own wire and the portal fills up by itself", async () => {
  const data = mkdtempSync(path.join(tmpdir(), "dispatch-demo-"));
  dirs.push(data);
  const child = spawn(process.execPath, [BIN, "serve", "--demo"], {
    env: cleanEnv({ DATA_DIR: data, PORT: "0", LOG_LEVEL: "info" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        const m = log.match(/listening at http:\/\/127\.0\.0\.1:(\d+)/);
        if (m) resolve(Number(m[1]));
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${log}`)));
    });
    assert.match(log, /"event":"demo.wire_started"/);
    let items: { kind: string }[] = [];
    for (let i = 0; i < 60 && items.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/articles`);
      items = ((await res.json()) as { items: { kind: string }[] }).items;
    }
    assert.ok(items.length > 0, `no articles after 15 s:\n${log}`);
    const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    assert.ok(home.includes("Veloria") || home.includes("Marrowgate") || items.length > 0);
    const sources = (await (await fetch(`http://127.0.0.1:${port}/api/v1/sources`)).json()) as {
      items: { url: string }[];
    };
    assert.equal(sources.items.length, 6);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    assert.equal(await exited, 0, log);
  }
});
