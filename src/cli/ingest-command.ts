import pino from "pino";
import type { Config } from "../config/settings.ts";
import { createArticleRepository } from "../db/article-repository.ts";
import { openDatabase } from "../db/connection.ts";
import { migrate } from "../db/migrate.ts";
import { createSourceRepository } from "../db/source-repository.ts";
import { AppError } from "../domain/errors.ts";
import type { IngestReport } from "../ingest/ingest-source.ts";
import { createIngestion } from "../ingest/ingestion.ts";
import type { Output } from "./output.ts";

function describe(r: IngestReport): string {
  if (r.status === "failed") {
    const disabled = r.disabled ? " (source disabled)" : "";
    return `✗ #${r.sourceId} ${r.url}: ${r.error?.code}: ${r.error?.message}${disabled}`;
  }
  if (r.status === "not_modified") return `= #${r.sourceId} ${r.url}: not modified`;
  const skipped = r.skipped.length > 0 ? `, ${r.skipped.length} skipped` : "";
  return `✓ #${r.sourceId} ${r.url}: ${r.items} ${r.items === 1 ? "item" : "items"}, ${r.created} new, ${r.updated} updated${skipped}`;
}

/**
 * `dispatch ingest --once`: every source due now is fetched once (at most
 * INGEST_CONCURRENCY at a time), one line each as it finishes. Exit 1 when any failed.
 */
export async function ingestCommand(
  config: Config,
  flags: { once: boolean },
  out: Output,
): Promise<number> {
  if (!flags.once) {
    throw new AppError(
      "usage",
      "dispatch ingest needs --once (the scheduler runs continuously inside `dispatch serve`)",
    );
  }
  const database = openDatabase(config.DATABASE_URL);
  const reports: IngestReport[] = [];
  try {
    await migrate(database);
    const ingestion = createIngestion({
      config,
      articles: createArticleRepository(database, {
        queryLanguage: new Intl.Locale(config.SITE_LOCALE).language,
      }),
      sources: createSourceRepository(database),
      // The lines below are the progress; the logger only speaks up for real trouble.
      logger: pino({ level: "error" }),
      onChange: () => {},
      onReport: (r) => {
        reports.push(r);
        out.line(describe(r));
      },
    });
    try {
      const start = new Date();
      // Each round takes a batch of due sources; a fetched source is due again only later.
      while ((await ingestion.scheduler.runOnce(start)).length > 0) {}
    } finally {
      await ingestion.close();
    }
  } finally {
    await database.close();
  }
  const failed = reports.filter((r) => r.status === "failed").length;
  const created = reports.reduce((n, r) => n + r.created, 0);
  const updated = reports.reduce((n, r) => n + r.updated, 0);
  out.line(
    `${reports.length} sources fetched: ${created} new articles, ${updated} updated, ${failed} failed`,
  );
  return failed > 0 ? 1 : 0;
}
