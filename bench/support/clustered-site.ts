import { discoverPages, startDemoSite } from "./demo-site.ts";
import { get } from "./loopback.ts";
import { pageLinks } from "./page-links.ts";

export interface ClusteredPages {
  story: string;
  topic: string;
  search: string;
  searchTerm: string;
  /** Headlines on the home page once the wire has been read: words for other searches. */
  headlines: string[];
  /** Milliseconds from starting the demo to having all three pages. */
  seededMs: number;
}

/**
 * Stories and topics only exist once the enricher has clustered articles from several
 * outlets, so `serve --demo` runs on `dataDir` until the home page links stories and a
 * story links a topic; then it stops, leaving the wire's articles, stories and topics in
 * the folder for a server that does not ingest.
 */
export async function seedClusteredSite(dataDir: string): Promise<ClusteredPages> {
  const startedAt = performance.now();
  const site = await startDemoSite(dataDir);
  try {
    const pages = await discoverPages(site, 90_000);
    if (!pages.searchAvailable) throw new Error(`${pages.search} answered 404`);
    const home = await get(site.port, "/", 10_000);
    const links = pageLinks(home.body.toString("utf8"));
    return {
      story: pages.story,
      topic: pages.topic,
      search: pages.search,
      searchTerm: pages.searchTerm,
      headlines: [...links.stories, ...links.articles].map((l) => l.text),
      seededMs: performance.now() - startedAt,
    };
  } finally {
    await site.child.stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function etagOf(rawHeaders: string[]): string {
  const i = rawHeaders.findIndex((name, at) => at % 2 === 0 && name.toLowerCase() === "etag");
  return i < 0 ? "" : (rawHeaders[i + 1] ?? "");
}

const etags = async (port: number, paths: string[]) =>
  (await Promise.all(paths.map((p) => get(port, p)))).map(
    (res) => `${res.status} ${etagOf(res.rawHeaders)}`,
  );

/**
 * Waits until the pages answer the same three times in a row a second apart. A server starting
 * on a seeded folder enriches what the last one left pending and empties its page cache
 * once; the bytes the raw server copies must be the ones Dispatch goes on sending.
 */
export async function waitForSettledPages(port: number, paths: string[]): Promise<void> {
  let before = await etags(port, paths);
  let unchanged = 0;
  for (let attempt = 0; attempt < 15; attempt++) {
    await sleep(1_000);
    const now = await etags(port, paths);
    unchanged = now.every((tag, i) => tag === before[i]) ? unchanged + 1 : 0;
    if (unchanged === 2) return;
    before = now;
  }
  throw new Error("the pages kept changing for 15 s: something is still writing");
}

/**
 * Words a reader might search for, none the same as `except`: distinct searches, so each
 * one misses Dispatch's search page cache.
 */
export function otherSearchTerms(headlines: string[], except: string, count: number): string[] {
  const seen = new Set([except.toLowerCase()]);
  const out: string[] = [];
  for (const word of headlines.flatMap((h) => h.split(/[^\p{L}]+/u))) {
    const key = word.toLowerCase();
    if (word.length < 5 || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
    if (out.length === count) break;
  }
  return out;
}

/**
 * A story's slug follows its headline, which a server enriching what the seeding one left
 * pending may still change: follow one permanent redirect to the page's address now.
 */
export async function currentPath(port: number, pagePath: string): Promise<string> {
  const res = await get(port, pagePath);
  if (res.status !== 301 && res.status !== 308) return pagePath;
  const at = res.rawHeaders.findIndex(
    (name, i) => i % 2 === 0 && name.toLowerCase() === "location",
  );
  return at < 0 ? pagePath : (res.rawHeaders[at + 1] ?? pagePath);
}
