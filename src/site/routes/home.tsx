import type { FastifyInstance } from "fastify";
import { rankStories } from "../../enrich/ranking.ts";
import { HOME_TAG } from "../cache-tags.ts";
import { developingStory } from "../developing-banner.tsx";
import { HomePage, type SectionBlock } from "../home-page.tsx";
import type { PageCache } from "../page-cache.ts";
import { renderDocument } from "../render.ts";
import { cachedRoute, type ResponseFormat } from "../serve-cached.ts";
import {
  CACHED_ROUTE,
  type PageDeps,
  type SchemaRequest,
  typed,
  withAlert,
  withCursor,
  withSections,
} from "./html-page.tsx";
import { CursorQuery } from "./route-schemas.ts";

export const TOP_STORIES = 8;
const RIVER = 30;
const SECTION_BLOCK = 4;

export type HomeProps = Parameters<typeof HomePage>[0];

/**
 * The front page: top stories, the latest articles and a block per section; an older
 * page (`cursor`) is the river alone. The sections are read once, for the masthead and
 * the blocks, and every block's articles come in one query.
 */
export async function loadHome(
  deps: Pick<PageDeps, "site" | "articles" | "stories" | "alert">,
  params: { cursor?: string | undefined },
  now = new Date(),
): Promise<HomeProps> {
  const { articles, stories } = deps;
  const cursor = params.cursor || undefined;
  const [sections, river] = await Promise.all([
    articles.sections(),
    articles.listVisible({ limit: RIVER, cursor }, now),
  ]);
  const site = await withAlert(deps, withSections(deps.site, sections));
  if (cursor) {
    return { site, stories: [], articles: river.items, next: river.next, sections: [] };
  }
  // Hidden sections keep their pages but get no block here (nor a place in the masthead).
  const shown = sections.filter((s) => !s.hidden);
  const [top, latest] = await Promise.all([
    stories.top(TOP_STORIES, rankStories, now),
    articles.latestBySection(
      shown.map((s) => s.slug),
      SECTION_BLOCK,
      now,
    ),
  ]);
  const blocks = shown.flatMap((section): SectionBlock[] => {
    const list = latest.get(section.slug);
    return list ? [{ section, articles: list }] : [];
  });
  return {
    site,
    stories: top,
    articles: river.items,
    next: river.next,
    sections: blocks,
    // Time alone ends a story's turn in the slot: cached pages live a minute at most.
    developing: developingStory(top, now),
  };
}

const schema = { querystring: CursorQuery };
type HomeRequest = SchemaRequest<typeof schema>;

export function registerHome(
  app: FastifyInstance,
  deps: PageDeps & { cache: PageCache; format: ResponseFormat },
): void {
  typed(app).get(
    "/",
    { ...CACHED_ROUTE, schema },
    cachedRoute(deps.cache, {
      format: deps.format,
      key: (request: HomeRequest) => withCursor("/", request.query.cursor),
      load: (request) => loadHome(deps, request.query),
      render: (props) => renderDocument(<HomePage {...props} />),
      tags: () => `pages ${HOME_TAG}`,
    }),
  );
}
