import type { User } from "../domain/user.ts";
import type { Database } from "./connection.ts";
import { toIso } from "./rows.ts";
import { createUserRepository } from "./user-repository.ts";

export interface StoredSession {
  idHash: string;
  user: User;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  client: string | null;
}

export interface SessionRepository {
  create(input: {
    idHash: string;
    userId: number;
    now: Date;
    expiresAt: Date;
    client: string | null;
  }): Promise<void>;
  /** The session and its user, whatever their state: the caller applies the timeouts. */
  get(idHash: string): Promise<StoredSession | null>;
  touch(idHash: string, now: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Every session of the user ("log out everywhere", a disabled account, a new password). */
  deleteForUser(userId: number): Promise<number>;
  /** Sessions past their absolute or idle limit; run now and then. */
  prune(now: Date, idleSince: Date): Promise<number>;
}

export function createSessionRepository(database: Database): SessionRepository {
  const { db } = database;
  const users = createUserRepository(database);
  return {
    async create(input) {
      const at = input.now.toISOString();
      await db
        .insertInto("sessions")
        .values({
          id_hash: input.idHash,
          user_id: input.userId,
          created_at: at,
          last_seen_at: at,
          expires_at: input.expiresAt.toISOString(),
          client: input.client,
        })
        .execute();
    },
    async get(idHash) {
      const row = await db
        .selectFrom("sessions")
        .selectAll()
        .where("id_hash", "=", idHash)
        .executeTakeFirst();
      if (!row) return null;
      const user = await users.byId(row.user_id);
      if (!user) return null;
      return {
        idHash: row.id_hash,
        user,
        createdAt: toIso(row.created_at),
        lastSeenAt: toIso(row.last_seen_at),
        expiresAt: toIso(row.expires_at),
        client: row.client,
      };
    },
    async touch(idHash, now) {
      await db
        .updateTable("sessions")
        .set({ last_seen_at: now.toISOString() })
        .where("id_hash", "=", idHash)
        .execute();
    },
    async delete(idHash) {
      await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    },
    async deleteForUser(userId) {
      const result = await db
        .deleteFrom("sessions")
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async prune(now, idleSince) {
      const result = await db
        .deleteFrom("sessions")
        .where((eb) =>
          eb.or([
            eb("expires_at", "<=", now.toISOString()),
            eb("last_seen_at", "<", idleSince.toISOString()),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
