import type { FastifyInstance } from "fastify";
import { createPushSubscriptionRepository } from "../db/push-subscription-repository.ts";
import { parseAllowList } from "../domain/address-guard.ts";
import { createSafeFetcher } from "../ingest/safe-fetch.ts";
import { userAgent } from "../ingest/web-reader.ts";
import { createPushAlerts, type PushAlerts } from "../live/push-alerts.ts";
import { registerWebPushRoutes } from "../live/web-push-routes.ts";
import type { Services } from "./services.ts";
import { loadVapidKeys, type VapidKeys } from "./vapid-keys.ts";

/**
 * Web Push for breaking alerts, wired: the reader's routes, and a sender that hears this
 * process's own `alert.send` (the node that handled the newsroom's request pushes; the
 * others never hear of it, so no alert goes out twice). Pushes go through their own safe
 * fetcher: endpoints come from readers, so a private address is refused like any fetch.
 * The VAPID key is read (or generated) on first use, not at start.
 */
export function installWebPush(app: FastifyInstance, services: Services): PushAlerts {
  const { config, logger } = services;
  const store = createPushSubscriptionRepository(services.database);
  let keys: VapidKeys | null = null;
  const vapid = () => {
    keys ??= loadVapidKeys(config, logger);
    return keys;
  };
  const fetcher = createSafeFetcher({
    allow: parseAllowList(config.FETCH_ALLOW_HOSTS),
    userAgent: userAgent(config.SITE_URL),
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 10_000,
    maxBodyBytes: 64 * 1024,
    // Push services answer; they do not redirect a message elsewhere.
    maxRedirects: 0,
  });
  const pushes = createPushAlerts({
    store,
    keys: vapid,
    subject: config.VAPID_SUBJECT,
    siteUrl: config.SITE_URL,
    sendsPerSecond: config.PUSH_SENDS_PER_SECOND,
    logger,
    post: async (url, body, headers) => {
      const result = await fetcher.post(
        url,
        body,
        headers["content-type"] ?? "application/octet-stream",
        headers,
      );
      return { status: result.status };
    },
  });
  registerWebPushRoutes(app, {
    store,
    publicKey: () => vapid().publicKey,
    siteUrl: config.SITE_URL,
    siteName: config.SITE_NAME,
    subscribeLimit: config.PUSH_SUBSCRIBE_LIMIT,
  });
  services.onPublished((change) => {
    if (change.reason !== "alert.send") return;
    // The alert just committed is the current one (two at once: each is pushed once).
    services.alerts.current().then(
      (alert) => {
        if (alert) pushes.alertSent(alert);
      },
      (error: unknown) => logger.warn({ err: error }, "could not read the alert to push"),
    );
  });
  app.addHook("onClose", async () => {
    await pushes.close();
    await fetcher.close();
  });
  return pushes;
}
