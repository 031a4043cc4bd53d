import type { FastifyRequest } from "fastify";
import type { NewAuditEntry } from "../db/audit-repository.ts";
import type {
  DeskArticle,
  DraftFields,
  NewsroomArticleRepository,
  Revision,
  WorkingCopy,
} from "../db/newsroom-article-repository.ts";
import { bodyText } from "../domain/body-text.ts";
import type { DeskStatus } from "../domain/desk-status.ts";
import type { LintFinding } from "../domain/enrichment.ts";
import { AppError } from "../domain/errors.ts";
import { roleAtLeast } from "../domain/user.ts";
import { lintArticle } from "../enrich/lint/lint.ts";
import { sanitizeHtml } from "../ingest/sanitize.ts";
import type { Viewer } from "./access.ts";
import type { NewsroomKit } from "./kit.ts";
import { checkMarkdown, markdownToHtml } from "./markdown.ts";
import { UPLOAD_NAME } from "./uploads.ts";

/**
 * Writing and publishing, once for the editor's pages and the write API: fields checked
 * with a message naming the field, the object-level rule (a reporter touches only their
 * own articles and never publishes), the change, its audit entry (before and after), then
 * `published()` for every change of what readers may see. Saves and autosaves write only
 * the working copy: readers' pages never change with them.
 */
export const HEADLINE_MAX = 300;
export const STANDFIRST_MAX = 1_000;
export const BYLINE_MAX = 200;
export const SLUG_MAX = 120;
export const TAG_MAX = 60;
export const TAGS_MAX = 20;
export const ALT_MAX = 500;
export const BODY_MAX = 200_000;
/** Someone with the page open heartbeats every 15 s; a minute without one and they are gone. */
export const PRESENCE_WINDOW_MS = 60_000;

export type PublishMode = "now" | "schedule" | "embargo";

export interface ArticleActor {
  viewer: Viewer;
  audit(entry: Omit<NewAuditEntry, "actorId" | "actor" | "at">): Promise<void>;
}

export function articleActor(kit: NewsroomKit, request: FastifyRequest): ArticleActor {
  return { viewer: kit.viewer(request), audit: (entry) => kit.audit(request, entry) };
}

export interface ArticleActionDeps {
  newsroomArticles: NewsroomArticleRepository;
  /** New articles' language (the site's). */
  language: string;
  published(change: { articleIds: readonly number[]; reason: string }): void;
}

function bad(code: string, field: string, message: string): AppError {
  return new AppError(code, message, { status: 400, context: { field } });
}

const forbidden = (message: string) => new AppError("forbidden", message, { status: 403 });

export function parseArticleId(raw: unknown): number {
  const s = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : "";
  if (!/^\d{1,12}$/.test(s)) throw new AppError("not_found", "no such article", { status: 404 });
  return Number(s);
}

function textOf(value: unknown, field: string, max: number, label: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") throw bad("invalid_field", field, `The ${label} must be text.`);
  const v = value.replace(/\s+/g, " ").trim();
  if (v.length > max) {
    throw bad("field_too_long", field, `The ${label} is longer than ${max} characters.`);
  }
  return v;
}

