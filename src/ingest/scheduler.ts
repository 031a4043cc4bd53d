import { Cron } from "croner";
import type { Source } from "../domain/source.ts";
import type { IngestReport } from "./ingest-source.ts";

export interface SchedulerDeps {
  /** Enabled sources whose next fetch time has come and that no one holds a lease on. */
  due(now: Date, limit: number): Promise<Source[]>;
  /** Takes the source's fetch lease; false when another worker has it. */
  lease(id: number, now: Date, until: Date): Promise<boolean>;
  ingest(source: Source, now: Date): Promise<IngestReport>;
  onReport?(report: IngestReport): void;
  onError?(error: unknown): void;
}

export interface SchedulerOptions {
  /** Fetches running at once, across all sources. */
  concurrency: number;
  /** How long a lease lasts: longer than any fetch can take. */
  leaseMs: number;
  tickSeconds: number;
}

export interface Scheduler {
  /** Fetches every due source once (bounded by concurrency) and reports each. */
  runOnce(now?: Date): Promise<IngestReport[]>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Polls due sources on a fixed tick. Each source is fetched by one worker at a time (the
 * lease, which also works across nodes on PostgreSQL), at most `concurrency` at once.
 * A tick that is still running when the next comes is skipped, not stacked.
 */
export function createScheduler(deps: SchedulerDeps, options: SchedulerOptions): Scheduler {
  let job: Cron | null = null;
  let running: Promise<unknown> = Promise.resolve();

  async function runOnce(now = new Date()): Promise<IngestReport[]> {
    const due = await deps.due(now, options.concurrency * 8);
    const reports: IngestReport[] = [];
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const source = due[next++];
        if (!source) break;
        if (!(await deps.lease(source.id, new Date(), new Date(Date.now() + options.leaseMs))))
          continue;
        const report = await deps.ingest(source, new Date());
        reports.push(report);
        deps.onReport?.(report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, due.length) }, worker));
    return reports;
  }

  return {
    runOnce,
    start() {
      if (job) return;
      job = new Cron(`*/${options.tickSeconds} * * * * *`, { protect: true }, async () => {
        const tick = runOnce().catch((error: unknown) => deps.onError?.(error));
        running = tick;
        await tick;
      });
    },
    async stop() {
      job?.stop();
      job = null;
      await running;
    },
  };
}
