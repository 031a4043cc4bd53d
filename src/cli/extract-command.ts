import { type ExtractResult, extractArticle } from "../ingest/extract.ts";
import { httpUrl } from "../ingest/import/fields.ts";
import { createWebReader, type WebReader, type WebReaderSettings } from "../ingest/web-reader.ts";
import { inputSource, parseInspectArgs, readLocalFile, runInspection } from "./inspect-inputs.ts";
import type { Output } from "./output.ts";

export const EXTRACT_USAGE = "usage: dispatch extract <url|file…> [--base-url URL] [--json]";

/**
 * Relative links in a saved page with neither --base-url nor a canonical link resolve here:
 * the extractor takes only http(s) page URLs, and a reserved `.invalid` host says plainly
 * that the address is not real.
 */
export const NO_BASE_URL = "https://no-base-url.invalid/";

/**
 * `dispatch extract`: the article a `full` source would get from a page (URL or saved file),
 * to see what Readability keeps and what the sanitizer lets through.
 */
export async function extractCommand(
  settings: WebReaderSettings,
  args: string[],
  out: Output,
): Promise<number> {
  const parsed = parseInspectArgs(args, EXTRACT_USAGE, out);
  if ("exit" in parsed) return parsed.exit;
  const reader = createWebReader(settings);
  try {
    return await runInspection({
      inputs: parsed.inputs,
      json: parsed.json,
      out,
      inspect: async (input) =>
        extractJson(await extract(input, reader, settings.FETCH_MAX_BYTES, parsed.baseUrl)),
      describe: describeExtract,
    });
  } finally {
    await reader.close();
  }
}

async function extract(
  input: string,
  reader: WebReader,
  maxBytes: number,
  baseUrl: string | null,
): Promise<ExtractResult> {
  const source = inputSource(input);
  if (source.kind === "url") {
    const page = await reader.fetchPage(source.url);
    return extractArticle(page.text, { url: page.url });
  }
  const file = await readLocalFile(source.path, maxBytes);
  return extractArticle(file.text, {
    url: baseUrl ?? canonicalLink(file.text) ?? NO_BASE_URL,
  });
}

/**
 * The page's `<link rel="canonical">`, when it is an http(s) URL: a saved page's relative
 * links were written against the address it was published at.
 */
export function canonicalLink(html: string): string | null {
  const head = html.slice(0, 512 * 1024);
  for (const [tag] of head.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, "rel")?.toLowerCase().split(/\s+/);
    if (!rel?.includes("canonical")) continue;
    const href = attribute(tag, "href");
    if (href !== null) return httpUrl(href.replace(/&amp;/gi, "&"));
  }
  return null;
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i").exec(
    tag,
  );
  return match ? (match[1] ?? match[2] ?? match[3] ?? null) : null;
}

/** Exactly the documented keys, in a stable order. */
export function extractJson(result: ExtractResult): ExtractResult {
  return {
    title: result.title,
    byline: result.byline,
    lang: result.lang,
    publishedTime: result.publishedTime,
    siteName: result.siteName,
    excerpt: result.excerpt,
    html: result.html,
    text: result.text,
  };
}

export function describeExtract(result: ExtractResult): string {
  const facts = [
    result.byline === null ? null : `by ${result.byline}`,
    result.publishedTime?.replace(/\.000Z$/, "Z") ?? null,
    result.siteName,
    result.lang,
  ].filter((fact) => fact !== null);
  return [
    result.title ?? "(no title)",
    ...(facts.length === 0 ? [] : [facts.join(" · ")]),
    ...(result.excerpt === null ? [] : [`excerpt: ${result.excerpt}`]),
    `${result.text.length} characters of text:`,
    "",
    result.text,
  ].join("\n");
}
