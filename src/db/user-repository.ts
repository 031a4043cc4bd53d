import { AppError } from "../domain/errors.ts";
import { isNewsroomRole, type NewsroomRole, type User } from "../domain/user.ts";
import type { Database } from "./connection.ts";
import { toIso, toIsoOrNull } from "./rows.ts";

/** A user with the stored hash, for sign-in only: nothing else reads the hash. */
export interface UserWithHash extends User {
  passwordHash: string;
}

export interface UserRepository {
  /** Fails with `email_taken` (409) when the address has an account. */
  create(input: {
    email: string;
    name: string;
    role: NewsroomRole;
    passwordHash: string;
    now: Date;
  }): Promise<User>;
  byId(id: number): Promise<User | null>;
  /** The account of a normalized address (`normalizeEmail`), without its hash. */
  byEmail(email: string): Promise<User | null>;
  forSignIn(email: string): Promise<UserWithHash | null>;
  list(): Promise<User[]>;
  /** Accounts that may sign in with the admin role. */
  countActiveAdmins(): Promise<number>;
  setDisabled(id: number, disabledAt: Date | null): Promise<User | null>;
  setRole(id: number, role: NewsroomRole): Promise<User | null>;
  setPassword(id: number, passwordHash: string, now: Date): Promise<User | null>;
  /** Replaces any earlier setup token: only the newest printed one works. */
  putSetupToken(tokenHash: string, now: Date, expiresAt: Date): Promise<void>;
  /** True once for a live token; it is gone afterwards. */
  takeSetupToken(tokenHash: string, now: Date): Promise<boolean>;
  hasSetupToken(tokenHash: string, now: Date): Promise<boolean>;
}

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: string;
  disabled_at: Date | string | null;
  created_at: Date | string;
}

function toUser(row: UserRow): User {
  if (!isNewsroomRole(row.role)) {
    throw new AppError("bad_row", `user ${row.id} has an unknown role "${row.role}"`);
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabledAt: toIsoOrNull(row.disabled_at),
    createdAt: toIso(row.created_at),
  };
}

const COLUMNS = ["id", "email", "name", "role", "disabled_at", "created_at"] as const;

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}

export function createUserRepository(database: Database): UserRepository {
  const { db } = database;
  const byId = async (id: number) => {
    const row = await db
      .selectFrom("users")
      .select(COLUMNS)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  };
  return {
    async create(input) {
      const at = input.now.toISOString();
      try {
        const row = await db
          .insertInto("users")
          .values({
            email: input.email,
            name: input.name,
            role: input.role,
            password_hash: input.passwordHash,
            created_at: at,
            password_changed_at: at,
          })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow();
        return toUser(row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new AppError("email_taken", `${input.email} already has an account`, {
          status: 409,
          context: { field: "email" },
        });
      }
    },
    byId,
    async byEmail(email) {
      const row = await db
        .selectFrom("users")
        .select(COLUMNS)
        .where("email", "=", email)
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async forSignIn(email) {
      const row = await db
        .selectFrom("users")
        .select([...COLUMNS, "password_hash"])
        .where("email", "=", email)
        .executeTakeFirst();
      return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
    },
    async list() {
      const rows = await db.selectFrom("users").select(COLUMNS).orderBy("id").execute();
      return rows.map(toUser);
    },
    async countActiveAdmins() {
      const row = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("role", "=", "admin")
        .where("disabled_at", "is", null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async setDisabled(id, disabledAt) {
      await db
        .updateTable("users")
        .set({ disabled_at: disabledAt?.toISOString() ?? null })
        .where("id", "=", id)
        .execute();
      return byId(id);
    },
    async setRole(id, role) {
      await db.updateTable("users").set({ role }).where("id", "=", id).execute();
      return byId(id);
    },
    async setPassword(id, passwordHash, now) {
      await db
        .updateTable("users")
        .set({ password_hash: passwordHash, password_changed_at: now.toISOString() })
        .where("id", "=", id)
        .execute();
      return byId(id);
    },
    async putSetupToken(tokenHash, now, expiresAt) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("setup_tokens").execute();
        await trx
          .insertInto("setup_tokens")
          .values({
            token_hash: tokenHash,
            created_at: now.toISOString(),
            expires_at: expiresAt.toISOString(),
          })
          .execute();
      });
    },
    async takeSetupToken(tokenHash, now) {
      const result = await db
        .deleteFrom("setup_tokens")
        .where("token_hash", "=", tokenHash)
        .where("expires_at", ">", now.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async hasSetupToken(tokenHash, now) {
      const row = await db
        .selectFrom("setup_tokens")
        .select("token_hash")
        .where("token_hash", "=", tokenHash)
        .where("expires_at", ">", now.toISOString())
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
