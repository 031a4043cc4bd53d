import type { Selectable } from "kysely";
import type { Database } from "./connection.ts";
import { appendEvents, articleSnapshots } from "./live-events.ts";
import { toIso } from "./rows.ts";
import type { CorrectionsTable } from "./schema.ts";

/** A published correction of an article: what was wrong, said once, dated. */
export interface Correction {
  id: number;
  articleId: number;
  text: string;
  createdAt: string;
  createdBy: number | null;
}

/** The article a correction is made to, as the desk needs it. */
export interface CorrectedArticle {
  id: number;
  headline: string;
  status: string;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface CorrectionRepository {
  /**
   * Appends a correction and, in the same transaction, gives the article a new modified
   * time (`updated_at`: what its page, feeds and sitemap show) and raises its version.
   */
  add(
    input: { articleId: number; text: string; createdBy: number | null },
    now?: Date,
  ): Promise<Correction>;
  /** An article's corrections, oldest first. */
  forArticle(articleId: number): Promise<Correction[]>;
  /** The corrections of several articles (a feed's items), oldest first per article. */
  forArticles(articleIds: readonly number[]): Promise<Map<number, Correction[]>>;
  /** The article behind a correction, whatever made it (newsroom or wire). */
  article(articleId: number): Promise<CorrectedArticle | null>;
}

function fromRow(r: Selectable<CorrectionsTable>): Correction {
  return {
    id: Number(r.id),
    articleId: Number(r.article_id),
    text: r.text,
    createdAt: toIso(r.created_at),
    createdBy: r.created_by === null ? null : Number(r.created_by),
  };
}

export function createCorrectionRepository(database: Database): CorrectionRepository {
  const { db } = database;
  return {
    async add(input, now = new Date()) {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("corrections")
          .values({
            article_id: input.articleId,
            text: input.text,
            created_at: at,
            created_by: input.createdBy,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .updateTable("articles")
          .set((eb) => ({ updated_at: at, version: eb("version", "+", 1) }))
          .where("id", "=", input.articleId)
          .execute();
        const correction = fromRow(row);
        const shown = (await articleSnapshots(trx, [input.articleId], now)).get(input.articleId);
        if (shown?.visible) {
          const payload = {
            articleId: input.articleId,
            url: shown.article.url,
            correction: {
              id: correction.id,
              text: correction.text,
              createdAt: correction.createdAt,
            },
          };
          await appendEvents(
            trx,
            database.dialect,
            [{ channel: `article:${input.articleId}`, type: "article.corrected", payload }],
            now,
          );
        }
        return correction;
      });
    },
    async forArticle(articleId) {
      const rows = await db
        .selectFrom("corrections")
        .selectAll()
        .where("article_id", "=", articleId)
        .orderBy("id", "asc")
        .execute();
      return rows.map(fromRow);
    },
    async forArticles(articleIds) {
      const found = new Map<number, Correction[]>();
      if (articleIds.length === 0) return found;
      const rows = await db
        .selectFrom("corrections")
        .selectAll()
        .where("article_id", "in", [...articleIds])
        .orderBy("id", "asc")
        .execute();
      for (const row of rows) {
        const c = fromRow(row);
        const list = found.get(c.articleId) ?? [];
        list.push(c);
        found.set(c.articleId, list);
      }
      return found;
    },
    async article(articleId) {
      const r = await db
        .selectFrom("articles")
        .select(["id", "headline", "status", "published_at", "updated_at", "version"])
        .where("id", "=", articleId)
        .executeTakeFirst();
      if (!r) return null;
      return {
        id: Number(r.id),
        headline: r.headline,
        status: r.status,
        publishedAt: r.published_at === null ? null : toIso(r.published_at),
        updatedAt: toIso(r.updated_at),
        version: Number(r.version),
      };
    },
  };
}
