import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ArticleRepository } from "../db/article-repository.ts";
import type { StoryRepository } from "../db/story-repository.ts";
import type { Article } from "../domain/article.ts";
import { AppError } from "../domain/errors.ts";
import { HOME_TAG, SITEMAPS_TAG, sectionTag, topicTag } from "./cache-tags.ts";
import {
  FEED_EXTENSIONS,
  FEED_MEDIA_TYPES,
  FEED_OUT_FORMATS,
  type FeedMeta,
  type FeedScope,
  type FeedSite,
  feedPath,
  renderFeed,
  scopePath,
} from "./feeds-out.ts";
import { type CachedPage, type PageCache, pickEncoding } from "./page-cache.ts";
import {
  articlesSitemap,
  monthPages,
  NEWS_SITEMAP_PATH,
  NEWS_WINDOW_HOURS,
  newsSitemap,
  PAGES_SITEMAP_PATH,
  pagesSitemap,
  parseMonthSitemapName,
  robotsTxt,
  sitemapChildren,
  sitemapIndex,
} from "./sitemaps.ts";

export interface FeedRouteDeps {
  site: FeedSite;
  articles: ArticleRepository;
  stories: Pick<StoryRepository, "entity" | "articlesAbout">;
  /** The page cache: feeds and sitemaps are invalidated with the pages. */
  cache: PageCache;
  /** WEBSUB_HUB; empty for none. */
  hub?: string | undefined;
  /** Topic slugs for pages.xml, most important first; none until a listing exists. */
  topicSlugs?: ((limit: number) => Promise<string[]>) | undefined;
}

/** Items per feed: a day of a busy section, small enough to fetch every minute. */
export const FEED_ITEMS = 50;
const TOPICS_IN_SITEMAP = 5_000;

// Feed readers poll; a minute is fresh enough, and a CDN may serve a stale copy while it
// fetches the next.
const FEED_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

const CONTENT_TYPES = {
  ...FEED_MEDIA_TYPES,
  xml: "application/xml",
  text: "text/plain",
} as const;
type BodyType = keyof typeof CONTENT_TYPES;

/** If-None-Match holds a list; compression proxies may weaken our tag to W/"…". */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

interface Sent {
  type: BodyType;
  /** Surrogate-Key tags: a CDN purges by the live channels (home, section:…, topic:…). */
  keys: string;
  /** WebSub discovery in the Link header (W3C WebSub §4), for feeds. */
  link?: string;
}

function send(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  how: Sent,
) {
  reply
    .code(200)
    .header("content-type", `${CONTENT_TYPES[how.type]}; charset=utf-8`)
    .header("vary", "Accept-Encoding")
    .header("etag", page.etag)
    .header("cache-control", FEED_CACHE_CONTROL)
    .header("surrogate-key", how.keys);
  if (how.link) reply.header("link", how.link);
  if (etagMatches(request.headers["if-none-match"], page.etag)) return reply.code(304).send();
  const encoding = pickEncoding(request.headers["accept-encoding"]);
  if (encoding === null || page.html.length < 1024) return reply.send(page.html);
  return reply.header("content-encoding", encoding).send(cache.encoded(page, encoding));
}

function notFound(what: string): AppError {
  return new AppError("not_found", `no such ${what}`, { status: 404 });
}

function surrogateKey(scope: FeedScope): string {
  switch (scope.kind) {
    case "home":
      return HOME_TAG;
    case "section":
      return sectionTag(scope.slug);
    case "topic":
      return topicTag(scope.slug);
  }
}

