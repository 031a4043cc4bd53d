import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** CPU seconds all cores spent busy so far (user, nice, system, irq, softirq, steal). */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  const busy = [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0);
  return busy / TICKS_PER_SECOND;
}

/** This process's user plus system CPU time, in milliseconds. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface Span {
  wallMs: number;
  cpuMs: number;
  /** Cores' worth of CPU the rest of the machine used meanwhile: above ~0.1 it was busy. */
  otherCores: number;
}

/** Wall time, own CPU and everyone else's CPU over one call of `work`. */
export async function timed<T>(work: () => Promise<T> | T): Promise<[T, Span]> {
  const busy = machineBusySeconds();
  const cpu = ownCpuMs();
  const start = performance.now();
  const value = await work();
  const wallMs = performance.now() - start;
  const cpuMs = ownCpuMs() - cpu;
  const otherMs = (machineBusySeconds() - busy) * 1000 - cpuMs;
  return [value, { wallMs, cpuMs, otherCores: Math.max(0, otherMs) / wallMs }];
}

/** Resident set size now and its peak (kernel high-water mark), in bytes. */
export function rss(): { now: number; peak: number } {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { now: kb("VmRSS") * 1024, peak: kb("VmHWM") * 1024 };
}
