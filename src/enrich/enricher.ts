import { setImmediate as nextTurn } from "node:timers/promises";
import type { Logger } from "pino";
import type { ArticleEnrichment, EnrichmentChange } from "../domain/enrichment.ts";
import { lazily } from "../domain/lazily.ts";
import { LOG } from "../domain/log-events.ts";
import { StoryIndex } from "./cluster/story-index.ts";
import { finishEnrichment, startEnrichment, toClusterArticle } from "./enriching-article.ts";
import type { EnrichmentStore, PendingArticle } from "./enrichment-store.ts";

export interface Enricher {
  /** Rebuilds the story index from the stored window, then enriches what is pending. */
  start(): Promise<void>;
  /** Asks for a pass soon (after a fetch or an import); passes never overlap. */
  poke(): void;
  /** Runs passes until nothing is pending; resolves when done. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

// The stages bring the language and entity models (about a second to load): they come in
// when the enricher starts, after the site is listening.
const loadStages = lazily(() => import("./enrich-article.ts"));

const BATCH = 200;
const WINDOW_HOURS = 72;
// Imports from the CLI and other nodes write without telling this process; look for them.
const POLL_MS = 10_000;

/** What an article the steps fail on is stored as: its own language, nothing found. */
function unenriched(article: PendingArticle): ArticleEnrichment {
  return finishEnrichment(startEnrichment(article));
}

/**
 * Enrichment as the server runs it: articles saved by ingestion, imports or the newsroom
 * are picked up by version (`enriched_version`), run through the pure stages and stored
 * a batch per transaction. One process enriches (the worker); the story index lives in its
 * memory and is rebuilt from the last 72 hours at start.
 */
export function createEnricher(options: {
  repository: EnrichmentStore;
  logger: Logger;
  /** After each stored batch, with what it touched. */
  onChange: (change: EnrichmentChange) => void;
  sourceWeight?: (source: string) => number;
}): Enricher {
  const { repository, logger } = options;
  let index = newIndex();
  let running: Promise<number> | null = null;
  let again = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  function newIndex() {
    return new StoryIndex({
      windowHours: WINDOW_HOURS,
      // Two stories that grow into one merge; `save` moves the absorbed one's reports.
      merge: true,
      ...(options.sourceWeight ? { sourceWeight: options.sourceWeight } : {}),
    });
  }

  /** The index as the stored window has it: at start, and after a batch failed to store. */
  async function rebuild(version: number): Promise<void> {
    const fresh = newIndex();
    const since = new Date(Date.now() - WINDOW_HOURS * 3_600_000);
    for (const a of await repository.enrichedSince(since, version)) {
      if (!a.storyKey) continue;
      fresh.restore(toClusterArticle(a, a.entitySlugs), {
        story: a.storyKey,
        duplicateOf: a.duplicateOf === null ? null : String(a.duplicateOf),
      });
    }
    index = fresh;
  }

  async function pass(): Promise<number> {
    const { enrichArticle, ENRICHMENT_VERSION } = await loadStages();
    let done = 0;
    for (;;) {
      const batch: PendingArticle[] = await repository.pending(ENRICHMENT_VERSION, BATCH);
      if (batch.length === 0 || closed) break;
      const results: ArticleEnrichment[] = [];
      for (const article of batch) {
        try {
          // The index as of now: `start` replaces it when it rebuilds.
          results.push(enrichArticle(article, { index }));
        } catch (error) {
          // One article the stages choke on must not hold back every one after it.
          logger.error(
            { event: LOG.enrichFailed, articleId: article.id, err: error },
            "could not enrich an article; stored without enrichment",
          );
          results.push(unenriched(article));
        }
        // Requests waiting meanwhile are answered between articles, not after the batch.
        await nextTurn();
      }
      let change: EnrichmentChange;
      try {
        change = await repository.save(results, ENRICHMENT_VERSION);
      } catch (error) {
        // The index placed (and maybe merged) what was never stored: read it back from the
        // database, or the next pass would trust placements and merges that are not there.
        await rebuild(ENRICHMENT_VERSION);
        throw error;
      }
      options.onChange(change);
      done += results.length;
      index.evict(new Date(Date.now() - WINDOW_HOURS * 3_600_000));
    }
    if (done > 0) {
      logger.info({ event: LOG.enrichDone, articles: done }, `enriched ${done} articles`);
    }
    return done;
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await pass();
      } while (again && !closed);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function poke() {
    if (closed) return;
    drain().catch((error: unknown) =>
      logger.error({ event: LOG.enrichFailed, err: error }, "enrichment pass failed"),
    );
  }

  return {
    async start() {
      const { ENRICHMENT_VERSION } = await loadStages();
      // Closed while the models loaded (a quick stop): the database may be gone already.
      if (closed) return;
      await rebuild(ENRICHMENT_VERSION);
      if (closed) return;
      await drain();
      if (closed) return;
      timer = setInterval(poke, POLL_MS);
      timer.unref();
    },
    poke,
    drain,
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