export function registerFeedRoutes(app: FastifyInstance, deps: FeedRouteDeps): void {
  const { site, articles, stories, cache } = deps;
  const hub = deps.hub?.trim() || null;
  // Cached responses skip @fastify/compress: the cache holds the compressed bytes.
  const options = { compress: false, decompress: false } as const;

  async function cached(
    key: string,
    request: FastifyRequest,
    reply: FastifyReply,
    how: Sent,
    render: () => Promise<string>,
  ) {
    const hit = cache.get(key);
    if (hit) return send(cache, request, reply, hit, how);
    const stamp = cache.stamp();
    const body = await render();
    return send(cache, request, reply, cache.set(key, 200, body, stamp, how.keys), how);
  }

  /** What a scope's feed shows; AppError 404 when the section or topic does not exist. */
  async function load(
    scope: FeedScope,
  ): Promise<{ title: string; about: string; items: Article[] }> {
    switch (scope.kind) {
      case "home": {
        const page = await articles.listVisible({ limit: FEED_ITEMS });
        return { title: site.name, about: `The latest news from ${site.name}`, items: page.items };
      }
      case "section": {
        const section = (await articles.sections()).find((s) => s.slug === scope.slug);
        if (!section) throw notFound("section");
        const page = await articles.listVisible({ limit: FEED_ITEMS, section: section.slug });
        return {
          title: `${section.name} · ${site.name}`,
          about: `The latest ${section.name} news from ${site.name}`,
          items: page.items,
        };
      }
      case "topic": {
        const entity = await stories.entity(scope.slug);
        if (!entity) throw notFound("topic");
        return {
          title: `${entity.name} · ${site.name}`,
          about: `The latest news about ${entity.name} from ${site.name}`,
          items: await stories.articlesAbout(entity.id, FEED_ITEMS),
        };
      }
    }
  }

  function feedRoute(route: string, scopeOf: (params: { slug?: string }) => FeedScope) {
    for (const format of FEED_OUT_FORMATS) {
      app.get<{ Params: { slug?: string } }>(
        `${route}/feed.${FEED_EXTENSIONS[format]}`,
        options,
        async (request, reply) => {
          const scope = scopeOf(request.params);
          const self = `${site.url}${feedPath(scope, format)}`;
          const how: Sent = {
            type: format,
            keys: `feeds ${surrogateKey(scope)}`,
            ...(hub ? { link: `<${hub}>; rel="hub", <${self}>; rel="self"` } : {}),
          };
          return cached(feedPath(scope, format), request, reply, how, async () => {
            const { title, about, items } = await load(scope);
            const page = scopePath(scope);
            const meta: FeedMeta = {
              title,
              description: about,
              htmlUrl: page === "/" ? `${site.url}/` : `${site.url}${page}`,
              selfUrl: self,
              hub,
            };
            return renderFeed(format, site, meta, items);
          });
        },
      );
    }
  }

  feedRoute("", () => ({ kind: "home" }));
  feedRoute("/section/:slug", (p) => ({ kind: "section", slug: p.slug ?? "" }));
  feedRoute("/topic/:slug", (p) => ({ kind: "topic", slug: p.slug ?? "" }));

  const sitemap: Sent = { type: "xml", keys: SITEMAPS_TAG };

  app.get("/sitemap.xml", options, async (request, reply) =>
    cached("/sitemap.xml", request, reply, sitemap, async () =>
      sitemapIndex(site, sitemapChildren(await articles.visibleMonths())),
    ),
  );

  app.get(PAGES_SITEMAP_PATH, options, async (request, reply) =>
    cached(PAGES_SITEMAP_PATH, request, reply, sitemap, async () => {
      const [sections, topics] = await Promise.all([
        articles.sections(),
        deps.topicSlugs ? deps.topicSlugs(TOPICS_IN_SITEMAP) : Promise.resolve([]),
      ]);
      return pagesSitemap(site, { sections: sections.map((s) => s.slug), topics });
    }),
  );

  app.get(NEWS_SITEMAP_PATH, options, async (request, reply) =>
    cached(NEWS_SITEMAP_PATH, request, reply, sitemap, async () => {
      const now = new Date();
      const since = new Date(now.getTime() - NEWS_WINDOW_HOURS * 3_600_000);
      const paths = await articles.visiblePaths(since, new Date(now.getTime() + 1), now);
      return newsSitemap(site, paths, now);
    }),
  );

  app.get<{ Params: { name: string } }>("/sitemaps/:name", options, async (request, reply) => {
    const child = parseMonthSitemapName(request.params.name);
    if (child === null) throw notFound("sitemap");
    const key = `/sitemaps/${request.params.name}`;
    const hit = cache.get(key);
    if (hit) return send(cache, request, reply, hit, sitemap);
    const stamp = cache.stamp();
    const paths = await articles.visiblePaths(child.from, child.to);
    // The index names a month's pages from the count of all its visible articles; any page
    // beyond them, or a month without any, does not exist.
    if (paths.length === 0 || child.page > monthPages(paths.length)) throw notFound("sitemap");
    const body = articlesSitemap(site, paths, child.page);
    return send(cache, request, reply, cache.set(key, 200, body, stamp), sitemap);
  });

  app.get("/robots.txt", options, async (request, reply) =>
    cached("/robots.txt", request, reply, { type: "text", keys: "robots" }, async () =>
      robotsTxt(site),
    ),
  );
}
