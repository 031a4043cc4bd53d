import type { FastifyInstance, FastifyRequest } from "fastify";
import type {
  DeskArticle,
  DraftFields,
  NewsroomArticleRepository,
  Revision,
} from "../../db/newsroom-article-repository.ts";
import { bodyText } from "../../domain/body-text.ts";
import { AppError } from "../../domain/errors.ts";
import {
  articleActor,
  createArticleActions,
  isEditorRole,
  parseArticleId,
} from "../article-actions.ts";
import { deskTime } from "../desk-time.ts";
import { differingFields, fieldText, SideBySide } from "../field-diff.tsx";
import { readForm } from "../form.ts";
import type { NewsroomKit } from "../kit.ts";
import { CsrfField, NewsroomLayout, type PageContext } from "../layout.tsx";

/** A revision's fields as text to compare; a wire revision's body is its HTML as text. */
function comparable(revision: Revision, slug: string): DraftFields {
  return {
    headline: revision.headline,
    standfirst: revision.standfirst ?? "",
    bodySource: revision.bodySource ?? bodyText(revision.body),
    sectionSlug: revision.sectionSlug ?? "",
    slug,
    tags: revision.tags,
    byline: revision.byline ?? "",
    imagePath: revision.imagePath,
    imageAlt: revision.imageAlt,
  };
}

function who(revision: Revision): string {
  return `Revision ${revision.number} · ${deskTime(revision.createdAt)}${
    revision.createdByName ? ` · ${revision.createdByName}` : ""
  }`;
}

/** `?from=&to=` as revision numbers; absent or unknown: the two newest. */
function pair(
  revisions: readonly Revision[],
  query: { from?: unknown; to?: unknown },
): [Revision, Revision] | null {
  const byNumber = (raw: unknown) =>
    typeof raw === "string" && /^\d{1,6}$/.test(raw)
      ? revisions.find((r) => r.number === Number(raw))
      : undefined;
  const newest = revisions[0];
  const next = revisions[1];
  const to = byNumber(query.to) ?? newest;
  const from =
    byNumber(query.from) ??
    (to === newest ? next : revisions.find((r) => r.number < (to?.number ?? 0)));
  if (!from || !to || from === to) return null;
  return from.number < to.number ? [from, to] : [to, from];
}

function RevisionSelect(props: {
  id: string;
  name: string;
  label: string;
  revisions: Revision[];
  value: number;
}) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.revisions.map((r) => (
          <option key={r.number} value={String(r.number)} selected={r.number === props.value}>
            {who(r)}
          </option>
        ))}
      </select>
    </div>
  );
}

