import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { ArticleRepository } from "../db/article-repository.ts";
import type { LiveblogRepository } from "../db/liveblog-repository.ts";
import type { SourceRepository } from "../db/source-repository.ts";
import type { StoryRepository, StoryWithArticles } from "../db/story-repository.ts";
import type { Article } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { AppError } from "../domain/errors.ts";
import { rankStories } from "../enrich/ranking.ts";
import { AboutPage } from "./about-page.tsx";
import { ArticlePage } from "./article-page.tsx";
import {
  articleTag,
  HOME_TAG,
  SOURCES_TAG,
  sectionTag,
  sourceTag,
  storyTag,
  topicTag,
} from "./cache-tags.ts";
import { CLIENT_JS } from "./client-script.ts";
import { developingStory } from "./developing-banner.tsx";
import { HomePage } from "./home-page.tsx";
import type { CachedPage, PageCache } from "./page-cache.ts";
import { renderDocument } from "./render.ts";
import { SectionPage } from "./section-page.tsx";
import { sendPage as sendCachedPage } from "./send-page.ts";
import type { SiteContext } from "./site-context.ts";
import { SourcePage, SourcesPage } from "./source-page.tsx";
import { StatusPage } from "./status-page.tsx";
import { storyPath } from "./story-list.tsx";
import { StoryPage } from "./story-page.tsx";
import { STYLESHEET_CSS } from "./styles.ts";
import { TopicPage } from "./topic-page.tsx";

export interface SiteDeps {
  site: Omit<SiteContext, "stylesheetHref">;
  articles: ArticleRepository;
  stories: StoryRepository;
  sources: SourceRepository;
  liveblogs: LiveblogRepository;
  cache: PageCache;
}

const TOP_STORIES = 8;
const RIVER = 30;
const SECTION_BLOCK = 4;
const LIVE_ENTRIES = 30;

/** One optional query parameter given at most once, or a 400. */
function cursorOf(request: FastifyRequest): string | undefined {
  const { cursor } = request.query as { cursor?: unknown };
  if (cursor !== undefined && typeof cursor !== "string") {
    throw new AppError("bad_cursor", "cursor must be given once", { status: 400 });
  }
  return cursor || undefined;
}

const STYLESHEET = Buffer.from(STYLESHEET_CSS, "utf8");
const STYLESHEET_HASH = createHash("sha256").update(STYLESHEET).digest("hex").slice(0, 12);
export const STYLESHEET_HREF = `/assets/site.${STYLESHEET_HASH}.css`;
const SCRIPT = Buffer.from(CLIENT_JS, "utf8");
export const SCRIPT_HREF = `/assets/site.${createHash("sha256").update(SCRIPT).digest("hex").slice(0, 12)}.js`;

// Short browser lifetime, longer for shared caches: a published correction shows within
// a minute even through a CDN, and a stale page is served while the next one renders.
const PAGE_CACHE_CONTROL = "public, max-age=30, s-maxage=60, stale-while-revalidate=300";

function sendPage(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
) {
  return sendCachedPage(cache, request, reply, page, PAGE_CACHE_CONTROL);
}

// The masthead's red dot. Served for /favicon.ico too, which some clients ask for blindly.
const FAVICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#b3001b"/></svg>',
);
export const FAVICON_HREF = "/favicon.svg";

