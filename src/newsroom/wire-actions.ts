import type { FastifyRequest } from "fastify";
import type { ArticleRepository } from "../db/article-repository.ts";
import type { NewsroomArticleRepository } from "../db/newsroom-article-repository.ts";
import type { SourceEdit, SourceRepository } from "../db/source-repository.ts";
import type { WireItemFull, WireRepository } from "../db/wire-repository.ts";
import { articlePath } from "../domain/article-path.ts";
import type { LintFinding } from "../domain/enrichment.ts";
import { AppError } from "../domain/errors.ts";
import { isPublishPolicy } from "../domain/publish-policy.ts";
import { slugify } from "../domain/slug.ts";
import { SOURCE_MODES, type Source, type SourceMode } from "../domain/source.ts";
import { lintArticle } from "../enrich/lint/lint.ts";
import { parseOpmlSources, sourcesToOpml } from "../ingest/opml.ts";
import type { Form } from "./form.ts";
import type { NewsroomKit } from "./kit.ts";
import {
  actorOf,
  createLiveblogActions,
  LIVE_HEADLINE_MAX,
  type LiveblogActionDeps,
} from "./liveblog-actions.ts";
import { applyToBody, editFor, type FixChoice } from "./wire-fix.ts";

/**
 * What the wire desk, leads and sources pages do, once: validation, the change, the
 * audit entry and `published()` for what readers must now see. Routes only read the form
 * and render.
 */
export interface WireActionDeps {
  wire: WireRepository;
  articles: ArticleRepository;
  sources: SourceRepository;
  newsroomArticles: NewsroomArticleRepository;
  published(change: { articleIds: readonly number[]; reason: string }): void;
}

/** The findings of the item's text as it is now (offsets into its current plain text). */
export function currentFindings(item: WireItemFull): LintFinding[] {
  return lintArticle({
    headline: item.headline,
    standfirst: item.standfirst,
    text: item.bodyText,
    language: item.language,
  }).findings;
}

function bad(message: string, field: string): AppError {
  return new AppError("bad_input", message, { status: 400, context: { field } });
}

async function mustItem(deps: WireActionDeps, id: number): Promise<WireItemFull> {
  const item = await deps.wire.get(id);
  if (!item) throw new AppError("not_found", `no wire item #${id}`, { status: 404 });
  return item;
}

function version(form: Form): number {
  const raw = form.text("version", 12);
  if (!/^\d{1,9}$/.test(raw)) throw bad("the form has no version: open the item again", "version");
  return Number(raw);
}

function snapshot(item: WireItemFull) {
  return {
    headline: item.headline,
    deskStatus: item.deskStatus,
    status: item.status,
    version: item.version,
    findings: item.findings.length,
  };
}

/** One finding fixed: the suggested fix, a deletion, or the editor's own words. */
export async function applyFix(
  request: FastifyRequest,
  kit: NewsroomKit,
  deps: WireActionDeps,
  id: number,
  form: Form,
): Promise<WireItemFull> {
  const expected = version(form);
  const item = await mustItem(deps, id);
  const start = Number(form.text("start", 9));
  const end = Number(form.text("end", 9));
  const rule = form.text("rule", 60);
  const finding = currentFindings(item).find(
    (f) => f.start === start && f.end === end && f.rule === rule,
  );
  if (!finding) {
    throw new AppError("stale_finding", "That finding is no longer in the text: look again.", {
      status: 409,
    });
  }
  const raw = form.text("choice", 20);
  const choice: FixChoice =
    raw === "suggested"
      ? { kind: "suggested" }
      : raw === "delete"
        ? { kind: "delete" }
        : raw === "replace"
          ? { kind: "replace", text: form.text("replacement", 2_000) }
          : (() => {
              throw bad("choose a fix: the suggested one, delete, or replace", "choice");
            })();
  const edit = editFor(finding, item.bodyText, choice);
  const { body, bodyText } = applyToBody(item.body, item.bodyText, edit);
  const findings = lintArticle({
    headline: item.headline,
    standfirst: item.standfirst,
    text: bodyText,
    language: item.language,
  }).findings;
  const what =
    choice.kind === "replace"
      ? `replaced "${finding.text.slice(0, 60)}" with "${edit.replacement.slice(0, 60)}"`
      : choice.kind === "delete"
        ? `deleted "${finding.text.slice(0, 60)}"`
        : `applied the suggested fix to "${finding.text.slice(0, 60)}"`;
  const saved = await deps.wire.saveText(
    id,
    {
      headline: item.headline,
      body,
      bodyText,
      findings,
      userId: kit.viewer(request).user.id,
      note: `wire desk: ${finding.rule}: ${what}`,
      now: new Date(),
    },
    expected,
  );
  await kit.audit(request, {
    action: "wire.fix",
    targetType: "article",
    targetId: String(id),
    summary: `${finding.rule}: ${what}`,
    before: { ...snapshot(item), text: finding.text },
    after: { ...snapshot(saved), text: edit.replacement },
  });
  // A fix on an item readers already see (released, or published straight through).
  if (saved.status === "published") deps.published({ articleIds: [id], reason: "wire.fix" });
  return saved;
}

