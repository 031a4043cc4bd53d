import type { Selectable } from "kysely";
import { AppError } from "../domain/errors.ts";
import type { FeedFormat, FeedWarning } from "../domain/feed.ts";
import { isPublishPolicy } from "../domain/publish-policy.ts";
import type { NewSource, Source, SourceMode, WebSubState } from "../domain/source.ts";
import type { FetchFailure, FetchSuccess } from "../ingest/ingest-stores.ts";
import type { Database } from "./connection.ts";
import { toIso, toIsoOrNull } from "./rows.ts";
import type { SourcesTable } from "./schema.ts";

export interface SourceRepository {
  add(source: NewSource): Promise<Source>;
  get(id: number): Promise<Source | null>;
  byUrl(url: string): Promise<Source | null>;
  list(): Promise<Source[]>;
  remove(id: number): Promise<boolean>;
  setEnabled(id: number, enabled: boolean): Promise<void>;
  /**
   * Changes what an operator set (URL, title, mode, section, language, policy, intervals);
   * health is left alone. Null when there is no such source.
   */
  update(id: number, fields: SourceEdit): Promise<Source | null>;
  /** Enabled sources whose next fetch is due and that nobody holds a lease on. */
  due(now: Date, limit: number): Promise<Source[]>;
  /**
   * Takes the fetch lease on a source until `until`; false when another worker holds it.
   * One fetch per source at a time, across processes and nodes.
   */
  lease(id: number, now: Date, until: Date): Promise<boolean>;
  recordSuccess(id: number, result: FetchSuccess): Promise<void>;
  /** Returns true when this failure disabled the source. */
  recordFailure(id: number, failure: FetchFailure): Promise<boolean>;
  /** Due again at `nextFetchAt`, lease released, health left alone (our fault, not the source's). */
  reschedule(id: number, nextFetchAt: Date): Promise<void>;
  setWebSub(
    id: number,
    websub: {
      hub: string | null;
      topic: string | null;
      secret: string | null;
      leaseUntil: Date | null;
    },
  ): Promise<void>;
  findByWebSubTopic(topic: string): Promise<(Source & { websubSecret: string | null }) | null>;
  /** The source with its WebSub subscription (secret included: server-side only). */
  webSub(id: number): Promise<SourceWithWebSub | null>;
  /** Enabled sources with a live subscription (secret set) whose lease ends at or before `before`. */
  webSubExpiring(before: Date, limit: number): Promise<SourceWithWebSub[]>;
}

/** What an operator may change of a source (the newsroom's sources page). */
export type SourceEdit = Pick<NewSource, "url" | "mode" | "section"> &
  Required<
    Pick<
      NewSource,
      "title" | "languageHint" | "publishPolicy" | "minIntervalSeconds" | "maxIntervalSeconds"
    >
  >;

export interface SourceWithWebSub {
  source: Source;
  websub: WebSubState;
}

export const DEFAULT_MIN_INTERVAL = 5 * 60;
export const DEFAULT_MAX_INTERVAL = 60 * 60;

type Row = Selectable<SourcesTable> & { section_slug: string };

function webSubFromRow(row: Row): SourceWithWebSub {
  return {
    source: sourceFromRow(row),
    websub: {
      hub: row.websub_hub,
      topic: row.websub_topic,
      secret: row.websub_secret,
      leaseUntil: toIsoOrNull(row.websub_lease_until),
    },
  };
}

/** The stored warnings read back, anything of another shape left out (never trusted blindly). */
function warningsFromColumn(text: string | null): FeedWarning[] {
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const out: FeedWarning[] = [];
  for (const w of value as Record<string, unknown>[]) {
    if (typeof w !== "object" || w === null || typeof w.message !== "string") continue;
    if (w.code === "truncated" && typeof w.line === "number" && typeof w.column === "number") {
      out.push({ code: "truncated", message: w.message, line: w.line, column: w.column });
    } else if (
      w.code === "items_skipped" &&
      typeof w.reason === "string" &&
      typeof w.count === "number"
    ) {
      out.push({ code: "items_skipped", reason: w.reason, count: w.count, message: w.message });
    }
  }
  return out;
}

function warningsColumn(warnings: readonly FeedWarning[]): string | null {
  return warnings.length === 0 ? null : JSON.stringify(warnings.slice(0, 20));
}

