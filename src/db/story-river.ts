import type { ExpressionBuilder, Kysely } from "kysely";
import type { Article } from "../domain/article.ts";
import { decodeRiverCursor, encodeRiverCursor, leftOut, type RiverCursor } from "./river-cursor.ts";
import { type ArticleRow, articleFromRow } from "./rows.ts";
import type { Schema } from "./schema.ts";
import { whereListed } from "./visibility.ts";

/** Which river: the whole site's, one section's, or one topic's (an entity). */
export interface RiverQuery {
  limit: number;
  cursor?: string | undefined;
  section?: string | undefined;
  entityId?: number | undefined;
  /**
   * Stories shown above the river (the home page's top stories, a topic's stories), left
   * out of this page and, through its cursor, of every older one.
   */
  without?: readonly number[] | undefined;
}

export interface RiverStory {
  id: number;
  slug: string;
  title: string;
}

/** One entry of a river: a report standing alone, or a story shown by its lead report. */
export interface RiverEntry {
  article: Article;
  /** The story it stands for, when the report belongs to one. */
  story: RiverStory | null;
  /** The story's other listed reports ("and N more"); 0 when it stands alone. */
  more: number;
  /** When the entry last moved: its newest report in this river (ISO 8601). */
  at: string | null;
}

export interface RiverPage {
  entries: RiverEntry[];
  next: string | null;
}

/**
 * A river with each story once. A story takes the place of its newest listed report in
 * the river's scope (section, topic) and is shown by its lead report with a count of the
 * others; a report without a story stands alone. Keyset pages on the newest report, so a
 * story never comes back on an older page. One query for the page (the newest-report test
 * is an index probe on (story_id, published_at)), then one each for the stories, their
 * counts and their lead reports — at most one page's worth of ids each. Stories shown
 * above the river (`without`) are left out in the query, so a page is still full, and they
 * ride in the cursor, so that no older page lists them either.
 */
export async function storyRiver(
  db: Kysely<Schema>,
  query: RiverQuery,
  now: Date,
): Promise<RiverPage> {
  const cursor: RiverCursor | undefined = query.cursor
    ? decodeRiverCursor(query.cursor)
    : undefined;
  const without = leftOut(query.without, cursor?.without);
  let q = db
    .selectFrom("articles")
    .innerJoin("sections", "sections.id", "articles.section_id")
    .selectAll("articles")
    .select(["sections.slug as section_slug", "sections.name as section_name"])
    .where(whereListed(now));
  if (query.section !== undefined) q = q.where("sections.slug", "=", query.section);
  const entityId = query.entityId;
  if (entityId !== undefined)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("article_entities")
          .select("article_entities.article_id")
          .whereRef("article_entities.article_id", "=", "articles.id")
          .where("article_entities.entity_id", "=", entityId),
      ),
    );
  q = q.where((eb) => {
    const newest = eb.not(eb.exists(newerInStory(eb, query.section !== undefined, entityId, now)));
    return eb.or([
      eb("articles.story_id", "is", null),
      without.length === 0 ? newest : eb.and([eb("articles.story_id", "not in", without), newest]),
    ]);
  });
  if (cursor) {
    const at = cursor.publishedAt;
    q = q
      // Implied by the keyset test below, which PostgreSQL cannot use on the index by itself
      // (an OR): without it an older page scans every newer listed report first.
      .where("articles.published_at", "<=", at)
      .where((eb) =>
        eb.or([
          eb("articles.published_at", "<", at),
          eb.and([eb("articles.published_at", "=", at), eb("articles.id", "<", cursor.id)]),
        ]),
      );
  }
  const rows = await q
    .orderBy("articles.published_at", "desc")
    .orderBy("articles.id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next =
    rows.length > query.limit && last?.published_at
      ? encodeRiverCursor({
          publishedAt: new Date(last.published_at).toISOString(),
          id: Number(last.id),
          without,
        })
      : null;

  const storyIds = [
    ...new Set(page.flatMap((r) => (r.story_id === null ? [] : [Number(r.story_id)]))),
  ];
  const stories = await storiesOf(db, storyIds, now);
  const entries = page.map((row): RiverEntry => {
    const newest = articleFromRow(row as unknown as ArticleRow);
    const at = newest.publishedAt;
    const story = row.story_id === null ? undefined : stories.get(Number(row.story_id));
    if (!story || story.count < 2) return { article: newest, story: null, more: 0, at };
    return {
      article: story.lead ?? newest,
      story: story.story,
      more: story.count - 1,
      at,
    };
  });
  return { entries, next };
}

/** A listed report of the same story, in the same scope, newer than the row's. */
function newerInStory(
  eb: ExpressionBuilder<Schema & { n: Schema["articles"] }, "articles">,
  sameSection: boolean,
  entityId: number | undefined,
  now: Date,
) {
  let sub = eb
    .selectFrom("articles as n")
    .select("n.id")
    .whereRef("n.story_id", "=", "articles.story_id")
    .where(whereListed(now, "n"))
    .where((inner) =>
      inner.or([
        inner("n.published_at", ">", inner.ref("articles.published_at")),
        inner.and([
          inner("n.published_at", "=", inner.ref("articles.published_at")),
          inner("n.id", ">", inner.ref("articles.id")),
        ]),
      ]),
    );
  if (sameSection) sub = sub.whereRef("n.section_id", "=", "articles.section_id");
  if (entityId !== undefined)
    sub = sub.where((inner) =>
      inner.exists(
        inner
          .selectFrom("article_entities as ne")
          .select("ne.article_id")
          .whereRef("ne.article_id", "=", "n.id")
          .where("ne.entity_id", "=", entityId),
      ),
    );
  return sub;
}

interface StoryOfRiver {
  story: RiverStory;
  /** Listed reports, site-wide. */
  count: number;
  /** The story's lead report when a reader may see it. */
  lead: Article | null;
}

async function storiesOf(
  db: Kysely<Schema>,
  ids: number[],
  now: Date,
): Promise<Map<number, StoryOfRiver>> {
  const out = new Map<number, StoryOfRiver>();
  if (ids.length === 0) return out;
  const [rows, counts] = await Promise.all([
    db
      .selectFrom("stories")
      .select(["id", "slug", "title", "lead_article_id"])
      .where("id", "in", ids)
      .execute(),
    db
      .selectFrom("articles")
      .select("story_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("story_id", "in", ids)
      .where(whereListed(now))
      .groupBy("story_id")
      .execute(),
  ]);
  const leadIds = rows.flatMap((r) =>
    r.lead_article_id === null ? [] : [Number(r.lead_article_id)],
  );
  const leads =
    leadIds.length === 0
      ? []
      : await db
          .selectFrom("articles")
          .innerJoin("sections", "sections.id", "articles.section_id")
          .selectAll("articles")
          .select(["sections.slug as section_slug", "sections.name as section_name"])
          .where("articles.id", "in", leadIds)
          .where(whereListed(now))
          .execute();
  const leadById = new Map(
    leads.map((r) => [Number(r.id), articleFromRow(r as unknown as ArticleRow)] as const),
  );
  const countOf = new Map(counts.map((c) => [Number(c.story_id), Number(c.n)] as const));
  for (const r of rows) {
    const id = Number(r.id);
    out.set(id, {
      story: { id, slug: r.slug, title: r.title },
      count: countOf.get(id) ?? 0,
      lead: r.lead_article_id === null ? null : (leadById.get(Number(r.lead_article_id)) ?? null),
    });
  }
  return out;
}
