import { request } from "node:http";
import { createServer } from "node:net";
import type { Child } from "./resources.ts";

/** Benchmarks only ever talk to this address. */
export const LOOPBACK = "127.0.0.1";

export interface Fetched {
  status: number;
  /** Header names and values in wire order, as the server sent them. */
  rawHeaders: string[];
  body: Buffer;
}

/** One GET with no Accept-Encoding, so the body is the identity bytes. */
export function get(port: number, path: string, timeoutMs = 5_000): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: LOOPBACK, port, path, method: "GET", agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`GET ${path}: no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/**
 * Polls until `path` answers 200 and returns the milliseconds since `startedAt`
 * (a performance.now() value). Fails early if the server process exits.
 */
export async function waitFor200(
  child: Child,
  port: number,
  path: string,
  startedAt: number,
  timeoutMs = 20_000,
): Promise<number> {
  for (;;) {
    if (child.exited()) {
      throw new Error(`server exited before answering ${path}:\n${child.output()}`);
    }
    try {
      const res = await get(port, path, 2_000);
      if (res.status === 200) return performance.now() - startedAt;
    } catch {
      // Not listening yet: connection refused is the expected answer while it starts.
    }
    if (performance.now() - startedAt > timeoutMs) {
      throw new Error(`no 200 from ${path} within ${timeoutMs} ms:\n${child.output()}`);
    }
    // Short enough not to blur a cold start measured in hundreds of milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A port free on loopback right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === "string") reject(new Error("no port"));
        else resolve(address.port);
      });
    });
  });
}
