import type { FastifyInstance } from "fastify";
import type { ArticlePage, ArticleRepository } from "../db/article-repository.ts";
import { badCursor, decodeCursor, encodeCursor } from "../db/cursor.ts";
import { MAX_RESULTS, type SearchRepository } from "../db/search-repository.ts";
import { ARTICLE_KINDS, type Article, type ArticleKind } from "../domain/article.ts";
import { articlePath, isVisible } from "../domain/article-path.ts";
import { AppError } from "../domain/errors.ts";
import { findMatches } from "./article-matches.ts";
import { enumParam, intParam, queryObject, textParam } from "./params.ts";

export function articleSummary(article: Article) {
  return {
    id: article.id,
    kind: article.kind,
    headline: article.headline,
    standfirst: article.standfirst,
    url: articlePath(article),
    externalUrl: article.externalUrl,
    language: article.language,
    section: article.sectionSlug,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
  };
}

interface ArticlesApiDeps {
  articles: ArticleRepository;
  search: SearchRepository;
}

/**
 * Matches for `q`, best first, found as `/api/v1/search` finds them (a window of the
 * newest matches ranked, not every one), then read whole so the items keep the listing's
 * fields. The cursor is an offset among the matches.
 */
async function matchingPage(
  deps: ArticlesApiDeps,
  request: { q: string; kind: ArticleKind | undefined; limit: number; cursor: string | undefined },
): Promise<ArticlePage> {
  const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  if (cursor && cursor.type !== "offset") throw badCursor();
  const offset = cursor?.offset ?? 0;
  if (offset >= MAX_RESULTS) {
    throw new AppError(
      "bad_cursor",
      `cursor: only the first ${MAX_RESULTS} matches can be paged to; narrow the search instead`,
      { status: 400, context: { parameter: "cursor" } },
    );
  }
  const found = await findMatches(deps.search, { ...request, offset });
  const read = await deps.articles.byIds(found.ids);
  // Unpublished between the search and this read: left out, as the search would now.
  const items = read.filter((a) => isVisible(a));
  const next = found.next === null ? null : encodeCursor({ type: "offset", offset: found.next });
  return { items, next };
}

const LIST_DOC = {
  summary: "Published articles, newest first, or those matching a query",
  tags: ["articles"],
  query: [
    {
      name: "limit",
      description: "1–100, default 20",
      schema: { type: "integer", minimum: 1, maximum: 100 },
    },
    { name: "cursor", description: "the `next` of the previous page", schema: { type: "string" } },
    {
      name: "q",
      description: "search words (the site's query language)",
      schema: { type: "string" },
    },
    {
      name: "kind",
      description: "only articles of this kind",
      schema: { type: "string", enum: [...ARTICLE_KINDS] },
    },
  ],
};

export function registerArticlesApi(app: FastifyInstance, deps: ArticlesApiDeps): void {
  const { articles } = deps;

  app.get("/api/v1/articles", { config: { openapi: LIST_DOC } }, async (request, reply) => {
    const query = queryObject(request.query, ["limit", "cursor", "q", "kind"]);
    const limit = intParam(query.limit, "limit", 1, 100, 20);
    const cursor = textParam(query.cursor, "cursor", 200);
    const q = textParam(query.q, "q", 200);
    const kind = enumParam(query.kind, "kind", ARTICLE_KINDS);
    const page =
      q === undefined
        ? await articles.listVisible({ limit, cursor, kind })
        : await matchingPage(deps, { q, kind, limit, cursor });
    reply.header("cache-control", "public, max-age=15");
    return { items: page.items.map(articleSummary), next: page.next };
  });

  app.get<{ Params: { id: string } }>(
    "/api/v1/articles/:id",
    {
      config: {
        openapi: {
          summary: "One published article with its body (sanitized HTML)",
          tags: ["articles"],
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!/^[1-9]\d{0,9}$/.test(id)) {
        throw new AppError("bad_parameter", "id: must be a positive integer", { status: 400 });
      }
      const article = await articles.getById(Number(id));
      if (!article || !isVisible(article)) {
        throw new AppError("not_found", `no published article with id ${id}`, { status: 404 });
      }
      reply.header("cache-control", "public, max-age=15");
      return {
        ...articleSummary(article),
        byline: article.byline,
        canonicalUrl: article.canonicalUrl,
        body: article.body,
      };
    },
  );
}
