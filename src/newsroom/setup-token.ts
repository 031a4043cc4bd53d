import { randomBytes } from "node:crypto";
import type { UserRepository } from "../db/user-repository.ts";
import { hashSecret } from "./session-auth.ts";

const SETUP_TOKEN_HOURS = 24;

/**
 * While the newsroom has no admin, a one-time token for `/newsroom/setup`: a new one each
 * start (only the newest works), kept hashed, good for a day. Null once there is an admin.
 */
export async function issueSetupToken(
  users: UserRepository,
  now = new Date(),
): Promise<string | null> {
  if ((await users.countActiveAdmins()) > 0) return null;
  const token = randomBytes(24).toString("base64url");
  await users.putSetupToken(
    hashSecret(token),
    now,
    new Date(now.getTime() + SETUP_TOKEN_HOURS * 3_600_000),
  );
  return token;
}
