import { createPublicKey } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  Null,
  Optional,
  Number as TNumber,
  Object as TObject,
  String as TString,
  Union,
} from "typebox";
import { AppError } from "../domain/errors.ts";
import {
  AUTH_BYTES,
  base64urlBytes,
  P256DH_BYTES,
  PUSH_ENDPOINT_MAX,
  type PushSubscriptionInput,
  pushEndpointProblem,
} from "../domain/web-push.ts";
import { createAddressLimiter } from "./address-limiter.ts";
import { PUSH_SW_PATH, pushServiceWorker } from "./push-service-worker.ts";
import type { PushSubscriptionStore } from "./push-subscription-store.ts";

export const PUSH_KEY_PATH = "/push/key";
export const PUSH_SUBSCRIPTIONS_PATH = "/push/subscriptions";
const WINDOW_MS = 10 * 60_000;

// The shape `PushSubscription.toJSON()` gives; the lengths are checked on the bytes below.
const SubscribeBody = TObject({
  endpoint: TString({ minLength: 1, maxLength: PUSH_ENDPOINT_MAX }),
  expirationTime: Optional(Union([Null(), TNumber()])),
  keys: TObject({
    p256dh: TString({ minLength: 1, maxLength: 200 }),
    auth: TString({ minLength: 1, maxLength: 100 }),
  }),
});
const UnsubscribeBody = TObject({
  endpoint: TString({ minLength: 1, maxLength: PUSH_ENDPOINT_MAX }),
});

export interface WebPushRoutesDeps {
  store: PushSubscriptionStore;
  /** The VAPID public key, base64url; asked for when a reader asks (it may be generated then). */
  publicKey: () => string;
  siteUrl: string;
  siteName: string;
  /** Subscribe and unsubscribe requests per client address in 10 minutes. */
  subscribeLimit: number;
}

function bad(field: string, message: string): AppError {
  return new AppError("invalid_subscription", message, { status: 400, context: { field } });
}

/** The schema check's first failure as a 400 naming the field (`keys.p256dh`). */
function refuseInvalid(request: FastifyRequest): void {
  const failure = request.validationError as
    | (Error & {
        validation?: {
          instancePath?: string;
          message?: string;
          params?: { missingProperty?: string };
        }[];
      })
    | undefined;
  if (!failure) return;
  const first = failure.validation?.[0];
  const path = (first?.instancePath ?? "").split("/").filter(Boolean);
  if (first?.params?.missingProperty) path.push(first.params.missingProperty);
  const field = path.join(".");
  if (field === "") throw bad("body", "The body must be a JSON object with endpoint and keys.");
  throw bad(
    field,
    first?.params?.missingProperty
      ? `The ${field} is required.`
      : `The ${field} ${first?.message ?? "is not valid"}.`,
  );
}

function keyProblem(field: "keys.p256dh" | "keys.auth", value: string): AppError | null {
  const bytes = base64urlBytes(value);
  const wanted = field === "keys.p256dh" ? P256DH_BYTES : AUTH_BYTES;
  if (!bytes) return bad(field, `The ${field} must be base64url.`);
  if (bytes.length !== wanted) {
    return bad(field, `The ${field} must be ${wanted} bytes (base64url), not ${bytes.length}.`);
  }
  if (field === "keys.p256dh") {
    // An uncompressed point on P-256, or nothing could ever be encrypted to it.
    try {
      createPublicKey({
        key: {
          kty: "EC",
          crv: "P-256",
          x: Buffer.from(bytes.subarray(1, 33)).toString("base64url"),
          y: Buffer.from(bytes.subarray(33)).toString("base64url"),
        },
        format: "jwk",
      });
      if (bytes[0] !== 4) throw new Error("not uncompressed");
    } catch {
      return bad(field, `The ${field} is not a P-256 public key.`);
    }
  }
  return null;
}

/**
 * Readers have no session, so no CSRF token: a browser always sends Origin on a POST or
 * DELETE, and it must be the site's own. A request without Origin is not from a browser's
 * page (curl, a test) and cannot ride on a reader's cookies, of which there are none here.
 * JSON only, besides: a cross-site form cannot send it without a preflight we never answer.
 */
function checkOrigin(siteOrigin: string) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    const origin = request.headers.origin;
    const site = request.headers["sec-fetch-site"];
    if (origin !== undefined && origin !== siteOrigin) {
      done(
        new AppError("cross_origin", `requests must come from ${siteOrigin}`, {
          status: 403,
          context: { field: "Origin" },
        }),
      );
    } else if (site === "cross-site") {
      done(new AppError("cross_origin", "cross-site requests are refused", { status: 403 }));
    } else done();
  };
}

/**
 * Web Push for readers: the VAPID public key, subscribe and unsubscribe (same-origin,
 * rate-limited per address, bodies checked with a 400 naming the field), and the service
 * worker at the root of the site. Nothing here sends: push-alerts.ts does, on an alert.
 */
export function registerWebPushRoutes(app: FastifyInstance, deps: WebPushRoutesDeps): void {
  const siteOrigin = new URL(deps.siteUrl).origin;
  const limiter = createAddressLimiter({ limit: deps.subscribeLimit, windowMs: WINDOW_MS });
  const worker = Buffer.from(pushServiceWorker(deps.siteName), "utf8");
  const limited = (request: FastifyRequest, _reply: FastifyReply, done: (e?: Error) => void) => {
    const retryAfter = limiter.take(request.ip);
    if (retryAfter === 0) return done();
    done(
      new AppError("rate_limited", `too many subscription requests; try again in ${retryAfter} s`, {
        status: 429,
        context: { retryAfter },
      }),
    );
  };
  const guarded = { onRequest: [checkOrigin(siteOrigin), limited], bodyLimit: 8 * 1024 };

  app.get(PUSH_SW_PATH, async (_request, reply) =>
    reply
      .header("content-type", "text/javascript; charset=utf-8")
      // Browsers check a worker for updates themselves; no-cache makes each check real.
      .header("cache-control", "no-cache")
      .send(worker),
  );

  app.get(PUSH_KEY_PATH, async (_request, reply) =>
    reply.header("cache-control", "no-cache").send({ publicKey: deps.publicKey() }),
  );

  app.post(
    PUSH_SUBSCRIPTIONS_PATH,
    { ...guarded, schema: { body: SubscribeBody }, attachValidation: true },
    async (request, reply) => {
      refuseInvalid(request);
      const body = request.body as {
        endpoint: string;
        keys: { p256dh: string; auth: string };
      };
      const endpoint = body.endpoint.trim();
      const problem = pushEndpointProblem(endpoint);
      if (problem) throw bad("endpoint", `The endpoint ${problem}.`);
      const keyError =
        keyProblem("keys.p256dh", body.keys.p256dh) ?? keyProblem("keys.auth", body.keys.auth);
      if (keyError) throw keyError;
      const input: PushSubscriptionInput = {
        endpoint,
        p256dh: body.keys.p256dh.replace(/=+$/, ""),
        auth: body.keys.auth.replace(/=+$/, ""),
      };
      await deps.store.add(input);
      return reply.code(201).header("cache-control", "no-store").send({ subscribed: true });
    },
  );

  app.delete(
    PUSH_SUBSCRIPTIONS_PATH,
    { ...guarded, schema: { body: UnsubscribeBody }, attachValidation: true },
    async (request, reply) => {
      refuseInvalid(request);
      const { endpoint } = request.body as { endpoint: string };
      // The same answer whether or not it was stored: no one learns which endpoints are.
      await deps.store.remove(endpoint.trim());
      return reply.code(204).header("cache-control", "no-store").send();
    },
  );
}
