import type { FastifyInstance } from "fastify";
import type { ArticleRepository, VisibleMonth, VisiblePath } from "../../db/article-repository.ts";
import { SITEMAPS_TAG } from "../cache-tags.ts";
import type { FeedSite } from "../feeds-out.ts";
import type { PageCache } from "../page-cache.ts";
import { cachedRoute, type ResponseFormat } from "../serve-cached.ts";
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
} from "../sitemaps.ts";
import { FEED_CACHE_CONTROL } from "./feeds.ts";
import { CACHED_ROUTE, type SchemaRequest, typed } from "./html-page.tsx";
import { MonthSitemapParams } from "./route-schemas.ts";

export interface SitemapDeps {
  site: FeedSite;
  articles: Pick<ArticleRepository, "sections" | "visibleMonths" | "visiblePaths">;
  /** Topic slugs for pages.xml, most important first; none until a listing exists. */
  topicSlugs?: ((limit: number) => Promise<string[]>) | undefined;
}

const TOPICS_IN_SITEMAP = 5_000;
const HOUR_MS = 3_600_000;

const XML: ResponseFormat = {
  contentType: "application/xml; charset=utf-8",
  cacheControl: FEED_CACHE_CONTROL,
};
const TEXT: ResponseFormat = {
  contentType: "text/plain; charset=utf-8",
  cacheControl: FEED_CACHE_CONTROL,
};

/** The months with articles readers may see, for the index. */
export async function loadSitemapIndex(
  deps: SitemapDeps,
  now = new Date(),
): Promise<{ months: VisibleMonth[] }> {
  return { months: await deps.articles.visibleMonths(now) };
}

/** The home page, every section and the most important topics. */
export async function loadPagesSitemap(
  deps: SitemapDeps,
): Promise<{ sections: string[]; topics: string[] }> {
  const [sections, topics] = await Promise.all([
    deps.articles.sections(),
    deps.topicSlugs ? deps.topicSlugs(TOPICS_IN_SITEMAP) : Promise.resolve([]),
  ]);
  return { sections: sections.map((s) => s.slug), topics };
}

/** Our own articles of the last NEWS_WINDOW_HOURS, for Google News. */
export async function loadNewsSitemap(
  deps: SitemapDeps,
  now = new Date(),
): Promise<{ paths: VisiblePath[]; now: Date }> {
  const since = new Date(now.getTime() - NEWS_WINDOW_HOURS * HOUR_MS);
  return { paths: await deps.articles.visiblePaths(since, new Date(now.getTime() + 1), now), now };
}

/**
 * One page of a month's articles. The index names a month's pages from the count of all
 * its visible articles; any page beyond them, or a month without any, does not exist.
 */
export async function loadMonthSitemap(
  deps: SitemapDeps,
  params: { name: string },
): Promise<{ paths: VisiblePath[]; page: number } | null> {
  const child = parseMonthSitemapName(params.name);
  if (child === null) return null;
  const paths = await deps.articles.visiblePaths(child.from, child.to);
  if (paths.length === 0 || child.page > monthPages(paths.length)) return null;
  return { paths, page: child.page };
}

const monthSchema = { params: MonthSitemapParams };
type MonthRequest = SchemaRequest<typeof monthSchema>;

/** The sitemap index, its children, and robots.txt naming it. */
export function registerSitemaps(
  app: FastifyInstance,
  deps: SitemapDeps & { cache: PageCache },
): void {
  const { site, cache } = deps;

  app.get(
    "/sitemap.xml",
    CACHED_ROUTE,
    cachedRoute(cache, {
      format: XML,
      key: () => "/sitemap.xml",
      load: () => loadSitemapIndex(deps),
      render: ({ months }) => sitemapIndex(site, sitemapChildren(months)),
      tags: () => SITEMAPS_TAG,
    }),
  );

  app.get(
    PAGES_SITEMAP_PATH,
    CACHED_ROUTE,
    cachedRoute(cache, {
      format: XML,
      key: () => PAGES_SITEMAP_PATH,
      load: () => loadPagesSitemap(deps),
      render: (props) => pagesSitemap(site, props),
      tags: () => SITEMAPS_TAG,
    }),
  );

  app.get(
    NEWS_SITEMAP_PATH,
    CACHED_ROUTE,
    cachedRoute(cache, {
      format: XML,
      key: () => NEWS_SITEMAP_PATH,
      load: () => loadNewsSitemap(deps),
      render: ({ paths, now }) => newsSitemap(site, paths, now),
      tags: () => SITEMAPS_TAG,
    }),
  );

  typed(app).get(
    "/sitemaps/:name",
    { ...CACHED_ROUTE, schema: monthSchema, attachValidation: true },
    cachedRoute(cache, {
      format: XML,
      key: (request: MonthRequest) => `/sitemaps/${request.params.name}`,
      load: (request) => loadMonthSitemap(deps, request.params),
      render: ({ paths, page }) => articlesSitemap(site, paths, page),
      // Kept untagged (it goes with any change), yet purged with the other sitemaps.
      tags: () => "",
      surrogateKey: SITEMAPS_TAG,
    }),
  );

  app.get(
    "/robots.txt",
    CACHED_ROUTE,
    cachedRoute(cache, {
      format: TEXT,
      key: () => "/robots.txt",
      load: async () => ({}),
      render: () => robotsTxt(site),
      tags: () => "robots",
    }),
  );
}
