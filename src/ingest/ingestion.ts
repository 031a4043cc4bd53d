import type { Logger } from "pino";
import type { Config } from "../config/settings.ts";
import { lazily } from "../domain/lazily.ts";
import { LOG } from "../domain/log-events.ts";
import type { Source } from "../domain/source.ts";
import { ingestDeps } from "./ingest-deps.ts";
import type { FeedResponse, IngestDeps, IngestReport } from "./ingest-source.ts";
import { type ArticleStore, type SourceStore, STORAGE_FAILED } from "./ingest-stores.ts";
import type { Resolver } from "./safe-fetch.ts";
import { createScheduler, type Scheduler } from "./scheduler.ts";
import { createWebReader, type WebReader } from "./web-reader.ts";
import { planWebSub, type WebSubTarget } from "./websub.ts";
import { createWebSubClient } from "./websub-client.ts";

export interface Ingestion {
  scheduler: Scheduler;
  /** Starts polling and WebSub lease renewal. */
  start(): void;
  reader: WebReader;
  /** One fetch of one source now, whatever its schedule (the lease still applies). */
  ingest(source: Source, now?: Date): Promise<IngestReport>;
  /** A feed body pushed to us (WebSub) goes through the same parse and store path. */
  ingestPushed(source: Source, text: string, contentType: string | null): Promise<IngestReport>;
  close(): Promise<void>;
}

type IngestSettings = Pick<
  Config,
  | "FETCH_ALLOW_HOSTS"
  | "FETCH_TIMEOUT_SECONDS"
  | "FETCH_MAX_BYTES"
  | "SITE_URL"
  | "siteLanguage"
  | "INGEST_CONCURRENCY"
  | "SOURCE_DISABLE_AFTER"
>;

const TICK_SECONDS = 5;
const RENEW_EVERY_MS = 10 * 60_000;

// Feed parsers, the sanitizer and the full-text extractor load on the first fetch, not at
// start: the site answers its first request without waiting for them.
const loadStages = lazily(async () => {
  const [extract, feeds, sanitize, ingest] = await Promise.all([
    import("./extract.ts"),
    import("./feeds/parse-feed.ts"),
    import("./feeds/sanitize-item.ts"),
    import("./ingest-source.ts"),
  ]);
  return {
    extractArticle: extract.extractArticle,
    readFeed: feeds.readFeed,
    sanitizeFeedItem: sanitize.sanitizeFeedItem,
    ingestSource: ingest.ingestSource,
  };
});
type Stages = Awaited<ReturnType<typeof loadStages>>;

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127\./.test(host);
}

/**
 * A hub must be able to call us back: with a loopback SITE_URL only a hub on loopback
 * (the tests, a local hub) can, so asking a public hub would be noise.
 */
export function hubCanReach(siteUrl: string, hub: string): boolean {
  return !isLoopbackUrl(siteUrl) || isLoopbackUrl(hub);
}

/**
 * Ingestion as the server runs it: the web reader, the parsers and the stores put
 * together (src/db/'s repositories implement `ArticleStore` and `SourceStore`). `onChange`
 * runs after a fetch that created or changed articles, so the page cache can drop what it
 * holds.
 */
