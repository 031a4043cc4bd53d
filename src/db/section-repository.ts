import { AppError } from "../domain/errors.ts";
import { slugify } from "../domain/slug.ts";
import type { Database } from "./connection.ts";

/** A section as the front-page desk manages it. */
export interface ManagedSection {
  id: number;
  slug: string;
  name: string;
  position: number;
  hidden: boolean;
  /** Slugs it had before a rename: their addresses move to the current one. */
  oldSlugs: string[];
}

export const SECTION_NAME_MAX = 60;

export interface SectionRepository {
  /** In the masthead's order: position, then name. */
  list(): Promise<ManagedSection[]>;
  get(id: number): Promise<ManagedSection | null>;
  /** A new section, last in the order. Empty name or a slug in use: 400/409 naming `name`. */
  create(name: string): Promise<ManagedSection>;
  /** New name and slug; the old slug then redirects. */
  rename(id: number, name: string): Promise<{ before: ManagedSection; after: ManagedSection }>;
  /** Moves a section one place up (-1) or down (+1); positions become 1…n. */
  move(id: number, by: -1 | 1): Promise<ManagedSection[]>;
  setHidden(id: number, hidden: boolean): Promise<void>;
}

function checkName(raw: string): { name: string; slug: string } {
  const name = raw.trim();
  if (!name) {
    throw new AppError("name_required", "name: give the section a name", {
      status: 400,
      context: { field: "name" },
    });
  }
  if (name.length > SECTION_NAME_MAX) {
    throw new AppError("name_too_long", `name: at most ${SECTION_NAME_MAX} characters`, {
      status: 400,
      context: { field: "name" },
    });
  }
  const slug = slugify(name, 60);
  if (!slug) {
    throw new AppError("bad_name", "name: it needs at least one letter or digit for its address", {
      status: 400,
      context: { field: "name" },
    });
  }
  // `/section/feed.xml`-style clashes: a slug the reader site's routes could mistake.
  if (["feed", "feed-xml", "newsroom", "api", "section", "search"].includes(slug)) {
    throw new AppError("reserved_slug", `name: the address "${slug}" is reserved`, {
      status: 400,
      context: { field: "name" },
    });
  }
  return { name, slug };
}

export function createSectionRepository(database: Database): SectionRepository {
  const { db } = database;

  async function list(): Promise<ManagedSection[]> {
    const [rows, redirects] = await Promise.all([
      db.selectFrom("sections").selectAll().orderBy("position").orderBy("name").execute(),
      db.selectFrom("section_redirects").selectAll().orderBy("id").execute(),
    ]);
    return rows.map((r) => ({
      id: Number(r.id),
      slug: r.slug,
      name: r.name,
      position: Number(r.position),
      hidden: Boolean(Number(r.hidden)),
      oldSlugs: redirects
        .filter((x) => Number(x.section_id) === Number(r.id))
        .map((x) => x.old_slug),
    }));
  }
  const get = async (id: number) => (await list()).find((s) => s.id === id) ?? null;
  const mustGet = async (id: number) => {
    const s = await get(id);
    if (!s) throw new AppError("not_found", `no section #${id}`, { status: 404 });
    return s;
  };
  const slugTaken = (slug: string) =>
    new AppError("slug_taken", `name: the address /section/${slug} is already used by a section`, {
      status: 409,
      context: { field: "name" },
    });

  return {
    list,
    get,
    async create(raw) {
      const { name, slug } = checkName(raw);
      const id = await db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom("sections")
          .select("id")
          .where("slug", "=", slug)
          .executeTakeFirst();
        if (taken) throw slugTaken(slug);
        const last = await trx
          .selectFrom("sections")
          .select((eb) => eb.fn.max("position").as("max"))
          .executeTakeFirst();
        // The slug is a section's own now: an old name that pointed elsewhere stops moving.
        await trx.deleteFrom("section_redirects").where("old_slug", "=", slug).execute();
        const row = await trx
          .insertInto("sections")
          .values({ slug, name, position: Number(last?.max ?? 0) + 1, hidden: 0 })
          .returning("id")
          .executeTakeFirstOrThrow();
        return Number(row.id);
      });
      return mustGet(id);
    },
    async rename(id, raw) {
      const { name, slug } = checkName(raw);
      const before = await mustGet(id);
      await db.transaction().execute(async (trx) => {
        if (slug !== before.slug) {
          const taken = await trx
            .selectFrom("sections")
            .select("id")
            .where("slug", "=", slug)
            .where("id", "!=", id)
            .executeTakeFirst();
          if (taken) throw slugTaken(slug);
          await trx.deleteFrom("section_redirects").where("old_slug", "=", slug).execute();
          await trx
            .insertInto("section_redirects")
            .values({ old_slug: before.slug, section_id: id })
            .onConflict((oc) => oc.column("old_slug").doUpdateSet({ section_id: id }))
            .execute();
        }
        await trx.updateTable("sections").set({ name, slug }).where("id", "=", id).execute();
      });
      return { before, after: await mustGet(id) };
    },
    async move(id, by) {
      const sections = await list();
      const at = sections.findIndex((s) => s.id === id);
      if (at === -1) throw new AppError("not_found", `no section #${id}`, { status: 404 });
      const to = at + by;
      if (to >= 0 && to < sections.length) {
        const [moving] = sections.splice(at, 1);
        if (moving) sections.splice(to, 0, moving);
      }
      await db.transaction().execute(async (trx) => {
        for (const [i, s] of sections.entries()) {
          if (s.position !== i + 1)
            await trx
              .updateTable("sections")
              .set({ position: i + 1 })
              .where("id", "=", s.id)
              .execute();
        }
      });
      return list();
    },
    async setHidden(id, hidden) {
      await mustGet(id);
      await db
        .updateTable("sections")
        .set({ hidden: hidden ? 1 : 0 })
        .where("id", "=", id)
        .execute();
    },
  };
}
