import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { ensureBundle, ROOT } from "./dispatch-process.ts";
import { freePort, get, LOOPBACK, waitFor200 } from "./loopback.ts";
import { type Link, pageLinks, searchTerm } from "./page-links.ts";
import { type Child, spawnChild } from "./resources.ts";

const CLI = fileURLToPath(new URL("../../bin/dispatch.js", import.meta.url));

export interface DemoSite {
  child: Child;
  port: number;
  origin: string;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, LOOPBACK, () => server.close(() => resolve(true)));
  });
}

/** `serve --demo` puts its wire on PORT + 1, so both must be free. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    if (port < 65_535 && (await portIsFree(port + 1))) return port;
  }
  throw new Error("no two adjacent free ports on loopback");
}

/**
 * `dispatch serve --demo` on loopback with its own data folder. SITE_URL is the address the
 * browser uses, so canonical links and feeds point at the page being audited.
 */
export async function startDemoSite(dataDir: string): Promise<DemoSite> {
  ensureBundle(dataDir);
  const port = await freePortPair();
  const origin = `http://${LOOPBACK}:${port}`;
  const child = spawnChild(process.execPath, [CLI, "serve", "--demo"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      HOST: LOOPBACK,
      PORT: String(port),
      SITE_URL: origin,
      LOG_LEVEL: "warn",
    },
  });
  try {
    await waitFor200(child, port, "/", performance.now(), 30_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, port, origin };
}

export async function fetchHtml(
  port: number,
  path: string,
): Promise<{ status: number; html: string }> {
  const res = await get(port, path, 10_000);
  return { status: res.status, html: res.body.toString("utf8") };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls a page until `ready` accepts it; the demo wire and the enricher take seconds. */
async function pollUntil<T>(
  site: DemoSite,
  path: string,
  ready: (html: string) => T | null,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const startedAt = performance.now();
  for (;;) {
    if (site.child.exited()) throw new Error(`Dispatch exited:\n${site.child.output()}`);
    const { status, html } = await fetchHtml(site.port, path);
    const value = status === 200 ? ready(html) : null;
    if (value !== null) return value;
    if (performance.now() - startedAt > timeoutMs) {
      throw new Error(`${what} did not appear on ${path} within ${timeoutMs} ms`);
    }
    await sleep(500);
  }
}

export interface SitePages {
  home: string;
  article: string;
  /** "full" when the article's text is on the page, "link" when it points to the outlet. */
  articleKind: "full" | "link";
  story: string;
  topic: string;
  search: string;
  searchTerm: string;
  /** False when /search answers 404: the page is not built yet. */
  searchAvailable: boolean;
}

/**
 * Finds one page of each kind the way a reader would, by following links from the home
 * page: its top story, an article (one with its full text when there is one), a topic
 * named on a story, and a search for a word from the headlines.
 */
export async function discoverPages(site: DemoSite, timeoutMs = 60_000): Promise<SitePages> {
  const home = await pollUntil(
    site,
    "/",
    (html) => {
      const links = pageLinks(html);
      return links.stories.length >= 3 && links.articles.length > 0 ? links : null;
    },
    timeoutMs,
    "three stories and an article",
  );

  let article: { path: string; kind: "full" | "link" } | null = null;
  for (const link of home.articles.slice(0, 12)) {
    const { status, html } = await fetchHtml(site.port, link.path);
    if (status !== 200) continue;
    const kind = html.includes('class="link-out"') ? "link" : "full";
    article ??= { path: link.path, kind };
    if (kind === "full") {
      article = { path: link.path, kind };
      break;
    }
  }
  if (article === null) throw new Error("no article linked from the home page answers 200");

  // Topics come from the enricher, a little after the stories themselves.
  const [story, topic] = await storyWithTopic(site, home.stories, timeoutMs);

  const term = searchTerm(home.stories.map((s) => s.text)) ?? "news";
  const search = `/search?q=${encodeURIComponent(term)}`;
  const searchStatus = (await fetchHtml(site.port, search)).status;
  if (searchStatus !== 200 && searchStatus !== 404) {
    throw new Error(`${search} answered ${searchStatus}`);
  }
  return {
    home: "/",
    article: article.path,
    articleKind: article.kind,
    story: story.path,
    topic: topic.path,
    search,
    searchTerm: term,
    searchAvailable: searchStatus === 200,
  };
}

async function storyWithTopic(
  site: DemoSite,
  stories: Link[],
  timeoutMs: number,
): Promise<[Link, Link]> {
  const startedAt = performance.now();
  for (;;) {
    for (const story of stories.slice(0, 6)) {
      const { status, html } = await fetchHtml(site.port, story.path);
      const topic = status === 200 ? pageLinks(html).topics[0] : undefined;
      if (topic) return [story, topic];
    }
    if (performance.now() - startedAt > timeoutMs) {
      throw new Error(`no topic link on the first stories within ${timeoutMs} ms`);
    }
    await sleep(1_000);
  }
}
