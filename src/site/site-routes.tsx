import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { ArticleRepository } from "../db/article-repository.ts";
import { articlePath } from "../domain/article-path.ts";
import { AppError } from "../domain/errors.ts";
import { ArticlePage } from "./article-page.tsx";
import { HomePage } from "./home-page.tsx";
import { type CachedPage, type PageCache, pickEncoding } from "./page-cache.ts";
import { renderDocument } from "./render.ts";
import type { SiteContext } from "./site-context.ts";
import { StatusPage } from "./status-page.tsx";
import { STYLESHEET_CSS } from "./styles.ts";

export interface SiteDeps {
  site: Omit<SiteContext, "stylesheetHref">;
  articles: ArticleRepository;
  cache: PageCache;
}

const STYLESHEET = Buffer.from(STYLESHEET_CSS, "utf8");
const STYLESHEET_HASH = createHash("sha256").update(STYLESHEET).digest("hex").slice(0, 12);
export const STYLESHEET_HREF = `/assets/site.${STYLESHEET_HASH}.css`;

// Short browser lifetime, longer for shared caches: a published correction shows within
// a minute even through a CDN, and a stale page is served while the next one renders.
const PAGE_CACHE_CONTROL = "public, max-age=30, s-maxage=60, stale-while-revalidate=300";

function sendPage(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
) {
  reply
    .code(page.status)
    .header("content-type", "text/html; charset=utf-8")
    .header("vary", "Accept-Encoding")
    .header("etag", page.etag)
    .header("cache-control", page.status === 200 ? PAGE_CACHE_CONTROL : "no-store");
  if (page.status === 200 && request.headers["if-none-match"] === page.etag) {
    return reply.code(304).send();
  }
  const encoding = pickEncoding(request.headers["accept-encoding"]);
  if (encoding === null) return reply.send(page.html);
  return reply
    .header("content-encoding", encoding)
    .send(page.html.length < 1024 ? page.html : cache.encoded(page, encoding));
}

// The masthead's red dot. Served for /favicon.ico too, which some clients ask for blindly.
const FAVICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#b3001b"/></svg>',
);
export const FAVICON_HREF = "/favicon.svg";

export function registerSiteRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const site: SiteContext = { ...deps.site, stylesheetHref: STYLESHEET_HREF };
  const { cache, articles } = deps;

  const renderPage = (vnode: VNode | null) =>
    renderDocument(vnode ?? <StatusPage site={site} status={404} />);

  async function cached(
    key: string,
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
      cache.set(key, vnode ? 200 : 404, renderPage(vnode), stamp),
    );
  }

  // Cached routes skip @fastify/compress: the cache holds each page's compressed bytes.
  app.get("/", { compress: false, decompress: false }, async (request, reply) => {
    const { cursor } = request.query as { cursor?: unknown };
    if (cursor !== undefined && typeof cursor !== "string") {
      throw new AppError("bad_cursor", "cursor must be given once", { status: 400 });
    }
    return cached(cursor ? `/?cursor=${cursor}` : "/", request, reply, async () => {
      const page = await articles.listVisible({ limit: 30, cursor });
      return <HomePage site={site} articles={page.items} next={page.next} />;
    });
  });

  app.get<{ Params: { section: string; yyyy: string; mm: string; dd: string; slug: string } }>(
    "/:section/:yyyy/:mm/:dd/:slug",
    { compress: false, decompress: false },
    async (request, reply) => {
      // An article's page is cached under its own path, so a hit needs no query; only a
      // path never served yet (a new article, a wrong date, a missing one) reads the database.
      const query = request.url.indexOf("?");
      const requested = query === -1 ? request.url : request.url.slice(0, query);
      const hit = cache.get(requested);
      if (hit) return sendPage(cache, request, reply, hit);

      const { section, yyyy, mm, dd, slug } = request.params;
      if (!/^\d{4}$/.test(yyyy) || !/^\d{2}$/.test(mm) || !/^\d{2}$/.test(dd)) {
        return cached("/404", request, reply, async () => null);
      }
      const stamp = cache.stamp();
      const article = await articles.findVisibleBySlug(section, slug);
      const path = article ? articlePath(article) : null;
      if (!article || !path) return cached("/404", request, reply, async () => null);
      if (path !== requested) {
        // Right article, wrong date in the address: send readers to the one true URL.
        return reply.redirect(path, 301);
      }
      const html = renderPage(<ArticlePage site={site} article={article} />);
      return sendPage(cache, request, reply, cache.set(path, 200, html, stamp));
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
