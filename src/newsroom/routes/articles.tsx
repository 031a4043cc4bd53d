import { createHash } from "node:crypto";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config/settings.ts";
import type { ArticleRepository } from "../../db/article-repository.ts";
import type {
  DeskArticle,
  DraftFields,
  NewsroomArticleRepository,
  WorkingCopy,
} from "../../db/newsroom-article-repository.ts";
import type { Article, Section } from "../../domain/article.ts";
import { DESK_STATUSES, type DeskStatus, isDeskStatus } from "../../domain/desk-status.ts";
import type { LintFinding } from "../../domain/enrichment.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { ArticlePage } from "../../site/article-page.tsx";
import { renderDocument } from "../../site/render.ts";
import { siteContext } from "../../site/site-context.ts";
import {
  ALT_MAX,
  type ArticleActions,
  articleActor,
  BYLINE_MAX,
  createArticleActions,
  fieldsOfDraft,
  HEADLINE_MAX,
  isEditorRole,
  lintDraft,
  parseArticleId,
  publishModeOf,
  renderBody,
  SLUG_MAX,
  STANDFIRST_MAX,
} from "../article-actions.ts";
import { deskTime } from "../desk-time.ts";
import { EDITOR_JS } from "../editor-script.ts";
import { differingFields, fieldText, SideBySide } from "../field-diff.tsx";
import type { NewsroomKit } from "../kit.ts";
import {
  CsrfField,
  FormError,
  NewsroomLayout,
  Notice,
  type PageContext,
  PostButton,
} from "../layout.tsx";
import { registerUploadServing, storeUpload, UPLOAD_MAX_BYTES, UPLOAD_NAME } from "../uploads.ts";
import { registerArticlesApi } from "./articles-api.ts";

const EDITOR_SCRIPT = Buffer.from(EDITOR_JS, "utf8");
export const EDITOR_SCRIPT_HREF = `/newsroom/assets/editor.${createHash("sha256")
  .update(EDITOR_SCRIPT)
  .digest("hex")
  .slice(0, 12)}.js`;

const STATUS_LABEL: Record<DeskStatus, string> = {
  draft: "Draft",
  submitted: "Submitted for review",
  scheduled: "Scheduled",
  embargoed: "Under embargo",
  published: "Published",
  unpublished: "Unpublished",
  held: "Held",
  dropped: "Dropped",
  killed: "Killed",
};

const NOTICES: Record<string, string> = {
  created: "Draft started. Readers see nothing until it is published.",
  saved: "Working copy saved. Readers see nothing of it until it is published.",
  fixed: "Fix applied to the working copy.",
  restored: "Revision restored into the working copy. Readers see it only when it is published.",
  image: "Image uploaded and added to the working copy.",
  submitted: "Submitted for review: an editor will publish it.",
  published: "Published: it is on the site now.",
  scheduled: "Scheduled: it appears everywhere at its time, by itself.",
  embargoed: "Under embargo: it appears everywhere when the embargo lifts.",
  unpublished: "Unpublished: it is off every page, feed and list.",
  killed: "Killed: its address answers 410 and it is gone from every output.",
};

type Problem = { message: string; field: string | null } | null;

function invalid(problem: Problem, field: string) {
  return problem?.field === field
    ? ({ "aria-invalid": "true", "aria-describedby": "form-error" } as const)
    : {};
}

function problemOf(error: unknown): Problem {
  if (!isAppError(error)) return null;
  const field = error.context.field;
  return { message: error.message, field: typeof field === "string" ? field : null };
}

