import { createECDH } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config/settings.ts";
import { AppError } from "../domain/errors.ts";
import { LOG } from "../domain/log-events.ts";
import { createFileOnce } from "./secret-key.ts";

export const VAPID_KEY_FILE = "vapid-private-key";

/** The application server's VAPID key pair (RFC 8292), both halves base64url as web-push takes them. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * VAPID_PRIVATE_KEY when set, else a key generated on first use and kept in DATA_DIR, so
 * readers' subscriptions (bound to the public key by their browsers) survive restarts.
 * Its own key, not derived from SECRET_KEY: rotating the signing secret must not silently
 * end every subscription (ADR 017). Only the private half is kept; the public one follows.
 */
export function loadVapidKeys(
  config: Pick<Config, "VAPID_PRIVATE_KEY" | "DATA_DIR">,
  logger?: Pick<Logger, "info">,
): VapidKeys {
  if (config.VAPID_PRIVATE_KEY !== "")
    return keysFrom(config.VAPID_PRIVATE_KEY, "VAPID_PRIVATE_KEY");
  const file = path.join(config.DATA_DIR, VAPID_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing !== null) return existing;
  const fresh = generatePrivateKey();
  if (!createFileOnce(file, `${fresh}\n`)) {
    const theirs = readKeyFile(file);
    if (theirs !== null) return theirs;
  }
  logger?.info(
    { event: LOG.vapidKeyGenerated, file },
    `generated a Web Push (VAPID) key in ${file}; with several nodes, set VAPID_PRIVATE_KEY on each instead`,
  );
  return keysFrom(fresh, file);
}

function generatePrivateKey(): string {
  // createECDH's generateKeys gives a scalar in range; random bytes alone might not be.
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return padded(ecdh.getPrivateKey()).toString("base64url");
}

// OpenSSL drops leading zero bytes of a scalar; the key is always 32 bytes on the wire.
function padded(key: Buffer): Buffer {
  return key.length >= 32 ? key : Buffer.concat([Buffer.alloc(32 - key.length), key]);
}

function keysFrom(privateKey: string, where: string): VapidKeys {
  const ecdh = createECDH("prime256v1");
  try {
    ecdh.setPrivateKey(Buffer.from(privateKey, "base64url"));
  } catch (error) {
    throw new AppError("vapid_key_invalid", `${where} is not a P-256 private key`, {
      context: { where },
      cause: error,
    });
  }
  return { publicKey: ecdh.getPublicKey().toString("base64url"), privateKey };
}

function readKeyFile(file: string): VapidKeys | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new AppError("vapid_key_unreadable", `cannot read the VAPID key in ${file}`, {
      context: { file },
      cause: error,
    });
  }
  const key = text.trim();
  if (!/^[A-Za-z0-9_-]{43}$/.test(key)) {
    throw new AppError(
      "vapid_key_invalid",
      `${file} does not hold a base64url P-256 key: set VAPID_PRIVATE_KEY, or delete the file to generate a new one (readers then subscribe again)`,
      { context: { file } },
    );
  }
  return keysFrom(key, file);
}
