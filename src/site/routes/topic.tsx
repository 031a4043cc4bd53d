import type { FastifyInstance } from "fastify";
import { storyTag, topicTag } from "../cache-tags.ts";
import { withLiveHead } from "../live-head.ts";
import type { PageCache } from "../page-cache.ts";
import { renderDocument } from "../render.ts";
import { cachedRoute, type ResponseFormat } from "../serve-cached.ts";
import { TopicPage } from "../topic-page.tsx";
import {
  CACHED_ROUTE,
  type PageDeps,
  type SchemaRequest,
  typed,
  withCursor,
  withNav,
} from "./html-page.tsx";
import { CursorQuery, SlugParams } from "./route-schemas.ts";

const TOP_STORIES = 8;
const RIVER = 30;

export type TopicProps = Parameters<typeof TopicPage>[0];

/**
 * A person, place or organisation: its stories, then its latest reports with each story
 * once and none of those stories again; null when unknown. An older page (`cursor`) is the
 * river alone, its cursor carrying the first page's stories so that none comes back.
 */
export async function loadTopic(
  deps: Pick<PageDeps, "site" | "articles" | "stories">,
  params: { slug: string; cursor?: string | undefined },
  now = new Date(),
): Promise<TopicProps | null> {
  const [site, entity] = await Promise.all([withNav(deps), deps.stories.entity(params.slug)]);
  if (!entity) return null;
  const cursor = params.cursor || undefined;
  if (cursor) {
    const older = await deps.stories.river({ limit: RIVER, entityId: entity.id, cursor }, now);
    return { site, entity, stories: [], entries: older.entries, next: older.next, older: true };
  }
  const about = await deps.stories.storiesAbout(entity.id, TOP_STORIES, now);
  const latest = await deps.stories.river(
    { limit: RIVER, entityId: entity.id, without: about.map((s) => s.story.id) },
    now,
  );
  return { site, entity, stories: about, entries: latest.entries, next: latest.next };
}

/** A topic page lists stories: a story's change (a new outlet) changes it too. */
export function topicPageTags(props: TopicProps): string {
  return [
    `pages ${topicTag(props.entity.slug)}`,
    ...props.stories.map((s) => storyTag(s.story.id)),
  ].join(" ");
}

const schema = { params: SlugParams, querystring: CursorQuery };
type TopicRequest = SchemaRequest<typeof schema>;

export function registerTopic(
  app: FastifyInstance,
  deps: PageDeps & { cache: PageCache; format: ResponseFormat },
): void {
  typed(app).get(
    "/topic/:slug",
    { ...CACHED_ROUTE, schema },
    cachedRoute(deps.cache, {
      format: deps.format,
      key: (request: TopicRequest) =>
        withCursor(`/topic/${encodeURIComponent(request.params.slug)}`, request.query.cursor),
      // An older page is not where new reports go: no live channel.
      load: withLiveHead<TopicRequest, TopicProps>(
        deps.liveHead,
        (request) => loadTopic(deps, { ...request.params, ...request.query }),
        (props, request) => (request.query.cursor ? [] : [`topic:${props.entity.slug}`]),
      ),
      render: (props) => renderDocument(<TopicPage {...props} />),
      tags: topicPageTags,
    }),
  );
}
