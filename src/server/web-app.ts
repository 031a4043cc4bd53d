import compress from "@fastify/compress";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { registerArticlesApi } from "../api/articles-api.ts";
import { installOpenApi } from "../api/openapi.ts";
import { registerSearchApi } from "../api/search-api.ts";
import { registerSourcesApi } from "../api/sources-api.ts";
import { EVENTS_NOTIFY_CHANNEL } from "../db/live-events.ts";
import { registerImageProxy } from "../images/image-proxy.ts";
import { createImageSigner } from "../images/image-url.ts";
import { registerWebSubRoutes } from "../ingest/websub-routes.ts";
import { createLiveBus, type LiveBus } from "../live/live-bus.ts";
import { registerLiveRoutes } from "../live/live-routes.ts";
import type { PushAlerts } from "../live/push-alerts.ts";
import { createSseHub, type SseHub } from "../live/sse-hub.ts";
import { installNewsroom, type Newsroom } from "../newsroom/register-newsroom.ts";
import { enrichmentChangeTags, ingestChangeTags } from "../site/cache-tags.ts";
import { createPageCache, type PageCache } from "../site/page-cache.ts";
import { STYLESHEET_HREF } from "../site/routes/assets.ts";
import { registerReaderSite, renderStatusPage } from "../site/routes/reader-site.tsx";
import { siteContext } from "../site/site-context.ts";
import { createAlertClock } from "./alert-clock.ts";
import { installErrorHandling } from "./error-handler.ts";
import { createPublishClock } from "./publish-clock.ts";
import { loadSecretKey } from "./secret-key.ts";
import { installSecurityHeaders } from "./security-headers.ts";
import type { Services } from "./services.ts";
import { installWebPush } from "./web-push.ts";

export interface WebApp {
  app: FastifyInstance;
  cache: PageCache;
  newsroom: Newsroom;
  live: { bus: LiveBus; hub: SseHub };
  /** Breaking alerts by Web Push: `idle()` resolves when the last one has gone out. */
  pushes: PushAlerts;
}

/**
 * The live side of a web process (ADR 011): the bus reads the log (tail, and LISTEN on
 * PostgreSQL) and the hub writes each event once to the streams of its channel.
 */
async function startLive(app: FastifyInstance, services: Services) {
  const { config, database, events, logger } = services;
  const hub = createSseHub({
    maxStreams: config.LIVE_MAX_STREAMS,
    maxPerAddress: config.LIVE_MAX_PER_ADDRESS,
    lifetimeMs: config.LIVE_STREAM_MINUTES * 60_000,
  });
  const listen = database.listen;
  const bus = createLiveBus({
    log: events,
    logger,
    listen: listen ? (onNotify, onLost) => listen(EVENTS_NOTIFY_CHANNEL, onNotify, onLost) : null,
  });
  await bus.start();
  hub.epoch = bus.epoch;
  bus.onEvents((batch) => hub.broadcast(batch));
  bus.onReset((epoch) => {
    hub.epoch = epoch;
    hub.resetAll();
  });
  // Streams end before the server waits for its connections to close.
  app.addHook("preClose", async () => hub.close());
  app.addHook("onClose", async () => bus.close());
  registerLiveRoutes(app, { log: events, hub, maxChannels: config.LIVE_MAX_CHANNELS });
  return { bus, hub };
}

function fastify(services: Services): FastifyInstance {
  // Typed as Fastify's logger so plugins and routes see one FastifyInstance type.
  const loggerInstance: FastifyBaseLogger = services.logger;
  return Fastify({
    loggerInstance,
    // Per-request logs cost more than the request itself on a cached page; errors still log.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 300 },
  });
}

/** `/healthz` (the process is up) and `/readyz` (it can reach its database). */
function registerHealth(app: FastifyInstance, services: Services): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    try {
      await services.articles.count();
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "unavailable", reason: "database" });
    }
  });
}

/**
 * The reader's site, feeds, API, image proxy and WebSub callbacks over the services. The
 * page cache drops what this process's own changes touch; other processes' commits reach
 * it through the database's change token (SQLite) or its short lifetime (PostgreSQL).
 */
