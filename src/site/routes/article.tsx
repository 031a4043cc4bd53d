import type { FastifyInstance } from "fastify";
import type { StoryWithArticles } from "../../db/story-repository.ts";
import { alertSitePath } from "../../domain/alert.ts";
import type { Article } from "../../domain/article.ts";
import { articlePath } from "../../domain/article-path.ts";
import { AppError } from "../../domain/errors.ts";
import { ArticlePage } from "../article-page.tsx";
import { articleTag, storyTag } from "../cache-tags.ts";
import { withLiveHead } from "../live-head.ts";
import type { PageCache } from "../page-cache.ts";
import { renderDocument } from "../render.ts";
import { cachedRoute, type Moved, moved, type ResponseFormat } from "../serve-cached.ts";
import {
  CACHED_ROUTE,
  type PageDeps,
  pathOf,
  type SchemaRequest,
  typed,
  withNav,
} from "./html-page.tsx";
import { ArticleParams, ArticleQuery } from "./route-schemas.ts";

const ARTICLE_TOPICS = 12;
const LIVE_ENTRIES = 30;

export type ArticleProps = Parameters<typeof ArticlePage>[0];

/**
 * An article, with its story's coverage and its topics; a live blog (kind `liveblog`)
 * with a page of its updates, older ones `before` an entry. Null when no reader may see
 * it; an address with the wrong date moves to the article's one URL.
 */
export async function loadArticle(
  deps: Pick<PageDeps, "site" | "articles" | "stories" | "liveblogs" | "alert" | "corrections">,
  params: {
    section: string;
    slug: string;
    path: string;
    before?: string | undefined;
    entry?: string | undefined;
  },
  now = new Date(),
): Promise<ArticleProps | Moved | null> {
  const article = await deps.articles.findVisibleBySlug(params.section, params.slug, now);
  const path = article ? articlePath(article) : null;
  if (!article || !path) {
    // Under a renamed section's old slug: the article's URL under the new one.
    const renamed = await deps.articles.renamedSection(params.section);
    const found = renamed && (await deps.articles.findVisibleBySlug(renamed, params.slug, now));
    const to = found ? articlePath(found) : null;
    if (to) return moved(to);
    // Killed by the newsroom: gone for good, and said so (410), not "never was" (404).
    if (await deps.articles.isKilled(params.section, params.slug)) {
      throw new AppError("gone", "This article has been withdrawn.", { status: 410 });
    }
    return null;
  }
  if (path !== params.path) return moved(path);
  const [story, topics, site, live, corrections] = await Promise.all([
    deps.stories.storyOf(article.id, now),
    deps.stories.entitiesOf(article.id),
    withNav(deps),
    article.kind === "liveblog"
      ? deps.liveblogs.page(article.id, {
          limit: LIVE_ENTRIES,
          before: params.before,
          entry: params.entry,
        })
      : Promise.resolve(null),
    deps.corrections.forArticle(article.id),
  ]);
  // An alert is not shown on the article it links to.
  const linksHere = site.alert && alertSitePath(site.alert.url, site.url) === path;
  return {
    site: linksHere ? { ...site, alert: null } : site,
    article,
    story,
    topics: topics.slice(0, ARTICLE_TOPICS),
    live,
    corrections,
  };
}

/**
 * An article page shows the article and its story's coverage; other articles of its
 * section arriving change nothing on it.
 */
export function articlePageTags(props: { article: Article; story?: StoryWithArticles | null }) {
  const { article, story } = props;
  return ["pages", articleTag(article.id), ...(story ? [storyTag(story.story.id)] : [])].join(" ");
}

const schema = { params: ArticleParams, querystring: ArticleQuery };
type ArticleRequest = SchemaRequest<typeof schema>;

export function registerArticle(
  app: FastifyInstance,
  deps: PageDeps & { cache: PageCache; format: ResponseFormat },
): void {
  typed(app).get(
    "/:section/:yyyy/:mm/:dd/:slug",
    { ...CACHED_ROUTE, schema, attachValidation: true },
    cachedRoute(deps.cache, {
      format: deps.format,
      // Cached under its own path, so a hit reads nothing; only a path never served yet (a
      // new article, a wrong date, a missing one) reads the database.
      key: (request: ArticleRequest) => {
        const { before, entry } = request.query;
        if (before) return `${pathOf(request)}?before=${before}`;
        // Only an entry's number is a permalink: other text is the article itself.
        return entry && /^\d{1,15}$/.test(entry)
          ? `${pathOf(request)}?entry=${entry}`
          : pathOf(request);
      },
      load: withLiveHead<ArticleRequest, ArticleProps>(
        deps.liveHead,
        (request) =>
          loadArticle(deps, {
            section: request.params.section,
            slug: request.params.slug,
            path: pathOf(request),
            before: request.query.before,
            entry: request.query.entry,
          }),
        // A live blog's entries travel on live:<id>, its corrections and kill on article:<id>.
        ({ article }) =>
          article.kind === "liveblog"
            ? [`live:${article.id}`, `article:${article.id}`]
            : [`article:${article.id}`],
      ),
      render: (props) => renderDocument(<ArticlePage {...props} />),
      tags: (props) => articlePageTags(props),
    }),
  );
}
