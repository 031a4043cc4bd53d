import { readFile } from "node:fs/promises";
import type { Config } from "../config/settings.ts";
import type { SourceRepository } from "../db/source-repository.ts";
import { AppError, isAppError } from "../domain/errors.ts";
import { slugify } from "../domain/slug.ts";
import { SOURCE_MODES, type Source, type SourceMode } from "../domain/source.ts";
import { type OpmlEntry, parseOpmlSources, sourcesToOpml } from "../ingest/opml.ts";
import { STARTER_OPML } from "../ingest/starter-sources.ts";
import type { Output } from "./output.ts";
import { withServices } from "./with-services.ts";

export const SOURCES_HELP = `dispatch sources <subcommand>
  add <url> [--mode link|full] [--section NAME] [--language xx] [--min-interval S] [--max-interval S]
  list                  every source with its health
  import <file.opml>    add every feed in an OPML file (existing URLs are skipped)
  export                print all sources as OPML 2.0
  remove <id>           delete a source (its articles stay)
  enable <id> | disable <id>
  add-starter           add the starter list of ~20 major public news feeds (link mode)`;

export interface SourcesFlags {
  mode?: string | undefined;
  section?: string | undefined;
  language?: string | undefined;
  minInterval?: string | undefined;
  maxInterval?: string | undefined;
}

function feedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("bad_url", `not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError("bad_url", `only http and https feeds can be fetched, not ${url.protocol}`);
  }
  return url.href;
}

function seconds(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value))
    throw new AppError("bad_interval", `${name} must be a whole number of seconds`);
  return Number(value);
}

function section(name: string | undefined): { slug: string; name: string } {
  const n = name?.trim() || "News";
  return { slug: slugify(n), name: n };
}

function describeHealth(s: Source): string {
  if (!s.enabled) return `DISABLED: ${s.health.disabledReason ?? "by an operator"}`;
  if (s.health.consecutiveFailures > 0) {
    return `failing ×${s.health.consecutiveFailures}: ${s.health.lastErrorCode}: ${s.health.lastError}`;
  }
  if (s.health.lastSuccessAt)
    return `ok, last ${s.health.lastSuccessAt}, ${s.health.itemsPerDay.toFixed(1)}/day`;
  return "not fetched yet";
}

async function addEntries(
  repo: SourceRepository,
  entries: OpmlEntry[],
  mode: SourceMode,
  out: Output,
) {
  let added = 0;
  for (const e of entries) {
    let url: string;
    try {
      url = feedUrl(e.url);
    } catch (error) {
      out.error(`skipped ${e.url}: ${isAppError(error) ? error.message : String(error)}`);
      continue;
    }
    if (await repo.byUrl(url)) {
      out.line(`exists  ${url}`);
      continue;
    }
    const s = await repo.add({
      url,
      mode,
      section: section(e.category ?? undefined),
      title: e.title,
      siteUrl: e.siteUrl,
      languageHint: e.language,
    });
    out.line(`added   #${s.id} ${s.url} (${s.sectionSlug})`);
    added++;
  }
  out.line(`${added} added, ${entries.length - added} skipped`);
}

export async function sourcesCommand(
  config: Config,
  args: string[],
  flags: SourcesFlags,
  out: Output,
): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub) {
    out.error(SOURCES_HELP);
    return 2;
  }
  return withServices(config, async ({ sources: repo }) => {
    const id = () => {
      const raw = rest[0] ?? "";
      if (!/^\d+$/.test(raw))
        throw new AppError(
          "bad_id",
          `give the source's number, as shown by \`dispatch sources list\` (got "${raw}")`,
        );
      return Number(raw);
    };
    switch (sub) {
      case "add": {
        if (!rest[0])
          throw new AppError(
            "usage",
            "usage: dispatch sources add <url> [--mode link|full] [--section NAME]",
          );
        const mode = (flags.mode ?? "link") as SourceMode;
        if (!SOURCE_MODES.includes(mode))
          throw new AppError("bad_mode", `--mode must be one of ${SOURCE_MODES.join(", ")}`);
        const s = await repo.add({
          url: feedUrl(rest[0]),
          mode,
          section: section(flags.section),
          languageHint: flags.language ?? null,
          ...(flags.minInterval
            ? { minIntervalSeconds: seconds(flags.minInterval, "--min-interval") }
            : {}),
          ...(flags.maxInterval
            ? { maxIntervalSeconds: seconds(flags.maxInterval, "--max-interval") }
            : {}),
        });
        out.line(
          `added #${s.id} ${s.url} (${s.mode}, section ${s.sectionSlug}); it is fetched on the next scheduler tick`,
        );
        return 0;
      }
      case "list": {
        const list = await repo.list();
        if (list.length === 0)
          out.line(
            "no sources yet: `dispatch sources add <url>` or `dispatch sources add-starter`",
          );
        for (const s of list) {
          out.line(
            `#${s.id}\t${s.mode}\t${s.sectionSlug}\t${s.format ?? "?"}\t${s.url}\n\t${s.title ?? ""}\t${describeHealth(s)}\tnext: ${s.health.nextFetchAt ?? "now"}`,
          );
        }
        return 0;
      }
      case "import": {
        if (!rest[0]) throw new AppError("usage", "usage: dispatch sources import <file.opml>");
        const mode = (flags.mode ?? "link") as SourceMode;
        if (!SOURCE_MODES.includes(mode))
          throw new AppError("bad_mode", `--mode must be one of ${SOURCE_MODES.join(", ")}`);
        let text: string;
        try {
          text = await readFile(rest[0], "utf8");
        } catch (error) {
          throw new AppError(
            "not_found",
            `cannot read ${rest[0]}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          );
        }
        await addEntries(repo, parseOpmlSources(text), mode, out);
        return 0;
      }
      case "add-starter":
        await addEntries(repo, parseOpmlSources(STARTER_OPML), "link", out);
        return 0;
      case "export":
        out.line(sourcesToOpml(await repo.list(), `${config.SITE_NAME} sources`));
        return 0;
      case "remove": {
        const n = id();
        if (!(await repo.remove(n))) throw new AppError("not_found", `no source #${n}`);
        out.line(`removed #${n}`);
        return 0;
      }
      case "enable":
      case "disable": {
        const n = id();
        if (!(await repo.get(n))) throw new AppError("not_found", `no source #${n}`);
        await repo.setEnabled(n, sub === "enable");
        out.line(`${sub}d #${n}`);
        return 0;
      }
      default:
        out.error(`error: unknown subcommand "sources ${sub}"\n${SOURCES_HELP}`);
        return 2;
    }
  });
}
