import type { FastifyInstance } from "fastify";
import type { Article } from "../../domain/article.ts";
import { rankStories } from "../../enrich/ranking.ts";
import { HOME_TAG } from "../cache-tags.ts";
import { developingStory } from "../developing-banner.tsx";
import { HomePage, type SectionBlock } from "../home-page.tsx";
import { withLiveHead } from "../live-head.ts";
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
/** Read per section for a block, which shows a story once. */
const SECTION_READ = SECTION_BLOCK * 3;

export type HomeProps = Parameters<typeof HomePage>[0];

/**
 * The front page: top stories, the latest river (each story once, and none of the top
 * stories again) and a block per section with more of it (each story once, and none that
 * the top stories or the river show: no headline twice on the page); an older page
 * (`cursor`) is the river alone, and its cursor carries the first page's top stories so
 * that no older page lists them either. The sections are read once, for the masthead and the blocks, and
 * every block's articles come in one query.
 */
export async function loadHome(
  deps: Pick<PageDeps, "site" | "articles" | "stories" | "alert">,
  params: { cursor?: string | undefined },
  now = new Date(),
): Promise<HomeProps> {
  const { articles, stories } = deps;
  const cursor = params.cursor || undefined;
  if (cursor) {
    const [sections, river] = await Promise.all([
      articles.sections(),
      stories.river({ limit: RIVER, cursor }, now),
    ]);
    const site = await withAlert(deps, withSections(deps.site, sections));
    return {
      site,
      stories: [],
      entries: river.entries,
      next: river.next,
      older: true,
      sections: [],
    };
  }
  const [sections, top] = await Promise.all([
    articles.sections(),
    stories.top(TOP_STORIES, rankStories, now),
  ]);
  // Hidden sections keep their pages but get no block here (nor a place in the masthead).
  const shown = sections.filter((s) => !s.hidden);
  const onTop = top.map((s) => s.story.id);
  const [site, river] = await Promise.all([
    withAlert(deps, withSections(deps.site, sections)),
    stories.river({ limit: RIVER, without: onTop }, now),
  ]);
  const shownAbove = {
    stories: [...onTop, ...river.entries.flatMap((e) => (e.story ? [e.story.id] : []))],
    articles: river.entries.flatMap((e) => (e.story ? [] : [e.article.id])),
  };
  const latest = await articles.latestBySection(
    shown.map((s) => s.slug),
    SECTION_READ,
    now,
    shownAbove,
  );
  const blocks = shown.flatMap((section): SectionBlock[] => {
    const list = onePerStory(latest.get(section.slug) ?? []).slice(0, SECTION_BLOCK);
    return list.length > 0 ? [{ section, articles: list }] : [];
  });
  return {
    site,
    stories: top,
    entries: river.entries,
    next: river.next,
    sections: blocks,
    // Time alone ends a story's turn in the slot: cached pages live a minute at most.
    developing: developingStory(top, now),
  };
}

/** The newest report of each story in a list (newest first); reports without one all stay. */
export function onePerStory(list: readonly Article[]): Article[] {
  const seen = new Set<number>();
  return list.filter((a) => {
    if (a.storyId === undefined || a.storyId === null) return true;
    if (seen.has(a.storyId)) return false;
    seen.add(a.storyId);
    return true;
  });
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
      // An older page (cursor) is not where new stories go: the banner's channel alone.
      load: withLiveHead<HomeRequest, HomeProps>(
        deps.liveHead,
        (request) => loadHome(deps, request.query),
        (_props, request) => (request.query.cursor ? [] : ["home"]),
      ),
      render: (props) => renderDocument(<HomePage {...props} />),
      tags: () => `pages ${HOME_TAG}`,
    }),
  );
}
