import type { FastifyRequest } from "fastify";
import type { NewAuditEntry } from "../db/audit-repository.ts";
import type {
  ConsoleEntry,
  ConsoleLiveblog,
  LiveblogConsoleRepository,
} from "../db/liveblog-console-repository.ts";
import type { UserRepository } from "../db/user-repository.ts";
import { AppError } from "../domain/errors.ts";
import { roleAtLeast } from "../domain/user.ts";
import type { Viewer } from "./access.ts";
import type { NewsroomKit } from "./kit.ts";
import { markdownToHtml } from "./markdown.ts";

/**
 * What the live-blog console does, once, for its pages and the write API alike: the input
 * checked (a message naming the field), the object-level rule (a reporter writes only on
 * the blogs they are assigned to, and edits only their own entries), the change, its
 * audit entry, then `published()` so readers' cached pages go.
 */
export const LIVE_HEADLINE_MAX = 200;
export const LIVE_STANDFIRST_MAX = 600;
export const ENTRY_TITLE_MAX = 200;
export const ENTRY_BODY_MAX = 20_000;
export const SUMMARY_MAX = 20_000;

export interface LiveblogActionDeps {
  liveblogConsole: LiveblogConsoleRepository;
  users: UserRepository;
  /** The default language of new blogs (the site's). */
  language: string;
  published(change: { articleIds: readonly number[]; reason: string }): void;
}

/** Who acts, and how their change is recorded: from a request, via the kit. */
export interface Actor {
  viewer: Viewer;
  audit(entry: Omit<NewAuditEntry, "actorId" | "actor" | "at">): Promise<void>;
}

export function actorOf(kit: NewsroomKit, request: FastifyRequest): Actor {
  return { viewer: kit.viewer(request), audit: (entry) => kit.audit(request, entry) };
}

function bad(code: string, field: string, message: string): AppError {
  return new AppError(code, message, { status: 400, context: { field } });
}

const forbidden = (message: string) => new AppError("forbidden", message, { status: 403 });

const isEditor = (viewer: Viewer) => roleAtLeast(viewer.role, "editor");

/** Text input from a form or a JSON body: a string, trimmed, within `max`. */
function text(value: unknown, field: string, max: number, label = field): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw bad("invalid_field", field, `The ${label} must be text.`);
  const v = value.trim();
  if (v.length > max) {
    throw bad("field_too_long", field, `The ${label} is longer than ${max} characters.`);
  }
  return v;
}

function required(value: unknown, field: string, max: number, label = field): string {
  const v = text(value, field, max, label);
  if (v === "") throw bad("field_required", field, `Give the ${label}.`);
  return v;
}

