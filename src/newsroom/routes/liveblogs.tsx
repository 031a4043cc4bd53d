import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AlertRepository } from "../../db/alert-repository.ts";
import type { ArticleRepository } from "../../db/article-repository.ts";
import type {
  ConsoleLiveblog,
  LiveblogConsoleRepository,
} from "../../db/liveblog-console-repository.ts";
import type { UserRepository } from "../../db/user-repository.ts";
import { isAppError } from "../../domain/errors.ts";
import { roleAtLeast } from "../../domain/user.ts";
import { deskTime } from "../desk-time.ts";
import type { NewsroomKit } from "../kit.ts";
import { CsrfField, FormError, invalidIf, NewsroomLayout, type PageContext } from "../layout.tsx";
import {
  actorOf,
  bodyFields,
  createLiveblogActions,
  LIVE_HEADLINE_MAX,
  LIVE_STANDFIRST_MAX,
  type LiveblogActions,
} from "../liveblog-actions.ts";
import { registerAlerts } from "./alerts.tsx";
import { registerLiveblogApi } from "./liveblogs-api.tsx";
import { BlogState, registerLiveblogConsole } from "./liveblogs-console.tsx";

export interface LiveblogDeps {
  liveblogConsole: LiveblogConsoleRepository;
  users: UserRepository;
  articles: ArticleRepository;
  config: { siteLanguage: string };
  published(change: { articleIds: readonly number[]; reason: string }): void;
}

interface CreateTyped {
  headline: string;
  section: string;
  standfirst: string;
  summary: string;
  publish: boolean;
}

function LiveListPage(props: {
  ctx: PageContext;
  blogs: ConsoleLiveblog[];
  editor: boolean;
  sections: { slug: string; name: string }[];
  error: { message: string; field: string | null } | null;
  typed: CreateTyped;
}) {
  const { ctx, error, typed } = props;
  const invalid = (field: string) => invalidIf(error?.field === field);
  return (
    <NewsroomLayout ctx={ctx} title="Live blogs">
      <h1>Live blogs</h1>
      <FormError message={error?.message ?? null} />
      <section aria-labelledby="lb-list">
        <h2 id="lb-list">{props.editor ? "All live blogs" : "Your live blogs"}</h2>
        {props.blogs.length === 0 ? (
          <p>
            {props.editor
              ? "No live blog yet: start one below."
              : "You are not assigned to any live blog. An editor adds you to one."}
          </p>
        ) : (
          <ul class="lb-list">
            {props.blogs.map((b) => (
              <li key={b.articleId} class="lb-item">
                <div class="lb-head">
                  <a href={`/newsroom/live/${b.articleId}`}>{b.headline}</a> <BlogState blog={b} />
                </div>
                <p class="nr-muted">
                  {b.sectionName} · {b.entryCount} {b.entryCount === 1 ? "entry" : "entries"} ·
                  started <time datetime={b.createdAt}>{deskTime(b.createdAt)}</time>
                  {b.path ? (
                    <>
                      {" · "}
                      <a href={b.path}>reader's page</a>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {props.editor ? (
        <section aria-labelledby="lb-new">
          <h2 id="lb-new">Start a live blog</h2>
          <form method="post" action="/newsroom/live" class="nr-form nr-narrow">
            <CsrfField token={ctx.csrf} />
            <label for="lb-headline">Headline</label>
            <input
              id="lb-headline"
              type="text"
              name="headline"
              required
              maxLength={LIVE_HEADLINE_MAX}
              value={typed.headline}
              {...invalid("headline")}
            />
            <label for="lb-section">Section</label>
            <select id="lb-section" name="section" required {...invalid("section")}>
              {props.sections.map((s) => (
                <option key={s.slug} value={s.slug} selected={s.slug === typed.section}>
                  {s.name}
                </option>
              ))}
            </select>
            <label for="lb-standfirst">
              Standfirst <span class="hint">Optional: one or two sentences under the headline</span>
            </label>
            <input
              id="lb-standfirst"
              type="text"
              name="standfirst"
              maxLength={LIVE_STANDFIRST_MAX}
              value={typed.standfirst}
              {...invalid("standfirst")}
            />
            <label for="lb-summary">
              Summary{" "}
              <span class="hint">Markdown, shown above the updates; you can change it later</span>
            </label>
            <textarea id="lb-summary" name="summary" rows={5} {...invalid("summary")}>
              {typed.summary}
            </textarea>
            <label class="nr-check">
              <input type="checkbox" name="publish" value="1" checked={typed.publish} /> Publish now
              (readers see it at once)
            </label>
            <div>
              <button type="submit">Start live blog</button>
            </div>
          </form>
        </section>
      ) : null}
    </NewsroomLayout>
  );
}

/**
 * `/newsroom/live`: the live blogs (a reporter sees those they are assigned to) and, for
 * editors, a form to start one; the console of each is `/newsroom/live/:id`; the write API
 * posts, edits and deletes entries. Every change goes through `liveblog-actions.ts`.
 */
export function registerLiveblogs(app: FastifyInstance, kit: NewsroomKit, deps: LiveblogDeps) {
  const actions: LiveblogActions = createLiveblogActions({
    liveblogConsole: deps.liveblogConsole,
    users: deps.users,
    language: deps.config.siteLanguage,
    published: deps.published,
  });
  kit.nav.push({ href: "/newsroom/live", label: "Live blogs", access: "reporter" });
  const blank: CreateTyped = {
    headline: "",
    section: "",
    standfirst: "",
    summary: "",
    publish: true,
  };

  async function showList(
    request: FastifyRequest,
    reply: FastifyReply,
    error: { message: string; field: string | null } | null = null,
    typed: CreateTyped = blank,
    status = 200,
  ) {
    const viewer = kit.viewer(request);
    const editor = roleAtLeast(viewer.role, "editor");
    const [blogs, sections] = await Promise.all([
      actions.list(viewer),
      editor ? deps.articles.sections() : Promise.resolve([]),
    ]);
    return kit.send(
      reply,
      <LiveListPage
        ctx={kit.ctx(request)}
        blogs={blogs}
        editor={editor}
        sections={sections}
        error={error}
        typed={typed}
      />,
      status,
    );
  }

  app.get("/newsroom/live", { config: { access: "reporter" } }, (request, reply) =>
    showList(request, reply),
  );

  app.post("/newsroom/live", { config: { access: "editor" } }, async (request, reply) => {
    const fields = bodyFields(request.body);
    const str = (name: string, max: number) =>
      typeof fields[name] === "string" ? (fields[name] as string).slice(0, max) : "";
    const typed: CreateTyped = {
      headline: str("headline", 1_000),
      section: str("section", 200),
      standfirst: str("standfirst", 2_000),
      summary: str("summary", 50_000),
      publish: fields.publish === "1",
    };
    try {
      const made = await actions.create(actorOf(kit, request), {
        ...fields,
        publish: fields.publish === "1",
      });
      return reply.redirect(`/newsroom/live/${made.articleId}?done=created`, 303);
    } catch (error) {
      if (isAppError(error) && error.status === 400) {
        const field = typeof error.context.field === "string" ? error.context.field : null;
        return showList(request, reply, { message: error.message, field }, typed, 400);
      }
      throw error;
    }
  });

  registerLiveblogConsole(app, kit, actions, deps);
  registerLiveblogApi(app, kit, actions);
}

/** This part's one entry point: the live-blog console and the breaking-alerts desk, with their API. */
export function registerLiveDesks(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: LiveblogDeps & { alerts: AlertRepository },
) {
  registerLiveblogs(app, kit, deps);
  registerAlerts(app, kit, deps);
}
