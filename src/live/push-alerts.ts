import type { Logger } from "pino";
import type { BreakingAlert } from "../domain/alert.ts";
import { describeError, isAppError } from "../domain/errors.ts";
import { lazily } from "../domain/lazily.ts";
import { LOG } from "../domain/log-events.ts";
import type { PushAlertPayload, PushSubscriptionRecord } from "../domain/web-push.ts";
import type { PushSubscriptionStore } from "./push-subscription-store.ts";

/** A push service that never answers within this stays unanswered: an alert is minutes long. */
export const PUSH_TTL_MAX_SECONDS = 15 * 60;
/**
 * One topic for every alert: a push service holding an undelivered alert for a phone that
 * is off replaces it with the newer one, so the reader wakes to the latest, not a queue.
 */
export const PUSH_TOPIC = "breaking";
const PAGE_SIZE = 500;
const CONCURRENCY = 16;
/** Failed sends in a row (timeouts, 5xx, 403) before a subscription is given up on. */
export const PUSH_MAX_FAILURES = 5;

/** How this process reaches push services: a guarded POST answering the final status. */
export type PushPost = (
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
) => Promise<{ status: number }>;

export interface PushAlertsDeps {
  store: PushSubscriptionStore;
  /** The VAPID key pair, asked for on the first send (loading it may write DATA_DIR). */
  keys: () => { publicKey: string; privateKey: string };
  subject: string;
  siteUrl: string;
  post: PushPost;
  logger: Pick<Logger, "info" | "warn">;
  sendsPerSecond: number;
  now?: () => number;
}

export interface PushRunReport {
  alertId: number;
  sent: number;
  /** Answered 404/410, or refused by the address guard: removed. */
  gone: number;
  failed: number;
  /** Removed after PUSH_MAX_FAILURES failures in a row. */
  givenUp: number;
  /** A newer alert took over before this one reached everyone. */
  superseded: boolean;
}

export interface PushAlerts {
  /**
   * Pushes `alert` to every subscription in the background and returns at once: the
   * newsroom's request never waits for push services. A newer alert stops an older one's run.
   */
  alertSent(alert: BreakingAlert): void;
  /** Resolves when no run is going (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops a run between requests and waits for it. */
  close(): Promise<void>;
  /** Every run's outcome, for tests and the log; the newest last, at most 20. */
  readonly reports: readonly PushRunReport[];
}

type Outcome = "sent" | "gone" | "failed";

// web-push (and jws, asn1.js, http_ece under it) loads on the first alert, not at start.
const webPush = lazily(async () => (await import("web-push")).default);

/**
 * Breaking alerts by Web Push (RFC 8030, 8291, 8292) through the `web-push` library's VAPID
 * signing and aes128gcm encryption; the request itself goes through `post` (the safe
 * fetcher in production), so a subscription naming a private address is refused at send
 * time like any other fetch. Each alert: TTL at most 15 minutes and never past its expiry,
 * `Urgency: high`, one `Topic`. 404 and 410 prune; other failures are counted.
 */