function sourceFromRow(row: Row): Source {
  return {
    id: Number(row.id),
    url: row.url,
    title: row.title,
    siteUrl: row.site_url,
    format: row.format as FeedFormat | null,
    mode: row.mode as SourceMode,
    sectionSlug: row.section_slug,
    languageHint: row.language_hint,
    weight: Number(row.weight),
    minIntervalSeconds: Number(row.min_interval_seconds),
    maxIntervalSeconds: Number(row.max_interval_seconds),
    enabled: Boolean(Number(row.enabled)),
    publishPolicy: isPublishPolicy(row.publish_policy) ? row.publish_policy : null,
    createdAt: toIso(row.created_at),
    health: {
      lastSuccessAt: toIsoOrNull(row.last_success_at),
      lastErrorAt: toIsoOrNull(row.last_error_at),
      lastError: row.last_error,
      lastErrorCode: row.last_error_code,
      consecutiveFailures: Number(row.consecutive_failures),
      etag: row.etag,
      lastModified: row.last_modified,
      itemsPerDay: Number(row.items_per_day),
      nextFetchAt: toIsoOrNull(row.next_fetch_at),
      disabledReason: row.disabled_reason,
      warnings: warningsFromColumn(row.last_warnings ?? null),
    },
  };
}

function checkIntervals(min: number, max: number) {
  if (min < 30 || max < min) {
    throw new AppError(
      "bad_interval",
      `poll interval bounds must satisfy 30 ≤ min ≤ max (got ${min}..${max} seconds)`,
      { status: 400, context: { field: "min_interval" } },
    );
  }
}

