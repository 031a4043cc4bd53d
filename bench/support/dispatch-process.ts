import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, LOOPBACK, waitFor200 } from "./loopback.ts";
import { type Child, pinned, spawnChild } from "./resources.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = fileURLToPath(new URL("../../bin/dispatch.js", import.meta.url));
const BUNDLE = fileURLToPath(new URL("../../dist/dispatch.mjs", import.meta.url));

/** Dispatch's own settings only: nothing from the caller's shell changes what is measured. */
function dispatchEnv(
  dataDir: string,
  port?: number,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    HOST: LOOPBACK,
    LOG_LEVEL: "warn",
    ...(port === undefined ? {} : { PORT: String(port) }),
    ...extra,
  };
}

/** Runs `dispatch <args>` to completion; throws with its output if it fails. */
export function runCli(dataDir: string, args: string[]): string {
  try {
    return execFileSync(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: dispatchEnv(dataDir),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`dispatch ${args[0] ?? ""} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/** The newest modification time of a non-test source, as bin/dispatch.js judges staleness. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/**
 * bin/dispatch.js rebuilds its bundle when a source is newer; doing that here keeps a
 * rebuild (others edit src/ while we run) out of a cold-start sample. Only when stale: a
 * `dispatch help` loads the whole bundle, seconds on a busy host.
 */
export function ensureBundle(dataDir: string): void {
  const fresh =
    existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestSource(path.join(ROOT, "src"));
  if (!fresh) runCli(dataDir, ["help"]);
}

export interface DispatchServer {
  child: Child;
  port: number;
  /** Milliseconds from spawn to the first 200 from `readyPath`. */
  readyMs: number;
}

export async function startDispatch(options: {
  dataDir: string;
  core: number | null;
  readyPath: string;
  /** Settings on top of the bench's own (e.g. `INGEST: "off"`). */
  env?: Record<string, string>;
}): Promise<DispatchServer> {
  const port = await freePort();
  const [command, args] = pinned(options.core, process.execPath, [CLI, "serve"]);
  const startedAt = performance.now();
  const child = spawnChild(command, args, {
    cwd: ROOT,
    env: dispatchEnv(options.dataDir, port, options.env),
  });
  try {
    const readyMs = await waitFor200(child, port, options.readyPath, startedAt);
    return { child, port, readyMs };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
