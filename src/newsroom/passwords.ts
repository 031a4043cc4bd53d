import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { lazily } from "../domain/lazily.ts";

// OWASP's floor for scrypt is N=2^17 with r=8; 2^15 keeps a sign-in near 50 ms on a small
// core. The parameters are stored in each hash, so raising them later needs no migration.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;
// scrypt reads the whole password: a megabyte one would be a free way to burn our CPU.
export const MAX_PASSWORD_LENGTH = 256;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFC"),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 256 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return [
    "scrypt",
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash of nothing anyone knows, checked against when the address has no account, so an
 * unknown address costs the same time as a wrong password.
 */
export const dummyHash = lazily(() => hashPassword(randomBytes(18).toString("base64url")));

// 49,000 passwords seen most in breaches (zxcvbn's list), loaded when a password is set.
const commonPasswords = lazily(async () => {
  const { dictionary } = await import("@zxcvbn-ts/language-common");
  return new Set(dictionary.passwords.map((p: string) => p.toLowerCase()));
});

/** What is wrong with a new password, as one sentence for the form; null when it will do. */
export async function passwordProblem(
  password: string,
  about: { email?: string; name?: string } = {},
): Promise<string | null> {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long (it has ${length}).`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`;
  }
  const lower = password.toLowerCase();
  if ((await commonPasswords()).has(lower) || /^(.)\1+$/.test(password)) {
    return "That password is on a list of common passwords; choose another.";
  }
  const own = [about.email, about.email?.split("@")[0], about.name]
    .filter((s): s is string => typeof s === "string" && s.length >= 4)
    .map((s) => s.toLowerCase());
  if (own.some((s) => lower === s || lower === `${s}123`)) {
    return "The password must not be your name or e-mail address.";
  }
  return null;
}
