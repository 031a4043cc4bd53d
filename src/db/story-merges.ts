import type { Kysely, Transaction } from "kysely";
import type { Schema } from "./schema.ts";

type Trx = Transaction<Schema>;

/** What one stored merge did: the story that lives on and the stories it absorbed. */
export interface StoredMerge {
  into: number;
  absorbed: number[];
  /** Sections of the reports that moved: their pages list the absorbed stories. */
  sectionSlugs: string[];
}

/**
 * Brings the stored stories the index merged under `key` together, in the transaction that
 * stores the article whose placement merged them (ADR 019). The story readers have had the
 * longest (the lowest id) keeps its id, so its address, and takes the index's key, which is
 * only the index's handle; the others' reports move to it, their ids redirect to it and
 * their rows go. Redirects stay one hop: those pointing at an absorbed story are pointed on.
 * With one stored story among them (the index's survivor was opened by this very article)
 * that one just takes the key. Null when none is stored yet.
 */
export async function mergeStoredStories(
  trx: Trx,
  key: string,
  merged: readonly string[],
  at: string,
): Promise<StoredMerge | null> {
  const rows = await trx
    .selectFrom("stories")
    .select(["id", "key", "pinned", "boost"])
    .where("key", "in", [key, ...merged])
    .orderBy("id")
    .execute();
  const [survivor, ...others] = rows;
  if (!survivor) return null;
  const into = Number(survivor.id);
  const absorbed = others.map((r) => Number(r.id));
  const sectionSlugs: string[] = [];
  if (absorbed.length > 0) {
    const sections = await trx
      .selectFrom("articles")
      .innerJoin("sections", "sections.id", "articles.section_id")
      .select("sections.slug")
      .distinct()
      .where("articles.story_id", "in", absorbed)
      .execute();
    sectionSlugs.push(...sections.map((r) => r.slug));
    await trx
      .updateTable("articles")
      .set({ story_id: into })
      .where("story_id", "in", absorbed)
      .execute();
    await trx
      .updateTable("story_redirects")
      .set({ to_id: into })
      .where("to_id", "in", absorbed)
      .execute();
    await trx
      .insertInto("story_redirects")
      .values(absorbed.map((id) => ({ from_id: id, to_id: into, merged_at: at })))
      .onConflict((oc) => oc.column("from_id").doUpdateSet({ to_id: into, merged_at: at }))
      .execute();
    // An editor's pin or boost on either story holds for the one they became; a hide is
    // the survivor's own.
    const pinned = rows.some((r) => Number(r.pinned) === 1) ? 1 : 0;
    const boost = Math.max(...rows.map((r) => Number(r.boost)));
    await trx.updateTable("stories").set({ pinned, boost }).where("id", "=", into).execute();
    await trx.deleteFrom("stories").where("id", "in", absorbed).execute();
  }
  // After the deletes: the key is unique, and an absorbed story may have held it.
  if (survivor.key !== key)
    await trx.updateTable("stories").set({ key }).where("id", "=", into).execute();
  return { into, absorbed, sectionSlugs };
}

/** Where a merged story's id lives on now (one hop), or null for an id never merged. */
export async function storyRedirect(db: Kysely<Schema>, id: number): Promise<number | null> {
  const row = await db
    .selectFrom("story_redirects")
    .select("to_id")
    .where("from_id", "=", id)
    .executeTakeFirst();
  return row ? Number(row.to_id) : null;
}
