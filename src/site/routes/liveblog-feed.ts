import type { FastifyInstance } from "fastify";
import type { ArticleRepository } from "../../db/article-repository.ts";
import type { LiveblogPage, LiveblogRepository } from "../../db/liveblog-repository.ts";
import type { Article } from "../../domain/article.ts";
import { articlePath } from "../../domain/article-path.ts";
import { AppError } from "../../domain/errors.ts";
import { articleTag } from "../cache-tags.ts";
import {
  FEED_MEDIA_TYPES,
  type FeedSite,
  liveblogAtomFeed,
  liveblogFeedPath,
} from "../feeds-out.ts";
import { entryPermalink } from "../liveblog-entries.tsx";
import type { PageCache } from "../page-cache.ts";
import { cachedRoute, type Moved, moved } from "../serve-cached.ts";
import { FEED_CACHE_CONTROL, FEED_ITEMS } from "./feeds.ts";
import { CACHED_ROUTE, pathOf, type SchemaRequest, typed } from "./html-page.tsx";
import { ArticleParams } from "./route-schemas.ts";

export interface LiveblogFeedDeps {
  site: FeedSite;
  articles: Pick<ArticleRepository, "findVisibleBySlug" | "renamedSection" | "isKilled">;
  liveblogs: Pick<LiveblogRepository, "page">;
}

export interface LiveblogFeedContent {
  blog: Article;
  /** The blog's page path. */
  path: string;
  live: LiveblogPage;
}

const FEED_SUFFIX = liveblogFeedPath("");

/**
 * A live blog's feed: its newest entries. The same gate as its page (`findVisibleBySlug`):
 * a draft, embargoed or scheduled blog has no feed (404), a killed one is gone (410), an
 * address with a wrong date or an old section moves to the feed's one URL.
 */
export async function loadLiveblogFeed(
  deps: LiveblogFeedDeps,
  params: { section: string; slug: string; path: string },
  now = new Date(),
): Promise<LiveblogFeedContent | Moved | null> {
  const blog = await deps.articles.findVisibleBySlug(params.section, params.slug, now);
  const path = blog ? articlePath(blog) : null;
  if (!blog || !path) {
    const renamed = await deps.articles.renamedSection(params.section);
    const found = renamed && (await deps.articles.findVisibleBySlug(renamed, params.slug, now));
    const to = found && found.kind === "liveblog" ? articlePath(found) : null;
    if (to) return moved(liveblogFeedPath(to));
    if (await deps.articles.isKilled(params.section, params.slug)) {
      throw new AppError("gone", "This live blog has been withdrawn.", { status: 410 });
    }
    return null;
  }
  // Articles have no feed of their own: only a live blog is a stream of entries.
  if (blog.kind !== "liveblog") return null;
  if (path !== params.path) return moved(liveblogFeedPath(path));
  const live = await deps.liveblogs.page(blog.id, { limit: FEED_ITEMS });
  return { blog, path, live };
}

const schema = { params: ArticleParams };
type FeedRequest = SchemaRequest<typeof schema>;

/** `/{section}/{yyyy}/{mm}/{dd}/{slug}/feed.atom`, cached and dropped like the other feeds. */
export function registerLiveblogFeed(
  app: FastifyInstance,
  deps: LiveblogFeedDeps & { cache: PageCache; hub: string | null },
): void {
  const { site, hub } = deps;
  typed(app).get(
    `/:section/:yyyy/:mm/:dd/:slug${FEED_SUFFIX}`,
    { ...CACHED_ROUTE, schema, attachValidation: true },
    cachedRoute(deps.cache, {
      format: {
        contentType: `${FEED_MEDIA_TYPES.atom}; charset=utf-8`,
        cacheControl: FEED_CACHE_CONTROL,
      },
      key: (request: FeedRequest) => pathOf(request),
      load: (request) =>
        loadLiveblogFeed(deps, {
          section: request.params.section,
          slug: request.params.slug,
          path: pathOf(request).slice(0, -FEED_SUFFIX.length),
        }),
      render: ({ blog, path, live }) => {
        const meta = {
          title: `${blog.headline} · ${site.name}`,
          description: blog.standfirst?.trim() || `Live updates: ${blog.headline}`,
          htmlUrl: `${site.url}${path}`,
          selfUrl: `${site.url}${liveblogFeedPath(path)}`,
          hub,
          // A deletion moves the blog's time (the newsroom touches it) but leaves no entry.
          updated: blog.updatedAt,
        };
        return liveblogAtomFeed(
          site,
          meta,
          blog,
          live.entries,
          (id) => `${site.url}${entryPermalink(path, id)}`,
        );
      },
      // An entry posted, edited or deleted changes the blog's article: its tag drops this.
      tags: ({ blog }) => `feeds ${articleTag(blog.id)}`,
      ...(hub
        ? { link: (key: string) => `<${hub}>; rel="hub", <${site.url}${key}>; rel="self"` }
        : {}),
    }),
  );
}
