import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type {
  Assignee,
  ConsoleEntry,
  ConsoleLiveblog,
} from "../../db/liveblog-console-repository.ts";
import type { UserRepository } from "../../db/user-repository.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { roleAtLeast, type User } from "../../domain/user.ts";
import { deskTime } from "../desk-time.ts";
import type { NewsroomKit } from "../kit.ts";
import {
  CsrfField,
  FormError,
  invalidIf,
  NewsroomLayout,
  Notice,
  type PageContext,
  PostButton,
} from "../layout.tsx";
import {
  type Actor,
  actorOf,
  bodyFields,
  ENTRY_BODY_MAX,
  ENTRY_TITLE_MAX,
  type LiveblogActions,
  SUMMARY_MAX,
} from "../liveblog-actions.ts";
import { parseId } from "../request-checks.ts";

const NOTICES: Record<string, string> = {
  created: "Live blog started. Post the first entry below.",
  posted: "Entry posted.",
  edited: "Entry saved.",
  deleted: "Entry deleted.",
  key: "Key events updated.",
  pinned: "Pinned: it shows above the updates (any other pin was taken off).",
  unpinned: "Unpinned.",
  summary: "Summary saved.",
  published: "Published: readers can see the live blog.",
  closed: "Closed: readers see that the live blog has ended; it takes no more entries.",
  reopened: "Reopened.",
  assigned: "Reporter assigned.",
  unassigned: "Reporter taken off the live blog.",
};

/** What the person typed, kept when a form is refused: the new entry or one being edited. */
interface Typed {
  entryId: number | null;
  title: string;
  body: string;
  summary?: string;
}

interface ConsoleView {
  blog: ConsoleLiveblog;
  entries: ConsoleEntry[];
  assignees: Assignee[];
}

/** A blog's state as badges: draft or published, and closed. */
export function BlogState(props: { blog: ConsoleLiveblog }) {
  const { blog } = props;
  return (
    <>
      <span class="nr-badge">{blog.deskStatus === "published" ? "published" : "draft"}</span>
      {blog.closedAt ? <span class="nr-badge">closed</span> : null}
    </>
  );
}

const MARKDOWN_HINT = "Markdown: a blank line between paragraphs, **bold**, [link](https://…)";

function EntryFields(props: {
  idBase: string;
  title: string;
  body: string;
  invalid: string | null;
}) {
  const { idBase } = props;
  const aria = (field: string) => invalidIf(props.invalid === field);
  return (
    <>
      <label for={`${idBase}-title`}>
        Title <span class="hint">Optional</span>
      </label>
      <input
        id={`${idBase}-title`}
        type="text"
        name="title"
        maxLength={ENTRY_TITLE_MAX}
        value={props.title}
        {...aria("title")}
      />
      <label for={`${idBase}-body`}>
        Entry <span class="hint">{MARKDOWN_HINT}</span>
      </label>
      <textarea
        id={`${idBase}-body`}
        name="body"
        rows={6}
        required
        maxLength={ENTRY_BODY_MAX}
        {...aria("body")}
      >
        {props.body}
      </textarea>
    </>
  );
}