function tagsOf(value: unknown): string[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === "string"
      ? value.split(",")
      : value === undefined || value === null
        ? []
        : null;
  if (list === null) throw bad("invalid_field", "tags", "The tags must be text, comma-separated.");
  const tags: string[] = [];
  for (const raw of list) {
    const tag = textOf(raw, "tags", TAG_MAX, "tag");
    if (tag !== "" && !tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > TAGS_MAX) {
    throw bad("too_many_tags", "tags", `Give at most ${TAGS_MAX} tags.`);
  }
  return tags;
}

/** The fields of a form or JSON body over the current working copy (absent: unchanged). */
export function draftFieldsOf(
  body: Record<string, unknown>,
  base: DraftFields | null,
): DraftFields {
  const has = (name: string) => Object.hasOwn(body, name);
  const pick = <T>(name: string, read: (v: unknown) => T, fallback: T): T =>
    has(name) ? read(body[name]) : fallback;
  const headline = pick(
    "headline",
    (v) => textOf(v, "headline", HEADLINE_MAX, "headline"),
    base?.headline ?? "",
  );
  if (headline === "") throw bad("field_required", "headline", "Give the article a headline.");
  const sectionSlug = pick(
    "section",
    (v) => textOf(v, "section", 80, "section"),
    base?.sectionSlug ?? "",
  );
  if (sectionSlug === "") throw bad("field_required", "section", "Pick a section.");
  const slug = pick(
    "slug",
    (v) => textOf(v, "slug", SLUG_MAX, "slug").toLowerCase(),
    base?.slug ?? "",
  );
  if (slug !== "" && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    throw bad(
      "invalid_slug",
      "slug",
      "The slug may hold only lower-case letters, digits and single hyphens between them (or leave it empty).",
    );
  }
  const bodySource = pick(
    "body",
    (v) => {
      if (v === undefined || v === null) return "";
      if (typeof v !== "string") throw bad("invalid_field", "body", "The body must be text.");
      return v.replace(/\r\n?/g, "\n");
    },
    base?.bodySource ?? "",
  );
  if (bodySource.length > BODY_MAX) {
    throw bad("field_too_long", "body", `The body is longer than ${BODY_MAX} characters.`);
  }
  checkMarkdown(bodySource, "body");
  const imagePath = pick(
    "image",
    (v) => {
      const name = textOf(v, "image", 100, "image");
      if (name === "") return null;
      if (!UPLOAD_NAME.test(name)) throw bad("invalid_image", "image", "Upload the image first.");
      return name;
    },
    base?.imagePath ?? null,
  );
  const imageAlt = pick(
    "imageAlt",
    (v) => textOf(v, "imageAlt", ALT_MAX, "image description") || null,
    base?.imageAlt ?? null,
  );
  if (imagePath !== null && !imageAlt) {
    throw bad(
      "alt_required",
      "imageAlt",
      "Describe the image for readers who cannot see it (alt text is required).",
    );
  }
  return {
    headline,
    standfirst: pick(
      "standfirst",
      (v) => textOf(v, "standfirst", STANDFIRST_MAX, "standfirst"),
      base?.standfirst ?? "",
    ),
    bodySource,
    sectionSlug,
    slug,
    tags: pick("tags", tagsOf, base?.tags ?? []),
    byline: pick("byline", (v) => textOf(v, "byline", BYLINE_MAX, "byline"), base?.byline ?? ""),
    imagePath,
    imageAlt: imagePath === null ? null : imageAlt,
  };
}

export function fieldsOfDraft(draft: WorkingCopy): DraftFields {
  return {
    headline: draft.headline,
    standfirst: draft.standfirst,
    bodySource: draft.bodySource,
    sectionSlug: draft.sectionSlug,
    slug: draft.slug,
    tags: draft.tags,
    byline: draft.byline,
    imagePath: draft.imagePath,
    imageAlt: draft.imageAlt,
  };
}

/**
 * A revision as working-copy fields; the slug and what a revision does not record stay
 * as they are. Null when the revision holds only HTML (an imported wire item's): there is
 * no Markdown to put back in the editor.
 */
export function fieldsOfRevision(revision: Revision, current: DraftFields): DraftFields | null {
  if (revision.bodySource === null) return null;
  const image = revision.imagePath !== null && revision.imageAlt;
  return {
    ...current,
    headline: revision.headline,
    standfirst: revision.standfirst ?? "",
    bodySource: revision.bodySource,
    sectionSlug: revision.sectionSlug ?? current.sectionSlug,
    tags: revision.tags,
    byline: revision.byline ?? "",
    imagePath: image ? revision.imagePath : null,
    imageAlt: image ? revision.imageAlt : null,
  };
}

/** The HTML readers get for a working copy: its image (with its alt text), then the body. */
export function renderBody(draft: DraftFields): string {
  const body = markdownToHtml(draft.bodySource, "body");
  if (!draft.imagePath) return body;
  const alt = draft.imageAlt ?? "";
  const figure = sanitizeHtml(
    `<figure><img src="/uploads/${draft.imagePath}" alt="${alt
      .replace(/&/g, "&amp;")
      .replace(/"/g, "&quot;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")}"></figure>`,
  );
  return `${figure}${body}`;
}

/** The copy lint over the Markdown as written: every span is an offset into `bodySource`. */
export function lintDraft(draft: DraftFields, language: string): LintFinding[] {
  return lintArticle({
    headline: draft.headline,
    standfirst: draft.standfirst,
    text: draft.bodySource,
    language,
  }).findings;
}

/** What the audit log keeps of an article's state. */
function snapshot(article: DeskArticle) {
  return {
    deskStatus: article.deskStatus,
    status: article.status,
    version: article.version,
    headline: article.headline,
    section: article.sectionSlug,
    slug: article.slug,
    publishedAt: article.publishedAt,
  };
}

function draftSnapshot(draft: WorkingCopy | DraftFields) {
  return {
    headline: draft.headline,
    standfirst: draft.standfirst,
    section: draft.sectionSlug,
    slug: draft.slug,
    tags: draft.tags,
    byline: draft.byline,
    image: draft.imagePath,
    imageAlt: draft.imageAlt,
    body: draft.bodySource,
    ...("version" in draft ? { version: draft.version } : {}),
  };
}

export function isEditorRole(viewer: Viewer): boolean {
  return roleAtLeast(viewer.role, "editor");
}

/** The time a schedule or embargo names: a date the server can read, after now. */
export function publishTimeOf(value: unknown, mode: PublishMode, now: Date): Date {
  const raw = typeof value === "string" ? value.trim() : "";
  if (raw === "") {
    throw bad(
      "field_required",
      "at",
      `Give the time to ${mode === "embargo" ? "lift the embargo" : "publish"} (UTC).`,
    );
  }
  // A datetime-local field has no zone: the desk works in UTC, as it shows its times.
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(raw) ? `${raw}Z` : raw;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(raw)) {
    throw bad(
      "invalid_time",
      "at",
      "The time must be a date and time such as 2026-12-07T18:30 (UTC).",
    );
  }
  if (at.getTime() <= now.getTime()) {
    throw bad(
      "time_in_past",
      "at",
      `That time (${at.toISOString().slice(0, 16).replace("T", " ")} UTC) has already passed: ${
        mode === "embargo" ? "an embargo" : "a schedule"
      } needs a time in the future, or publish now.`,
    );
  }
  return at;
}