/** Release (publish as is), drop, or hold again. */
export async function decide(
  request: FastifyRequest,
  kit: NewsroomKit,
  deps: WireActionDeps,
  id: number,
  form: Form,
  decision: "release" | "drop",
): Promise<WireItemFull> {
  const expected = version(form);
  const item = await mustItem(deps, id);
  const saved = await deps.wire.setDesk(
    id,
    decision === "release"
      ? { deskStatus: "published", status: "published", now: new Date() }
      : { deskStatus: "dropped", status: "draft", now: new Date() },
    expected,
  );
  await kit.audit(request, {
    action: decision === "release" ? "wire.release" : "wire.drop",
    targetType: "article",
    targetId: String(id),
    summary: `${decision === "release" ? "released" : "dropped"} "${item.headline}"${
      decision === "release" && saved.findings.length > 0
        ? ` with ${saved.findings.length} findings left`
        : ""
    }`,
    before: snapshot(item),
    after: snapshot(saved),
  });
  deps.published({ articleIds: [id], reason: `wire.${decision}` });
  return saved;
}

/** Markdown of plain text: paragraphs kept, nothing read as markup or HTML. */
function textToMarkdown(text: string): string {
  return text
    .split("\n\n")
    .map((p) => p.replace(/[\\`*_{}[\]<>#+!|~]/g, "\\$&").replace(/^(\s*)(\d+)\./, "$1$2\\."))
    .join("\n\n");
}

/** The item becomes a newsroom draft the editor can edit; the wire copy is let go. */
export async function promote(
  request: FastifyRequest,
  kit: NewsroomKit,
  deps: WireActionDeps,
  id: number,
  form: Form,
): Promise<number> {
  const expected = version(form);
  const item = await mustItem(deps, id);
  const viewer = kit.viewer(request);
  const draft = await deps.newsroomArticles.create(
    {
      headline: item.headline,
      standfirst: item.standfirst ?? "",
      bodySource: `${textToMarkdown(item.bodyText)}${
        item.canonicalUrl ? `\n\nSource: <${item.canonicalUrl}>` : ""
      }`,
      sectionSlug: item.sectionSlug,
      slug: "",
      tags: [],
      byline: item.byline ?? "",
      imagePath: null,
      imageAlt: null,
    },
    { authorId: viewer.user.id, language: item.language, now: new Date() },
  );
  if (item.storyId !== null) await deps.wire.attachToStory(draft.id, item.storyId);
  const saved = await deps.wire.setDesk(
    id,
    { deskStatus: "dropped", status: "draft", now: new Date() },
    expected,
  );
  await kit.audit(request, {
    action: "wire.promote",
    targetType: "article",
    targetId: String(id),
    summary: `promoted "${item.headline}" to newsroom draft #${draft.id}`,
    before: snapshot(item),
    after: { ...snapshot(saved), draftId: draft.id },
  });
  deps.published({ articleIds: [id], reason: "wire.promote" });
  return draft.id;
}

/** The lead a story is, its section, and its reports' links as a Markdown list. */
async function leadOf(deps: WireActionDeps, storyId: number) {
  const [lead] = (
    await deps.wire.leads({ minOutlets: 1, since: new Date(0), limit: 1_000 })
  ).filter((l) => l.storyId === storyId);
  if (!lead) {
    throw new AppError("not_found", "no such story, or the newsroom already covers it", {
      status: 404,
    });
  }
  const reports = await deps.wire.storyReports(storyId, 20);
  const links = reports
    .filter((r) => r.url !== null)
    .map(
      (r) =>
        `- [${textToMarkdown(r.headline)}](<${r.url}>)${r.sourceTitle ? ` (${textToMarkdown(r.sourceTitle)})` : ""}`,
    );
  const section =
    lead.sectionSlug && (await deps.newsroomArticles.sectionExists(lead.sectionSlug))
      ? lead.sectionSlug
      : "news";
  return { lead, links, section };
}

/** A lead's "start a draft": headline, section and the reports' links, prefilled. */
export async function draftFromStory(
  request: FastifyRequest,
  kit: NewsroomKit,
  deps: WireActionDeps & { language: string },
  storyId: number,
): Promise<number> {
  const { lead, links, section } = await leadOf(deps, storyId);
  const viewer = kit.viewer(request);
  const draft = await deps.newsroomArticles.create(
    {
      headline: lead.title.slice(0, 300),
      standfirst: "",
      bodySource: links.length > 0 ? `Reports so far:\n\n${links.join("\n")}\n` : "",
      sectionSlug: section,
      slug: "",
      tags: [],
      byline: viewer.user.name,
      imagePath: null,
      imageAlt: null,
    },
    { authorId: viewer.user.id, language: deps.language, now: new Date() },
  );
  await deps.wire.attachToStory(draft.id, storyId);
  await kit.audit(request, {
    action: "lead.draft",
    targetType: "article",
    targetId: String(draft.id),
    summary: `started draft #${draft.id} from story "${lead.title}" (${lead.sourceCount} outlets)`,
    before: null,
    after: { storyId, headline: lead.title, section, links: links.length },
  });
  return draft.id;
}

/** A lead's "start a live blog": through the live-blog console's own action, unpublished. */
export async function liveblogFromStory(
  request: FastifyRequest,
  kit: NewsroomKit,
  deps: WireActionDeps & LiveblogActionDeps,
  storyId: number,
): Promise<number> {
  const { lead, links, section } = await leadOf(deps, storyId);
  const made = await createLiveblogActions(deps).create(actorOf(kit, request), {
    headline: lead.title.slice(0, LIVE_HEADLINE_MAX),
    section,
    summary: links.length > 0 ? `Reports so far:\n\n${links.join("\n")}\n` : "",
    publish: false,
  });
  await deps.wire.attachToStory(made.articleId, storyId);
  await kit.audit(request, {
    action: "lead.liveblog",
    targetType: "liveblog",
    targetId: String(made.articleId),
    summary: `started live blog #${made.articleId} from story "${lead.title}" (${lead.sourceCount} outlets)`,
    before: null,
    after: { storyId, headline: lead.title, section, links: links.length },
  });
  return made.articleId;
}

// ---- sources ----

/** The rules `dispatch sources add` applies: http(s) only, a real URL. */
export function feedUrl(raw: string, field = "url"): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError(
      "bad_url",
      `${field === "url" ? "The feed address" : field} is not a URL: ${raw.slice(0, 200)}`,
      {
        status: 400,
        context: { field },
      },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError("bad_url", `Only http and https feeds can be fetched, not ${url.protocol}`, {
      status: 400,
      context: { field },
    });
  }
  if (url.username || url.password) {
    throw new AppError("bad_url", "A feed address must not carry a user name or password", {
      status: 400,
      context: { field },
    });
  }
  return url.href;
}

