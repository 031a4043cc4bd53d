import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config/settings.ts";
import { AppError } from "../domain/errors.ts";
import { LOG } from "../domain/log-events.ts";

export const SECRET_KEY_FILE = "secret-key";
const MIN_LENGTH = 32;

/**
 * The key Dispatch signs with: SECRET_KEY when set, else one generated on first start and
 * kept in DATA_DIR, so signed URLs survive restarts. Several nodes need the same key, and
 * a file on one node's disk cannot give them that: they must set SECRET_KEY.
 */
export function loadSecretKey(
  config: Pick<Config, "SECRET_KEY" | "DATA_DIR">,
  logger?: Pick<Logger, "info">,
): string {
  if (config.SECRET_KEY !== "") return config.SECRET_KEY;
  const file = path.join(config.DATA_DIR, SECRET_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing !== null) return existing;

  const key = randomBytes(32).toString("hex");
  if (!createFileOnce(file, `${key}\n`)) {
    const theirs = readKeyFile(file);
    if (theirs !== null) return theirs;
    throw new AppError("secret_key_unreadable", `${file} appeared and vanished while starting`, {
      context: { file },
    });
  }
  logger?.info(
    { event: LOG.secretKeyGenerated, file },
    `generated a secret key in ${file}; with several nodes, set SECRET_KEY on each instead`,
  );
  return key;
}

/**
 * Writes `contents` to `file` (mode 0600) unless the file exists; true when this call wrote
 * it, false when another process got there first (then read theirs).
 */
export function createFileOnce(file: string, contents: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, contents, { mode: 0o600, flag: "wx" });
  try {
    // A hard link appears complete or not at all and never replaces a file, so two
    // processes starting at once agree on one key and neither reads a half-written one.
    linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // File systems without hard links: a rename is still atomic, only not exclusive.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    renameSync(temp, file);
    return true;
  } finally {
    rmSync(temp, { force: true });
  }
}

function readKeyFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new AppError("secret_key_unreadable", `cannot read the secret key in ${file}`, {
      context: { file },
      cause: error,
    });
  }
  const key = text.trim();
  if (key.length < MIN_LENGTH) {
    throw new AppError(
      "secret_key_invalid",
      `${file} holds fewer than ${MIN_LENGTH} characters: delete it to generate a new key, or set SECRET_KEY`,
      { context: { file } },
    );
  }
  return key;
}
