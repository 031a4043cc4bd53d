import type { Logger } from "pino";
import type { Config } from "../config/settings.ts";
import { type AlertRepository, createAlertRepository } from "../db/alert-repository.ts";
import { type ApiTokenRepository, createApiTokenRepository } from "../db/api-token-repository.ts";
import { type ArticleRepository, createArticleRepository } from "../db/article-repository.ts";
import { type AuditRepository, createAuditRepository } from "../db/audit-repository.ts";
import { type Database, openDatabase } from "../db/connection.ts";
import {
  type CorrectionRepository,
  createCorrectionRepository,
} from "../db/correction-repository.ts";
import { createEnrichmentRepository } from "../db/enrichment-repository.ts";
import { createEventRepository, type EventRepository } from "../db/event-repository.ts";
import {
  createLiveblogConsoleRepository,
  type LiveblogConsoleRepository,
} from "../db/liveblog-console-repository.ts";
import { createLiveblogRepository, type LiveblogRepository } from "../db/liveblog-repository.ts";
import { type MigrateResult, migrate } from "../db/migrate.ts";
import {
  createNewsroomArticleRepository,
  type NewsroomArticleRepository,
} from "../db/newsroom-article-repository.ts";
import { createProcessLeases, type ProcessLeases } from "../db/process-leases.ts";
import { createSearchRepository, type SearchRepository } from "../db/search-repository.ts";
import { createSessionRepository, type SessionRepository } from "../db/session-repository.ts";
import { createSourceRepository, type SourceRepository } from "../db/source-repository.ts";
import { createStoryRepository, type StoryRepository } from "../db/story-repository.ts";
import { createUserRepository, type UserRepository } from "../db/user-repository.ts";
import type { EnrichmentChange } from "../domain/enrichment.ts";
import { LOG } from "../domain/log-events.ts";
import { createEnricher, type Enricher } from "../enrich/enricher.ts";
import type { IngestReport } from "../ingest/ingest-source.ts";
import { createIngestion, type Ingestion } from "../ingest/ingestion.ts";
import { createWebReader } from "../ingest/web-reader.ts";
import { createWebSubPublisher } from "../site/websub-publish.ts";
import { type EnricherLease, enricherLease } from "./enricher-lease.ts";

/** What a process does besides answering requests (`dispatch serve --role`). */
export const ROLES = ["all", "web", "worker"] as const;
export type Role = (typeof ROLES)[number];

/** Who hears of changes this process made (the page cache, the CLI's progress lines). */
export interface ChangeListeners {
  /** Every finished fetch of a source, changed or not. */
  onIngestReport(listener: (report: IngestReport) => void): void;
  /** A fetch that created or changed articles. */
  onIngested(listener: (report: IngestReport) => void): void;
  /** A stored enrichment batch, with what it touched. */
  onEnriched(listener: (change: EnrichmentChange) => void): void;
  /** The newsroom changed what readers may see (published, corrected, killed, an alert…). */
  onPublished(listener: (change: PublishedChange) => void): void;
}

/** A newsroom change readers' outputs must show: the articles it touched, if any. */
export interface PublishedChange {
  articleIds: readonly number[];
  /** For the log and tests: `article.publish`, `alert.send`… */
  reason: string;
}

/**
 * The composition root: one database, its repositories and the pipeline services, built
 * once for `serve` and for every CLI command. Nothing else opens the database.
 */
