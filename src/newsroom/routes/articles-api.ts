import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  Integer,
  Literal,
  Optional,
  Array as TArray,
  Object as TObject,
  String as TString,
  Union,
} from "typebox";
import type { DeskArticle } from "../../db/newsroom-article-repository.ts";
import { articlePath } from "../../domain/article-path.ts";
import {
  ALT_MAX,
  type ArticleActions,
  articleActor,
  BODY_MAX,
  BYLINE_MAX,
  HEADLINE_MAX,
  parseArticleId,
  publishModeOf,
  SLUG_MAX,
  STANDFIRST_MAX,
  TAG_MAX,
  TAGS_MAX,
} from "../article-actions.ts";
import type { NewsroomKit } from "../kit.ts";
import { refuseInvalid } from "../request-checks.ts";

/**
 * The write API for articles, over the same actions as the editor's pages: create a draft,
 * update its working copy (the `version` it was read at is required: a stale one is a 409
 * with both versions), publish now, on a schedule or under embargo (editors).
 */
const fields = {
  headline: TString({ maxLength: HEADLINE_MAX, description: "The headline" }),
  standfirst: Optional(TString({ maxLength: STANDFIRST_MAX })),
  section: TString({ maxLength: 80, description: "A known section's slug" }),
  tags: Optional(TArray(TString({ maxLength: TAG_MAX }), { maxItems: TAGS_MAX })),
  byline: Optional(TString({ maxLength: BYLINE_MAX })),
  slug: Optional(
    TString({ maxLength: SLUG_MAX, description: "Empty: made from the headline when published" }),
  ),
  body: Optional(TString({ maxLength: BODY_MAX, description: "Markdown (no HTML)" })),
  image: Optional(TString({ maxLength: 100, description: "An uploaded image's name" })),
  imageAlt: Optional(TString({ maxLength: ALT_MAX, description: "Required with an image" })),
};

const CreateBody = TObject(fields);
const UpdateBody = TObject({
  ...fields,
  headline: Optional(fields.headline),
  section: Optional(fields.section),
  version: Integer({ minimum: 1, description: "The working copy's version this edit was made on" }),
});
const PublishBody = TObject({
  mode: Optional(
    Union([Literal("now"), Literal("schedule"), Literal("embargo")], {
      description: "now (default), schedule or embargo",
    }),
  ),
  at: Optional(
    TString({ description: "ISO 8601 time, in the future: required for schedule and embargo" }),
  ),
});
const Params = TObject({ id: TString({ pattern: "^\\d{1,12}$" }) });

const articleJson = {
  type: "object",
  properties: {
    article: {
      type: "object",
      properties: {
        id: { type: "integer" },
        deskStatus: { type: "string" },
        status: { type: "string" },
        version: { type: "integer" },
        headline: { type: "string" },
        url: { type: ["string", "null"] },
        publishedAt: { type: ["string", "null"] },
        draft: { type: "object" },
      },
    },
  },
};

function out(article: DeskArticle) {
  const { draft } = article;
  const placeholder = /^draft-[0-9a-f]{16}$/.test(article.slug);
  return {
    article: {
      id: article.id,
      deskStatus: article.deskStatus,
      status: article.status,
      version: article.version,
      headline: article.headline,
      section: article.sectionSlug,
      slug: placeholder ? null : article.slug,
      url:
        placeholder || article.publishedAt === null
          ? null
          : articlePath({
              sectionSlug: article.sectionSlug,
              slug: article.slug,
              publishedAt: article.publishedAt,
            }),
      publishedAt: article.publishedAt,
      authorId: article.authorId,
      draft: {
        version: draft.version,
        headline: draft.headline,
        standfirst: draft.standfirst,
        section: draft.sectionSlug,
        slug: draft.slug,
        tags: draft.tags,
        byline: draft.byline,
        body: draft.bodySource,
        image: draft.imagePath,
        imageAlt: draft.imageAlt,
        updatedAt: draft.updatedAt,
        updatedBy: draft.updatedByName,
      },
    },
  };
}

const bodyOf = (request: FastifyRequest) =>
  (request.body && typeof request.body === "object" ? request.body : {}) as Record<string, unknown>;

export function registerArticlesApi(
  app: FastifyInstance,
  kit: NewsroomKit,
  actions: ArticleActions,
): void {
  app.post(
    "/api/v1/articles",
    {
      schema: { body: CreateBody },
      attachValidation: true,
      config: {
        access: "reporter",
        openapi: {
          summary: "Create a draft article",
          description:
            "Starts a newsroom article: its working copy holds the fields; readers see nothing until it is published. Answers 201 with the article.",
          tags: ["articles"],
          response: articleJson,
        },
      },
    },
    async (request, reply) => {
      refuseInvalid(request, "article");
      const created = await actions.create(articleActor(kit, request), bodyOf(request));
      return reply.code(201).header("cache-control", "no-store").send(out(created));
    },
  );

  app.patch(
    "/api/v1/articles/:id",
    {
      schema: { params: Params, body: UpdateBody },
      attachValidation: true,
      config: {
        access: "reporter",
        openapi: {
          summary: "Update an article's working copy",
          description:
            "Changes only the fields given, on the working copy (never what readers see). `version` is the working copy's version the change was made on: a stale one changes nothing and answers 409 with `mine` and `theirs`.",
          tags: ["articles"],
          response: articleJson,
        },
      },
    },
    async (request, reply) => {
      refuseInvalid(request, "article");
      const id = parseArticleId((request.params as { id: string }).id);
      const body = bodyOf(request);
      const result = await actions.save(articleActor(kit, request), id, body, Number(body.version));
      reply.header("cache-control", "no-store");
      if (!result.outcome.saved) {
        return reply.code(409).send({
          error: {
            code: "stale_version",
            message: `The working copy is at version ${result.outcome.current.version}, not ${String(body.version)}: nothing was saved.`,
            field: "version",
          },
          mine: result.mine,
          theirs: result.outcome.current,
        });
      }
      const article = await actions.get(id);
      return reply.send(out(article));
    },
  );

  app.post(
    "/api/v1/articles/:id/publish",
    {
      schema: { params: Params, body: PublishBody },
      attachValidation: true,
      config: {
        access: "editor",
        openapi: {
          summary: "Publish an article",
          description:
            "Renders the working copy for readers: now (default), or at a future `at` as a schedule or an embargo; it then appears in every page, feed, sitemap and API answer at its time by itself.",
          tags: ["articles"],
          response: articleJson,
        },
      },
    },
    async (request, reply) => {
      refuseInvalid(request, "article");
      const id = parseArticleId((request.params as { id: string }).id);
      const body = bodyOf(request);
      const article = await actions.publish(articleActor(kit, request), id, {
        mode: publishModeOf(body.mode),
        at: body.at,
      });
      return reply.header("cache-control", "no-store").send(out(article));
    },
  );
}