export async function createWebApp(services: Services): Promise<WebApp> {
  const { config, logger, database, articles, sources, stories, search } = services;
  const cache = createPageCache({
    externalChangeToken: database.externalChangeToken,
    ttlMs: database.dialect === "sqlite" ? 60_000 : 2_000,
    maxEntries: 2_000,
  });
  const secret = loadSecretKey(config, logger);
  const site = siteContext(config, STYLESHEET_HREF, createImageSigner(secret));

  const app = fastify(services);
  installSecurityHeaders(app, { https: config.SITE_URL.startsWith("https:") });
  await app.register(compress, { global: true, threshold: 1024, encodings: ["br", "gzip"] });
  installErrorHandling(app, (status, detail) => renderStatusPage(site, status, detail));
  registerHealth(app, services);
  // Before any /api/v1 route: the document is made from the routes as they are added.
  installOpenApi(app, { title: config.SITE_NAME, siteUrl: config.SITE_URL });
  // First: its access check attaches to every newsroom and API-write route added after it.
  const newsroom = await installNewsroom(app, {
    config,
    logger,
    users: services.users,
    sessions: services.sessions,
    audits: services.audits,
    tokens: services.tokens,
    secret,
    siteStylesheet: STYLESHEET_HREF,
    database,
    articles,
    sources,
    stories,
    liveblogs: services.liveblogs,
    search,
    alerts: services.alerts,
    liveblogConsole: services.liveblogConsole,
    newsroomArticles: services.newsroomArticles,
    corrections: services.corrections,
    published: (change) => services.published(change),
  });

  const live = await startLive(app, services);

  // The breaking alert every reader page shows: in memory, pages dropped when it ends.
  const alertClock = createAlertClock({
    alerts: services.alerts,
    onChange: () => cache.invalidate(),
    logger,
  });
  await alertClock.start();
  app.addHook("onClose", async () => alertClock.stop());
  // Scheduled and embargoed articles: the cached pages go at their time, with no request,
  // and open pages hear of them (each node tries; the log takes the event once).
  let liftedTo = new Date(Date.now() - 3_600_000);
  const lift = () => {
    const now = new Date();
    services.events.lift(liftedTo, now).then(
      (n) => {
        liftedTo = now;
        if (n > 0) live.bus.poke();
      },
      (error: unknown) => logger.warn({ err: error }, "could not lift embargoed events"),
    );
  };
  const publishClock = createPublishClock({
    nextPublication: (now) => services.newsroomArticles.nextPublication(now),
    onDue: () => {
      cache.invalidate();
      lift();
    },
    logger,
  });
  lift();
  await publishClock.start();
  app.addHook("onClose", async () => publishClock.stop());

  registerReaderSite(app, {
    alert: () => alertClock.current(),
    site,
    articles,
    stories,
    sources,
    liveblogs: services.liveblogs,
    corrections: services.corrections,
    search,
    cache,
    hub: config.WEBSUB_HUB,
    liveHead: async () => {
      const head = await services.events.head();
      return { epoch: head.epoch, lastId: head.lastId };
    },
  });
  registerImageProxy(app, { config, logger, secret });
  const pushes = installWebPush(app, services);
  registerSourcesApi(app, { sources, siteName: config.SITE_NAME });
  registerSearchApi(app, { search });
  registerArticlesApi(app, { articles, search });
  registerWebSubRoutes(app, {
    sources,
    maxBodyBytes: config.FETCH_MAX_BYTES,
    onDelivery: (source, text, contentType) =>
      services.ingestion.ingestPushed(source, text, contentType),
  });

  // Every page's masthead lists the sections: when that list changes, every page does.
  const sectionList = async () => (await articles.sections()).map((s) => s.slug).join(" ");
  let sections = await sectionList();
  const checkSections = () =>
    sectionList().then(
      (now) => {
        if (now !== sections) cache.invalidate();
        sections = now;
      },
      (error: unknown) => logger.warn({ err: error }, "could not read the sections"),
    );
  services.onIngested((report) => {
    live.bus.poke();
    // A feed may date an item ahead: it appears at its time like an embargoed article.
    publishClock.changed();
    cache.invalidate(ingestChangeTags(report));
    checkSections();
  });
  services.onEnriched((change) => {
    live.bus.poke();
    cache.invalidate(enrichmentChangeTags(change));
  });
  // Newsroom changes are few and may touch any page (an alert shows on all of them): all go.
  services.onPublished(() => {
    live.bus.poke();
    alertClock.changed();
    publishClock.changed();
    cache.invalidate();
    checkSections();
  });

  return { app, cache, newsroom, live, pushes };
}

/** A worker's port answers only whether it is alive and ready. */
export function createHealthApp(services: Services): FastifyInstance {
  const app = fastify(services);
  registerHealth(app, services);
  return app;
}