function EntryItem(props: {
  blog: ConsoleLiveblog;
  entry: ConsoleEntry;
  csrf: string;
  mayChange: boolean;
  editor: boolean;
  typed: Typed | null;
  invalid: string | null;
}) {
  const { blog, entry, csrf } = props;
  const base = `/newsroom/live/${blog.articleId}/entries/${entry.id}`;
  const editing = props.typed?.entryId === entry.id ? props.typed : null;
  return (
    <li class={entry.pinned ? "lb-entry pinned" : entry.keyEvent ? "lb-entry key" : "lb-entry"}>
      <article aria-labelledby={`lb-e${entry.id}`}>
        <p class="nr-muted lb-meta" id={`lb-e${entry.id}`}>
          {entry.pinned ? <span class="nr-badge">pinned</span> : null}
          {entry.keyEvent ? <span class="nr-badge">key event</span> : null}{" "}
          <time datetime={entry.postedAt}>{deskTime(entry.postedAt)}</time>
          {entry.byline ? ` · ${entry.byline}` : null}
          {entry.updatedAt !== entry.postedAt ? " · edited" : null}
          {blog.path ? (
            <>
              {" · "}
              <a href={`${blog.path}?entry=${entry.id}#entry-${entry.id}`}>permalink</a>
            </>
          ) : null}
        </p>
        {entry.title ? <h3>{entry.title}</h3> : null}
        {/* Entry bodies are allowlist-sanitized before they are stored. */}
        <div class="body" dangerouslySetInnerHTML={{ __html: entry.body }} />
      </article>
      {props.mayChange ? (
        <div class="nr-actions">
          <details class="lb-edit" open={editing !== null}>
            <summary>Edit</summary>
            <form method="post" action={base} class="nr-form">
              <CsrfField token={csrf} />
              <EntryFields
                idBase={`edit-${entry.id}`}
                title={editing ? editing.title : (entry.title ?? "")}
                body={editing ? editing.body : (entry.bodyMarkdown ?? "")}
                invalid={editing ? props.invalid : null}
              />
              <div>
                <button type="submit">Save entry</button>
              </div>
            </form>
          </details>
          <PostButton
            action={`${base}/key`}
            csrf={csrf}
            label={entry.keyEvent ? "Not a key event" : "Key event"}
            variant="secondary"
            fields={{ on: entry.keyEvent ? "0" : "1" }}
          />
          {props.editor ? (
            <PostButton
              action={`${base}/pin`}
              csrf={csrf}
              label={entry.pinned ? "Unpin" : "Pin"}
              variant="secondary"
              fields={{ on: entry.pinned ? "0" : "1" }}
            />
          ) : null}
          <details class="lb-delete">
            <summary>Delete…</summary>
            <PostButton
              action={`${base}/delete`}
              csrf={csrf}
              label="Delete this entry"
              variant="danger"
            />
          </details>
        </div>
      ) : null}
    </li>
  );
}