export interface Services extends ChangeListeners {
  readonly role: Role;
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  /** The migrations applied while opening. */
  readonly migrations: MigrateResult;
  readonly articles: ArticleRepository;
  readonly sources: SourceRepository;
  readonly stories: StoryRepository;
  readonly liveblogs: LiveblogRepository;
  readonly search: SearchRepository;
  readonly leases: ProcessLeases;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly audits: AuditRepository;
  readonly tokens: ApiTokenRepository;
  readonly alerts: AlertRepository;
  readonly liveblogConsole: LiveblogConsoleRepository;
  readonly newsroomArticles: NewsroomArticleRepository;
  readonly corrections: CorrectionRepository;
  /** The live log every reader-visible change appends to, in its own transaction. */
  readonly events: EventRepository;
  /**
   * Tells this process's listeners (page caches, the enricher, our WebSub hub) that the
   * newsroom changed what readers see. Call after the change is committed.
   */
  published(change: PublishedChange): void;
  /** Built, not started: `startBackground` starts it for roles that fetch. */
  readonly ingestion: Ingestion;
  /** Built, not started: only the holder of the enricher lease runs it. */
  readonly enricher: Enricher;
  /**
   * Starts what the role runs in the background: the scheduler (unless INGEST=off) and,
   * once this process holds the enricher lease, the enricher. Nothing for `web`.
   */
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

export async function openServices(
  config: Config,
  logger: Logger,
  options: { database?: Database; role?: Role } = {},
): Promise<Services> {
  const role = options.role ?? "all";
  const database = options.database ?? openDatabase(config.DATABASE_URL);
  // The caller owns a database it passed in; one opened here is closed with the services.
  const ownsDatabase = options.database === undefined;
  let migrations: MigrateResult;
  try {
    migrations = await migrate(database);
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  if (migrations.applied.length > 0) {
    logger.info(
      { event: LOG.migrationsApplied, applied: migrations.applied },
      "migrations applied",
    );
  }

  const articles = createArticleRepository(database);
  const sources = createSourceRepository(database);
  const leases = createProcessLeases(database);
  const reports: ((report: IngestReport) => void)[] = [];
  const ingested: ((report: IngestReport) => void)[] = [];
  const enriched: ((change: EnrichmentChange) => void)[] = [];
  const publishedListeners: ((change: PublishedChange) => void)[] = [];
  const events = createEventRepository(database);
  let pruning: NodeJS.Timeout | null = null;

  const enricher = createEnricher({
    repository: createEnrichmentRepository(database),
    logger,
    onChange: (change) => {
      for (const listener of enriched) listener(change);
    },
  });
  let lease: EnricherLease | null = null;

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
      for (const listener of ingested) listener(report);
      // Only the process holding the enricher lease enriches; it finds other processes'
      // changes (a CLI import, another worker's fetch) on its next look at the database.
      if (lease?.running) enricher.poke();
      publisher
        .onArticlesChanged(report.changed)
        .catch((error: unknown) =>
          logger.warn({ event: LOG.websubFailed, err: error }, "WebSub publish ping failed"),
        );
    },
    onReport: (report) => {
      for (const listener of reports) listener(report);
    },
  });

  let closing: Promise<void> | null = null;
  return {
    role,
    config,
    logger,
    database,
    migrations,
    articles,
    sources,
    stories: createStoryRepository(database),
    liveblogs: createLiveblogRepository(database),
    search: createSearchRepository(database, { queryLanguage: config.siteLanguage }),
    leases,
    users: createUserRepository(database),
    sessions: createSessionRepository(database),
    audits: createAuditRepository(database),
    tokens: createApiTokenRepository(database),
    alerts: createAlertRepository(database),
    liveblogConsole: createLiveblogConsoleRepository(database),
    newsroomArticles: createNewsroomArticleRepository(database),
    corrections: createCorrectionRepository(database),
    events,
    ingestion,
    enricher,
    onIngestReport: (listener) => reports.push(listener),
    onIngested: (listener) => ingested.push(listener),
    onEnriched: (listener) => enriched.push(listener),
    onPublished: (listener) => publishedListeners.push(listener),
    published(change) {
      for (const listener of publishedListeners) listener(change);
      // A new or changed article is clustered and tagged like any other.
      if (change.articleIds.length > 0 && lease?.running) enricher.poke();
    },
    async startBackground() {
      if (role === "web") return;
      if (config.INGEST) ingestion.start();
      // The log keeps its retention; any node may prune (a repeat deletes nothing).
      const prune = () =>
        events
          .prune(config.LIVE_RETENTION_HOURS)
          .catch((error: unknown) => logger.warn({ err: error }, "could not prune the live log"));
      if (!pruning) {
        void prune();
        pruning = setInterval(prune, 3_600_000);
        pruning.unref();
      }
      if (!lease) {
        lease = enricherLease({ leases, enricher, logger, role });
        await lease.start();
      }
    },
    close() {
      closing ??= (async () => {
        if (pruning) clearInterval(pruning);
        await ingestion.close();
        if (lease) await lease.close();
        else await enricher.close();
        await webReader.close();
        if (ownsDatabase) await database.close();
      })();
      return closing;
    },
  };
}