export function createPushAlerts(deps: PushAlertsDeps): PushAlerts {
  const now = deps.now ?? Date.now;
  const interval = 1000 / deps.sendsPerSecond;
  let nextStart = 0;
  let generation = 0;
  let newestId = 0;
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  const reports: PushRunReport[] = [];

  // Requests start at most sendsPerSecond a second, whatever the concurrency.
  async function pace(): Promise<void> {
    const at = now();
    const start = Math.max(at, nextStart);
    nextStart = start + interval;
    if (start > at) await new Promise((resolve) => setTimeout(resolve, start - at));
  }

  async function pushOne(
    subscription: PushSubscriptionRecord,
    payload: string,
    ttl: number,
  ): Promise<{ outcome: Outcome; error?: string }> {
    const lib = await webPush();
    const keys = deps.keys();
    let details: ReturnType<typeof lib.generateRequestDetails>;
    try {
      details = lib.generateRequestDetails(
        {
          endpoint: subscription.endpoint,
          keys: { p256dh: subscription.p256dh, auth: subscription.auth },
        },
        payload,
        {
          vapidDetails: { subject: deps.subject, ...keys },
          TTL: ttl,
          urgency: "high",
          topic: PUSH_TOPIC,
          contentEncoding: "aes128gcm",
        },
      );
    } catch (error) {
      // Keys the subscribe route let through but the library refuses: never sendable.
      return { outcome: "gone", error: describeError(error) };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(details.headers)) {
      // The HTTP client counts the body itself.
      if (name.toLowerCase() !== "content-length") headers[name.toLowerCase()] = String(value);
    }
    try {
      const { status } = await deps.post(
        details.endpoint,
        details.body ? new Uint8Array(details.body) : new Uint8Array(),
        headers,
      );
      return status >= 200 && status < 300
        ? { outcome: "sent" }
        : { outcome: "failed", error: `HTTP ${status}` };
    } catch (error) {
      const status = isAppError(error) ? error.context.status : undefined;
      // 404 and 410: the push service has forgotten this browser (RFC 8030 §7.3).
      if (status === 404 || status === 410) return { outcome: "gone", error: `HTTP ${status}` };
      // An endpoint the address guard refuses will be refused every time.
      if (isAppError(error) && error.code === "blocked_address") {
        return { outcome: "gone", error: error.message };
      }
      return { outcome: "failed", error: describeError(error) };
    }
  }

  async function run(alert: BreakingAlert, mine: number): Promise<void> {
    const report: PushRunReport = {
      alertId: alert.id,
      sent: 0,
      gone: 0,
      failed: 0,
      givenUp: 0,
      superseded: false,
    };
    const ttl = Math.min(
      PUSH_TTL_MAX_SECONDS,
      Math.floor((Date.parse(alert.expiresAt) - now()) / 1000),
    );
    if (ttl <= 0 || alert.withdrawnAt !== null) return;
    const body: PushAlertPayload = {
      alertId: alert.id,
      headline: alert.headline,
      url: new URL(alert.url, deps.siteUrl).href,
    };
    const payload = JSON.stringify(body);
    const stale = () => closed || mine !== generation;
    let after = 0;
    while (!stale()) {
      const page = await deps.store.page(after, PAGE_SIZE);
      const last = page.at(-1);
      if (!last) break;
      after = last.id;
      const sent: number[] = [];
      const gone: number[] = [];
      const givenUp: number[] = [];
      let next = 0;
      const worker = async () => {
        for (;;) {
          const subscription = page[next++];
          if (!subscription) return;
          await pace();
          if (stale()) return;
          const result = await pushOne(subscription, payload, ttl);
          if (result.outcome === "sent") sent.push(subscription.id);
          else if (result.outcome === "gone") gone.push(subscription.id);
          else {
            report.failed++;
            deps.logger.warn(
              { event: LOG.pushFailed, subscription: subscription.id, error: result.error },
              "web push failed",
            );
            const failures = await deps.store.failed(subscription.id, result.error ?? "failed");
            if (failures >= PUSH_MAX_FAILURES) givenUp.push(subscription.id);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, page.length) }, worker));
      await deps.store.sent(sent);
      await deps.store.prune([...gone, ...givenUp]);
      report.sent += sent.length;
      report.gone += gone.length;
      report.givenUp += givenUp.length;
    }
    report.superseded = !closed && mine !== generation;
    reports.push(report);
    if (reports.length > 20) reports.shift();
    deps.logger.info({ event: LOG.pushRun, ...report }, "breaking alert pushed");
  }

  return {
    reports,
    alertSent(alert) {
      // Two sends at once both ask for the current alert: push each alert once.
      if (closed || alert.id <= newestId) return;
      newestId = alert.id;
      const mine = ++generation;
      running = running
        .then(() => run(alert, mine))
        .catch((error: unknown) =>
          deps.logger.warn(
            { event: LOG.pushFailed, alertId: alert.id, err: error },
            "web push run failed",
          ),
        );
    },
    idle: () => running,
    async close() {
      closed = true;
      await running;
    },
  };
}
