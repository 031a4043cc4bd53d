import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../../db/connection.ts";
import {
  createSectionRepository,
  type ManagedSection,
  SECTION_NAME_MAX,
  type SectionRepository,
} from "../../db/section-repository.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { readForm } from "../form.ts";
import type { NewsroomKit } from "../kit.ts";
import {
  CsrfField,
  FormError,
  NewsroomLayout,
  Notice,
  type PageContext,
  PostButton,
} from "../layout.tsx";
import { idParam } from "../request-checks.ts";

/** What the front-page desk needs from the newsroom's deps. */
export interface FrontPageDeps {
  database: Database;
  /** Every change drops every cached page: `articleIds: []`. */
  published(change: { articleIds: readonly number[]; reason: string }): void;
}

const NOTICES: Record<string, string> = {
  created: "Section created: it is last in the masthead until you move it.",
  renamed: "Section renamed: its old addresses now move to the new one.",
  moved: "Order saved.",
  hidden: "Hidden from the masthead and the home page; its page still answers.",
  shown: "Back in the masthead.",
};

function SectionsPage(props: {
  ctx: PageContext;
  sections: ManagedSection[];
  notice: string | null;
  error: { message: string; sectionId: number | null } | null;
  /** What the person typed, kept when the form is refused. */
  typed: string;
}) {
  const { ctx, sections, error } = props;
  const createError = error && error.sectionId === null;
  return (
    <NewsroomLayout ctx={ctx} title="Sections">
      <h1>Sections</h1>
      <p>
        <a href="/newsroom/front">Back to the front page</a>
      </p>
      <FormError message={error?.message ?? null} />
      <Notice message={props.notice} />
      <section aria-labelledby="sec-new">
        <h2 id="sec-new">New section</h2>
        <form method="post" action="/newsroom/front/sections" class="nr-form nr-narrow">
          <CsrfField token={ctx.csrf} />
          <label for="new-name">
            Name
            <span class="hint">
              Its address is made from the name: “World news” → /section/world-news
            </span>
          </label>
          <input
            id="new-name"
            type="text"
            name="name"
            required
            maxLength={SECTION_NAME_MAX}
            value={createError ? props.typed : ""}
            aria-invalid={createError ? "true" : undefined}
            aria-describedby={createError ? "form-error" : undefined}
          />
          <div>
            <button type="submit">Create section</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="sec-list">
        <h2 id="sec-list">In the masthead's order</h2>
        <ol class="sec-list">
          {sections.map((s, i) => {
            const base = `/newsroom/front/sections/${s.id}`;
            const invalid = error?.sectionId === s.id;
            return (
              <li key={s.id} class="sec-item">
                <div class="sec-head">
                  <strong>{s.name}</strong> <a href={`/section/${s.slug}`}>/section/{s.slug}</a>
                  {s.hidden ? <span class="nr-badge">hidden</span> : null}
                </div>
                {s.oldSlugs.length > 0 ? (
                  <p class="nr-muted sec-old">
                    Old addresses that move here:{" "}
                    {s.oldSlugs.map((o) => `/section/${o}`).join(", ")}
                  </p>
                ) : null}
                <div class="nr-actions">
                  <PostButton
                    action={`${base}/move`}
                    csrf={ctx.csrf}
                    label={`Move ${s.name} up`}
                    variant="secondary"
                    fields={{ by: "up" }}
                  />
                  <PostButton
                    action={`${base}/move`}
                    csrf={ctx.csrf}
                    label={`Move ${s.name} down`}
                    variant="secondary"
                    fields={{ by: "down" }}
                  />
                  <PostButton
                    action={`${base}/hide`}
                    csrf={ctx.csrf}
                    label={s.hidden ? `Show ${s.name}` : `Hide ${s.name}`}
                    variant="secondary"
                    fields={{ hidden: s.hidden ? "0" : "1" }}
                  />
                </div>
                <form method="post" action={`${base}/rename`} class="sec-rename">
                  <CsrfField token={ctx.csrf} />
                  <label for={`rename-${s.id}`}>New name for {s.name}</label>
                  <input
                    id={`rename-${s.id}`}
                    type="text"
                    name="name"
                    required
                    maxLength={SECTION_NAME_MAX}
                    value={invalid ? props.typed : s.name}
                    aria-invalid={invalid ? "true" : undefined}
                    aria-describedby={invalid ? "form-error" : undefined}
                  />
                  <button type="submit" class="secondary">
                    Rename
                  </button>
                </form>
                <span class="nr-muted sec-pos">Position {i + 1}</span>
              </li>
            );
          })}
        </ol>
      </section>
    </NewsroomLayout>
  );
}

