import { isNewsroomRole, type NewsroomRole } from "../domain/user.ts";
import type { Database } from "./connection.ts";
import { toIso, toIsoOrNull } from "./rows.ts";

export interface ApiToken {
  id: number;
  name: string;
  role: NewsroomRole;
  createdBy: number;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenRepository {
  create(input: {
    name: string;
    tokenHash: string;
    role: NewsroomRole;
    createdBy: number;
    now: Date;
  }): Promise<ApiToken>;
  /** A live (unrevoked) token by its hash; records the use. */
  use(tokenHash: string, now: Date): Promise<ApiToken | null>;
  list(): Promise<ApiToken[]>;
  revoke(id: number, now: Date): Promise<ApiToken | null>;
}

interface Row {
  id: number;
  name: string;
  role: string;
  created_by: number;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const COLUMNS = [
  "id",
  "name",
  "role",
  "created_by",
  "created_at",
  "last_used_at",
  "revoked_at",
] as const;

function toToken(row: Row): ApiToken {
  return {
    id: row.id,
    name: row.name,
    // The column's CHECK holds it to a role; reporter is the least a bad row could grant.
    role: isNewsroomRole(row.role) ? row.role : "reporter",
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    lastUsedAt: toIsoOrNull(row.last_used_at),
    revokedAt: toIsoOrNull(row.revoked_at),
  };
}

export function createApiTokenRepository(database: Database): ApiTokenRepository {
  const { db } = database;
  return {
    async create(input) {
      const row = await db
        .insertInto("api_tokens")
        .values({
          name: input.name,
          token_hash: input.tokenHash,
          role: input.role,
          created_by: input.createdBy,
          created_at: input.now.toISOString(),
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toToken(row);
    },
    async use(tokenHash, now) {
      const row = await db
        .updateTable("api_tokens")
        .set({ last_used_at: now.toISOString() })
        .where("token_hash", "=", tokenHash)
        .where("revoked_at", "is", null)
        .returning(COLUMNS)
        .executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async list() {
      const rows = await db.selectFrom("api_tokens").select(COLUMNS).orderBy("id").execute();
      return rows.map(toToken);
    },
    async revoke(id, now) {
      const row = await db
        .updateTable("api_tokens")
        .set({ revoked_at: now.toISOString() })
        .where("id", "=", id)
        .returning(COLUMNS)
        .executeTakeFirst();
      return row ? toToken(row) : null;
    },
  };
}