function ArticleFields(props: {
  fields: DraftFields;
  sections: readonly Section[];
  problem: Problem;
  readOnly?: boolean;
}) {
  const { fields, problem } = props;
  const ro = props.readOnly ? { readOnly: true } : {};
  return (
    <>
      <label for="ar-headline">
        Headline
        <input
          id="ar-headline"
          type="text"
          name="headline"
          required
          maxLength={HEADLINE_MAX}
          value={fields.headline}
          {...ro}
          {...invalid(problem, "headline")}
        />
      </label>
      <label for="ar-standfirst">
        Standfirst
        <span class="hint">One or two sentences under the headline</span>
        <textarea
          id="ar-standfirst"
          name="standfirst"
          class="ar-short"
          maxLength={STANDFIRST_MAX}
          {...ro}
          {...invalid(problem, "standfirst")}
        >
          {fields.standfirst}
        </textarea>
      </label>
      <div class="ar-row">
        <label for="ar-section">
          Section
          <select id="ar-section" name="section" required {...invalid(problem, "section")}>
            {props.sections.map((s) => (
              <option key={s.slug} value={s.slug} selected={s.slug === fields.sectionSlug}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label for="ar-byline">
          Byline
          <input
            id="ar-byline"
            type="text"
            name="byline"
            maxLength={BYLINE_MAX}
            value={fields.byline}
            {...ro}
            {...invalid(problem, "byline")}
          />
        </label>
      </div>
      <div class="ar-row">
        <label for="ar-tags">
          Tags
          <span class="hint">Separated by commas</span>
          <input
            id="ar-tags"
            type="text"
            name="tags"
            value={fields.tags.join(", ")}
            {...ro}
            {...invalid(problem, "tags")}
          />
        </label>
        <label for="ar-slug">
          Slug
          <span class="hint">The end of its address; empty: made from the headline</span>
          <input
            id="ar-slug"
            type="text"
            name="slug"
            maxLength={SLUG_MAX}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            value={fields.slug}
            {...ro}
            {...invalid(problem, "slug")}
          />
        </label>
      </div>
      <label for="ar-body">
        Body
        <span class="hint">
          Markdown: blank line between paragraphs, ## for a subheading, [text](https://…) for a
          link. No HTML.
        </span>
        <textarea
          id="ar-body"
          name="body"
          class="ar-body"
          rows={18}
          {...ro}
          {...invalid(problem, "body")}
        >
          {fields.bodySource}
        </textarea>
      </label>
      {fields.imagePath ? (
        <>
          <input type="hidden" name="image" value={fields.imagePath} />
          <label for="ar-alt">
            Image description (alt text)
            <input
              id="ar-alt"
              type="text"
              name="imageAlt"
              required
              maxLength={ALT_MAX}
              value={fields.imageAlt ?? ""}
              {...ro}
              {...invalid(problem, "imageAlt")}
            />
          </label>
        </>
      ) : null}
    </>
  );
}

function Findings(props: {
  findings: LintFinding[];
  id: number;
  version: number;
  csrf: string;
  editable: boolean;
}) {
  const { findings } = props;
  return (
    <section id="findings" class="ar-findings" aria-labelledby="findings-heading">
      <h2 id="findings-heading" tabIndex={-1}>
        Copy check {findings.length === 0 ? "" : `(${findings.length})`}
      </h2>
      {findings.length === 0 ? (
        <p class="nr-muted">No findings in the saved text.</p>
      ) : (
        <ul class="ar-finding-list">
          {findings.map((f) => (
            <li key={`${f.rule}-${f.start}-${f.end}`} class={`ar-finding ar-${f.severity}`}>
              <p class="ar-finding-head">
                <span class="nr-badge">{f.severity}</span> {f.message}
              </p>
              <p class="ar-quote">
                <q>{f.text.length > 160 ? `${f.text.slice(0, 160)}…` : f.text}</q>
              </p>
              {f.fix !== null && props.editable ? (
                <form method="post" action={`/newsroom/articles/${props.id}/fix`} class="fix-form">
                  <CsrfField token={props.csrf} />
                  <input type="hidden" name="version" value={String(props.version)} />
                  <input type="hidden" name="start" value={String(f.start)} />
                  <input type="hidden" name="end" value={String(f.end)} />
                  <input type="hidden" name="rule" value={f.rule} />
                  <button type="submit" class="secondary">
                    {f.fix === "" ? "Apply fix: remove it" : `Apply fix: “${f.fix.slice(0, 60)}”`}
                  </button>
                </form>
              ) : f.fix === null ? (
                <p class="nr-muted">A person must decide: edit the text.</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Workflow(props: { article: DeskArticle; ctx: PageContext; now: Date }) {
  const { article, ctx } = props;
  const id = article.id;
  const editor = ctx.viewer ? isEditorRole(ctx.viewer) : false;
  const desk = article.deskStatus;
  if (desk === "killed") {
    return <p class="nr-muted">This article was killed. Its address answers 410.</p>;
  }
  const minute = new Date(props.now.getTime() + 5 * 60_000).toISOString().slice(0, 16);
  return (
    <section class="ar-workflow" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">Publishing</h2>
      <p class="nr-muted">Each button publishes the last saved working copy.</p>
      {["draft", "unpublished"].includes(desk) ? (
        <form method="post" action={`/newsroom/articles/${id}/submit`} data-save-first="">
          <CsrfField token={ctx.csrf} />
          <button type="submit" class="secondary">
            Submit for review
          </button>
        </form>
      ) : null}
      {editor ? (
        <>
          <form method="post" action={`/newsroom/articles/${id}/publish`} data-save-first="">
            <CsrfField token={ctx.csrf} />
            <input type="hidden" name="mode" value="now" />
            <button type="submit">
              {desk === "published" ? "Publish changes" : "Publish now"}
            </button>
          </form>
          <form
            method="post"
            action={`/newsroom/articles/${id}/publish`}
            class="nr-form ar-schedule"
            data-save-first=""
          >
            <CsrfField token={ctx.csrf} />
            <fieldset>
              <legend>Schedule or embargo</legend>
              <label for="ar-at">
                Time (UTC)
                <input
                  id="ar-at"
                  type="datetime-local"
                  name="at"
                  required
                  min={minute.slice(0, 16)}
                />
              </label>
              <label for="ar-mode">
                As
                <select id="ar-mode" name="mode">
                  <option value="schedule">Scheduled: publish at that time</option>
                  <option value="embargo">Embargo: not before that time</option>
                </select>
              </label>
              <button type="submit" class="secondary">
                Set the time
              </button>
            </fieldset>
          </form>
          {["published", "scheduled", "embargoed"].includes(desk) ? (
            <PostButton
              action={`/newsroom/articles/${id}/unpublish`}
              csrf={ctx.csrf}
              label="Unpublish"
              variant="secondary"
            />
          ) : null}
          <form method="post" action={`/newsroom/articles/${id}/kill`} class="ar-kill">
            <CsrfField token={ctx.csrf} />
            <label for="ar-confirm-kill" class="ar-check">
              <input id="ar-confirm-kill" type="checkbox" name="confirm" value="yes" required />
              Kill it for good: gone from every page, feed and list; its address answers 410
            </label>
            <button type="submit" class="danger">
              Kill
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

function EditorPage(props: {
  ctx: PageContext;
  article: DeskArticle;
  fields: DraftFields;
  version: number;
  sections: readonly Section[];
  findings: LintFinding[];
  problem: Problem;
  notice: string | null;
  present: { name: string }[];
  now: Date;
}) {
  const { ctx, article, problem } = props;
  const id = article.id;
  const killed = article.deskStatus === "killed";
  return (
    <NewsroomLayout
      ctx={ctx}
      title={`Edit: ${article.draft.headline}`}
      scripts={[EDITOR_SCRIPT_HREF]}
    >
      <p class="nr-muted ar-crumbs">
        <a href="/newsroom/articles">Articles</a>
      </p>
      <h1>{article.draft.headline}</h1>
      <p class="ar-state">
        <span class={`nr-badge ar-desk-${article.deskStatus}`}>
          {STATUS_LABEL[article.deskStatus]}
        </span>
        {article.publishedAt &&
        ["scheduled", "embargoed", "published"].includes(article.deskStatus) ? (
          <>
            {" "}
            {article.deskStatus === "published" ? "since" : "at"}{" "}
            <time datetime={article.publishedAt}>{deskTime(article.publishedAt)}</time>
          </>
        ) : null}
        {" · by "}
        {article.authorName ?? "unknown"}
        {" · working copy v"}
        {article.draft.version}
        {article.draft.updatedByName ? `, saved by ${article.draft.updatedByName}` : ""}
      </p>
      <p id="presence" class="ar-presence" aria-live="polite">
        {props.present.length > 0
          ? `Also open by: ${props.present.map((p) => p.name).join(", ")}`
          : "Nobody else has this article open."}
      </p>
      <nav class="nr-actions ar-links" aria-label="This article">
        <a href={`/newsroom/articles/${id}/preview`}>Preview as readers see it</a>
        <a href={`/newsroom/articles/${id}/history`}>Revision history</a>
        <a href={`/newsroom/articles/${id}/corrections`}>Corrections</a>
      </nav>
      <FormError message={problem?.message ?? null} />
      <Notice message={props.notice} />
      <div class="ar-layout">
        <div class="ar-main">
          <form
            id="editor"
            method="post"
            action={`/newsroom/articles/${id}`}
            class="nr-form"
            data-autosave={killed ? undefined : `/newsroom/articles/${id}/autosave`}
            data-presence={`/newsroom/articles/${id}/presence`}
          >
            <CsrfField token={ctx.csrf} />
            <input type="hidden" name="version" value={String(props.version)} />
            <ArticleFields
              fields={props.fields}
              sections={props.sections}
              problem={problem}
              readOnly={killed}
            />
            {killed ? null : (
              <div class="nr-actions">
                <button type="submit">Save draft</button>
                <span id="autosave-status" class="nr-muted" role="status" />
              </div>
            )}
          </form>
          {killed ? null : (
            <form
              method="post"
              action={`/newsroom/articles/${id}/image`}
              enctype="multipart/form-data"
              class="nr-form ar-upload"
            >
              <CsrfField token={ctx.csrf} />
              <input type="hidden" name="version" value={String(props.version)} />
              <fieldset>
                <legend>{props.fields.imagePath ? "Replace the image" : "Add an image"}</legend>
                {props.fields.imagePath ? (
                  <img
                    class="ar-thumb"
                    src={`/uploads/${props.fields.imagePath}`}
                    alt={props.fields.imageAlt ?? ""}
                  />
                ) : null}
                <label for="ar-file">
                  Image file
                  <span class="hint">
                    JPEG, PNG, WebP, GIF or AVIF, up to {UPLOAD_MAX_BYTES / 1024 / 1024} MB; no SVG
                  </span>
                  <input
                    id="ar-file"
                    type="file"
                    name="file"
                    accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
                    required
                    {...invalid(problem, "image")}
                  />
                </label>
                <label for="ar-file-alt">
                  Description (alt text, required)
                  <input
                    id="ar-file-alt"
                    type="text"
                    name="imageAlt"
                    required
                    maxLength={ALT_MAX}
                  />
                </label>
                <button type="submit" class="secondary">
                  Upload
                </button>
              </fieldset>
            </form>
          )}
        </div>
        <aside class="ar-side" aria-label="Copy check and publishing">
          <Findings
            findings={props.findings}
            id={id}
            version={props.version}
            csrf={ctx.csrf}
            editable={!killed}
          />
          <Workflow article={article} ctx={ctx} now={props.now} />
        </aside>
      </div>
    </NewsroomLayout>
  );
}

function NewArticlePage(props: {
  ctx: PageContext;
  fields: DraftFields;
  sections: readonly Section[];
  problem: Problem;
}) {
  return (
    <NewsroomLayout ctx={props.ctx} title="New article">
      <p class="nr-muted ar-crumbs">
        <a href="/newsroom/articles">Articles</a>
      </p>
      <h1>New article</h1>
      <FormError message={props.problem?.message ?? null} />
      <form method="post" action="/newsroom/articles" class="nr-form ar-main">
        <CsrfField token={props.ctx.csrf} />
        <ArticleFields fields={props.fields} sections={props.sections} problem={props.problem} />
        <div class="nr-actions">
          <button type="submit">Start the draft</button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

function ListPage(props: {
  ctx: PageContext;
  articles: DeskArticle[];
  filter: DeskStatus | undefined;
  editor: boolean;
}) {
  const { ctx } = props;
  return (
    <NewsroomLayout ctx={ctx} title="Articles">
      <h1>{props.editor ? "Articles" : "My articles"}</h1>
      <div class="nr-actions ar-list-top">
        <a class="nr-button" href="/newsroom/articles/new">
          New article
        </a>
        <form method="get" action="/newsroom/articles" class="nr-actions">
          <label for="ar-filter">Status</label>
          <select id="ar-filter" name="status">
            <option value="">All</option>
            {DESK_STATUSES.map((s) => (
              <option key={s} value={s} selected={s === props.filter}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            Show
          </button>
        </form>
      </div>
      {props.articles.length === 0 ? (
        <p class="nr-muted">No articles{props.filter ? ` with that status` : ""} yet.</p>
      ) : (
        <ul class="ar-list">
          {props.articles.map((a) => (
            <li key={a.id} class="ar-item">
              <a href={`/newsroom/articles/${a.id}`} class="ar-item-title">
                {a.draft.headline}
              </a>
              <p class="nr-muted">
                <span class={`nr-badge ar-desk-${a.deskStatus}`}>{STATUS_LABEL[a.deskStatus]}</span>{" "}
                {a.draft.sectionSlug} · {a.authorName ?? "unknown"} · saved{" "}
                <time datetime={a.draft.updatedAt}>{deskTime(a.draft.updatedAt)}</time>
                {a.publishedAt && a.deskStatus !== "draft" ? (
                  <>
                    {" · "}
                    {a.deskStatus === "published" ? "published" : "at"}{" "}
                    <time datetime={a.publishedAt}>{deskTime(a.publishedAt)}</time>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </NewsroomLayout>
  );
}

/** Both texts in order, nothing left out: what is common once, each side's own lines after. */
export function mergedText(theirs: string, mine: string): string {
  const out: string[] = [];
  const theirLines = theirs.split("\n");
  const myLines = mine.split("\n");
  // Longest common subsequence of lines, small texts: an article is a few hundred lines.
  const n = theirLines.length;
  const m = myLines.length;
  if (n * m > 4_000_000) return `${theirs}\n\n${mine}`;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] =
        theirLines[i] === myLines[j]
          ? ((table[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((table[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (theirLines[i] === myLines[j]) {
      out.push(theirLines[i] as string);
      i++;
      j++;
    } else if (
      ((table[i + 1] as number[])[j] as number) >= ((table[i] as number[])[j + 1] as number)
    ) {
      out.push(theirLines[i] as string);
      i++;
    } else {
      out.push(myLines[j] as string);
      j++;
    }
  }
  while (i < n) out.push(theirLines[i++] as string);
  while (j < m) out.push(myLines[j++] as string);
  return out.join("\n");
}

function HiddenFields(props: { fields: DraftFields; except?: keyof DraftFields }) {
  const f = props.fields;
  const all: [string, keyof DraftFields, string][] = [
    ["headline", "headline", f.headline],
    ["standfirst", "standfirst", f.standfirst],
    ["section", "sectionSlug", f.sectionSlug],
    ["byline", "byline", f.byline],
    ["tags", "tags", f.tags.join(", ")],
    ["slug", "slug", f.slug],
    ["body", "bodySource", f.bodySource],
    ["image", "imagePath", f.imagePath ?? ""],
    ["imageAlt", "imageAlt", f.imageAlt ?? ""],
  ];
  return (
    <>
      {all
        .filter(([, key]) => key !== props.except)
        .map(([name, , value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
    </>
  );
}

function ConflictPage(props: {
  ctx: PageContext;
  id: number;
  mine: DraftFields;
  theirs: WorkingCopy;
}) {
  const { ctx, id, mine, theirs } = props;
  const differing = differingFields(mine, theirs);
  return (
    <NewsroomLayout ctx={ctx} title="Changed meanwhile">
      <p class="nr-muted ar-crumbs">
        <a href={`/newsroom/articles/${id}`}>Back to the article</a>
      </p>
      <h1>Someone saved this article while you were editing</h1>
      <p class="nr-error" role="alert" id="form-error">
        Your save was not made: version {theirs.version} was saved
        {theirs.updatedByName ? ` by ${theirs.updatedByName}` : ""} at {deskTime(theirs.updatedAt)}.
        Nothing is lost: both versions are below. Keep yours, keep theirs, or merge them.
      </p>
      <h2>What differs</h2>
      {differing.length === 0 ? (
        <p>Both versions are the same text.</p>
      ) : (
        differing.map(([key, label]) => (
          <SideBySide
            key={key}
            label={label}
            before={{ who: "Saved version", text: fieldText(theirs[key]) }}
            after={{ who: "Your version", text: fieldText(mine[key]) }}
            afterFirst
          />
        ))
      )}
      <div class="nr-actions ar-conflict-actions">
        <form method="post" action={`/newsroom/articles/${id}`} class="nr-inline">
          <CsrfField token={ctx.csrf} />
          <input type="hidden" name="version" value={String(theirs.version)} />
          <HiddenFields fields={mine} />
          <button type="submit">Keep mine</button>
        </form>
        <a class="nr-button secondary" href={`/newsroom/articles/${id}`}>
          Keep theirs (drop mine)
        </a>
      </div>
      <form method="post" action={`/newsroom/articles/${id}`} class="nr-form ar-merge">
        <CsrfField token={ctx.csrf} />
        <input type="hidden" name="version" value={String(theirs.version)} />
        <HiddenFields fields={mine} except="bodySource" />
        <label for="ar-merge-body">
          Merge
          <span class="hint">
            Both bodies, every line of each kept once in order; edit it to what it should say, then
            save. The other fields are yours.
          </span>
          <textarea id="ar-merge-body" name="body" rows={18}>
            {mergedText(theirs.bodySource, mine.bodySource)}
          </textarea>
        </label>
        <div class="nr-actions">
          <button type="submit">Save the merge</button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

const emptyFields = (section: string, byline: string): DraftFields => ({
  headline: "",
  standfirst: "",
  bodySource: "",
  sectionSlug: section,
  slug: "",
  tags: [],
  byline,
  imagePath: null,
  imageAlt: null,
});

/** The working copy as readers would see it once published. */
export function previewArticle(
  article: DeskArticle,
  sections: readonly Section[],
  now: Date,
): Article {
  const d = article.draft;
  const section = sections.find((s) => s.slug === d.sectionSlug);
  let body: string;
  try {
    body = renderBody(fieldsOfDraft(d));
  } catch (error) {
    if (isAppError(error)) body = "";
    else throw error;
  }
  return {
    id: article.id,
    guid: null,
    kind: "own",
    status: "published",
    headline: d.headline,
    standfirst: d.standfirst || null,
    body,
    byline: d.byline || null,
    language: "en",
    sectionSlug: d.sectionSlug,
    sectionName: section?.name ?? d.sectionSlug,
    slug: d.slug || article.slug,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: article.publishedAt ?? now.toISOString(),
    updatedAt: article.publishedAt ?? now.toISOString(),
    createdAt: article.publishedAt ?? now.toISOString(),
    sourceId: null,
    imageUrl: null,
    categories: d.tags,
    fragments: [],
  };
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("bad_form", "the form could not be read", { status: 400 });
  }
  return body as Record<string, unknown>;
}

function versionOf(body: Record<string, unknown>): number {
  const raw = body.version;
  const s = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^\d{1,9}$/.test(s)) {
    throw new AppError(
      "version_required",
      "The version being edited is required (reload the page).",
      {
        status: 400,
        context: { field: "version" },
      },
    );
  }
  return Number(s);
}

/** What the editor needs of the newsroom's dependencies (a part of NewsroomDeps). */
export interface ArticleDeskDeps {
  config: Config;
  siteStylesheet: string;
  articles: Pick<ArticleRepository, "sections">;
  newsroomArticles: NewsroomArticleRepository;
  published(change: { articleIds: readonly number[]; reason: string }): void;
}

export function registerArticles(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: ArticleDeskDeps,
): void {
  const actions = createArticleActions({
    newsroomArticles: deps.newsroomArticles,
    language: deps.config.siteLanguage,
    published: deps.published,
  });
  const site = siteContext(deps.config, deps.siteStylesheet);
  const sections = () => deps.articles.sections();
  kit.nav.push({ href: "/newsroom/articles", label: "Articles", access: "reporter" });
  const reporter = { access: "reporter" } as const;
  const editor = { access: "editor" } as const;

  app.get(EDITOR_SCRIPT_HREF, { config: { access: "public" } }, async (_request, reply) =>
    reply
      .header("content-type", "text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(EDITOR_SCRIPT),
  );
  registerUploadServing(app, deps.config.DATA_DIR);

  app.get("/newsroom/articles", { config: reporter }, async (request, reply) => {
    const viewer = kit.viewer(request);
    const raw = (request.query as { status?: unknown }).status;
    const filter = isDeskStatus(raw) ? raw : undefined;
    const list = await actions.list(viewer, filter);
    return kit.send(
      reply,
      <ListPage
        ctx={kit.ctx(request)}
        articles={list}
        filter={filter}
        editor={isEditorRole(viewer)}
      />,
    );
  });

  app.get("/newsroom/articles/new", { config: reporter }, async (request, reply) => {
    const all = await sections();
    const viewer = kit.viewer(request);
    return kit.send(
      reply,
      <NewArticlePage
        ctx={kit.ctx(request)}
        fields={emptyFields(all[0]?.slug ?? "", viewer.user.name)}
        sections={all}
        problem={null}
      />,
    );
  });

  app.post("/newsroom/articles", { config: reporter }, async (request, reply) => {
    const body = bodyOf(request);
    try {
      const created = await actions.create(articleActor(kit, request), body);
      return reply.redirect(`/newsroom/articles/${created.id}?done=created`, 303);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem || (isAppError(error) && error.status !== 400)) throw error;
      const all = await sections();
      const typed = typedFields(body, all[0]?.slug ?? "");
      return kit.send(
        reply,
        <NewArticlePage ctx={kit.ctx(request)} fields={typed} sections={all} problem={problem} />,
        400,
      );
    }
  });

  async function showEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    options: {
      problem?: Problem;
      typed?: DraftFields;
      status?: number;
      notice?: string | null;
    } = {},
  ) {
    const actor = articleActor(kit, request);
    const article = await actions.open(actor, id);
    const now = new Date();
    const [all, present] = await Promise.all([sections(), actions.present(id, actor.viewer, now)]);
    const saved = fieldsOfDraft(article.draft);
    const done = (request.query as { done?: unknown }).done;
    return kit.send(
      reply,
      <EditorPage
        ctx={kit.ctx(request)}
        article={article}
        fields={options.typed ?? saved}
        version={article.draft.version}
        sections={all}
        findings={lintDraft(saved, deps.config.siteLanguage)}
        problem={options.problem ?? null}
        notice={options.notice ?? (typeof done === "string" ? (NOTICES[done] ?? null) : null)}
        present={present}
        now={now}
      />,
      options.status ?? 200,
    );
  }

  const idOf = (request: FastifyRequest) => parseArticleId((request.params as { id?: string }).id);

  app.get("/newsroom/articles/:id", { config: reporter }, async (request, reply) =>
    showEditor(request, reply, idOf(request)),
  );

  app.get("/newsroom/articles/:id/preview", { config: reporter }, async (request, reply) => {
    const id = idOf(request);
    const article = await actions.open(articleActor(kit, request), id);
    const all = await sections();
    const page = renderDocument(
      <ArticlePage
        site={{ ...site, sections: all.filter((s) => !(s as { hidden?: true }).hidden) }}
        article={previewArticle(article, all, new Date())}
      />,
    );
    return reply
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .header("x-robots-tag", "noindex, nofollow")
      .send(page);
  });

  app.post("/newsroom/articles/:id", { config: reporter }, async (request, reply) => {
    const id = idOf(request);
    const body = bodyOf(request);
    const actor = articleActor(kit, request);
    let result: Awaited<ReturnType<ArticleActions["save"]>>;
    try {
      result = await actions.save(actor, id, body, versionOf(body));
    } catch (error) {
      const problem = problemOf(error);
      if (!problem || (isAppError(error) && error.status !== 400)) throw error;
      const current = await actions.open(actor, id);
      return showEditor(request, reply, id, {
        problem,
        typed: typedFields(body, current.draft.sectionSlug),
        status: 400,
      });
    }
    if (!result.outcome.saved) {
      return kit.send(
        reply,
        <ConflictPage
          ctx={kit.ctx(request)}
          id={id}
          mine={result.mine}
          theirs={result.outcome.current}
        />,
        409,
      );
    }
    return reply.redirect(`/newsroom/articles/${id}?done=saved`, 303);
  });

  app.post("/newsroom/articles/:id/autosave", { config: reporter }, async (request, reply) => {
    const id = idOf(request);
    const body = bodyOf(request);
    const result = await actions.save(articleActor(kit, request), id, body, versionOf(body), {
      autosave: true,
    });
    reply.header("cache-control", "no-store");
    if (!result.outcome.saved) {
      return reply.code(409).send({
        error: {
          code: "stale_version",
          message: `Version ${result.outcome.current.version} was saved meanwhile${
            result.outcome.current.updatedByName
              ? ` by ${result.outcome.current.updatedByName}`
              : ""
          }: nothing was saved. Compare both versions before saving.`,
          field: "version",
        },
        mine: result.mine,
        theirs: result.outcome.current,
      });
    }
    return reply.send({ saved: true, version: result.outcome.draft.version });
  });

  app.post("/newsroom/articles/:id/presence", { config: reporter }, async (request, reply) => {
    const present = await actions.heartbeat(articleActor(kit, request), idOf(request));
    return reply
      .header("cache-control", "no-store")
      .send({ present: present.map((p) => ({ name: p.name, seenAt: p.seenAt })) });
  });

  app.post("/newsroom/articles/:id/fix", { config: reporter }, async (request, reply) => {
    const id = idOf(request);
    const body = bodyOf(request);
    const int = (name: string) => {
      const v = body[name];
      const s = typeof v === "string" ? v : "";
      if (!/^\d{1,9}$/.test(s)) {
        throw new AppError("bad_finding", "That fix could not be read: reload the page.", {
          status: 400,
          context: { field: name },
        });
      }
      return Number(s);
    };
    try {
      await actions.applyFix(
        articleActor(kit, request),
        id,
        {
          start: int("start"),
          end: int("end"),
          rule: typeof body.rule === "string" ? body.rule : "",
        },
        versionOf(body),
      );
    } catch (error) {
      const problem = problemOf(error);
      if (!problem || !isAppError(error) || ![400, 409].includes(error.status)) throw error;
      return showEditor(request, reply, id, { problem, status: error.status });
    }
    return reply.redirect(`/newsroom/articles/${id}?done=fixed#findings`, 303);
  });

  // Multipart only here: the picture arrives whole (capped), then its bytes decide.
  app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: "keyValues",
      throwFileSizeLimit: false,
      limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 10, fieldSize: 10_000 },
      async onFile(part) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        (part as unknown as { value: unknown }).value = {
          bytes: Buffer.concat(chunks),
          truncated: part.file.truncated,
        };
      },
    });
    scope.post("/newsroom/articles/:id/image", { config: reporter }, async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      const actor = articleActor(kit, request);
      try {
        const file = body.file as { bytes?: Buffer; truncated?: boolean } | undefined;
        if (!file || !Buffer.isBuffer(file.bytes)) {
          throw new AppError("field_required", "Choose an image file to upload.", {
            status: 400,
            context: { field: "image" },
          });
        }
        if (file.truncated) {
          throw new AppError(
            "upload_too_large",
            `The image is larger than ${UPLOAD_MAX_BYTES / 1024 / 1024} MB: make it smaller first.`,
            { status: 400, context: { field: "image" } },
          );
        }
        const current = await actions.open(actor, id);
        const alt = typeof body.imageAlt === "string" ? body.imageAlt : "";
        if (alt.trim() === "") {
          throw new AppError(
            "alt_required",
            "Describe the image for readers who cannot see it (alt text is required).",
            { status: 400, context: { field: "imageAlt" } },
          );
        }
        const name = await storeUpload(deps.config.DATA_DIR, file.bytes);
        const result = await actions.save(
          actor,
          id,
          { image: name, imageAlt: alt },
          versionOf(body),
        );
        if (!result.outcome.saved) {
          return kit.send(
            reply,
            <ConflictPage
              ctx={kit.ctx(request)}
              id={id}
              mine={result.mine}
              theirs={result.outcome.current}
            />,
            409,
          );
        }
        await kit.audit(request, {
          action: "article.image",
          targetType: "article",
          targetId: String(id),
          summary: `uploaded an image for "${current.draft.headline}"`,
          before: { image: current.draft.imagePath, imageAlt: current.draft.imageAlt },
          after: { image: name, imageAlt: alt.trim() },
        });
      } catch (error) {
        const problem = problemOf(error);
        if (!problem || !isAppError(error) || error.status !== 400) throw error;
        return showEditor(request, reply, id, { problem, status: 400 });
      }
      return reply.redirect(`/newsroom/articles/${id}?done=image`, 303);
    });
  });

  const workflow = (
    path: string,
    config: { access: "reporter" | "editor" },
    run: (request: FastifyRequest, id: number, body: Record<string, unknown>) => Promise<string>,
  ) =>
    app.post(`/newsroom/articles/:id/${path}`, { config }, async (request, reply) => {
      const id = idOf(request);
      let done: string;
      try {
        done = await run(request, id, bodyOf(request));
      } catch (error) {
        const problem = problemOf(error);
        if (!problem || !isAppError(error) || ![400, 409].includes(error.status)) throw error;
        return showEditor(request, reply, id, { problem, status: error.status });
      }
      return reply.redirect(`/newsroom/articles/${id}?done=${done}`, 303);
    });

  workflow("submit", reporter, async (request, id) => {
    await actions.submit(articleActor(kit, request), id);
    return "submitted";
  });
  workflow("publish", editor, async (request, id, body) => {
    const mode = publishModeOf(body.mode);
    await actions.publish(articleActor(kit, request), id, { mode, at: body.at });
    return mode === "now" ? "published" : mode === "schedule" ? "scheduled" : "embargoed";
  });
  workflow("unpublish", editor, async (request, id) => {
    await actions.unpublish(articleActor(kit, request), id);
    return "unpublished";
  });
  workflow("kill", editor, async (request, id, body) => {
    const confirm = body.confirm;
    const yes = typeof confirm === "string" && ["yes", "on", "true", "1"].includes(confirm);
    await actions.kill(articleActor(kit, request), id, yes || confirm === true);
    return "killed";
  });

  registerArticlesApi(app, kit, actions);
}

/** What the person typed, kept when the form comes back with a problem. */
function typedFields(body: Record<string, unknown>, section: string): DraftFields {
  const s = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
  const image = s("image");
  return {
    // Only a stored upload's name is ever shown again.
    headline: s("headline"),
    standfirst: s("standfirst"),
    bodySource: s("body"),
    sectionSlug: s("section") || section,
    slug: s("slug"),
    tags: s("tags")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    byline: s("byline"),
    imagePath: UPLOAD_NAME.test(image) ? image : null,
    imageAlt: s("imageAlt") || null,
  };
}