export function createIngestion(options: {
  config: IngestSettings;
  articles: ArticleStore;
  sources: SourceStore;
  logger: Logger;
  onChange: (report: IngestReport) => void;
  /** Called with every fetch's report (the CLI prints them). */
  onReport?: (report: IngestReport) => void;
  resolver?: Resolver;
}): Ingestion {
  const { config, articles, sources, logger } = options;
  const reader = createWebReader(config, options.resolver ? { resolver: options.resolver } : {});
  const leaseMs = (config.FETCH_TIMEOUT_SECONDS * 12 + 60) * 1000;

  const deps = (stages: Stages, fetchFeed: IngestDeps["fetchFeed"]): IngestDeps =>
    ingestDeps({
      articles,
      sources,
      fetchFeed,
      readFeed: stages.readFeed,
      sanitizeItem: stages.sanitizeFeedItem,
      async fetchFullText(url) {
        const page = await reader.fetchPage(url);
        return stages.extractArticle(page.text, { url: page.url }).html;
      },
      maxBytes: config.FETCH_MAX_BYTES,
      defaultLanguage: config.siteLanguage,
      disableAfter: config.SOURCE_DISABLE_AFTER,
    });
  const poll = async (source: Source, now: Date) => {
    const stages = await loadStages();
    const polling = deps(stages, (url, conditional) => reader.fetchFeed(url, conditional));
    return stages.ingestSource(source, polling, now);
  };
  const websub = createWebSubClient({
    store: sources,
    siteUrl: config.SITE_URL,
    post: (url, body, contentType) => reader.post(url, body, contentType),
  });

  // After a poll: follow the hub the feed advertises (or stop following one it dropped).
  async function followHub(sourceId: number, target: WebSubTarget | null) {
    const current = await sources.webSub(sourceId);
    if (!current) return;
    const reachable = target && hubCanReach(config.SITE_URL, target.hub) ? target : null;
    const plan = planWebSub(current.websub, reachable);
    if (plan === "subscribe" && reachable) await websub.subscribe(current.source, reachable);
    if (plan === "unsubscribe") await websub.unsubscribe(current.source);
  }

  const report = (r: IngestReport) => {
    if (r.created > 0 || r.updated > 0) options.onChange(r);
    options.onReport?.(r);
    if (r.status === "ok" && r.websub !== undefined) {
      followHub(r.sourceId, r.websub).catch((error: unknown) =>
        logger.warn(
          { event: LOG.websubFailed, sourceId: r.sourceId, err: error },
          "WebSub subscription request failed; polling continues",
        ),
      );
    }
    if (r.error?.code === STORAGE_FAILED) {
      // Ours to fix, not the source's: the source keeps its health and is fetched again.
      logger.error(
        { event: LOG.ingestFailed, sourceId: r.sourceId, url: r.url, error: r.error },
        `could not store the fetch of ${r.url}: ${r.error.message}`,
      );
    } else if (r.status === "failed") {
      logger.warn(
        {
          event: LOG.ingestFailed,
          sourceId: r.sourceId,
          url: r.url,
          error: r.error,
          disabled: r.disabled,
        },
        `fetch failed: ${r.url}: ${r.error?.message ?? ""}`,
      );
    } else {
      logger.info(
        {
          event: LOG.ingestDone,
          sourceId: r.sourceId,
          status: r.status,
          items: r.items,
          created: r.created,
          updated: r.updated,
          skipped: r.skipped.length,
        },
        `fetched ${r.url}`,
      );
    }
    return r;
  };

  const scheduler = createScheduler(
    {
      due: (now, limit) => sources.due(now, limit),
      lease: (id, now, until) => sources.lease(id, now, until),
      ingest: poll,
      onReport: report,
      onError: (error) =>
        logger.error({ event: LOG.ingestFailed, err: error }, "ingest tick failed"),
    },
    { concurrency: config.INGEST_CONCURRENCY, leaseMs, tickSeconds: TICK_SECONDS },
  );

  let renewTimer: NodeJS.Timeout | null = null;
  const renew = () =>
    websub
      .renewDue()
      .catch((error: unknown) =>
        logger.warn({ event: LOG.websubFailed, err: error }, "renewal failed"),
      );

  return {
    scheduler,
    reader,
    start() {
      scheduler.start();
      if (!renewTimer) {
        renewTimer = setInterval(renew, RENEW_EVERY_MS);
        renewTimer.unref();
      }
    },
    async ingest(source, now = new Date()) {
      return report(await poll(source, now));
    },
    async ingestPushed(source, text, contentType) {
      const pushed: FeedResponse = {
        notModified: false,
        url: source.url,
        text,
        contentType,
        etag: source.health.etag,
        lastModified: source.health.lastModified,
        cacheMaxAgeSeconds: null,
        retryAfterSeconds: null,
      };
      const stages = await loadStages();
      return report(
        await stages.ingestSource(
          source,
          deps(stages, async () => pushed),
        ),
      );
    },
    async close() {
      if (renewTimer) clearInterval(renewTimer);
      renewTimer = null;
      await scheduler.stop();
      await reader.close();
    },
  };
}
