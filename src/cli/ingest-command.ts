import type { Config } from "../config/settings.ts";
import { AppError } from "../domain/errors.ts";
import type { IngestReport } from "../ingest/ingest-source.ts";
import type { Output } from "./output.ts";
import { withServices } from "./with-services.ts";

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
  const reports: IngestReport[] = [];
  await withServices(config, async (services) => {
    services.onIngestReport((r) => {
      reports.push(r);
      out.line(describe(r));
    });
    const start = new Date();
    // Each round takes a batch of due sources; a fetched source is due again only later.
    while ((await services.ingestion.scheduler.runOnce(start)).length > 0) {}
  });
  const failed = reports.filter((r) => r.status === "failed").length;
  const created = reports.reduce((n, r) => n + r.created, 0);
  const updated = reports.reduce((n, r) => n + r.updated, 0);
  out.line(
    `${reports.length} sources fetched: ${created} new articles, ${updated} updated, ${failed} failed`,
  );
  return failed > 0 ? 1 : 0;
}
