import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

export interface CorePlan {
  /** Core the server under test runs on, or null when it cannot be pinned. */
  server: number | null;
  /** Core this process (the load generator) runs on. */
  client: number | null;
  note: string;
}

/**
 * Server on core 0, load generator on core 1, so the two never compete for a core and
 * the server's figures are what one core gives. Needs two cores and taskset.
 */
export function planCores(): CorePlan {
  const unpinned = (why: string): CorePlan => ({
    server: null,
    client: null,
    note: `not pinned (${why}): server and load generator share the CPUs`,
  });
  if (availableParallelism() < 2) return unpinned("fewer than two CPUs");
  try {
    // -a: every thread of this process, not only the main one (autocannon, libuv, V8).
    execFileSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)], { stdio: "ignore" });
  } catch {
    return unpinned("taskset unavailable");
  }
  return { server: 0, client: 1, note: "servers pinned to core 0, load generator to core 1" };
}
