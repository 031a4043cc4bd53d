import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Every child process and temp folder a benchmark makes is registered here, so a failed
 * or interrupted run still leaves no server holding a port and no database in /tmp.
 */
const children = new Set<ChildProcess>();
const folders = new Set<string>();

export interface Child {
  pid: number;
  /** The last few kilobytes of stdout and stderr, for error messages. */
  output(): string;
  exited(): boolean;
  /** Resolves once the process has gone (exit code or signal name). */
  exit: Promise<string>;
  stop(): Promise<void>;
  /** Only for a child spawned with `ipc: true`: a message over its IPC channel. */
  send(message: unknown): void;
  /** Only for a child spawned with `ipc: true`: each message it sends. */
  onMessage(listener: (message: unknown) => void): void;
}

const OUTPUT_TAIL = 8_192;

export function spawnChild(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; ipc?: boolean },
): Child {
  const child = spawn(command, args, {
    env: options.env,
    cwd: options.cwd,
    // A node child given `ipc` talks to the benchmark over process.send (bench/fanout.ts).
    stdio: options.ipc === true ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  children.add(child);
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exit = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      children.delete(child);
      resolve(signal ?? String(code));
    });
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid,
    output: () => tail,
    exited,
    exit,
    stop: () => stopProcess(child),
    send: (message) => {
      if (!child.send) throw new Error(`${command} was spawned without an IPC channel`);
      child.send(message as Parameters<NonNullable<typeof child.send>>[0]);
    },
    onMessage: (listener) => {
      child.on("message", listener);
    },
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    // Dispatch drains for up to 10 s on SIGTERM; a benchmark has no open requests to wait for.
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** `taskset -c <core> command …` when pinning is possible, the bare command otherwise. */
export function pinned(core: number | null, command: string, args: string[]): [string, string[]] {
  return core === null ? [command, args] : ["taskset", ["-c", String(core), command, ...args]];
}

export function makeTempDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `dispatch-bench-${label}-`));
  folders.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  folders.delete(dir);
}

/** Stops every child still running and removes every temp folder. */
export async function releaseAll(): Promise<void> {
  await Promise.all([...children].map(stopProcess));
  for (const dir of [...folders]) removeTempDir(dir);
}

/** Last resort on process exit, where nothing asynchronous runs any more. */
export function releaseAllSync(): void {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of [...folders]) removeTempDir(dir);
}
