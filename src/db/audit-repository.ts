import { sql } from "kysely";
import type { Database } from "./connection.ts";
import { toIso } from "./rows.ts";

/** One change someone made, as the audit log keeps it. */
export interface AuditEntry {
  id: number;
  at: string;
  /** The user's id; null for the system or a command run on the server. */
  actorId: number | null;
  /** Who, as shown: an e-mail address, "token:<name>", "cli", "system". */
  actor: string;
  /** What, stable: `user.create`, `article.publish`, `alert.withdraw`… */
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, "id" | "at"> & { at?: Date };

export interface AuditFilter {
  actorId?: number;
  /** As shown: an e-mail address, `token:<name>`, `cli`, `system`. */
  actor?: string;
  /** An action, or every action under a prefix ending in "." (`article.`). */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Entries older than this id (the next page). */
  before?: number;
  limit?: number;
}

/** Append and read; there is no update or delete, and the database refuses both. */
export interface AuditRepository {
  record(entry: NewAuditEntry): Promise<void>;
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createAuditRepository(database: Database): AuditRepository {
  const { db } = database;
  return {
    async record(entry) {
      await db
        .insertInto("audit_log")
        .values({
          at: (entry.at ?? new Date()).toISOString(),
          actor_id: entry.actorId,
          actor: entry.actor,
          action: entry.action,
          target_type: entry.targetType,
          target_id: entry.targetId,
          summary: entry.summary,
          before: json(entry.before),
          after: json(entry.after),
        })
        .execute();
    },
    async list(filter = {}) {
      let query = db.selectFrom("audit_log").selectAll().orderBy("id", "desc");
      if (filter.actorId !== undefined) query = query.where("actor_id", "=", filter.actorId);
      if (filter.actor) query = query.where("actor", "=", filter.actor);
      if (filter.action?.endsWith(".")) {
        // `article.` finds every article action; LIKE's own wildcards are escaped.
        const prefix = filter.action.replace(/[\\%_]/g, (c) => `\\${c}`);
        query = query.where(sql<boolean>`action LIKE ${`${prefix}%`} ESCAPE '\\'`);
      } else if (filter.action) query = query.where("action", "=", filter.action);
      if (filter.targetType) query = query.where("target_type", "=", filter.targetType);
      if (filter.targetId) query = query.where("target_id", "=", filter.targetId);
      if (filter.before !== undefined) query = query.where("id", "<", filter.before);
      const rows = await query.limit(Math.min(filter.limit ?? 50, 500)).execute();
      return rows.map((row) => ({
        id: row.id,
        at: toIso(row.at),
        actorId: row.actor_id,
        actor: row.actor,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        summary: row.summary,
        before: parse(row.before),
        after: parse(row.after),
      }));
    },
  };
}
