import type { FastifyInstance, FastifyReply } from "fastify";
import { LOG } from "../domain/log-events.ts";
import type { Source } from "../domain/source.ts";
import { decodeBody } from "./charset.ts";
import { answerVerification, checkSignature, webSubStatus } from "./websub.ts";
import type { WebSubStore } from "./websub-client.ts";

/**
 * The WebSub callback, `${SITE_URL}/websub/:sourceId` (docs/adr/003-websub.md).
 * GET: the hub verifies a (un)subscription we asked for; we echo its challenge or say 404.
 * POST: the hub delivers the topic's new content, signed with the subscription's secret;
 * we check the signature over the raw bytes, answer 202 at once and hand the text on.
 */

export interface WebSubRouteDeps {
  sources: Pick<WebSubStore, "webSub" | "setWebSub">;
  /** The same parse-and-store path as polling. Runs after the 202 has gone out. */
  onDelivery(source: Source, text: string, contentType: string | null): Promise<unknown>;
  /** FETCH_MAX_BYTES: a pushed body may be no larger than a fetched one. */
  maxBodyBytes: number;
  /** Deliveries being processed at once; beyond it the hub is asked to retry (429). */
  maxConcurrentDeliveries?: number;
  now?: () => Date;
}

const WEBSUB_LOG = {
  verified: LOG.websubVerified,
  denied: LOG.websubDenied,
  refused: LOG.websubRefused,
  deliveryFailed: LOG.websubDeliveryFailed,
} as const;

const TEXT = "text/plain; charset=utf-8";

function sourceIdOf(params: unknown): number | null {
  const raw = (params as { sourceId?: unknown } | null)?.sourceId;
  return typeof raw === "string" && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null;
}

function plain(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).header("cache-control", "no-store").type(TEXT).send(body);
}

export function registerWebSubRoutes(app: FastifyInstance, deps: WebSubRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  const maxInFlight = deps.maxConcurrentDeliveries ?? 16;
  const inFlight = new Set<Promise<unknown>>();

  // Its own scope: the raw-body parser below must not reach any other route.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: deps.maxBodyBytes },
      (_request, body, done) => done(null, body),
    );
    scope.addHook("onClose", async () => {
      await Promise.allSettled([...inFlight]);
    });

    scope.get("/websub/:sourceId", async (request, reply) => {
      const id = sourceIdOf(request.params);
      const found = id === null ? null : await deps.sources.webSub(id);
      const answer = answerVerification(request.query, found?.websub ?? null, now());
      if (id === null || answer.kind === "refuse") return plain(reply, 404, "not found");
      await deps.sources.setWebSub(id, answer.next);
      if (answer.kind === "denied") {
        request.log.warn(
          { event: WEBSUB_LOG.denied, sourceId: id, reason: answer.reason },
          "the hub denied our WebSub subscription; polling continues",
        );
        return plain(reply, 200, "ok");
      }
      request.log.info(
        { event: WEBSUB_LOG.verified, sourceId: id, mode: answer.mode, lease: answer.leaseSeconds },
        "WebSub request verified",
      );
      return plain(reply, 200, answer.challenge);
    });

    scope.post("/websub/:sourceId", { bodyLimit: deps.maxBodyBytes }, async (request, reply) => {
      const id = sourceIdOf(request.params);
      const found = id === null ? null : await deps.sources.webSub(id);
      const secret = found?.websub.secret ?? null;
      // 410 tells the hub it may drop a subscription we no longer hold.
      if (!found || secret === null || webSubStatus(found.websub) !== "subscribed") {
        return plain(reply, 410, "no subscription");
      }
      const encoding = request.headers["content-encoding"];
      if (encoding !== undefined && encoding.trim().toLowerCase() !== "identity") {
        return plain(reply, 415, "content-encoding is not accepted");
      }
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = checkSignature(request.headers["x-hub-signature"], body, secret);
      if (!signature.ok) {
        request.log.warn(
          { event: WEBSUB_LOG.refused, sourceId: id, reason: signature.reason },
          "WebSub delivery refused: signature",
        );
        return plain(reply, 403, `signature ${signature.reason}`);
      }
      // A disabled source takes nothing in, pushed or polled; the hub need not know.
      if (!found.source.enabled || body.length === 0) return plain(reply, 202, "accepted");
      if (inFlight.size >= maxInFlight) {
        return plain(reply.header("retry-after", "60"), 429, "busy; retry later");
      }
      const contentType = request.headers["content-type"] ?? null;
      const text = decodeBody(body, contentType).text;
      const task: Promise<unknown> = Promise.resolve()
        .then(() => deps.onDelivery(found.source, text, contentType))
        .catch((error: unknown) =>
          request.log.error(
            { event: WEBSUB_LOG.deliveryFailed, sourceId: id, err: error },
            "WebSub delivery could not be stored",
          ),
        )
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
      return plain(reply, 202, "accepted");
    });
  });
}