async function showSections(
  request: FastifyRequest,
  reply: FastifyReply,
  kit: NewsroomKit,
  sections: SectionRepository,
  error: { message: string; sectionId: number | null } | null = null,
  typed = "",
  status = 200,
) {
  const query = request.query as { done?: string };
  return kit.send(
    reply,
    <SectionsPage
      ctx={kit.ctx(request)}
      sections={await sections.list()}
      notice={error ? null : (NOTICES[query.done ?? ""] ?? null)}
      error={error}
      typed={typed}
    />,
    status,
  );
}

/** `/newsroom/front/sections` (editors): create, rename (old URLs move), order, hide. */
export function registerSections(app: FastifyInstance, kit: NewsroomKit, deps: FrontPageDeps) {
  const sections = createSectionRepository(deps.database);
  const access = { access: "editor" } as const;

  app.get("/newsroom/front/sections", { config: access }, (request, reply) =>
    showSections(request, reply, kit, sections),
  );

  /** Runs a change; a refused one shows the page again with its message, changing nothing. */
  const attempt = async (
    request: FastifyRequest,
    reply: FastifyReply,
    sectionId: number | null,
    typed: string,
    run: () => Promise<{
      action: string;
      targetId: number;
      summary: string;
      before: unknown;
      after: unknown;
      done: string;
    }>,
  ) => {
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run();
    } catch (error) {
      if (isAppError(error) && (error.status === 400 || error.status === 409)) {
        return showSections(
          request,
          reply,
          kit,
          sections,
          { message: error.message, sectionId },
          typed,
          error.status,
        );
      }
      throw error;
    }
    await kit.audit(request, {
      action: result.action,
      targetType: "section",
      targetId: String(result.targetId),
      summary: result.summary,
      before: result.before,
      after: result.after,
    });
    deps.published({ articleIds: [], reason: result.action });
    return reply.redirect(`/newsroom/front/sections?done=${result.done}`, 303);
  };

  app.post("/newsroom/front/sections", { config: access }, async (request, reply) => {
    const name = readForm(request.body).text("name", 200);
    return attempt(request, reply, null, name, async () => {
      const made = await sections.create(name);
      return {
        action: "section.create",
        targetId: made.id,
        summary: `created section "${made.name}" (/section/${made.slug})`,
        before: null,
        after: made,
        done: "created",
      };
    });
  });

  app.post("/newsroom/front/sections/:id/rename", { config: access }, async (request, reply) => {
    const id = idParam(request);
    const name = readForm(request.body).text("name", 200);
    return attempt(request, reply, id, name, async () => {
      const { before, after } = await sections.rename(id, name);
      return {
        action: "section.rename",
        targetId: id,
        summary: `renamed section "${before.name}" (/section/${before.slug}) to "${after.name}" (/section/${after.slug})`,
        before,
        after,
        done: "renamed",
      };
    });
  });

  app.post("/newsroom/front/sections/:id/move", { config: access }, async (request, reply) => {
    const id = idParam(request);
    const by = readForm(request.body).text("by", 4);
    if (by !== "up" && by !== "down")
      throw new AppError("bad_move", "by: up or down", { status: 400, context: { field: "by" } });
    return attempt(request, reply, id, "", async () => {
      const before = (await sections.list()).map((s) => s.slug);
      const after = (await sections.move(id, by === "up" ? -1 : 1)).map((s) => s.slug);
      return {
        action: "section.order",
        targetId: id,
        summary: `moved section #${id} ${by}: ${after.join(", ")}`,
        before,
        after,
        done: "moved",
      };
    });
  });

  app.post("/newsroom/front/sections/:id/hide", { config: access }, async (request, reply) => {
    const id = idParam(request);
    const hidden = readForm(request.body).text("hidden", 1) === "1";
    return attempt(request, reply, id, "", async () => {
      const before = await sections.get(id);
      if (!before) throw new AppError("not_found", `no section #${id}`, { status: 404 });
      await sections.setHidden(id, hidden);
      return {
        action: hidden ? "section.hide" : "section.show",
        targetId: id,
        summary: `${hidden ? "hid" : "showed"} section "${before.name}"`,
        before,
        after: await sections.get(id),
        done: hidden ? "hidden" : "shown",
      };
    });
  });
}
