import type { FastifyInstance } from "fastify";
import { AboutPage } from "../about-page.tsx";
import type { PageCache } from "../page-cache.ts";
import { renderDocument } from "../render.ts";
import { cachedRoute, type ResponseFormat } from "../serve-cached.ts";
import { CACHED_ROUTE, type PageDeps, withNav } from "./html-page.tsx";

export type AboutProps = Parameters<typeof AboutPage>[0];

/** What the portal is, with the number of outlets it follows. */
export async function loadAbout(
  deps: Pick<PageDeps, "site" | "articles" | "sources">,
): Promise<AboutProps> {
  const [site, list] = await Promise.all([withNav(deps), deps.sources.list()]);
  return { site, sourceCount: list.filter((x) => x.enabled).length };
}

export function registerAbout(
  app: FastifyInstance,
  deps: PageDeps & { cache: PageCache; format: ResponseFormat },
): void {
  app.get(
    "/about",
    CACHED_ROUTE,
    cachedRoute(deps.cache, {
      format: deps.format,
      key: () => "/about",
      load: () => loadAbout(deps),
      render: (props) => renderDocument(<AboutPage {...props} />),
      tags: () => "pages about",
    }),
  );
}
