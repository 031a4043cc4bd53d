import type { FastifyInstance } from "fastify";
import type { ArticleRepository } from "../../db/article-repository.ts";
import type { Correction } from "../../db/correction-repository.ts";
import type { StoryRepository } from "../../db/story-repository.ts";
import type { Article } from "../../domain/article.ts";
import { HOME_TAG, sectionTag, topicTag } from "../cache-tags.ts";
import {
  FEED_EXTENSIONS,
  FEED_MEDIA_TYPES,
  FEED_OUT_FORMATS,
  type FeedOutFormat,
  type FeedScope,
  type FeedSite,
  feedPath,
  renderFeed,
  scopePath,
} from "../feeds-out.ts";
import type { PageCache } from "../page-cache.ts";
import { cachedRoute } from "../serve-cached.ts";
import { CACHED_ROUTE, type CorrectionReader, type SchemaRequest, typed } from "./html-page.tsx";
import { SlugParams } from "./route-schemas.ts";

export interface FeedDeps {
  site: FeedSite;
  articles: ArticleRepository;
  stories: Pick<StoryRepository, "entity" | "articlesAbout">;
  /** Published corrections: a corrected item says so in every format. */
  corrections: CorrectionReader;
}

/** Items per feed: a day of a busy section, small enough to fetch every minute. */
export const FEED_ITEMS = 50;

// Feed readers poll; a minute is fresh enough, and a CDN may serve a stale copy while it
// fetches the next.
export const FEED_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/** What a scope's feed shows. */
export interface FeedContent {
  scope: FeedScope;
  title: string;
  about: string;
  items: Article[];
  corrections?: ReadonlyMap<number, readonly Correction[]>;
}

/** A scope's feed; null when its section or topic does not exist. */
export async function loadFeed(
  deps: FeedDeps,
  scope: FeedScope,
  now = new Date(),
): Promise<FeedContent | null> {
  const { site, articles, stories } = deps;
  switch (scope.kind) {
    case "home": {
      const page = await articles.listVisible({ limit: FEED_ITEMS }, now);
      const about = `The latest news from ${site.name}`;
      return { scope, title: site.name, about, items: page.items };
    }
    case "section": {
      const section = (await articles.sections()).find((s) => s.slug === scope.slug);
      if (!section) return null;
      const page = await articles.listVisible({ limit: FEED_ITEMS, section: section.slug }, now);
      return {
        scope,
        title: `${section.name} · ${site.name}`,
        about: `The latest ${section.name} news from ${site.name}`,
        items: page.items,
      };
    }
    case "topic": {
      const entity = await stories.entity(scope.slug);
      if (!entity) return null;
      return {
        scope,
        title: `${entity.name} · ${site.name}`,
        about: `The latest news about ${entity.name} from ${site.name}`,
        items: await stories.articlesAbout(entity.id, FEED_ITEMS, now),
      };
    }
  }
}

/** Surrogate-Key tags: a CDN purges by the live channels (home, section:…, topic:…). */
function feedTags(scope: FeedScope): string {
  switch (scope.kind) {
    case "home":
      return `feeds ${HOME_TAG}`;
    case "section":
      return `feeds ${sectionTag(scope.slug)}`;
    case "topic":
      return `feeds ${topicTag(scope.slug)}`;
  }
}

const slugSchema = { params: SlugParams };
type SlugRequest = SchemaRequest<typeof slugSchema>;

/** RSS, Atom and JSON Feed for the home page, each section and each topic. */
export function registerFeeds(
  app: FastifyInstance,
  deps: FeedDeps & { cache: PageCache; hub: string | null },
): void {
  const { site, hub } = deps;

  function feedRoute(format: FeedOutFormat, scopeOf: (request: SlugRequest) => FeedScope) {
    return cachedRoute(deps.cache, {
      format: {
        contentType: `${FEED_MEDIA_TYPES[format]}; charset=utf-8`,
        cacheControl: FEED_CACHE_CONTROL,
      },
      key: (request: SlugRequest) => feedPath(scopeOf(request), format),
      load: async (request) => {
        const content = await loadFeed(deps, scopeOf(request));
        if (!content) return null;
        const ids = content.items.map((a) => a.id);
        return { ...content, corrections: await deps.corrections.forArticles(ids) };
      },
      render: ({ scope, title, about, items, corrections }) => {
        const page = scopePath(scope);
        const meta = {
          title,
          description: about,
          htmlUrl: page === "/" ? `${site.url}/` : `${site.url}${page}`,
          selfUrl: `${site.url}${feedPath(scope, format)}`,
          hub,
        };
        return renderFeed(format, site, meta, items, corrections);
      },
      tags: (props) => feedTags(props.scope),
      // WebSub discovery (W3C WebSub §4).
      ...(hub
        ? { link: (key: string) => `<${hub}>; rel="hub", <${site.url}${key}>; rel="self"` }
        : {}),
    });
  }

  const api = typed(app);
  for (const format of FEED_OUT_FORMATS) {
    const file = `feed.${FEED_EXTENSIONS[format]}`;
    api.get(
      `/${file}`,
      CACHED_ROUTE,
      feedRoute(format, () => ({ kind: "home" })),
    );
    api.get(
      `/section/:slug/${file}`,
      { ...CACHED_ROUTE, schema: slugSchema },
      feedRoute(format, (request) => ({ kind: "section", slug: request.params.slug })),
    );
    api.get(
      `/topic/:slug/${file}`,
      { ...CACHED_ROUTE, schema: slugSchema },
      feedRoute(format, (request) => ({ kind: "topic", slug: request.params.slug })),
    );
  }
}
