import type { ArticleRepository } from "../db/article-repository.ts";
import type { Correction, CorrectionRepository } from "../db/correction-repository.ts";
import type { Article } from "../domain/article.ts";
import { articlePath, isVisible } from "../domain/article-path.ts";
import { AppError } from "../domain/errors.ts";
import type { Actor } from "./liveblog-actions.ts";

export const CORRECTION_TEXT_MAX = 2_000;

function bad(code: string, field: string, message: string): AppError {
  return new AppError(code, message, { status: 400, context: { field } });
}

/**
 * Corrections, once for the desk and the API: for any article readers can see (the
 * newsroom's own or an imported wire item), the text checked with a message naming the
 * field, the correction appended with a new modified time and version, audited, then
 * `published()` so every cached page, feed and sitemap shows it at once.
 */
export function createCorrectionActions(deps: {
  articles: Pick<ArticleRepository, "getById">;
  corrections: CorrectionRepository;
  published(change: { articleIds: readonly number[]; reason: string }): void;
}) {
  async function article(id: number): Promise<Article> {
    const found = await deps.articles.getById(id);
    if (!found) throw new AppError("not_found", `There is no article #${id}.`, { status: 404 });
    return found;
  }

  return {
    article,
    /** The article, its reader URL (null while readers cannot see it) and its corrections. */
    async show(id: number, now = new Date()) {
      const a = await article(id);
      const path = isVisible(a, now) ? articlePath(a) : null;
      return { article: a, path, corrections: await deps.corrections.forArticle(id) };
    },

    async add(actor: Actor, id: number, body: Record<string, unknown>, now = new Date()) {
      const a = await article(id);
      const raw = body.text;
      if (raw !== undefined && raw !== null && typeof raw !== "string") {
        throw bad("invalid_field", "text", "The correction must be text.");
      }
      const text = (raw ?? "").replace(/\r\n?/g, "\n").trim();
      if (text === "") {
        throw bad(
          "field_required",
          "text",
          "Write the correction: what was wrong and what is right.",
        );
      }
      if (text.length > CORRECTION_TEXT_MAX) {
        throw bad(
          "field_too_long",
          "text",
          `The correction is longer than ${CORRECTION_TEXT_MAX} characters.`,
        );
      }
      if (!isVisible(a, now)) {
        throw new AppError(
          "not_published",
          "Only a published article can be corrected; edit a draft instead.",
          { status: 409, context: { field: "text" } },
        );
      }
      const before = await deps.corrections.article(id);
      const correction: Correction = await deps.corrections.add(
        { articleId: id, text, createdBy: actor.viewer.user.id },
        now,
      );
      const after = await deps.corrections.article(id);
      await actor.audit({
        action: "article.correct",
        targetType: "article",
        targetId: String(id),
        summary: `corrected "${a.headline}": ${text.length > 120 ? `${text.slice(0, 119)}…` : text}`,
        before: before ? { version: before.version, updatedAt: before.updatedAt } : null,
        after: {
          correction,
          version: after?.version ?? null,
          updatedAt: after?.updatedAt ?? null,
        },
      });
      deps.published({ articleIds: [id], reason: "article.correct" });
      return correction;
    },
  };
}

export type CorrectionActions = ReturnType<typeof createCorrectionActions>;