function seconds(form: Form, name: string, fallback: number): number {
  const raw = form.text(name, 8);
  if (raw === "") return fallback;
  if (!/^\d{1,6}$/.test(raw))
    throw bad(`${name.replace("_", " ")} must be a whole number of seconds`, name);
  return Number(raw);
}

/** The source form's fields, validated as the CLI validates them. */
export function readSourceForm(form: Form, current: Source | null): SourceEdit {
  const url = feedUrl(form.text("url", 2_000));
  const mode = form.text("mode", 10) as SourceMode;
  if (!SOURCE_MODES.includes(mode))
    throw bad(`mode must be one of ${SOURCE_MODES.join(", ")}`, "mode");
  const policyRaw = form.text("policy", 20);
  if (policyRaw !== "" && policyRaw !== "default" && !isPublishPolicy(policyRaw))
    throw bad("publish policy must be always, when_clean or never", "policy");
  const sectionName = form.text("section", 80) || "News";
  const slug = slugify(sectionName);
  if (slug === "") throw bad("the section needs a name with letters or digits", "section");
  const language = form.text("language", 12);
  if (language !== "" && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/.test(language))
    throw bad("language must be a code like en or en-GB", "language");
  return {
    url,
    mode,
    section: { slug, name: sectionName },
    title: form.text("title", 200) || null,
    languageHint: language || null,
    publishPolicy: isPublishPolicy(policyRaw) ? policyRaw : null,
    minIntervalSeconds: seconds(form, "min_interval", current?.minIntervalSeconds ?? 300),
    maxIntervalSeconds: seconds(form, "max_interval", current?.maxIntervalSeconds ?? 3_600),
  };
}

