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

  mkdirSync(config.DATA_DIR, { recursive: true });
  const key = randomBytes(32).toString("hex");
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, `${key}\n`, { mode: 0o600, flag: "wx" });
  try {
    // A hard link appears complete or not at all and never replaces a file, so two
    // processes starting at once agree on one key and neither reads a half-written one.
    linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      const theirs = readKeyFile(file);
      if (theirs !== null) return theirs;
    }
    // File systems without hard links: a rename is still atomic, only not exclusive.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  logger?.info(
    { event: LOG.secretKeyGenerated, file },
    `generated a secret key in ${file}; with several nodes, set SECRET_KEY on each instead`,
  );
  return key;
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
