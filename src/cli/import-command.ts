import { readFile } from "node:fs/promises";
import type { Config } from "../config/settings.ts";
import { articlePath } from "../domain/article-path.ts";
import { describeError, isAppError } from "../domain/errors.ts";
import { slugify } from "../domain/slug.ts";
import { parseImportFile } from "../ingest/import/detect.ts";
import { importThroughSource } from "../ingest/quality-gate.ts";
import type { Output } from "./output.ts";
import { withServices } from "./with-services.ts";

export interface ImportFlags {
  section?: string | undefined;
  /** A source's number: the files come in as its items, through its quality gate. */
  source?: string | undefined;
}

/**
 * `dispatch import <file…>`: each file is parsed completely before anything is written
 * and saved in one transaction, so a bad file leaves the database as it was; the others
 * still import. Returns the exit code.
 */
export async function importCommand(
  config: Config,
  files: string[],
  flags: ImportFlags,
  out: Output,
): Promise<number> {
  if (files.length === 0) {
    out.error("usage: dispatch import <file…> [--section <name>] [--source <id>]");
    return 2;
  }
  if (flags.source !== undefined && !/^\d{1,9}$/.test(flags.source)) {
    out.error(
      `error: --source takes the source's number, as shown by \`dispatch sources list\` (got "${flags.source}")`,
    );
    return 2;
  }
  const section = flags.section ? { slug: slugify(flags.section), name: flags.section } : undefined;
  let failed = 0;
  await withServices(config, async ({ articles, sources }) => {
    const source = flags.source === undefined ? null : await sources.get(Number(flags.source));
    if (flags.source !== undefined && !source) {
      failed = files.length;
      out.error(`error: no source #${flags.source}`);
      return;
    }
    for (const file of files) {
      try {
        const bytes = await readFile(file);
        const input = parseImportFile(file, bytes, {
          siteName: config.SITE_NAME,
          defaultLanguage: config.siteLanguage,
          now: new Date(),
          ...(section ? { section } : {}),
        });
        // Through a source, the file is one of its items: the same gate as its feed's.
        const gated = source ? importThroughSource(input, source) : input;
        const { article, created, revised } = await articles.save(gated);
        const verb = created ? "imported" : revised ? "updated" : "unchanged";
        const where =
          gated.deskStatus === "held" && article.status === "draft"
            ? `held on the wire desk (/newsroom/wire/${article.id}): ${gated.findings?.length ?? 0} findings to fix`
            : (articlePath(article) ?? `(${article.status}, not yet public)`);
        out.line(`${verb} ${file}: #${article.id} "${article.headline}" ${where}`);
      } catch (error) {
        failed++;
        out.error(`error: ${file}: ${importErrorText(error)}`);
      }
    }
  });
  if (failed === files.length)
    out.error(`${failed} of ${files.length} files failed; nothing was imported`);
  else if (failed > 0)
    out.error(`${failed} of ${files.length} files failed; the others were imported`);
  return failed > 0 ? 1 : 0;
}

function importErrorText(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "not_found: no such file";
  if (code === "EISDIR") return "is_directory: give files, not a folder";
  if (code === "EACCES") return "permission: cannot read the file";
  return `failed: ${describeError(error)}`;
}