function sourceSnapshot(s: Source) {
  return {
    url: s.url,
    title: s.title,
    mode: s.mode,
    section: s.sectionSlug,
    language: s.languageHint,
    publishPolicy: s.publishPolicy ?? null,
    enabled: s.enabled,
    minIntervalSeconds: s.minIntervalSeconds,
    maxIntervalSeconds: s.maxIntervalSeconds,
  };
}

export async function addSource(
  request: FastifyRequest,
  kit: NewsroomKit,
  deps: WireActionDeps,
  form: Form,
): Promise<Source> {
  const edit = readSourceForm(form, null);
  if (await deps.sources.byUrl(edit.url)) {
    throw new AppError("source_exists", `A source with the address ${edit.url} already exists`, {
      status: 400,
      context: { field: "url" },
    });
  }
  const source = await deps.sources.add(edit);
  await kit.audit(request, {
    action: "source.add",
    targetType: "source",
    targetId: String(source.id),
    summary: `added source ${source.url}`,
    before: null,
    after: sourceSnapshot(source),
  });
  return source;
}

export async function editSource(
  request: FastifyRequest,
  kit: NewsroomKit,
  deps: WireActionDeps,
  id: number,
  form: Form,
): Promise<Source> {
  const before = await deps.sources.get(id);
  if (!before) throw new AppError("not_found", `no source #${id}`, { status: 404 });
  const edit = readSourceForm(form, before);
  let after: Source | null;
  try {
    after = await deps.sources.update(id, edit);
  } catch (error) {
    if (error instanceof AppError && error.code === "source_exists")
      throw new AppError(error.code, error.message, { status: 400, context: { field: "url" } });
    throw error;
  }
  if (!after) throw new AppError("not_found", `no source #${id}`, { status: 404 });
  await kit.audit(request, {
    action: "source.edit",
    targetType: "source",
    targetId: String(id),
    summary: `edited source ${after.url}`,
    before: sourceSnapshot(before),
    after: sourceSnapshot(after),
  });
  return after;
}

export async function setSourceEnabled(
  request: FastifyRequest,
  kit: NewsroomKit,
  deps: WireActionDeps,
  id: number,
  enabled: boolean,
): Promise<void> {
  const before = await deps.sources.get(id);
  if (!before) throw new AppError("not_found", `no source #${id}`, { status: 404 });
  await deps.sources.setEnabled(id, enabled);
  const after = await deps.sources.get(id);
  await kit.audit(request, {
    action: enabled ? "source.enable" : "source.disable",
    targetType: "source",
    targetId: String(id),
    summary: `${enabled ? "enabled" : "disabled"} source ${before.url}`,
    before: sourceSnapshot(before),
    after: after ? sourceSnapshot(after) : null,
  });
}

export interface OpmlImportResult {
  added: Source[];
  existing: string[];
  refused: { url: string; reason: string }[];
}

/** Every feed of an OPML document, checked as one added by hand; existing ones skipped. */
export async function importOpml(
  request: FastifyRequest,
  kit: NewsroomKit,
  deps: WireActionDeps,
  text: string,
  mode: SourceMode,
): Promise<OpmlImportResult> {
  if (text.trim() === "") throw bad("paste an OPML document or choose a file", "opml");
  let entries: ReturnType<typeof parseOpmlSources>;
  try {
    entries = parseOpmlSources(text);
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, error.message, { status: 400, context: { field: "opml" } });
    throw error;
  }
  const result: OpmlImportResult = { added: [], existing: [], refused: [] };
  for (const e of entries.slice(0, 500)) {
    let url: string;
    try {
      url = feedUrl(e.url);
    } catch (error) {
      result.refused.push({ url: e.url.slice(0, 200), reason: (error as Error).message });
      continue;
    }
    if (await deps.sources.byUrl(url)) {
      result.existing.push(url);
      continue;
    }
    const name = e.category?.trim() || "News";
    result.added.push(
      await deps.sources.add({
        url,
        mode,
        section: { slug: slugify(name) || "news", name },
        title: e.title,
        siteUrl: e.siteUrl,
        languageHint: e.language,
      }),
    );
  }
  await kit.audit(request, {
    action: "source.import",
    targetType: "source",
    targetId: null,
    summary: `OPML import: ${result.added.length} added, ${result.existing.length} already there, ${result.refused.length} refused`,
    before: null,
    after: { added: result.added.map((s) => s.url), refused: result.refused },
  });
  return result;
}

export async function exportOpml(deps: WireActionDeps, title: string): Promise<string> {
  return sourcesToOpml(await deps.sources.list(), title);
}

/** Where readers find a released item. */
export async function readerPath(deps: WireActionDeps, id: number): Promise<string | null> {
  const article = await deps.articles.getById(id);
  return article && article.status === "published" ? articlePath(article) : null;
}
