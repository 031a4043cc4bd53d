import { randomBytes } from "node:crypto";
import { AppError, describeError, isAppError } from "../domain/errors.ts";
import type { Source, WebSubState } from "../domain/source.ts";
import {
  callbackUrl,
  DEFAULT_LEASE_SECONDS,
  hubRequestBody,
  pendingLeaseUntil,
  renewalMarginSeconds,
  type WebSubTarget,
  type WebSubWrite,
  webSubStatus,
} from "./websub.ts";

/** What the client needs from storage; the server passes the source repository. */
export interface WebSubStore {
  webSub(id: number): Promise<{ source: Source; websub: WebSubState } | null>;
  setWebSub(id: number, websub: WebSubWrite): Promise<void>;
  /** Enabled sources with a secret whose lease ends at or before `before`. */
  webSubExpiring(before: Date, limit: number): Promise<{ source: Source; websub: WebSubState }[]>;
}

export interface WebSubClientOptions {
  store: WebSubStore;
  /** The safe fetcher's POST: throws AppError for anything but a 2xx answer. */
  post(url: string, body: string, contentType: string): Promise<{ status: number }>;
  /** Public base URL; callbacks are `${siteUrl}/websub/<source id>`. */
  siteUrl: string;
  /** Lease to ask for; default 10 days. */
  leaseSeconds?: number;
  /** How long to wait for a verification that never comes before asking again; default 1 day. */
  retrySeconds?: number;
  /** One new secret per subscription; default 32 random bytes as hex. */
  newSecret?: () => string;
}

export interface WebSubRequestResult {
  sourceId: number;
  mode: "subscribe" | "unsubscribe";
  hub: string;
  topic: string;
  /** The hub's answer (202 Accepted, usually). */
  status: number;
}

export interface WebSubRenewal {
  sourceId: number;
  ok: boolean;
  error: { code: string; message: string } | null;
}

export interface WebSubClient {
  /**
   * Asks the hub for a subscription. The pending state (with the secret) is stored before
   * the request, because hubs may verify before they answer; a refused new request puts
   * the previous state back. Throws AppError (`http_error`, `blocked_address`, …).
   */
  subscribe(source: Source, target: WebSubTarget, now?: Date): Promise<WebSubRequestResult>;
  /** Asks the hub to stop. Deliveries are refused from now on, whatever the hub answers. */
  unsubscribe(source: Source, now?: Date): Promise<WebSubRequestResult | null>;
  /**
   * Renews every subscription whose lease ends within the margin (a tenth of the lease, at
   * least an hour), asking about each source at most every quarter margin (at least an
   * hour) in this process. Never throws per source.
   */
  renewDue(now?: Date, limit?: number): Promise<WebSubRenewal[]>;
}

const FORM = "application/x-www-form-urlencoded";

function newRandomSecret(): string {
  return randomBytes(32).toString("hex");
}

function writeOf(state: WebSubState): WebSubWrite {
  return { ...state, leaseUntil: state.leaseUntil === null ? null : new Date(state.leaseUntil) };
}

export function createWebSubClient(options: WebSubClientOptions): WebSubClient {
  const { store } = options;
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const retrySeconds = options.retrySeconds ?? 24 * 3600;
  const newSecret = options.newSecret ?? newRandomSecret;
  // The lease end stays what the hub granted until it verifies, so every pass inside the
  // margin would ask again: this process asks about a source at most four times a margin.
  const lastAsked = new Map<number, number>();
  const minGapMs = Math.max(3600, renewalMarginSeconds(leaseSeconds) / 4) * 1000;

  async function current(source: Source): Promise<WebSubState> {
    const found = await store.webSub(source.id);
    if (!found) {
      throw new AppError("source_not_found", `source ${source.id} does not exist`, {
        status: 404,
        context: { sourceId: source.id },
      });
    }
    return found.websub;
  }

  async function subscribe(
    source: Source,
    target: WebSubTarget,
    now = new Date(),
  ): Promise<WebSubRequestResult> {
    const before = await current(source);
    const same =
      webSubStatus(before) === "subscribed" &&
      before.hub === target.hub &&
      before.topic === target.topic;
    const secret = same && before.secret ? before.secret : newSecret();
    const pending: WebSubWrite = {
      hub: target.hub,
      topic: target.topic,
      secret,
      leaseUntil: pendingLeaseUntil(before, target, now, { leaseSeconds, retrySeconds }),
    };
    await store.setWebSub(source.id, pending);
    lastAsked.set(source.id, now.getTime());
    const body = hubRequestBody({
      mode: "subscribe",
      topic: target.topic,
      callback: callbackUrl(options.siteUrl, source.id),
      secret,
      leaseSeconds,
    });
    try {
      const answer = await options.post(target.hub, body, FORM);
      return { sourceId: source.id, mode: "subscribe", ...target, status: answer.status };
    } catch (error) {
      // A failed renewal keeps its lease (or its retry time); a new request leaves no trace.
      if (!same) await store.setWebSub(source.id, writeOf(before));
      throw error;
    }
  }

  async function unsubscribe(
    source: Source,
    now = new Date(),
  ): Promise<WebSubRequestResult | null> {
    const before = await current(source);
    const { hub, topic } = before;
    if (hub === null || topic === null) return null;
    // Dropping the secret first: deliveries are refused even if the hub never confirms.
    await store.setWebSub(source.id, { ...writeOf(before), secret: null });
    lastAsked.set(source.id, now.getTime());
    const body = hubRequestBody({
      mode: "unsubscribe",
      topic,
      callback: callbackUrl(options.siteUrl, source.id),
    });
    const answer = await options.post(hub, body, FORM);
    return { sourceId: source.id, mode: "unsubscribe", hub, topic, status: answer.status };
  }

  async function renewDue(now = new Date(), limit = 100): Promise<WebSubRenewal[]> {
    const before = new Date(now.getTime() + renewalMarginSeconds(leaseSeconds) * 1000);
    const due = await store.webSubExpiring(before, limit);
    const out: WebSubRenewal[] = [];
    for (const { source, websub } of due) {
      const { hub, topic } = websub;
      if (hub === null || topic === null) continue;
      const asked = lastAsked.get(source.id);
      if (asked !== undefined && now.getTime() - asked < minGapMs) continue;
      try {
        await subscribe(source, { hub, topic }, now);
        out.push({ sourceId: source.id, ok: true, error: null });
      } catch (error) {
        const code = isAppError(error) ? error.code : "websub_failed";
        out.push({
          sourceId: source.id,
          ok: false,
          error: { code, message: describeError(error) },
        });
      }
    }
    return out;
  }

  return { subscribe, unsubscribe, renewDue };
}
