import { type ChildProcess, spawn } from "node:child_process";

const BIN = new URL("../../bin/dispatch.js", import.meta.url).pathname;

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  log(): string;
  stop(): Promise<void>;
}

/** `dispatch serve …` as a real process on loopback, a free port, the given DATA_DIR. */
export function startServe(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, "serve", ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const stop = (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  };
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const m = log.match(/listening at http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve({ child, port: Number(m[1]), log: () => log, stop });
    });
    child.once("exit", (code) =>
      reject(new Error(`serve ${args.join(" ")} exited ${code}: ${log}`)),
    );
  });
}

/** Log lines as parsed pino records. */
export function logEvents(log: string): { event?: string; msg?: string }[] {
  return log
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { event?: string; msg?: string });
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | null>,
  ms = 90_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
