import type { FastifyInstance } from "fastify";
import { sectionTag } from "../cache-tags.ts";
import { withLiveHead } from "../live-head.ts";
import type { PageCache } from "../page-cache.ts";
import { renderDocument } from "../render.ts";
import { SectionPage } from "../section-page.tsx";
import { cachedRoute, type Moved, moved, type ResponseFormat } from "../serve-cached.ts";
import {
  CACHED_ROUTE,
  type PageDeps,
  type SchemaRequest,
  typed,
  withAlert,
  withCursor,
  withSections,
} from "./html-page.tsx";
import { CursorQuery, SlugParams } from "./route-schemas.ts";

const RIVER = 30;

export type SectionProps = Parameters<typeof SectionPage>[0];

/** One section's latest articles; null when there is no such section. */
export async function loadSection(
  deps: Pick<PageDeps, "site" | "articles" | "stories" | "alert">,
  params: { slug: string; cursor?: string | undefined },
  now = new Date(),
): Promise<SectionProps | null> {
  const sections = await deps.articles.sections();
  const section = sections.find((s) => s.slug === params.slug);
  if (!section) return null;
  const cursor = params.cursor || undefined;
  // Each story once, placed by its newest report in this section.
  const river = await deps.stories.river({ limit: RIVER, cursor, section: section.slug }, now);
  return {
    site: await withAlert(deps, withSections(deps.site, sections)),
    section,
    entries: river.entries,
    next: river.next,
    ...(cursor ? { older: true } : {}),
  };
}

/** A renamed section's old address moves (301) to its new one; null for an unknown slug. */
export async function renamedSectionMove(
  deps: Pick<PageDeps, "articles">,
  slug: string,
): Promise<Moved | null> {
  const renamed = await deps.articles.renamedSection(slug);
  return renamed ? moved(`/section/${encodeURIComponent(renamed)}`) : null;
}

const schema = {
  params: SlugParams,
  querystring: CursorQuery,
};
type SectionRequest = SchemaRequest<typeof schema>;

export function registerSection(
  app: FastifyInstance,
  deps: PageDeps & { cache: PageCache; format: ResponseFormat },
): void {
  typed(app).get(
    "/section/:slug",
    { ...CACHED_ROUTE, schema },
    cachedRoute(deps.cache, {
      format: deps.format,
      key: (request: SectionRequest) =>
        withCursor(`/section/${encodeURIComponent(request.params.slug)}`, request.query.cursor),
      load: withLiveHead<SectionRequest, SectionProps>(
        deps.liveHead,
        async (request) =>
          (await loadSection(deps, { ...request.params, ...request.query })) ??
          (await renamedSectionMove(deps, request.params.slug)),
        (props, request) => (request.query.cursor ? [] : [`section:${props.section.slug}`]),
      ),
      render: (props) => renderDocument(<SectionPage {...props} />),
      tags: (props) => `pages ${sectionTag(props.section.slug)}`,
    }),
  );
}
