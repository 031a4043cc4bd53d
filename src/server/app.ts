import compress from "@fastify/compress";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Logger } from "pino";
import { registerArticlesApi } from "../api/articles-api.ts";
import { registerSearchApi } from "../api/search-api.ts";
import { registerSourcesApi } from "../api/sources-api.ts";
import type { Config } from "../config/settings.ts";
import { createArticleRepository } from "../db/article-repository.ts";
import { type Database, openDatabase } from "../db/connection.ts";
import { createEnrichmentRepository } from "../db/enrichment-repository.ts";
import { createLiveblogRepository } from "../db/liveblog-repository.ts";
import { migrate } from "../db/migrate.ts";
import { createSearchRepository } from "../db/search-repository.ts";
import { createSourceRepository, type SourceRepository } from "../db/source-repository.ts";
import { createStoryRepository } from "../db/story-repository.ts";
import { LOG } from "../domain/log-events.ts";
import { createEnricher, type Enricher } from "../enrich/enricher.ts";
import { registerImageProxy } from "../images/image-proxy.ts";
import { createImageSigner } from "../images/image-url.ts";
import { createIngestion, type Ingestion } from "../ingest/ingestion.ts";
import { createWebReader } from "../ingest/web-reader.ts";
import { registerWebSubRoutes } from "../ingest/websub-routes.ts";
import { enrichmentChangeTags, ingestChangeTags } from "../site/cache-tags.ts";
import { registerFeedRoutes } from "../site/feed-routes.ts";
import { createPageCache, type PageCache } from "../site/page-cache.ts";
import { registerSearchRoutes } from "../site/search-routes.tsx";
import { siteContext } from "../site/site-context.ts";
import { registerSiteRoutes, renderStatusPage, STYLESHEET_HREF } from "../site/site-routes.tsx";
import { createWebSubPublisher } from "../site/websub-publish.ts";
import { installErrorHandling } from "./error-handler.ts";
import { loadSecretKey } from "./secret-key.ts";
import { installSecurityHeaders } from "./security-headers.ts";

export interface Dispatch {
  app: FastifyInstance;
  database: Database;
  cache: PageCache;
  sources: SourceRepository;
  ingestion: Ingestion;
  enricher: Enricher;
  close(): Promise<void>;
}

/**
 * Wires config, database and routes into one Fastify app. Everything is passed in or
 * built here; nothing below reaches for a module-level singleton.
 */
export async function init(options: {
  config: Config;
  logger: Logger;
  database?: Database;
}): Promise<Dispatch> {
  const { config, logger } = options;
  const database = options.database ?? openDatabase(config.DATABASE_URL);
  const migrated = await migrate(database);
  if (migrated.applied.length > 0) {
    logger.info({ event: LOG.migrationsApplied, applied: migrated.applied }, "migrations applied");
  }

  const articles = createArticleRepository(database, {
    queryLanguage: new Intl.Locale(config.SITE_LOCALE).language,
  });
  const sources = createSourceRepository(database);
  const cache = createPageCache({
    externalChangeToken: database.externalChangeToken,
    ttlMs: database.dialect === "sqlite" ? 60_000 : 2_000,
    maxEntries: 2_000,
  });
  const secret = loadSecretKey(config, logger);
  const site = siteContext(config, STYLESHEET_HREF, createImageSigner(secret));

  // Typed as Fastify's logger so plugins and routes see one FastifyInstance type.
  const loggerInstance: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance,
    // Per-request logs cost more than the request itself on a cached page; errors still log.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 300 },
  });
  installSecurityHeaders(app, { https: config.SITE_URL.startsWith("https:") });
  await app.register(compress, { global: true, threshold: 1024, encodings: ["br", "gzip"] });

  installErrorHandling(app, (status) => renderStatusPage(site, status));

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    try {
      await articles.count();
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "unavailable", reason: "database" });
    }
  });
  const stories = createStoryRepository(database);
  registerSiteRoutes(app, {
    site,
    articles,
    stories,
    sources,
    liveblogs: createLiveblogRepository(database),
    cache,
  });
  registerImageProxy(app, { config, logger, secret });
  registerSourcesApi(app, { sources, siteName: config.SITE_NAME });
  const search = createSearchRepository(database, { queryLanguage: site.language });
  registerSearchRoutes(app, { site, articles, sources, cache, search });
  registerSearchApi(app, { search });
  registerArticlesApi(app, { articles, search });

  const enricher = createEnricher({
    repository: createEnrichmentRepository(database),
    logger,
    onChange: (change) => cache.invalidate(enrichmentChangeTags(change)),
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
  // Our own feeds' hub hears of new articles; the reader posts through the safe fetcher.
  const webReader = createWebReader(config);
  const publisher = createWebSubPublisher({
    hub: config.WEBSUB_HUB,
    siteUrl: config.SITE_URL,
    post: (url, body, contentType) => webReader.post(url, body, contentType),
  });
  const ingestion = createIngestion({
    config,
    articles,
    sources,
    logger,
    onChange: (report) => {
      cache.invalidate(ingestChangeTags(report));
      checkSections();
      enricher.poke();
      publisher
        .onArticlesChanged(report.changed)
        .catch((error: unknown) =>
          logger.warn({ event: LOG.websubFailed, err: error }, "WebSub publish ping failed"),
        );
    },
  });

  registerWebSubRoutes(app, {
    sources,
    maxBodyBytes: config.FETCH_MAX_BYTES,
    onDelivery: (source, text, contentType) => ingestion.ingestPushed(source, text, contentType),
  });
  registerFeedRoutes(app, {
    site,
    articles,
    stories,
    cache,
    hub: config.WEBSUB_HUB,
  });

  return {
    app,
    database,
    cache,
    sources,
    ingestion,
    enricher,
    async close() {
      await app.close();
      await ingestion.close();
      await enricher.close();
      await webReader.close();
      await database.close();
    },
  };
}
