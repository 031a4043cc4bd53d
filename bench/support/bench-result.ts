import { availableParallelism, cpus } from "node:os";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One line of the results table. */
export interface BenchRow {
  case: string;
  /** Dispatch's figure, formatted with its unit. */
  dispatch: string;
  /** The ceiling or peer it is compared with, when there is one. */
  reference: string | null;
  /** dispatch / reference, when a ratio means something. */
  ratio: number | null;
  target: string | null;
  /** null: informational, no target. */
  pass: boolean | null;
}

/** What each benchmark module's `run()` returns. */
export interface BenchResult {
  title: string;
  /** What is measured against what, in one sentence. */
  method: string;
  rows: BenchRow[];
  notes: string[];
  /** Every sample behind the rows, for whoever wants to look again. */
  data: Json;
}

export interface Machine {
  node: string;
  cpu: string;
  nproc: number;
  platform: string;
  date: string;
}

/** The file written to bench/results/<name>.json. */
export interface StoredResult extends BenchResult {
  name: string;
  machine: Machine;
}

export function machine(): Machine {
  return {
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    nproc: availableParallelism(),
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

export function isStoredResult(value: unknown): value is StoredResult {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<StoredResult>;
  return typeof v.name === "string" && Array.isArray(v.rows) && typeof v.machine === "object";
}
