import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { LOOPBACK } from "./loopback.ts";

export interface LoadOptions {
  connections: number;
  durationS: number;
  warmupS: number;
}

export interface LoadSample {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  requests: number;
  durationS: number;
  /** Share of one core the server used: near 1 means the server, not the client, is the limit. */
  serverCpu: number;
  /** Share of one core the load generator used (this process). */
  clientCpu: number;
  /**
   * Cores' worth of CPU everything else on the machine used meanwhile (other people's
   * builds and tests on a shared host): above ~0.1 the figures are noisy.
   */
  otherCpu: number;
}

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** User plus system CPU seconds a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces and parentheses: count fields from the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds all cores spent busy so far (user, nice, system, irq, softirq, steal). */
function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  const busy = [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0);
  return busy / TICKS_PER_SECOND;
}

async function fire(port: number, path: string, connections: number, durationS: number) {
  const result = await autocannon({
    url: `http://${LOOPBACK}:${port}${path}`,
    connections,
    duration: durationS,
    // No Accept-Encoding: both servers send identity bytes, so neither compresses.
    headers: {},
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0 || result["2xx"] === 0) {
    throw new Error(
      `GET ${path} on port ${port}: ${result["2xx"]} 2xx, ${result.non2xx} non-2xx, ` +
        `${result.errors} errors, ${result.timeouts} timeouts; a benchmark of failures measures nothing`,
    );
  }
  return result;
}

/** A warm-up (JIT, caches, TCP) that is thrown away, then the measured run. */
export async function measure(
  port: number,
  path: string,
  serverPid: number,
  options: LoadOptions,
): Promise<LoadSample> {
  if (options.warmupS > 0) await fire(port, path, options.connections, options.warmupS);
  const serverBefore = cpuSeconds(serverPid);
  const clientBefore = cpuSeconds(process.pid);
  const machineBefore = machineBusySeconds();
  const result = await fire(port, path, options.connections, options.durationS);
  const serverUsed = cpuSeconds(serverPid) - serverBefore;
  const clientUsed = cpuSeconds(process.pid) - clientBefore;
  const otherUsed = machineBusySeconds() - machineBefore - serverUsed - clientUsed;
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMeanMs: result.latency.mean,
    requests: result.requests.total,
    durationS: result.duration,
    serverCpu: serverUsed / result.duration,
    clientCpu: clientUsed / result.duration,
    otherCpu: Math.max(0, otherUsed) / result.duration,
  };
}
