import type { UserRepository } from "../db/user-repository.ts";
import { AppError } from "../domain/errors.ts";
import type { User } from "../domain/user.ts";

/**
 * Refuses a change that would leave the newsroom without an active admin (the desk's
 * people page and `dispatch user` both ask): `change` says what, e.g. "disabled".
 */
export async function keepAnAdmin(
  users: UserRepository,
  user: User,
  change: string,
): Promise<void> {
  if (user.role !== "admin" || user.disabledAt !== null) return;
  if ((await users.countActiveAdmins()) > 1) return;
  throw new AppError(
    "last_admin",
    `${user.email} is the last active admin and cannot be ${change}; make another admin first`,
    { status: 409 },
  );
}
