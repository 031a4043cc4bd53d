import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Object as TObject, String as TString } from "typebox";
import type { ArticleRepository } from "../../db/article-repository.ts";
import type { Correction, CorrectionRepository } from "../../db/correction-repository.ts";
import type { Article } from "../../domain/article.ts";
import { isAppError } from "../../domain/errors.ts";
import { CORRECTION_TEXT_MAX, createCorrectionActions } from "../correction-actions.ts";
import { deskTime } from "../desk-time.ts";
import type { NewsroomKit } from "../kit.ts";
import {
  CsrfField,
  FormError,
  invalidIf,
  NewsroomLayout,
  Notice,
  type PageContext,
} from "../layout.tsx";
import { actorOf, bodyFields } from "../liveblog-actions.ts";
import { parseId, refuseInvalid } from "../request-checks.ts";

function CorrectionsPage(props: {
  ctx: PageContext;
  article: Article;
  path: string | null;
  corrections: Correction[];
  notice: string | null;
  error: { message: string; field: string | null } | null;
  typed: string;
}) {
  const { ctx, article, error } = props;
  return (
    <NewsroomLayout ctx={ctx} title={`Corrections: ${article.headline}`}>
      <h1>Corrections</h1>
      <p class="co-article">
        <strong>{article.headline}</strong>
        {props.path ? (
          <>
            {" · "}
            <a href={props.path}>Reader page</a>
          </>
        ) : (
          <span class="nr-muted"> · not on the reader site: it cannot be corrected</span>
        )}
        {" · "}
        <a href={`/newsroom/articles/${article.id}/history`}>History</a>
      </p>
      <FormError message={error?.message ?? null} />
      <Notice message={props.notice} />
      <section aria-labelledby="co-new">
        <h2 id="co-new">Add a correction</h2>
        <form
          method="post"
          action={`/newsroom/articles/${article.id}/corrections`}
          class="nr-form nr-narrow"
        >
          <CsrfField token={ctx.csrf} />
          <label for="co-text">
            Correction
            <span class="hint">
              What was wrong and what is right. Shown dated on the article, in its feeds and its
              structured data; it cannot be edited afterwards.
            </span>
          </label>
          <textarea
            id="co-text"
            name="text"
            rows={4}
            required
            maxLength={CORRECTION_TEXT_MAX}
            {...invalidIf(error?.field === "text")}
          >
            {props.typed}
          </textarea>
          <div>
            <button type="submit">Publish correction</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="co-list">
        <h2 id="co-list">Published corrections</h2>
        {props.corrections.length === 0 ? (
          <p>This article has no correction.</p>
        ) : (
          <ol class="co-list">
            {props.corrections.map((c) => (
              <li key={c.id}>
                <time datetime={c.createdAt}>{deskTime(c.createdAt)}</time>
                <p>{c.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </NewsroomLayout>
  );
}

const CorrectionBody = TObject({
  text: TString({
    maxLength: CORRECTION_TEXT_MAX,
    description: "What was wrong and what is right; shown dated to readers",
  }),
});
const ArticleIdParams = TObject({ id: TString({ pattern: "^\\d{1,9}$" }) });
const correctionJson = {
  type: "object",
  properties: {
    correction: {
      type: "object",
      properties: {
        id: { type: "integer" },
        articleId: { type: "integer" },
        text: { type: "string" },
        createdAt: { type: "string" },
      },
    },
  },
};

/**
 * `/newsroom/articles/:id/corrections` (editors): the article's corrections and a form to
 * add one; `POST /api/v1/articles/:id/corrections` does the same through the same action.
 */
export function registerCorrections(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: {
    articles: ArticleRepository;
    corrections: CorrectionRepository;
    published(change: { articleIds: readonly number[]; reason: string }): void;
  },
) {
  const actions = createCorrectionActions(deps);
  const access = { access: "editor" } as const;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    error: { message: string; field: string | null } | null = null,
    typed = "",
    status = 200,
  ) {
    const { article, path, corrections } = await actions.show(id);
    const done = (request.query as { done?: string }).done === "added";
    return kit.send(
      reply,
      <CorrectionsPage
        ctx={kit.ctx(request)}
        article={article}
        path={path}
        corrections={corrections}
        notice={
          error || !done
            ? null
            : "Correction published: it is on the article, in its feeds and the sitemap."
        }
        error={error}
        typed={typed}
      />,
      status,
    );
  }

  const idOf = (request: FastifyRequest) =>
    parseId((request.params as { id?: string }).id, "article");

  app.get("/newsroom/articles/:id/corrections", { config: access }, (request, reply) =>
    show(request, reply, idOf(request)),
  );

  app.post("/newsroom/articles/:id/corrections", { config: access }, async (request, reply) => {
    const id = idOf(request);
    const fields = bodyFields(request.body);
    const typed = typeof fields.text === "string" ? fields.text.slice(0, CORRECTION_TEXT_MAX) : "";
    try {
      await actions.add(actorOf(kit, request), id, fields);
    } catch (error) {
      if (isAppError(error) && (error.status === 400 || error.status === 409)) {
        const field = typeof error.context.field === "string" ? error.context.field : null;
        return show(request, reply, id, { message: error.message, field }, typed, error.status);
      }
      throw error;
    }
    return reply.redirect(`/newsroom/articles/${id}/corrections?done=added`, 303);
  });

  app.post(
    "/api/v1/articles/:id/corrections",
    {
      schema: { params: ArticleIdParams, body: CorrectionBody },
      attachValidation: true,
      config: {
        ...access,
        openapi: {
          summary: "Publish a correction to an article",
          description:
            "Appends a dated correction to a published article (the newsroom's own or an imported one): its page, JSON-LD, every feed that carries it and the sitemap show it, with a new modified time; the URL stays. Answers 201 with the correction.",
          tags: ["articles"],
          response: correctionJson,
        },
      },
    },
    async (request, reply) => {
      refuseInvalid(request);
      const id = idOf(request);
      const correction = await actions.add(actorOf(kit, request), id, bodyFields(request.body));
      return reply.code(201).header("cache-control", "no-store").send({ correction });
    },
  );
}
