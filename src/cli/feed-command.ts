import type { Enclosure, FeedFormat, FeedWarning, ParsedFeed } from "../domain/feed.ts";
import { parseFeed } from "../ingest/feeds/parse-feed.ts";
import { createWebReader, type WebReader, type WebReaderSettings } from "../ingest/web-reader.ts";
import { inputSource, parseInspectArgs, readLocalFile, runInspection } from "./inspect-inputs.ts";
import type { Output } from "./output.ts";

export const FEED_USAGE = "usage: dispatch feed inspect <url|file…> [--base-url URL] [--json]";

/** What `feed inspect --json` prints for a feed: the reader-facing part of a `ParsedFeed`. */
export interface FeedJson {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  language: string | null;
  items: {
    id: string;
    title: string | null;
    url: string | null;
    published: string | null;
    updated: string | null;
    author: string | null;
    summary: string | null;
    contentHtml: string | null;
    categories: string[];
    image: string | null;
    enclosures: Enclosure[];
  }[];
  /** Only when the feed was read despite a problem: truncated, items skipped and why. */
  warnings?: FeedWarning[];
}

/**
 * `dispatch feed inspect`: a feed (URL or saved file) read exactly as ingestion reads it, so an
 * operator can see why a source yields nothing, or wrong dates, before adding it.
 */
export async function feedCommand(
  settings: WebReaderSettings,
  args: string[],
  out: Output,
): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === "help" || subcommand === "--help" || subcommand === "-h") {
    out.line(FEED_USAGE);
    return 0;
  }
  if (subcommand !== "inspect") {
    out.error(FEED_USAGE);
    return 2;
  }
  const parsed = parseInspectArgs(rest, FEED_USAGE, out);
  if ("exit" in parsed) return parsed.exit;
  const reader = createWebReader(settings);
  try {
    return await runInspection({
      inputs: parsed.inputs,
      json: parsed.json,
      out,
      inspect: async (input) =>
        feedJson(await loadFeed(input, reader, settings.FETCH_MAX_BYTES, parsed.baseUrl)),
      describe: describeFeed,
    });
  } finally {
    await reader.close();
  }
}

async function loadFeed(
  input: string,
  reader: WebReader,
  maxBytes: number,
  baseUrl: string | null,
): Promise<ParsedFeed> {
  const source = inputSource(input);
  if (source.kind === "url") {
    const response = await reader.fetchFeed(source.url, { etag: null, lastModified: null });
    return parseFeed(response.text, {
      url: response.url,
      contentType: response.contentType,
      maxBytes,
    });
  }
  const file = await readLocalFile(source.path, maxBytes);
  return parseFeed(file.text, {
    url: baseUrl ?? file.url,
    contentType: file.contentType,
    maxBytes,
  });
}

/** Exactly the documented keys, in a stable order; WebSub and TTL details stay out. */
export function feedJson(feed: ParsedFeed): FeedJson {
  const json: FeedJson = {
    format: feed.format,
    title: feed.title,
    link: feed.link,
    language: feed.language,
    items: feed.items.map((item) => ({
      id: item.id,
      title: item.title,
      url: item.url,
      published: item.published,
      updated: item.updated,
      author: item.author,
      summary: item.summary,
      contentHtml: item.contentHtml,
      categories: item.categories,
      image: item.image,
      enclosures: item.enclosures.map((e) => ({ url: e.url, type: e.type, length: e.length })),
    })),
  };
  if (feed.warnings !== undefined && feed.warnings.length > 0) json.warnings = feed.warnings;
  return json;
}

export function describeFeed(feed: FeedJson): string {
  const head = [feed.format, feed.title ?? "(no title)", feed.link, feed.language]
    .filter((part) => part !== null)
    .join(" · ");
  const count = `${feed.items.length} item${feed.items.length === 1 ? "" : "s"}`;
  const items = feed.items.map((item) => {
    const date = item.published ?? item.updated;
    const when = date === null ? "(no date)" : date.replace(/\.000Z$/, "Z");
    return `  ${when.padEnd(20)}  ${item.title ?? item.url ?? item.id}`;
  });
  const warnings = (feed.warnings ?? []).map((w) => `warning: ${w.code}: ${w.message}`);
  return [head, count, ...warnings, ...items].join("\n");
}