export function createSourceRepository(database: Database): SourceRepository {
  const { db } = database;
  const select = () =>
    db
      .selectFrom("sources")
      .innerJoin("sections", "sections.id", "sources.section_id")
      .selectAll("sources")
      .select("sections.slug as section_slug");

  const one = async (q: ReturnType<typeof select>) => {
    const row = await q.executeTakeFirst();
    return row ? sourceFromRow(row as Row) : null;
  };

  return {
    async add(source) {
      const min = source.minIntervalSeconds ?? DEFAULT_MIN_INTERVAL;
      const max = source.maxIntervalSeconds ?? DEFAULT_MAX_INTERVAL;
      checkIntervals(min, max);
      if (await one(select().where("sources.url", "=", source.url))) {
        throw new AppError("source_exists", `a source with the URL ${source.url} already exists`, {
          status: 409,
        });
      }
      const id = await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("sections")
          .values({ slug: source.section.slug, name: source.section.name })
          .onConflict((oc) => oc.column("slug").doNothing())
          .execute();
        const section = await trx
          .selectFrom("sections")
          .select("id")
          .where("slug", "=", source.section.slug)
          .executeTakeFirstOrThrow();
        const row = await trx
          .insertInto("sources")
          .values({
            url: source.url,
            title: source.title ?? null,
            site_url: source.siteUrl ?? null,
            mode: source.mode,
            section_id: Number(section.id),
            language_hint: source.languageHint ?? null,
            weight: source.weight ?? 1,
            min_interval_seconds: min,
            max_interval_seconds: max,
            enabled: 1,
            publish_policy: source.publishPolicy ?? null,
            consecutive_failures: 0,
            items_per_day: 0,
            created_at: new Date().toISOString(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return Number(row.id);
      });
      const created = await one(select().where("sources.id", "=", id));
      if (!created) throw new AppError("lost_write", `source ${id} vanished after insert`);
      return created;
    },

    get: (id) => one(select().where("sources.id", "=", id)),
    byUrl: (url) => one(select().where("sources.url", "=", url)),

    async list() {
      const rows = await select().orderBy("sources.id").execute();
      return rows.map((r) => sourceFromRow(r as Row));
    },

    async remove(id) {
      const result = await db.deleteFrom("sources").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async setEnabled(id, enabled) {
      await db
        .updateTable("sources")
        .set(
          enabled
            ? { enabled: 1, disabled_reason: null, consecutive_failures: 0, next_fetch_at: null }
            : { enabled: 0, disabled_reason: "disabled by an operator" },
        )
        .where("id", "=", id)
        .execute();
    },

    async update(id, edit) {
      checkIntervals(edit.minIntervalSeconds, edit.maxIntervalSeconds);
      const clash = await one(
        select().where("sources.url", "=", edit.url).where("sources.id", "!=", id),
      );
      if (clash) {
        throw new AppError("source_exists", `a source with the URL ${edit.url} already exists`, {
          status: 409,
          context: { field: "url" },
        });
      }
      const found = await db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom("sources")
          .select(["id", "url"])
          .where("id", "=", id)
          .executeTakeFirst();
        if (!current) return false;
        await trx
          .insertInto("sections")
          .values({ slug: edit.section.slug, name: edit.section.name })
          .onConflict((oc) => oc.column("slug").doNothing())
          .execute();
        const section = await trx
          .selectFrom("sections")
          .select("id")
          .where("slug", "=", edit.section.slug)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable("sources")
          .set({
            url: edit.url,
            title: edit.title,
            mode: edit.mode,
            section_id: Number(section.id),
            language_hint: edit.languageHint,
            publish_policy: edit.publishPolicy,
            min_interval_seconds: edit.minIntervalSeconds,
            max_interval_seconds: edit.maxIntervalSeconds,
            // A new address is a new feed: its validators and schedule start over.
            ...(current.url !== edit.url
              ? { etag: null, last_modified: null, next_fetch_at: null }
              : {}),
          })
          .where("id", "=", id)
          .execute();
        return true;
      });
      return found ? one(select().where("sources.id", "=", id)) : null;
    },

    async due(now, limit) {
      const at = now.toISOString();
      const rows = await select()
        .where("sources.enabled", "=", 1)
        .where((eb) =>
          eb.or([eb("sources.next_fetch_at", "is", null), eb("sources.next_fetch_at", "<=", at)]),
        )
        .where((eb) =>
          eb.or([eb("sources.lease_until", "is", null), eb("sources.lease_until", "<", at)]),
        )
        .orderBy("sources.next_fetch_at")
        .limit(limit)
        .execute();
      return rows.map((r) => sourceFromRow(r as Row));
    },

    async lease(id, now, until) {
      // A conditional update is atomic on both engines: exactly one worker wins.
      const result = await db
        .updateTable("sources")
        .set({ lease_until: until.toISOString() })
        .where("id", "=", id)
        .where((eb) =>
          eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now.toISOString())]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async recordSuccess(id, r) {
      await db
        .updateTable("sources")
        .set({
          last_success_at: r.at.toISOString(),
          consecutive_failures: 0,
          etag: r.etag,
          last_modified: r.lastModified,
          next_fetch_at: r.nextFetchAt.toISOString(),
          lease_until: null,
          ...(r.format ? { format: r.format } : {}),
          ...(r.itemsPerDay !== undefined ? { items_per_day: r.itemsPerDay } : {}),
          ...(r.title ? { title: r.title } : {}),
          ...(r.siteUrl ? { site_url: r.siteUrl } : {}),
          // A 304 says nothing new about the feed: its last warnings stand.
          ...(r.warnings !== undefined ? { last_warnings: warningsColumn(r.warnings) } : {}),
        })
        .where("id", "=", id)
        .execute();
    },

    async reschedule(id, nextFetchAt) {
      await db
        .updateTable("sources")
        .set({ next_fetch_at: nextFetchAt.toISOString(), lease_until: null })
        .where("id", "=", id)
        .execute();
    },

    async recordFailure(id, f) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom("sources")
          .select("consecutive_failures")
          .where("id", "=", id)
          .executeTakeFirst();
        const failures = Number(row?.consecutive_failures ?? 0) + 1;
        const disable = failures >= f.disableAfter;
        await trx
          .updateTable("sources")
          .set({
            last_error_at: f.at.toISOString(),
            last_error: f.message.slice(0, 1000),
            last_error_code: f.code,
            consecutive_failures: failures,
            next_fetch_at: f.nextFetchAt.toISOString(),
            lease_until: null,
            ...(disable
              ? {
                  enabled: 0,
                  disabled_reason: `disabled after ${failures} failures in a row; last: ${f.code}: ${f.message.slice(0, 300)}`,
                }
              : {}),
          })
          .where("id", "=", id)
          .execute();
        return disable;
      });
    },

    async setWebSub(id, w) {
      await db
        .updateTable("sources")
        .set({
          websub_hub: w.hub,
          websub_topic: w.topic,
          websub_secret: w.secret,
          websub_lease_until: w.leaseUntil?.toISOString() ?? null,
        })
        .where("id", "=", id)
        .execute();
    },

    async findByWebSubTopic(topic) {
      const row = await select().where("sources.websub_topic", "=", topic).executeTakeFirst();
      return row ? { ...sourceFromRow(row as Row), websubSecret: row.websub_secret } : null;
    },

    async webSub(id) {
      const row = await select().where("sources.id", "=", id).executeTakeFirst();
      return row ? webSubFromRow(row as Row) : null;
    },

    async webSubExpiring(before, limit) {
      const rows = await select()
        .where("sources.enabled", "=", 1)
        .where("sources.websub_hub", "is not", null)
        .where("sources.websub_topic", "is not", null)
        .where("sources.websub_secret", "is not", null)
        .where("sources.websub_lease_until", "<=", before.toISOString())
        .orderBy("sources.websub_lease_until")
        .limit(limit)
        .execute();
      return rows.map((r) => webSubFromRow(r as Row));
    },
  };
}
