import type { FastifyInstance } from "fastify";
import type { ArticleRepository } from "../../db/article-repository.ts";
import type { LiveblogRepository } from "../../db/liveblog-repository.ts";
import type { SearchRepository } from "../../db/search-repository.ts";
import type { SourceRepository } from "../../db/source-repository.ts";
import type { StoryRepository } from "../../db/story-repository.ts";
import type { BreakingAlert } from "../../domain/alert.ts";
import type { LiveHeadReader } from "../live-head.ts";
import type { PageCache } from "../page-cache.ts";
import { renderDocument } from "../render.ts";
import type { SiteContext } from "../site-context.ts";
import { type StatusCode, StatusPage } from "../status-page.tsx";
import { registerAbout } from "./about.tsx";
import { registerArticle } from "./article.tsx";
import { LIVE_SCRIPT_HREF, registerAssets, SCRIPT_HREF, STYLESHEET_HREF } from "./assets.ts";
import { registerFeeds } from "./feeds.ts";
import { registerHome } from "./home.tsx";
import type { CorrectionReader } from "./html-page.tsx";
import { htmlFormat } from "./html-page.tsx";
import { registerLiveblogFeed } from "./liveblog-feed.ts";
import { registerSearch } from "./search.tsx";
import { registerSection } from "./section.tsx";
import { registerSitemaps } from "./sitemaps.ts";
import { registerSource } from "./source.tsx";
import { registerStory } from "./story.tsx";
import { registerTopic } from "./topic.tsx";

export interface ReaderSiteDeps {
  /** As `siteContext()` builds it; the stylesheet's address is this module's. */
  site: Omit<SiteContext, "stylesheetHref">;
  articles: ArticleRepository;
  stories: StoryRepository;
  sources: SourceRepository;
  liveblogs: LiveblogRepository;
  /** Published corrections (db/correction-repository.ts); none shown without it. */
  corrections: CorrectionReader;
  search: SearchRepository;
  /** The page cache: pages, feeds, sitemaps (and, following it, search) are kept there. */
  cache: PageCache;
  /** WEBSUB_HUB, advertised by every feed; empty for none. */
  hub?: string | undefined;
  /** Topic slugs for pages.xml, most important first; none until a listing exists. */
  topicSlugs?: ((limit: number) => Promise<string[]>) | undefined;
  /** The breaking alert every page's banner shows, from memory (server/alert-clock.ts). */
  alert?: (() => Promise<BreakingAlert | null>) | undefined;
  /** The events log's head (db/event-repository.ts); pages carry no live client without it. */
  liveHead?: LiveHeadReader | undefined;
}

/** Everything a reader reaches: assets, pages, search, feeds, sitemaps and robots.txt. */
export function registerReaderSite(app: FastifyInstance, deps: ReaderSiteDeps): void {
  const { articles, stories, sources, liveblogs, cache } = deps;
  const site: SiteContext = {
    ...deps.site,
    stylesheetHref: STYLESHEET_HREF,
    scriptHref: SCRIPT_HREF,
    liveScriptHref: LIVE_SCRIPT_HREF,
  };
  const pages = {
    site,
    articles,
    stories,
    sources,
    liveblogs,
    cache,
    format: htmlFormat(site),
    alert: deps.alert,
    corrections: deps.corrections,
    liveHead: deps.liveHead,
  };

  registerAssets(app);
  registerHome(app, pages);
  registerSection(app, pages);
  registerSource(app, pages);
  registerAbout(app, pages);
  registerTopic(app, pages);
  registerStory(app, pages);
  registerArticle(app, pages);
  registerSearch(app, {
    // Search pages carry no script: none of their times is relative.
    site: { ...deps.site, stylesheetHref: STYLESHEET_HREF },
    articles,
    sources,
    search: deps.search,
    cache,
    alert: deps.alert,
  });
  registerFeeds(app, {
    site: deps.site,
    articles,
    stories,
    cache,
    hub: deps.hub?.trim() || null,
    corrections: deps.corrections,
  });
  registerLiveblogFeed(app, {
    site: deps.site,
    articles,
    liveblogs,
    cache,
    hub: deps.hub?.trim() || null,
  });
  registerSitemaps(app, { site: deps.site, articles, cache, topicSlugs: deps.topicSlugs });
}

/** HTML for the not-found and error handlers, which sit outside the cached routes. */
export function renderStatusPage(
  siteBase: Omit<SiteContext, "stylesheetHref">,
  status: StatusCode,
  detail?: string,
): string {
  return renderDocument(
    <StatusPage
      site={{ ...siteBase, stylesheetHref: STYLESHEET_HREF }}
      status={status}
      {...(detail ? { detail } : {})}
    />,
  );
}