export function createLiveblogActions(deps: LiveblogActionDeps) {
  const repo = deps.liveblogConsole;

  async function blog(id: number): Promise<ConsoleLiveblog> {
    const found = await repo.get(id);
    if (!found) throw new AppError("not_found", `no live blog #${id}`, { status: 404 });
    return found;
  }

  /** Editors write on every blog; a reporter only on the blogs they are assigned to. */
  async function mayWrite(viewer: Viewer, articleId: number): Promise<boolean> {
    return isEditor(viewer) || repo.isAssigned(articleId, viewer.user.id);
  }

  async function writable(actor: Actor, id: number): Promise<ConsoleLiveblog> {
    const found = await blog(id);
    if (!(await mayWrite(actor.viewer, id))) {
      throw forbidden("You are not assigned to this live blog: ask an editor to add you.");
    }
    return found;
  }

  async function ownEntry(actor: Actor, id: number, entryId: number): Promise<ConsoleEntry> {
    await writable(actor, id);
    const found = await repo.entry(id, entryId);
    if (!found)
      throw new AppError("not_found", `no entry #${entryId} in this live blog`, { status: 404 });
    if (!isEditor(actor.viewer) && found.authorId !== actor.viewer.user.id) {
      throw forbidden("Only an editor may change another person's entry.");
    }
    return found;
  }

  const editorOnly = (actor: Actor, what: string) => {
    if (!isEditor(actor.viewer)) throw forbidden(`Only an editor may ${what}.`);
  };

  function entryInput(body: Record<string, unknown>) {
    const title = text(body.title, "title", ENTRY_TITLE_MAX);
    const bodyMarkdown = typeof body.body === "string" ? body.body.replace(/\r\n/g, "\n") : "";
    if (bodyMarkdown.trim() === "") throw bad("field_required", "body", "Write the entry's text.");
    if (bodyMarkdown.length > ENTRY_BODY_MAX) {
      throw bad("field_too_long", "body", `The body is longer than ${ENTRY_BODY_MAX} characters.`);
    }
    return {
      title: title === "" ? null : title,
      bodyMarkdown,
      body: markdownToHtml(bodyMarkdown, "body"),
    };
  }

  const changed = (id: number, reason: string) => deps.published({ articleIds: [id], reason });

  return {
    blog,
    mayWrite,

    /** The console's list: editors see every blog, a reporter those they are assigned to. */
    list(viewer: Viewer) {
      return isEditor(viewer) ? repo.list() : repo.list({ assignedTo: viewer.user.id });
    },

    /** The console page's view of one blog, for anyone who may write on it. */
    async open(actor: Actor, id: number) {
      const found = await writable(actor, id);
      const [entries, assignees] = await Promise.all([repo.entries(id), repo.assignees(id)]);
      return { blog: found, entries, assignees };
    },

    async create(actor: Actor, body: Record<string, unknown>): Promise<ConsoleLiveblog> {
      editorOnly(actor, "start a live blog");
      const headline = required(body.headline, "headline", LIVE_HEADLINE_MAX);
      const section = required(body.section, "section", 100);
      const standfirst = text(body.standfirst, "standfirst", LIVE_STANDFIRST_MAX);
      const summaryMarkdown = typeof body.summary === "string" ? body.summary : "";
      if (summaryMarkdown.length > SUMMARY_MAX) {
        throw bad(
          "field_too_long",
          "summary",
          `The summary is longer than ${SUMMARY_MAX} characters.`,
        );
      }
      const summaryHtml = markdownToHtml(summaryMarkdown, "summary");
      const publish = body.publish === true || body.publish === "1" || body.publish === "on";
      const made = await repo.create({
        headline,
        standfirst: standfirst === "" ? null : standfirst,
        sectionSlug: section,
        summaryMarkdown,
        summaryHtml,
        language: deps.language,
        byline: null,
        publish,
        authorId: actor.viewer.user.id,
      });
      await actor.audit({
        action: "liveblog.create",
        targetType: "liveblog",
        targetId: String(made.articleId),
        summary: `started the live blog "${headline}"${publish ? " and published it" : ""}`,
        before: null,
        after: made,
      });
      changed(made.articleId, "liveblog.create");
      return made;
    },

    async publish(actor: Actor, id: number): Promise<ConsoleLiveblog> {
      editorOnly(actor, "publish a live blog");
      const before = await blog(id);
      await repo.publish(id);
      const after = await blog(id);
      await actor.audit({
        action: "liveblog.publish",
        targetType: "liveblog",
        targetId: String(id),
        summary: `published the live blog "${after.headline}"`,
        before,
        after,
      });
      changed(id, "liveblog.publish");
      return after;
    },

    async setSummary(actor: Actor, id: number, body: Record<string, unknown>) {
      editorOnly(actor, "write the summary");
      const before = await blog(id);
      const markdown = typeof body.summary === "string" ? body.summary.replace(/\r\n/g, "\n") : "";
      if (markdown.length > SUMMARY_MAX) {
        throw bad(
          "field_too_long",
          "summary",
          `The summary is longer than ${SUMMARY_MAX} characters.`,
        );
      }
      await repo.setSummary(id, markdown, markdownToHtml(markdown, "summary"));
      await actor.audit({
        action: "liveblog.summary",
        targetType: "liveblog",
        targetId: String(id),
        summary: `rewrote the summary of "${before.headline}"`,
        before: before.summaryMarkdown,
        after: markdown,
      });
      changed(id, "liveblog.summary");
    },

    async setClosed(actor: Actor, id: number, closed: boolean): Promise<ConsoleLiveblog> {
      editorOnly(actor, closed ? "close a live blog" : "reopen a live blog");
      const before = await blog(id);
      await repo.setClosed(id, closed ? new Date() : null);
      const after = await blog(id);
      await actor.audit({
        action: closed ? "liveblog.close" : "liveblog.reopen",
        targetType: "liveblog",
        targetId: String(id),
        summary: `${closed ? "closed" : "reopened"} the live blog "${after.headline}"`,
        before: { closedAt: before.closedAt },
        after: { closedAt: after.closedAt },
      });
      changed(id, closed ? "liveblog.close" : "liveblog.reopen");
      return after;
    },

    /** Assigns by e-mail address or user id; an unknown or disabled account is a 400. */
    async assign(actor: Actor, id: number, body: Record<string, unknown>) {
      editorOnly(actor, "assign reporters");
      const found = await blog(id);
      const who = text(body.email, "email", 320, "e-mail address").toLowerCase();
      const user = who === "" ? null : await deps.users.byEmail(who);
      if (!user || user.disabledAt !== null) {
        throw bad(
          "unknown_user",
          "email",
          who === ""
            ? "Give the reporter's e-mail address."
            : `No active account has the address ${who}.`,
        );
      }
      const added = await repo.assign(id, user.id, actor.viewer.user.id);
      if (added) {
        await actor.audit({
          action: "liveblog.assign",
          targetType: "liveblog",
          targetId: String(id),
          summary: `assigned ${user.email} to "${found.headline}"`,
          before: null,
          after: { userId: user.id, email: user.email },
        });
      }
      return { user, added };
    },

    async unassign(actor: Actor, id: number, userId: number) {
      editorOnly(actor, "unassign reporters");
      const found = await blog(id);
      const user = await deps.users.byId(userId);
      const removed = await repo.unassign(id, userId);
      if (removed) {
        await actor.audit({
          action: "liveblog.unassign",
          targetType: "liveblog",
          targetId: String(id),
          summary: `took ${user?.email ?? `user #${userId}`} off "${found.headline}"`,
          before: { userId, email: user?.email ?? null },
          after: null,
        });
      }
      return removed;
    },

    async post(actor: Actor, id: number, body: Record<string, unknown>): Promise<ConsoleEntry> {
      const found = await writable(actor, id);
      if (found.closedAt !== null) {
        throw new AppError("liveblog_closed", "This live blog is closed: reopen it to post.", {
          status: 409,
        });
      }
      const input = entryInput(body);
      const keyEvent = body.keyEvent === true || body.keyEvent === "1" || body.keyEvent === "on";
      const pinned = body.pinned === true || body.pinned === "1" || body.pinned === "on";
      if (pinned) editorOnly(actor, "pin an entry");
      const entry = await repo.post(id, {
        ...input,
        byline: actor.viewer.user.name,
        keyEvent,
        pinned,
        authorId: actor.viewer.user.id,
      });
      await actor.audit({
        action: "liveblog.entry.post",
        targetType: "liveblog_entry",
        targetId: String(entry.id),
        summary: `posted on "${found.headline}"${entry.title ? `: ${entry.title}` : ""}`,
        before: null,
        after: entry,
      });
      changed(id, "liveblog.entry.post");
      return entry;
    },

    /** Title and body from the input; key event and pin stay as they are unless given. */
    async edit(
      actor: Actor,
      id: number,
      entryId: number,
      body: Record<string, unknown>,
    ): Promise<ConsoleEntry> {
      const before = await ownEntry(actor, id, entryId);
      const input = entryInput(body);
      const keyEvent =
        body.keyEvent === undefined
          ? before.keyEvent
          : body.keyEvent === true || body.keyEvent === "1" || body.keyEvent === "on";
      const pinned =
        body.pinned === undefined
          ? before.pinned
          : body.pinned === true || body.pinned === "1" || body.pinned === "on";
      if (pinned !== before.pinned) editorOnly(actor, "pin an entry");
      const after = await repo.edit(id, entryId, {
        ...input,
        byline: before.byline,
        keyEvent,
        pinned,
      });
      if (!after) throw new AppError("not_found", `no entry #${entryId}`, { status: 404 });
      await actor.audit({
        action: "liveblog.entry.edit",
        targetType: "liveblog_entry",
        targetId: String(entryId),
        summary: `edited entry #${entryId} of live blog #${id}`,
        before,
        after,
      });
      changed(id, "liveblog.entry.edit");
      return after;
    },

    async remove(actor: Actor, id: number, entryId: number): Promise<void> {
      const before = await ownEntry(actor, id, entryId);
      if (!(await repo.remove(id, entryId))) {
        throw new AppError("not_found", `no entry #${entryId}`, { status: 404 });
      }
      await actor.audit({
        action: "liveblog.entry.delete",
        targetType: "liveblog_entry",
        targetId: String(entryId),
        summary: `deleted entry #${entryId} of live blog #${id}`,
        before,
        after: null,
      });
      changed(id, "liveblog.entry.delete");
    },

    async setKeyEvent(actor: Actor, id: number, entryId: number, on: boolean) {
      const before = await ownEntry(actor, id, entryId);
      const after = await repo.setKeyEvent(id, entryId, on);
      if (!after) throw new AppError("not_found", `no entry #${entryId}`, { status: 404 });
      await actor.audit({
        action: on ? "liveblog.entry.key" : "liveblog.entry.unkey",
        targetType: "liveblog_entry",
        targetId: String(entryId),
        summary: `${on ? "marked" : "unmarked"} entry #${entryId} as a key event`,
        before: { keyEvent: before.keyEvent },
        after: { keyEvent: after.keyEvent },
      });
      changed(id, "liveblog.entry.key");
      return after;
    },

    /** One pinned entry per blog: pinning this one unpins the other. Editors only. */
    async setPinned(actor: Actor, id: number, entryId: number, on: boolean) {
      editorOnly(actor, "pin an entry");
      const before = await ownEntry(actor, id, entryId);
      const after = await repo.setPinned(id, entryId, on);
      if (!after) throw new AppError("not_found", `no entry #${entryId}`, { status: 404 });
      await actor.audit({
        action: on ? "liveblog.entry.pin" : "liveblog.entry.unpin",
        targetType: "liveblog_entry",
        targetId: String(entryId),
        summary: `${on ? "pinned" : "unpinned"} entry #${entryId} of live blog #${id}`,
        before: { pinned: before.pinned },
        after: { pinned: after.pinned },
      });
      changed(id, "liveblog.entry.pin");
      return after;
    },
  };
}

export type LiveblogActions = ReturnType<typeof createLiveblogActions>;

/**
 * A form's or a JSON body's fields (a field sent twice keeps its first value); anything
 * but an object is a 400.
 */
export function bodyFields(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("bad_form", "the request body must be an object of fields", { status: 400 });
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}