export function publishModeOf(value: unknown): PublishMode {
  if (value === undefined || value === null || value === "") return "now";
  if (value === "now" || value === "schedule" || value === "embargo") return value;
  throw bad("invalid_mode", "mode", "The mode must be now, schedule or embargo.");
}

export function createArticleActions(deps: ArticleActionDeps) {
  const repo = deps.newsroomArticles;

  async function article(id: number): Promise<DeskArticle> {
    const found = await repo.get(id);
    if (!found)
      throw new AppError("not_found", `no article #${id} in the newsroom`, { status: 404 });
    return found;
  }

  /** A reporter may open and change only their own articles; editors anything. */
  function mayTouch(viewer: Viewer, a: DeskArticle): boolean {
    return isEditorRole(viewer) || a.authorId === viewer.user.id;
  }

  async function touchable(actor: ArticleActor, id: number): Promise<DeskArticle> {
    const a = await article(id);
    if (!mayTouch(actor.viewer, a)) {
      throw forbidden("This article is another reporter's: only they and the editors may open it.");
    }
    if (a.deskStatus === "killed") {
      throw new AppError("killed", "This article was killed: it can no longer be changed.", {
        status: 409,
      });
    }
    return a;
  }

  function editorOnly(actor: ArticleActor, what: string): void {
    if (!isEditorRole(actor.viewer)) throw forbidden(`Only an editor may ${what}.`);
  }

  async function changeDesk(
    actor: ArticleActor,
    a: DeskArticle,
    desk: DeskStatus,
    status: DeskArticle["status"],
    action: string,
    summary: string,
    now: Date,
  ): Promise<DeskArticle> {
    const after = await repo.setDeskStatus(a.id, desk, status, now);
    await actor.audit({
      action,
      targetType: "article",
      targetId: String(a.id),
      summary,
      before: snapshot(a),
      after: snapshot(after),
    });
    deps.published({ articleIds: [a.id], reason: action });
    return after;
  }

  return {
    get: article,
    mayTouch,
    open: (actor: ArticleActor, id: number) =>
      touchable(actor, id).catch(async (error: unknown) => {
        // A killed article can still be looked at (read-only), by those who may touch it.
        if (error instanceof AppError && error.code === "killed") return article(id);
        throw error;
      }),

    list(viewer: Viewer, deskStatus: DeskStatus | undefined, limit = 100) {
      return repo.list({
        authorId: isEditorRole(viewer) ? undefined : viewer.user.id,
        deskStatus,
        limit,
      });
    },

    async create(actor: ArticleActor, body: Record<string, unknown>, now = new Date()) {
      const fields = draftFieldsOf(body, null);
      if (!fields.byline) fields.byline = actor.viewer.user.name;
      const created = await repo.create(fields, {
        authorId: actor.viewer.user.id,
        language: deps.language,
        now,
      });
      await actor.audit({
        action: "article.create",
        targetType: "article",
        targetId: String(created.id),
        summary: `started the draft "${fields.headline}"`,
        before: null,
        after: draftSnapshot(created.draft),
      });
      return created;
    },

    /** A save or autosave of the working copy; a stale `version` changes nothing. */
    async save(
      actor: ArticleActor,
      id: number,
      body: Record<string, unknown>,
      version: number,
      options: { autosave?: boolean; now?: Date } = {},
    ) {
      const a = await touchable(actor, id);
      const fields = draftFieldsOf(body, fieldsOfDraft(a.draft));
      const outcome = await repo.saveDraft(id, fields, version, {
        userId: actor.viewer.user.id,
        now: options.now ?? new Date(),
      });
      if (outcome.saved) {
        await actor.audit({
          action: options.autosave ? "article.autosave" : "article.save",
          targetType: "article",
          targetId: String(id),
          summary: `${options.autosave ? "autosaved" : "saved"} the working copy of "${fields.headline}"`,
          before: draftSnapshot(a.draft),
          after: draftSnapshot(outcome.draft),
        });
      }
      return { outcome, mine: fields };
    },

    /** Applies one copy-lint finding's suggested fix to the working copy. */
    async applyFix(
      actor: ArticleActor,
      id: number,
      finding: { start: number; end: number; rule: string },
      version: number,
    ) {
      const a = await touchable(actor, id);
      if (a.draft.version !== version) {
        throw new AppError(
          "stale_version",
          "The text changed since this page was loaded: reload to see the findings of the latest version.",
          { status: 409 },
        );
      }
      const draft = fieldsOfDraft(a.draft);
      const match = lintDraft(draft, deps.language).find(
        (f) =>
          f.start === finding.start &&
          f.end === finding.end &&
          f.rule === finding.rule &&
          f.fix !== null,
      );
      if (!match || match.fix === null) {
        throw new AppError("no_such_fix", "That finding is no longer in the text.", {
          status: 409,
        });
      }
      const fields: DraftFields = {
        ...draft,
        bodySource: `${draft.bodySource.slice(0, match.start)}${match.fix}${draft.bodySource.slice(match.end)}`,
      };
      const outcome = await repo.saveDraft(id, fields, version, {
        userId: actor.viewer.user.id,
        now: new Date(),
      });
      if (!outcome.saved) {
        throw new AppError("stale_version", "Someone saved meanwhile: reload and try again.", {
          status: 409,
        });
      }
      await actor.audit({
        action: "article.fix",
        targetType: "article",
        targetId: String(id),
        summary: `applied the ${match.rule} fix: "${match.text}" → "${match.fix}"`,
        before: { text: match.text, version },
        after: { text: match.fix, version: outcome.draft.version },
      });
      return outcome.draft;
    },

    async submit(actor: ArticleActor, id: number, now = new Date()) {
      const a = await touchable(actor, id);
      if (!["draft", "unpublished", "submitted"].includes(a.deskStatus)) {
        throw new AppError(
          "not_a_draft",
          `This article is ${a.deskStatus}: only a draft can be submitted for review.`,
          { status: 409 },
        );
      }
      return changeDesk(
        actor,
        a,
        "submitted",
        "draft",
        "article.submit",
        `submitted "${a.draft.headline}" for review`,
        now,
      );
    },

    async publish(
      actor: ArticleActor,
      id: number,
      request: { mode: PublishMode; at?: unknown },
      now = new Date(),
    ) {
      editorOnly(actor, "publish");
      const a = await touchable(actor, id);
      const draft = fieldsOfDraft(a.draft);
      const html = renderBody(draft);
      if (bodyText(html).trim() === "") {
        throw bad("field_required", "body", "Write the body before publishing.");
      }
      const mode = request.mode;
      let publishedAt: string | null;
      let desk: DeskStatus;
      if (mode === "now") {
        desk = "published";
        // An update of a published article keeps its first time; anything else is now.
        publishedAt =
          a.publishedAt !== null && a.status === "published" && a.publishedAt <= now.toISOString()
            ? null
            : now.toISOString();
      } else {
        desk = mode === "schedule" ? "scheduled" : "embargoed";
        publishedAt = publishTimeOf(request.at, mode, now).toISOString();
      }
      const after = await repo.publish(id, {
        status: desk === "published" ? "published" : "scheduled",
        deskStatus: desk,
        publishedAt,
        body: html,
        bodyText: bodyText(html),
        userId: actor.viewer.user.id,
        note:
          mode === "now"
            ? "published"
            : `${mode === "schedule" ? "scheduled" : "under embargo"} until ${publishedAt}`,
        now,
      });
      const action = `article.${mode === "now" ? "publish" : mode}`;
      await actor.audit({
        action,
        targetType: "article",
        targetId: String(id),
        summary:
          mode === "now"
            ? `published "${after.headline}"`
            : `${mode === "schedule" ? "scheduled" : "embargoed"} "${after.headline}" until ${after.publishedAt}`,
        before: snapshot(a),
        after: snapshot(after),
      });
      deps.published({ articleIds: [id], reason: action });
      return after;
    },

    async unpublish(actor: ArticleActor, id: number, now = new Date()) {
      editorOnly(actor, "unpublish");
      const a = await touchable(actor, id);
      if (!["published", "scheduled", "embargoed"].includes(a.deskStatus)) {
        throw new AppError("not_published", "This article is not published or scheduled.", {
          status: 409,
        });
      }
      return changeDesk(
        actor,
        a,
        "unpublished",
        "draft",
        "article.unpublish",
        `unpublished "${a.headline}"`,
        now,
      );
    },

    async kill(actor: ArticleActor, id: number, confirmed: boolean, now = new Date()) {
      editorOnly(actor, "kill an article");
      const a = await touchable(actor, id);
      if (!confirmed) {
        throw bad(
          "confirm_required",
          "confirm",
          "Tick the box to confirm: a killed article leaves every page, feed and list for good and its address answers 410.",
        );
      }
      return changeDesk(actor, a, "killed", "draft", "article.kill", `killed "${a.headline}"`, now);
    },

    async heartbeat(actor: ArticleActor, id: number, now = new Date()) {
      const a = await article(id);
      if (!mayTouch(actor.viewer, a)) {
        throw forbidden(
          "This article is another reporter's: only they and the editors may open it.",
        );
      }
      await repo.heartbeat(id, actor.viewer.user.id, now);
      return repo.present(id, actor.viewer.user.id, new Date(now.getTime() - PRESENCE_WINDOW_MS));
    },

    /** Every published revision, newest first, for those who may open the article. */
    async history(actor: ArticleActor, id: number) {
      const a = await article(id);
      if (!mayTouch(actor.viewer, a)) {
        throw forbidden(
          "This article is another reporter's: only they and the editors may open it.",
        );
      }
      return { article: a, revisions: await repo.revisions(id) };
    },

    /**
     * Copies a revision into the working copy, never to readers: publishing it is a
     * separate, deliberate step. `version` is the working copy's version the person saw.
     */
    async restore(
      actor: ArticleActor,
      id: number,
      number: number,
      version: number,
      now = new Date(),
    ) {
      const a = await touchable(actor, id);
      const revision = (await repo.revisions(id)).find((r) => r.number === number);
      if (!revision) {
        throw new AppError("not_found", `Article #${id} has no revision ${number}.`, {
          status: 404,
        });
      }
      const fields = fieldsOfRevision(revision, fieldsOfDraft(a.draft));
      if (fields === null) {
        throw new AppError(
          "not_restorable",
          `Revision ${number} came in as HTML from the wire: there is no Markdown to restore. Copy what you need from the comparison instead.`,
          { status: 409 },
        );
      }
      const outcome = await repo.saveDraft(id, fields, version, {
        userId: actor.viewer.user.id,
        now,
      });
      if (!outcome.saved) {
        throw new AppError(
          "stale_version",
          "The working copy changed since this page was loaded: reload the history and restore again.",
          { status: 409 },
        );
      }
      await actor.audit({
        action: "article.restore",
        targetType: "article",
        targetId: String(id),
        summary: `restored revision ${number} of "${a.headline}" into the working copy`,
        before: draftSnapshot(a.draft),
        after: draftSnapshot(outcome.draft),
      });
      return outcome.draft;
    },

    present: (id: number, viewer: Viewer, now = new Date()) =>
      repo.present(id, viewer.user.id, new Date(now.getTime() - PRESENCE_WINDOW_MS)),
  };
}

export type ArticleActions = ReturnType<typeof createArticleActions>;