function HistoryPage(props: {
  ctx: PageContext;
  article: DeskArticle;
  revisions: Revision[];
  compared: [Revision, Revision] | null;
  mayRestore: boolean;
  editor: boolean;
}) {
  const { ctx, article, revisions, compared } = props;
  const slug = article.draft.slug;
  const differing = compared
    ? differingFields(comparable(compared[0], slug), comparable(compared[1], slug))
    : [];
  return (
    <NewsroomLayout ctx={ctx} title={`History: ${article.headline}`}>
      <p class="nr-muted ar-crumbs">
        <a href={`/newsroom/articles/${article.id}`}>Back to the article</a>
        {props.editor ? (
          <>
            {" · "}
            <a href={`/newsroom/articles/${article.id}/corrections`}>Corrections</a>
          </>
        ) : null}
      </p>
      <h1>Revision history</h1>
      <p>
        <strong>{article.headline}</strong>: each revision is what readers were given when it was
        published. Restoring one puts it in the working copy only; readers see it when it is
        published again.
      </p>
      {revisions.length === 0 ? (
        <p>No revision yet: the article has not been published.</p>
      ) : (
        <>
          {revisions.length > 1 ? (
            <section aria-labelledby="hi-compare">
              <h2 id="hi-compare">Compare two revisions</h2>
              <form
                method="get"
                action={`/newsroom/articles/${article.id}/history`}
                class="nr-form hi-pick"
              >
                <RevisionSelect
                  id="hi-from"
                  name="from"
                  label="Older"
                  revisions={revisions}
                  value={compared?.[0].number ?? 0}
                />
                <RevisionSelect
                  id="hi-to"
                  name="to"
                  label="Newer"
                  revisions={revisions}
                  value={compared?.[1].number ?? 0}
                />
                <div>
                  <button type="submit">Compare</button>
                </div>
              </form>
              {compared ? (
                differing.length === 0 ? (
                  <p>
                    Revisions {compared[0].number} and {compared[1].number} hold the same text.
                  </p>
                ) : (
                  differing.map(([key, label]) => (
                    <SideBySide
                      key={key}
                      label={label}
                      before={{
                        who: who(compared[0]),
                        text: fieldText(comparable(compared[0], slug)[key]),
                      }}
                      after={{
                        who: who(compared[1]),
                        text: fieldText(comparable(compared[1], slug)[key]),
                      }}
                    />
                  ))
                )
              ) : null}
            </section>
          ) : null}
          <section aria-labelledby="hi-list">
            <h2 id="hi-list">Revisions</h2>
            <ol class="hi-list" reversed>
              {revisions.map((r, i) => {
                const older = revisions[i + 1];
                return (
                  <li key={r.number} class="hi-item">
                    <p class="hi-head">
                      <strong>{who(r)}</strong>
                    </p>
                    <p class="hi-headline">{r.headline}</p>
                    {r.note ? <p class="nr-muted hi-note">{r.note}</p> : null}
                    <div class="nr-actions">
                      {older ? (
                        <a
                          href={`/newsroom/articles/${article.id}/history?from=${older.number}&to=${r.number}`}
                        >
                          Changes from revision {older.number}
                        </a>
                      ) : null}
                      {props.mayRestore && r.bodySource !== null ? (
                        <form
                          method="post"
                          action={`/newsroom/articles/${article.id}/history/${r.number}/restore`}
                          class="nr-inline"
                        >
                          <CsrfField token={ctx.csrf} />
                          <input
                            type="hidden"
                            name="version"
                            value={String(article.draft.version)}
                          />
                          <button type="submit" class="secondary">
                            Restore revision {r.number} into the working copy
                          </button>
                        </form>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        </>
      )}
    </NewsroomLayout>
  );
}

/**
 * `/newsroom/articles/:id/history`: every published revision of an article, any two
 * compared word by word, and restore (a revision into the working copy, never straight to
 * readers) for those who may change the article.
 */
export function registerArticleHistory(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: {
    newsroomArticles: NewsroomArticleRepository;
    config: { siteLanguage: string };
    published(change: { articleIds: readonly number[]; reason: string }): void;
  },
) {
  const actions = createArticleActions({
    newsroomArticles: deps.newsroomArticles,
    language: deps.config.siteLanguage,
    published: deps.published,
  });
  const access = { access: "reporter" } as const;
  const idOf = (request: FastifyRequest) => parseArticleId((request.params as { id?: string }).id);

  app.get("/newsroom/articles/:id/history", { config: access }, async (request, reply) => {
    const actor = articleActor(kit, request);
    const { article, revisions } = await actions.history(actor, idOf(request));
    const query = request.query as { from?: unknown; to?: unknown };
    return kit.send(
      reply,
      <HistoryPage
        ctx={kit.ctx(request)}
        article={article}
        revisions={revisions}
        compared={pair(revisions, query)}
        mayRestore={article.deskStatus !== "killed" && actions.mayTouch(actor.viewer, article)}
        editor={isEditorRole(actor.viewer)}
      />,
    );
  });

  app.post(
    "/newsroom/articles/:id/history/:number/restore",
    { config: access },
    async (request, reply) => {
      const id = idOf(request);
      const raw = (request.params as { number?: string }).number ?? "";
      if (!/^\d{1,6}$/.test(raw)) {
        throw new AppError("not_found", `Article #${id} has no revision ${raw}.`, { status: 404 });
      }
      const given = readForm(request.body).text("version", 12);
      const version = Number(given);
      if (given === "" || !Number.isSafeInteger(version)) {
        throw new AppError(
          "field_required",
          "The form is missing the working copy's version: reload the history.",
          {
            status: 400,
            context: { field: "version" },
          },
        );
      }
      await actions.restore(articleActor(kit, request), id, Number(raw), version);
      // The restored text is in the working copy: the editor is where it is checked and published.
      return reply.redirect(`/newsroom/articles/${id}?done=restored`, 303);
    },
  );
}
