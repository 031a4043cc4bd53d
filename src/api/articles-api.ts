import type { FastifyInstance } from "fastify";
import type { ArticleRepository } from "../db/article-repository.ts";
import { ARTICLE_KINDS, type Article } from "../domain/article.ts";
import { articlePath, isVisible } from "../domain/article-path.ts";
import { AppError } from "../domain/errors.ts";
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

export function registerArticlesApi(
  app: FastifyInstance,
  deps: { articles: ArticleRepository },
): void {
  const { articles } = deps;

  app.get("/api/v1/articles", async (request, reply) => {
    const query = queryObject(request.query, ["limit", "cursor", "q", "kind"]);
    const page = await articles.listVisible({
      limit: intParam(query.limit, "limit", 1, 100, 20),
      cursor: textParam(query.cursor, "cursor", 200),
      q: textParam(query.q, "q", 200),
      kind: enumParam(query.kind, "kind", ARTICLE_KINDS),
    });
    reply.header("cache-control", "public, max-age=15");
    return { items: page.items.map(articleSummary), next: page.next };
  });

  app.get<{ Params: { id: string } }>("/api/v1/articles/:id", async (request, reply) => {
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
  });
}