function ConsolePage(props: {
  ctx: PageContext;
  view: ConsoleView;
  viewerId: number;
  editor: boolean;
  people: User[];
  notice: string | null;
  error: { message: string; field: string | null } | null;
  typed: Typed | null;
}) {
  const { ctx, view, error, typed } = props;
  const { blog } = view;
  const newTyped = typed && typed.entryId === null && typed.summary === undefined ? typed : null;
  const assigned = new Set(view.assignees.map((a) => a.userId));
  const candidates = props.people.filter((p) => p.disabledAt === null && !assigned.has(p.id));
  const id = blog.articleId;
  return (
    <NewsroomLayout ctx={ctx} title={`Live: ${blog.headline}`}>
      <p class="nr-muted lb-crumbs">
        <a href="/newsroom/live">Live blogs</a> · {blog.sectionName} <BlogState blog={blog} />
        {blog.path ? (
          <>
            {" · "}
            <a href={blog.path}>reader's page</a>
          </>
        ) : null}
      </p>
      <h1>{blog.headline}</h1>
      <FormError message={error?.message ?? null} />
      <Notice message={props.notice} />
      <div class="lb-console">
        <div class="lb-stream">
          <section aria-labelledby="lb-post">
            <h2 id="lb-post">New entry</h2>
            {blog.closedAt ? (
              <p>
                This live blog was closed{" "}
                <time datetime={blog.closedAt}>{deskTime(blog.closedAt)}</time>
                {props.editor ? ": reopen it to post." : "; an editor can reopen it."}
              </p>
            ) : (
              <form method="post" action={`/newsroom/live/${id}/entries`} class="nr-form lb-new">
                <CsrfField token={ctx.csrf} />
                <EntryFields
                  idBase="new"
                  title={newTyped?.title ?? ""}
                  body={newTyped?.body ?? ""}
                  invalid={newTyped ? (error?.field ?? null) : null}
                />
                <div class="nr-actions">
                  <label class="nr-check">
                    <input type="checkbox" name="keyEvent" value="1" /> Key event
                  </label>
                  {props.editor ? (
                    <label class="nr-check">
                      <input type="checkbox" name="pinned" value="1" /> Pin it
                    </label>
                  ) : null}
                </div>
                <div>
                  <button type="submit">Post entry</button>
                </div>
              </form>
            )}
          </section>
          <section aria-labelledby="lb-entries">
            <h2 id="lb-entries">
              Entries <span class="nr-muted">({view.entries.length})</span>
            </h2>
            {view.entries.length === 0 ? (
              <p>No entry yet.</p>
            ) : (
              <ol class="lb-entries" reversed>
                {view.entries.map((e) => (
                  <EntryItem
                    key={e.id}
                    blog={blog}
                    entry={e}
                    csrf={ctx.csrf}
                    editor={props.editor}
                    mayChange={props.editor || e.authorId === props.viewerId}
                    typed={typed}
                    invalid={error?.field ?? null}
                  />
                ))}
              </ol>
            )}
          </section>
        </div>
        <aside class="lb-side" aria-label="The live blog">
          {props.editor ? (
            <>
              <section aria-labelledby="lb-state">
                <h2 id="lb-state">State</h2>
                <div class="nr-actions">
                  {blog.deskStatus !== "published" ? (
                    <PostButton
                      action={`/newsroom/live/${id}/publish`}
                      csrf={ctx.csrf}
                      label="Publish"
                    />
                  ) : null}
                  <PostButton
                    action={`/newsroom/live/${id}/close`}
                    csrf={ctx.csrf}
                    label={blog.closedAt ? "Reopen" : "Close the live blog"}
                    variant={blog.closedAt ? "secondary" : "danger"}
                    fields={{ closed: blog.closedAt ? "0" : "1" }}
                  />
                </div>
              </section>
              <section aria-labelledby="lb-summary-h">
                <h2 id="lb-summary-h">Summary</h2>
                <form method="post" action={`/newsroom/live/${id}/summary`} class="nr-form">
                  <CsrfField token={ctx.csrf} />
                  <label for="lb-summary">
                    Summary block{" "}
                    <span class="hint">{MARKDOWN_HINT}. Shown above the updates.</span>
                  </label>
                  <textarea
                    id="lb-summary"
                    name="summary"
                    rows={6}
                    maxLength={SUMMARY_MAX}
                    {...invalidIf(typed?.summary !== undefined && error?.field === "summary")}
                  >
                    {typed?.summary ?? blog.summaryMarkdown}
                  </textarea>
                  <div>
                    <button type="submit">Save summary</button>
                  </div>
                </form>
              </section>
            </>
          ) : null}
          <section aria-labelledby="lb-people">
            <h2 id="lb-people">Reporters</h2>
            {view.assignees.length === 0 ? (
              <p>Nobody is assigned; editors can post on every live blog.</p>
            ) : (
              <ul class="lb-people">
                {view.assignees.map((a) => (
                  <li key={a.userId}>
                    {a.name} <span class="nr-muted">{a.email}</span>{" "}
                    {props.editor ? (
                      <PostButton
                        action={`/newsroom/live/${id}/unassign`}
                        csrf={ctx.csrf}
                        label={`Unassign ${a.name}`}
                        variant="link"
                        fields={{ userId: String(a.userId) }}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {props.editor ? (
              <form method="post" action={`/newsroom/live/${id}/assign`} class="lb-assign">
                <CsrfField token={ctx.csrf} />
                <label for="lb-assign">Assign</label>
                <select id="lb-assign" name="email" required>
                  {candidates.map((p) => (
                    <option key={p.id} value={p.email}>
                      {p.name} ({p.role})
                    </option>
                  ))}
                </select>
                <button type="submit" class="secondary">
                  Assign
                </button>
              </form>
            ) : null}
          </section>
        </aside>
      </div>
    </NewsroomLayout>
  );
}

/** The console of one live blog and its forms; each answers by going back to it. */
export function registerLiveblogConsole(
  app: FastifyInstance,
  kit: NewsroomKit,
  actions: LiveblogActions,
  deps: { users: UserRepository },
) {
  const blogId = (request: FastifyRequest) =>
    parseId((request.params as { id?: string }).id, "live blog");
  const entryId = (request: FastifyRequest) =>
    parseId((request.params as { entryId?: string }).entryId, "entry");

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    error: { message: string; field: string | null } | null = null,
    typed: Typed | null = null,
    status = 200,
  ) {
    const actor = actorOf(kit, request);
    const editor = roleAtLeast(actor.viewer.role, "editor");
    const id = blogId(request);
    const [view, people] = await Promise.all([
      actions.open(actor, id),
      editor ? deps.users.list() : Promise.resolve([]),
    ]);
    const query = request.query as { done?: string };
    return kit.send(
      reply,
      <ConsolePage
        ctx={kit.ctx(request)}
        view={view}
        viewerId={actor.viewer.user.id}
        editor={editor}
        people={people}
        notice={error ? null : (NOTICES[query.done ?? ""] ?? null)}
        error={error}
        typed={typed}
      />,
      status,
    );
  }

  app.get("/newsroom/live/:id", { config: { access: "reporter" } }, (request, reply) =>
    show(request, reply),
  );

  /**
   * A console form: the change, then back to the console with a notice; a refused one
   * (400, or 409 for a closed blog) shows the console again with the message and the text kept.
   */
  const form = (
    path: string,
    access: "reporter" | "editor",
    apply: (
      actor: Actor,
      request: FastifyRequest,
      fields: Record<string, unknown>,
    ) => Promise<string>,
    keep: (request: FastifyRequest, fields: Record<string, unknown>) => Typed | null = () => null,
  ) =>
    app.post(`/newsroom/live/:id${path}`, { config: { access } }, async (request, reply) => {
      const id = blogId(request);
      const fields = bodyFields(request.body);
      let done: string;
      try {
        done = await apply(actorOf(kit, request), request, fields);
      } catch (error) {
        if (isAppError(error) && (error.status === 400 || error.status === 409)) {
          const field = typeof error.context.field === "string" ? error.context.field : null;
          return show(
            request,
            reply,
            { message: error.message, field },
            keep(request, fields),
            error.status,
          );
        }
        throw error;
      }
      return reply.redirect(`/newsroom/live/${id}?done=${done}`, 303);
    });

  const str = (fields: Record<string, unknown>, name: string) =>
    typeof fields[name] === "string" ? (fields[name] as string).slice(0, 50_000) : "";
  const flagOn = (fields: Record<string, unknown>, name: string) => {
    const v = str(fields, name);
    if (v !== "0" && v !== "1") {
      throw new AppError("invalid_field", `${name} must be 0 or 1`, {
        status: 400,
        context: { field: name },
      });
    }
    return v === "1";
  };

  form(
    "/entries",
    "reporter",
    async (actor, request, fields) => {
      await actions.post(actor, blogId(request), fields);
      return "posted";
    },
    (_request, fields) => ({
      entryId: null,
      title: str(fields, "title"),
      body: str(fields, "body"),
    }),
  );
  form(
    "/entries/:entryId",
    "reporter",
    async (actor, request, fields) => {
      // Key event and pin have their own buttons: the edit form changes the text only.
      const { keyEvent: _k, pinned: _p, ...text } = fields;
      await actions.edit(actor, blogId(request), entryId(request), text);
      return "edited";
    },
    (request, fields) => ({
      entryId: entryId(request),
      title: str(fields, "title"),
      body: str(fields, "body"),
    }),
  );
  form("/entries/:entryId/delete", "reporter", async (actor, request) => {
    await actions.remove(actor, blogId(request), entryId(request));
    return "deleted";
  });
  form("/entries/:entryId/key", "reporter", async (actor, request, fields) => {
    await actions.setKeyEvent(actor, blogId(request), entryId(request), flagOn(fields, "on"));
    return "key";
  });
  form("/entries/:entryId/pin", "editor", async (actor, request, fields) => {
    const on = flagOn(fields, "on");
    await actions.setPinned(actor, blogId(request), entryId(request), on);
    return on ? "pinned" : "unpinned";
  });
  form(
    "/summary",
    "editor",
    async (actor, request, fields) => {
      await actions.setSummary(actor, blogId(request), fields);
      return "summary";
    },
    (_request, fields) => ({ entryId: null, title: "", body: "", summary: str(fields, "summary") }),
  );
  form("/publish", "editor", async (actor, request) => {
    await actions.publish(actor, blogId(request));
    return "published";
  });
  form("/close", "editor", async (actor, request, fields) => {
    const closed = flagOn(fields, "closed");
    await actions.setClosed(actor, blogId(request), closed);
    return closed ? "closed" : "reopened";
  });
  form("/assign", "editor", async (actor, request, fields) => {
    await actions.assign(actor, blogId(request), fields);
    return "assigned";
  });
  form("/unassign", "editor", async (actor, request, fields) => {
    const userId = /^\d{1,9}$/.test(str(fields, "userId")) ? Number(str(fields, "userId")) : null;
    if (userId === null) {
      throw new AppError("invalid_field", "Choose whom to unassign.", {
        status: 400,
        context: { field: "userId" },
      });
    }
    await actions.unassign(actor, blogId(request), userId);
    return "unassigned";
  });
}
