import type { FastifyInstance } from "fastify";
import { storyTag } from "../cache-tags.ts";
import { withLiveHead } from "../live-head.ts";
import type { PageCache } from "../page-cache.ts";
import { renderDocument } from "../render.ts";
import { cachedRoute, type Moved, moved, type ResponseFormat } from "../serve-cached.ts";
import { storyPath } from "../story-list.tsx";
import { StoryPage } from "../story-page.tsx";
import {
  CACHED_ROUTE,
  type PageDeps,
  pathOf,
  type SchemaRequest,
  typed,
  withNav,
} from "./html-page.tsx";
import { StoryParams } from "./route-schemas.ts";

const STORY_TOPICS = 12;

export type StoryProps = Parameters<typeof StoryPage>[0];

/**
 * A story and every outlet's report of it; null when there is none. A story's address is
 * for good (its slug is its first visible headline's, ADR 019): any other `path` for its id
 * moves to it, and so does the id of a story merged into it.
 */
export async function loadStory(
  deps: Pick<PageDeps, "site" | "articles" | "stories">,
  params: { id: number; path: string },
  now = new Date(),
): Promise<StoryProps | Moved | null> {
  const entry = await deps.stories.get(params.id, now);
  if (!entry) {
    const into = await deps.stories.redirectOf(params.id);
    const survivor = into === null ? null : await deps.stories.get(into, now);
    return survivor ? moved(storyPath(survivor.story)) : null;
  }
  const path = storyPath(entry.story);
  if (path !== params.path) return moved(path);
  const [topics, site] = await Promise.all([
    deps.stories.entitiesOfStory(entry.story.id, STORY_TOPICS),
    withNav(deps),
  ]);
  return { site, entry, topics };
}

const schema = { params: StoryParams };
type StoryRequest = SchemaRequest<typeof schema>;

export function registerStory(
  app: FastifyInstance,
  deps: PageDeps & { cache: PageCache; format: ResponseFormat },
): void {
  typed(app).get(
    "/story/:ref",
    { ...CACHED_ROUTE, schema, attachValidation: true },
    cachedRoute(deps.cache, {
      format: deps.format,
      // Cached under its own path only, so a hit needs no parsing.
      key: (request: StoryRequest) => pathOf(request),
      load: withLiveHead<StoryRequest, StoryProps>(
        deps.liveHead,
        (request) =>
          loadStory(deps, { id: Number.parseInt(request.params.ref, 10), path: pathOf(request) }),
        (props) => [`story:${props.entry.story.id}`],
      ),
      render: (props) => renderDocument(<StoryPage {...props} />),
      tags: (props) => `pages ${storyTag(props.entry.story.id)}`,
    }),
  );
}