export function registerSiteRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const base: SiteContext = {
    ...deps.site,
    stylesheetHref: STYLESHEET_HREF,
    scriptHref: SCRIPT_HREF,
  };
  // Pages are cached, so reading the sections for the navigation costs once per render.
  const withNav = async (): Promise<SiteContext> => ({
    ...base,
    sections: await articles.sections(),
  });
  const { cache, articles, stories, sources, liveblogs } = deps;

  const renderPage = (vnode: VNode | null) =>
    renderDocument(vnode ?? <StatusPage site={base} status={404} />);

  async function cached(
    key: string,
    /** A function when the tags depend on what the render read. */
    tags: string | (() => string),
    request: FastifyRequest,
    reply: FastifyReply,
    render: () => Promise<VNode | null>,
  ) {
    const hit = cache.get(key);
    if (hit) return sendPage(cache, request, reply, hit);
    const stamp = cache.stamp();
    const vnode = await render();
    return sendPage(
      cache,
      request,
      reply,
      cache.set(
        key,
        vnode ? 200 : 404,
        renderPage(vnode),
        stamp,
        typeof tags === "string" ? tags : tags(),
      ),
    );
  }

  // An article page shows the article and its story's coverage; other articles of its
  // section arriving change nothing on it.
  const pageTags = (article: Article, story: StoryWithArticles | null) =>
    ["pages", articleTag(article.id), ...(story ? [storyTag(story.story.id)] : [])].join(" ");

  // Cached routes skip @fastify/compress: the cache holds each page's compressed bytes.
  const page = { compress: false, decompress: false } as const;

  app.get("/", page, async (request, reply) => {
    const cursor = cursorOf(request);
    return cached(
      cursor ? `/?cursor=${cursor}` : "/",
      `pages ${HOME_TAG}`,
      request,
      reply,
      async () => {
        const site = await withNav();
        const river = await articles.listVisible({ limit: RIVER, cursor });
        if (cursor) {
          return (
            <HomePage
              site={site}
              stories={[]}
              articles={river.items}
              next={river.next}
              sections={[]}
            />
          );
        }
        const [top, sections] = await Promise.all([
          stories.top(TOP_STORIES, rankStories),
          articles.sections(),
        ]);
        const blocks = await Promise.all(
          sections.map(async (section) => ({
            section,
            articles: (await articles.listVisible({ limit: SECTION_BLOCK, section: section.slug }))
              .items,
          })),
        );
        return (
          <HomePage
            site={site}
            stories={top}
            articles={river.items}
            next={river.next}
            sections={blocks.filter((b) => b.articles.length > 0)}
            // Time alone ends a story's turn in the slot: cached pages live a minute at most.
            developing={developingStory(top, new Date())}
          />
        );
      },
    );
  });

  app.get<{ Params: { slug: string } }>("/section/:slug", page, async (request, reply) => {
    const cursor = cursorOf(request);
    const { slug } = request.params;
    const key = `/section/${encodeURIComponent(slug)}${cursor ? `?cursor=${cursor}` : ""}`;
    return cached(key, `pages ${sectionTag(slug)}`, request, reply, async () => {
      const site = await withNav();
      const section = (await articles.sections()).find((s) => s.slug === slug);
      if (!section) return null;
      const list = await articles.listVisible({ limit: RIVER, cursor, section: slug });
      return <SectionPage site={site} section={section} articles={list.items} next={list.next} />;
    });
  });

  app.get("/about", page, async (request, reply) =>
    cached("/about", "pages about", request, reply, async () => {
      const [site, list] = await Promise.all([withNav(), sources.list()]);
      return <AboutPage site={site} sourceCount={list.filter((x) => x.enabled).length} />;
    }),
  );

  app.get("/sources", page, async (request, reply) =>
    cached("/sources", `pages ${SOURCES_TAG}`, request, reply, async () => {
      const [site, list] = await Promise.all([withNav(), sources.list()]);
      return <SourcesPage site={site} sources={list.filter((x) => x.enabled)} />;
    }),
  );

  app.get<{ Params: { id: string } }>("/source/:id", page, async (request, reply) => {
    const cursor = cursorOf(request);
    const { id } = request.params;
    const key = `/source/${encodeURIComponent(id)}${cursor ? `?cursor=${cursor}` : ""}`;
    return cached(key, `pages ${sourceTag(id)}`, request, reply, async () => {
      if (!/^\d{1,15}$/.test(id)) return null;
      const source = await sources.get(Number(id));
      if (!source) return null;
      const [site, list] = await Promise.all([
        withNav(),
        articles.listVisible({ limit: RIVER, cursor, source: source.id }),
      ]);
      return <SourcePage site={site} source={source} articles={list.items} next={list.next} />;
    });
  });

  app.get<{ Params: { slug: string } }>("/topic/:slug", page, async (request, reply) => {
    const { slug } = request.params;
    let listed: number[] = [];
    return cached(
      `/topic/${encodeURIComponent(slug)}`,
      // A topic page lists stories: a story's change (a new outlet) changes it too.
      () => [`pages ${topicTag(slug)}`, ...listed.map(storyTag)].join(" "),
      request,
      reply,
      async () => {
        const site = await withNav();
        const entity = await stories.entity(slug);
        if (!entity) return null;
        const [about, latest] = await Promise.all([
          stories.storiesAbout(entity.id, TOP_STORIES),
          stories.articlesAbout(entity.id, RIVER),
        ]);
        listed = about.map((entry) => entry.story.id);
        return <TopicPage site={site} entity={entity} stories={about} articles={latest} />;
      },
    );
  });

  app.get<{ Params: { ref: string } }>("/story/:ref", page, async (request, reply) => {
    const requested = request.url.split("?")[0] ?? request.url;
    const hit = cache.get(requested);
    if (hit) return sendPage(cache, request, reply, hit);
    const id = /^(\d{1,15})(?:-|$)/.exec(request.params.ref)?.[1];
    const stamp = cache.stamp();
    const entry = id === undefined ? null : await stories.get(Number(id));
    if (!entry) return cached("/404", "", request, reply, async () => null);
    const path = storyPath(entry.story);
    // A story's title (and so its slug) can change as better headlines arrive.
    if (path !== requested) return reply.redirect(path, 301);
    const [topics, site] = await Promise.all([
      stories.entitiesOfStory(entry.story.id, 12),
      withNav(),
    ]);
    const html = renderPage(<StoryPage site={site} entry={entry} topics={topics} />);
    return sendPage(
      cache,
      request,
      reply,
      cache.set(path, 200, html, stamp, `pages ${storyTag(entry.story.id)}`),
    );
  });

  app.get<{ Params: { section: string; yyyy: string; mm: string; dd: string; slug: string } }>(
    "/:section/:yyyy/:mm/:dd/:slug",
    page,
    async (request, reply) => {
      // An article's page is cached under its own path, so a hit needs no query; only a
      // path never served yet (a new article, a wrong date, a missing one) reads the database.
      const query = request.url.indexOf("?");
      const requested = query === -1 ? request.url : request.url.slice(0, query);
      // A live blog's older updates are the one query an article page takes.
      const { before } = request.query as { before?: unknown };
      if (before !== undefined && typeof before !== "string") {
        throw new AppError("bad_cursor", "before must be given once", { status: 400 });
      }
      const key = before ? `${requested}?before=${before}` : requested;
      const hit = cache.get(key);
      if (hit) return sendPage(cache, request, reply, hit);

      const { section, yyyy, mm, dd, slug } = request.params;
      if (!/^\d{4}$/.test(yyyy) || !/^\d{2}$/.test(mm) || !/^\d{2}$/.test(dd)) {
        return cached("/404", "", request, reply, async () => null);
      }
      const stamp = cache.stamp();
      const article = await articles.findVisibleBySlug(section, slug);
      const path = article ? articlePath(article) : null;
      if (!article || !path) return cached("/404", "", request, reply, async () => null);
      if (path !== requested) {
        // Right article, wrong date in the address: send readers to the one true URL.
        return reply.redirect(path, 301);
      }
      const [story, topics, site, live] = await Promise.all([
        stories.storyOf(article.id),
        stories.entitiesOf(article.id),
        withNav(),
        article.kind === "liveblog"
          ? liveblogs.page(article.id, { limit: LIVE_ENTRIES, before })
          : Promise.resolve(null),
      ]);
      const html = renderPage(
        <ArticlePage
          site={site}
          article={article}
          story={story}
          topics={topics.slice(0, 12)}
          live={live}
        />,
      );
      return sendPage(
        cache,
        request,
        reply,
        cache.set(key, 200, html, stamp, pageTags(article, story)),
      );
    },
  );

  for (const path of [FAVICON_HREF, "/favicon.ico"]) {
    app.get(path, async (_request, reply) =>
      reply
        .header("content-type", "image/svg+xml")
        .header("cache-control", "public, max-age=86400")
        .send(FAVICON),
    );
  }

  app.get(SCRIPT_HREF, async (_request, reply) =>
    reply
      .header("content-type", "text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(SCRIPT),
  );

  app.get(STYLESHEET_HREF, async (_request, reply) =>
    reply
      .header("content-type", "text/css; charset=utf-8")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(STYLESHEET),
  );
}

/** HTML for the not-found and error handlers, which sit outside the cached routes. */
export function renderStatusPage(
  siteBase: Omit<SiteContext, "stylesheetHref">,
  status: 400 | 404 | 500,
): string {
  return renderDocument(
    <StatusPage site={{ ...siteBase, stylesheetHref: STYLESHEET_HREF }} status={status} />,
  );
}
