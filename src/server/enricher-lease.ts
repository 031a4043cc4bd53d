import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { ProcessLeases } from "../db/process-leases.ts";
import { LOG } from "../domain/log-events.ts";
import type { Enricher } from "../enrich/enricher.ts";

export const ENRICHER_LEASE = "enricher";
const TTL_MS = 60_000;
const RENEW_MS = 15_000;

export interface EnricherLease {
  /** Starts the enricher once this process holds the lease; resolves after the first try. */
  start(): Promise<void>;
  /** True while this process runs the enricher. */
  readonly running: boolean;
  close(): Promise<void>;
}

/**
 * One enricher per database: its story index lives in its memory, so a second one would
 * hand out conflicting story keys. The lease is renewed while the enricher runs; a process
 * that finds it held logs once who holds it and keeps asking, so it takes over when the
 * holder stops or dies (its lease expires a minute after its last renewal).
 */
export function enricherLease(options: {
  leases: ProcessLeases;
  enricher: Enricher;
  logger: Logger;
  role: string;
  ttlMs?: number;
  renewMs?: number;
}): EnricherLease {
  const { leases, enricher, logger } = options;
  const ttlMs = options.ttlMs ?? TTL_MS;
  const me = {
    holder: `${hostname()}:${process.pid}:${randomBytes(6).toString("hex")}`,
    pid: process.pid,
    host: hostname(),
    role: options.role,
  };
  let running = false;
  let refusedOnce = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  // The renewal in flight, if any: close() waits for it, or its write could land after
  // the release and hold the lease for a whole TTL after this process stopped.
  let inFlight: Promise<void> | null = null;

  function attempt(): Promise<void> {
    const run = attemptOnce().finally(() => {
      if (inFlight === run) inFlight = null;
    });
    inFlight = run;
    return run;
  }

  async function attemptOnce(): Promise<void> {
    if (closed) return;
    const answer = await leases.acquire(ENRICHER_LEASE, me, new Date(), ttlMs);
    if (closed) return;
    if (answer.acquired) {
      if (running) return;
      running = true;
      logger.info(
        { event: LOG.enricherStarted, holder: me.holder },
        "enricher started: this process holds the enricher lease",
      );
      // Not awaited: the first pass may take longer than the lease, which renews meanwhile.
      enricher
        .start()
        .catch((error: unknown) =>
          logger.error({ event: LOG.enrichFailed, err: error }, "enrichment could not start"),
        );
      return;
    }
    if (running) {
      // Another process took it over (this one stalled past the lease): stop at once.
      running = false;
      logger.error(
        { event: LOG.enricherLeaseLost, heldBy: answer.heldBy },
        `enricher stopped: its lease was taken by pid ${answer.heldBy.pid} on ${answer.heldBy.host}`,
      );
      await enricher.close();
      closed = true;
      return;
    }
    if (!refusedOnce) {
      refusedOnce = true;
      const h = answer.heldBy;
      logger.warn(
        { event: LOG.enricherElsewhere, heldBy: h },
        `enricher not started: it is already running elsewhere (pid ${h.pid} on ${h.host}, role ${h.role}, since ${h.acquiredAt}); only one enricher may run per database, this process takes over if that one stops`,
      );
    }
  }

  const tick = () => {
    attempt().catch((error: unknown) =>
      logger.error({ event: LOG.enrichFailed, err: error }, "enricher lease check failed"),
    );
  };

  return {
    get running() {
      return running;
    },
    async start() {
      await attempt();
      if (closed || timer) return;
      timer = setInterval(tick, options.renewMs ?? RENEW_MS);
      timer.unref();
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight?.catch(() => {});
      await enricher.close();
      running = false;
      // Also when it never ran: a renewal in flight at close may just have taken it.
      await leases
        .release(ENRICHER_LEASE, me.holder)
        .catch((error: unknown) =>
          logger.warn({ err: error }, "could not release the enricher lease"),
        );
    },
  };
}
