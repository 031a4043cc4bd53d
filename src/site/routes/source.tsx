import type { FastifyInstance } from "fastify";
import { SOURCES_TAG, sourceTag } from "../cache-tags.ts";
import type { PageCache } from "../page-cache.ts";
import { renderDocument } from "../render.ts";
import { cachedRoute, type ResponseFormat } from "../serve-cached.ts";
import { SourcePage, SourcesPage } from "../source-page.tsx";
import {
  CACHED_ROUTE,
  type PageDeps,
  type SchemaRequest,
  typed,
  withCursor,
  withNav,
} from "./html-page.tsx";
import { CursorQuery, SourceParams } from "./route-schemas.ts";

const RIVER = 30;

export type SourceProps = Parameters<typeof SourcePage>[0];
export type SourcesProps = Parameters<typeof SourcesPage>[0];

/** The outlets the portal follows (enabled ones). */
export async function loadSources(
  deps: Pick<PageDeps, "site" | "articles" | "sources">,
): Promise<SourcesProps> {
  const [site, list] = await Promise.all([withNav(deps), deps.sources.list()]);
  return { site, sources: list.filter((x) => x.enabled) };
}

/** One outlet and its latest articles; null when there is no such source. */
export async function loadSource(
  deps: Pick<PageDeps, "site" | "articles" | "sources">,
  params: { id: number; cursor?: string | undefined },
  now = new Date(),
): Promise<SourceProps | null> {
  const source = await deps.sources.get(params.id);
  if (!source) return null;
  const cursor = params.cursor || undefined;
  const [site, list] = await Promise.all([
    withNav(deps),
    deps.articles.listVisible({ limit: RIVER, cursor, source: source.id }, now),
  ]);
  return {
    site,
    source,
    articles: list.items,
    next: list.next,
    ...(cursor ? { older: true } : {}),
  };
}

const schema = {
  params: SourceParams,
  querystring: CursorQuery,
};
type SourceRequest = SchemaRequest<typeof schema>;

export function registerSource(
  app: FastifyInstance,
  deps: PageDeps & { cache: PageCache; format: ResponseFormat },
): void {
  app.get(
    "/sources",
    CACHED_ROUTE,
    cachedRoute(deps.cache, {
      format: deps.format,
      key: () => "/sources",
      load: () => loadSources(deps),
      render: (props) => renderDocument(<SourcesPage {...props} />),
      tags: () => `pages ${SOURCES_TAG}`,
    }),
  );

  typed(app).get(
    "/source/:id",
    { ...CACHED_ROUTE, schema, attachValidation: true },
    cachedRoute(deps.cache, {
      format: deps.format,
      key: (request: SourceRequest) =>
        withCursor(`/source/${encodeURIComponent(request.params.id)}`, request.query.cursor),
      load: (request) =>
        loadSource(deps, { id: Number(request.params.id), cursor: request.query.cursor }),
      render: (props) => renderDocument(<SourcePage {...props} />),
      tags: (props) => `pages ${sourceTag(props.source.id)}`,
    }),
  );
}
