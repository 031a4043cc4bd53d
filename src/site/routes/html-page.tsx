import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
} from "fastify";
import type { ArticleRepository } from "../../db/article-repository.ts";
import type { CorrectionRepository } from "../../db/correction-repository.ts";
import type { LiveblogRepository } from "../../db/liveblog-repository.ts";
import type { SourceRepository } from "../../db/source-repository.ts";
import type { StoryRepository } from "../../db/story-repository.ts";
import type { BreakingAlert } from "../../domain/alert.ts";
import type { Section } from "../../domain/article.ts";
import type { LiveHeadReader } from "../live-head.ts";
import { renderDocument } from "../render.ts";
import type { ResponseFormat } from "../serve-cached.ts";
import type { SiteContext } from "../site-context.ts";
import { StatusPage } from "../status-page.tsx";

/** What page loaders read: the site as every page shows it, and the repositories. */
export interface PageDeps {
  /** Without the masthead's sections: loaders add them as they read them. */
  site: SiteContext;
  articles: ArticleRepository;
  stories: StoryRepository;
  sources: SourceRepository;
  liveblogs: LiveblogRepository;
  /** The breaking alert readers see now, from memory (server/alert-clock.ts); none if absent. */
  alert?: (() => Promise<BreakingAlert | null>) | undefined;
  /** Published corrections of articles; none shown without it. */
  corrections: CorrectionReader;
  /** The events log's head, read before a page loads (`withLiveHead`); no live client without it. */
  liveHead?: LiveHeadReader | undefined;
}

export type CorrectionReader = Pick<CorrectionRepository, "forArticle" | "forArticles">;

// Short browser lifetime, longer for shared caches: a published correction shows within
// a minute even through a CDN, and a stale page is served while the next one renders.
export const PAGE_CACHE_CONTROL = "public, max-age=30, s-maxage=60, stale-while-revalidate=300";

/** HTML pages; a missing one is the site's 404 page. */
export function htmlFormat(site: SiteContext, cacheControl = PAGE_CACHE_CONTROL): ResponseFormat {
  return {
    contentType: "text/html; charset=utf-8",
    cacheControl,
    notFound: () => renderDocument(<StatusPage site={site} status={404} />),
  };
}

/** A route's request as its TypeBox schema types it (params, querystring). */
export type SchemaRequest<S extends FastifySchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  S,
  TypeBoxTypeProvider
>;

/** The app with TypeBox schemas typing each route's request. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}

/** Cached routes skip @fastify/compress: the cache holds each page's compressed bytes. */
export const CACHED_ROUTE = { compress: false, decompress: false } as const;

/** A list page's cache key: its path, and the cursor when there is one. */
export function withCursor(path: string, cursor: string | undefined): string {
  return cursor ? `${path}?cursor=${cursor}` : path;
}

/** The path as the client sent it, still percent-encoded, without the query. */
export function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf("?");
  return query === -1 ? request.url : request.url.slice(0, query);
}

/** The masthead's sections: hidden ones (an editor's choice) stay out; their pages still answer. */
export function withSections(
  site: SiteContext,
  sections: readonly (Section & { hidden?: true })[],
): SiteContext {
  return { ...site, sections: sections.filter((s) => !s.hidden) };
}

/** The site with the current breaking alert for the banner (a memory read, not a query). */
export async function withAlert(
  deps: Pick<PageDeps, "alert">,
  site: SiteContext,
): Promise<SiteContext> {
  return deps.alert ? { ...site, alert: await deps.alert() } : site;
}

/** The site with the sections for the masthead: read once per render, pages being cached. */
export async function withNav(
  deps: Pick<PageDeps, "site" | "articles" | "alert">,
): Promise<SiteContext> {
  return withAlert(deps, withSections(deps.site, await deps.articles.sections()));
}
