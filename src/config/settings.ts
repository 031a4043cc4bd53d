import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllowList } from "../domain/address-guard.ts";
import { AppError } from "../domain/errors.ts";

/**
 * Every setting Dispatch reads, in one table: its default, its parser and whether it is
 * secret. Environment variables win over the optional config file (`DISPATCH_CONFIG`,
 * a JSON object keyed by the same names).
 */
type Parser<T> = (raw: string) => T;

interface Setting<T> {
  description: string;
  default: (partial: Record<string, unknown>) => T;
  parse: Parser<T>;
  allowed: string;
  secret?: boolean;
  /** How `dispatch config` shows a secret; the default hides all of it. */
  redact?: (value: string) => string;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function port(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 0 || n > 65535) throw new Error("not a port");
  return n;
}

function nonEmpty(raw: string): string {
  const v = raw.trim();
  if (v === "") throw new Error("empty");
  return v;
}

function httpUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
  return url.href.replace(/\/$/, "");
}

/** An http(s) URL kept exactly as given: a hub's endpoint path may end in a slash. */
function endpointUrl(raw: string): string {
  const url = new URL(raw.trim());
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
  return url.href;
}

function databaseUrl(raw: string): string {
  if (/^postgres(ql)?:\/\//.test(raw)) {
    new URL(raw);
    return raw;
  }
  if (raw.startsWith("sqlite:")) return raw;
  throw new Error("scheme");
}

function locale(raw: string): string {
  const [canonical] = Intl.getCanonicalLocales(raw);
  if (canonical === undefined) throw new Error("locale");
  return canonical;
}

function timeZone(raw: string): string {
  return new Intl.DateTimeFormat("en", { timeZone: raw }).resolvedOptions().timeZone;
}

function intIn(min: number, max: number): Parser<number> {
  return (raw) => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || n < min || n > max) throw new Error("out of range");
    return n;
  };
}

function onOff(raw: string): boolean {
  if (raw === "on" || raw === "true" || raw === "1") return true;
  if (raw === "off" || raw === "false" || raw === "0") return false;
  throw new Error("not on/off");
}

function allowList(raw: string): string {
  parseAllowList(raw);
  return raw.trim();
}

/** A key long enough to sign with; any text, so an operator can paste what they have. */
function secretKey(raw: string): string {
  const v = raw.trim();
  if (v.length < 32) throw new Error("too short");
  return v;
}

/** VAPID's contact (RFC 8292 §2.1): a mailto: address or an https: URL. */
function vapidSubject(raw: string): string {
  const v = raw.trim();
  const url = new URL(v);
  if (url.protocol === "https:" && url.hostname !== "") return v;
  if (url.protocol === "mailto:" && /^[^@\s]+@[^@\s]+$/.test(url.pathname)) return v;
  throw new Error("scheme");
}

/** The site itself when it is public over https; otherwise a mailbox at its host. */
function vapidSubjectFor(siteUrl: string): string {
  try {
    const url = new URL(siteUrl);
    if (url.protocol === "https:" && url.hostname !== "localhost") return url.origin;
    return `mailto:webmaster@${url.hostname || "localhost"}`;
  } catch {
    return "mailto:webmaster@localhost";
  }
}

/** A raw P-256 private key: 32 bytes as unpadded base64url. */
function vapidPrivateKey(raw: string): string {
  const v = raw.trim();
  if (!/^[A-Za-z0-9_-]{43}$/.test(v)) throw new Error("not a key");
  return v;
}

function oneOf<T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    if ((values as readonly string[]).includes(raw)) return raw as T;
    throw new Error("not allowed");
  };
}

const table = {
  PORT: {
    description: "TCP port the web server listens on",
    default: () => 3000,
    parse: port,
    allowed: "an integer from 0 to 65535",
  } satisfies Setting<number>,
  HOST: {
    description: "Address the web server binds",
    default: () => "127.0.0.1",
    parse: nonEmpty,
    allowed: "an IP address or host name, for example 0.0.0.0",
  } satisfies Setting<string>,
  DATA_DIR: {
    description: "Folder for the SQLite database and caches",
    default: () => "./data",
    parse: nonEmpty,
    allowed: "a folder path",
  } satisfies Setting<string>,
  DATABASE_URL: {
    description: "sqlite:<file> (default: DATA_DIR/dispatch.db) or postgres://user:pass@host/db",
    default: (p: Record<string, unknown>) =>
      `sqlite:${path.join(String(p.DATA_DIR ?? "./data"), "dispatch.db")}`,
    parse: databaseUrl,
    allowed: "sqlite:<path> or postgres://…",
    secret: true,
    redact: redactUrlPassword,
  } satisfies Setting<string>,
  SITE_NAME: {
    description: "The portal's name, shown as the masthead",
    default: () => "24/7 Live News Portal",
    parse: nonEmpty,
    allowed: "any non-empty text",
  } satisfies Setting<string>,
  SITE_URL: {
    description: "Public base URL, used for canonical links and feeds",
    default: (p: Record<string, unknown>) => `http://localhost:${String(p.PORT ?? 3000)}`,
    parse: httpUrl,
    allowed: "an http:// or https:// URL",
  } satisfies Setting<string>,
  SITE_LOCALE: {
    description: "Locale for dates and the default article language",
    default: () => "en-GB",
    parse: locale,
    allowed: "a BCP 47 locale such as en-GB or es",
  } satisfies Setting<string>,
  SITE_TIMEZONE: {
    description: "Time zone for dates shown to readers",
    default: () => "UTC",
    parse: timeZone,
    allowed: "an IANA time zone such as UTC or Europe/Madrid",
  } satisfies Setting<string>,
  LOG_LEVEL: {
    description: "pino log level",
    default: () => "info" as LogLevel,
    parse: oneOf(LOG_LEVELS),
    allowed: LOG_LEVELS.join(", "),
  } satisfies Setting<LogLevel>,
  INGEST: {
    description: "Run the feed scheduler inside `serve` (off for web-only nodes)",
    default: () => true,
    parse: onOff,
    allowed: "on or off",
  } satisfies Setting<boolean>,
  INGEST_CONCURRENCY: {
    description: "Feed fetches running at once, across all sources",
    default: () => 4,
    parse: intIn(1, 64),
    allowed: "an integer from 1 to 64",
  } satisfies Setting<number>,
  SOURCE_DISABLE_AFTER: {
    description: "Consecutive failures after which a source is disabled",
    default: () => 10,
    parse: intIn(1, 1000),
    allowed: "an integer from 1 to 1000",
  } satisfies Setting<number>,
  FETCH_ALLOW_HOSTS: {
    description:
      "Hosts the fetcher may reach even on loopback or private addresses: host, host:port or CIDR, comma-separated",
    default: () => "",
    parse: allowList,
    allowed: "comma-separated host, host:port or CIDR entries, e.g. 127.0.0.1:8080,10.0.0.0/8",
  } satisfies Setting<string>,
  FETCH_TIMEOUT_SECONDS: {
    description: "Total time one fetch may take, redirects included",
    default: () => 30,
    parse: intIn(1, 600),
    allowed: "an integer from 1 to 600",
  } satisfies Setting<number>,
  FETCH_MAX_BYTES: {
    description: "Largest response body accepted, counted after decompression",
    default: () => 10 * 1024 * 1024,
    parse: intIn(1024, 1024 * 1024 * 1024),
    allowed: "an integer from 1024 to 1073741824",
  } satisfies Setting<number>,
  WEBSUB_HUB: {
    description:
      "WebSub hub our feeds advertise (rel=hub) and ping when articles are published; empty for none",
    default: () => "",
    parse: endpointUrl,
    allowed: "an http:// or https:// URL, or empty",
  } satisfies Setting<string>,
  LIVE_RETENTION_HOURS: {
    description:
      "Live events are kept this long; a reader's page older than that is asked to reload instead of replayed",
    default: () => 72,
    parse: intIn(1, 24 * 90),
    allowed: "an integer from 1 to 2160",
  } satisfies Setting<number>,
  LIVE_MAX_STREAMS: {
    description: "Open live streams (GET /live) one web process holds; more are answered 503",
    default: () => 18_000,
    parse: intIn(1, 1_000_000),
    allowed: "an integer from 1 to 1000000",
  } satisfies Setting<number>,
  LIVE_MAX_PER_ADDRESS: {
    description:
      "Open live streams from one client address; more are answered 429 (a browser holds one for all its tabs)",
    default: () => 32,
    parse: intIn(1, 1_000_000),
    allowed: "an integer from 1 to 1000000",
  } satisfies Setting<number>,
  LIVE_MAX_CHANNELS: {
    description: "Channels one live stream or poll may name",
    default: () => 16,
    parse: intIn(1, 256),
    allowed: "an integer from 1 to 256",
  } satisfies Setting<number>,
  LIVE_STREAM_MINUTES: {
    description:
      "A live stream is closed (the client resumes from its last id) after about this long, spread ±20% so a deploy does not bring every reader back at once",
    default: () => 30,
    parse: intIn(1, 24 * 60),
    allowed: "an integer from 1 to 1440",
  } satisfies Setting<number>,
  SECRET_KEY: {
    description:
      "Key that signs image proxy URLs and newsroom CSRF tokens; empty: a random key is generated once and kept in DATA_DIR/secret-key (mode 0600). Several nodes sharing one database (PostgreSQL) must all be given the same key",
    default: () => "",
    parse: secretKey,
    allowed: "at least 32 characters, e.g. the output of `openssl rand -hex 32`",
    secret: true,
  } satisfies Setting<string>,
  VAPID_SUBJECT: {
    description:
      "Who push services may contact about our Web Push alerts (the VAPID `sub` claim); default: SITE_URL when it is https, else mailto:webmaster@ its host",
    default: (p: Record<string, unknown>) => vapidSubjectFor(String(p.SITE_URL ?? "")),
    parse: vapidSubject,
    allowed: "a mailto: address or an https: URL",
  } satisfies Setting<string>,
  VAPID_PRIVATE_KEY: {
    description:
      "The Web Push (VAPID) signing key, a P-256 private key in base64url; empty: one is generated once and kept in DATA_DIR/vapid-private-key (mode 0600). Several web nodes must all be given the same key, and changing it ends every reader's subscription",
    default: () => "",
    parse: vapidPrivateKey,
    allowed: "43 base64url characters (32 bytes), e.g. from `npx web-push generate-vapid-keys`",
    secret: true,
  } satisfies Setting<string>,
  PUSH_SUBSCRIBE_LIMIT: {
    description:
      "Web Push subscribe and unsubscribe requests one client address may make in 10 minutes; the next is answered 429",
    default: () => 20,
    parse: intIn(1, 10_000),
    allowed: "an integer from 1 to 10000",
  } satisfies Setting<number>,
  PUSH_SENDS_PER_SECOND: {
    description:
      "Most Web Push requests a process starts per second when a breaking alert goes out (at most 16 at once)",
    default: () => 200,
    parse: intIn(1, 100_000),
    allowed: "an integer from 1 to 100000",
  } satisfies Setting<number>,
  SESSION_IDLE_MINUTES: {
    description: "A newsroom session ends after this many minutes without a request",
    default: () => 120,
    parse: intIn(5, 7 * 24 * 60),
    allowed: "an integer from 5 to 10080",
  } satisfies Setting<number>,
  SESSION_MAX_HOURS: {
    description: "A newsroom session ends this many hours after sign-in, however busy",
    default: () => 12,
    parse: intIn(1, 30 * 24),
    allowed: "an integer from 1 to 720",
  } satisfies Setting<number>,
  LOGIN_ATTEMPTS: {
    description:
      "Failed sign-ins one client address may make in 15 minutes; the next is answered 429",
    default: () => 5,
    parse: intIn(1, 1000),
    allowed: "an integer from 1 to 1000",
  } satisfies Setting<number>,
  IMAGE_MAX_BYTES: {
    description: "Largest outlet image the image proxy fetches, counted after decompression",
    default: () => 8 * 1024 * 1024,
    parse: intIn(1024, 100 * 1024 * 1024),
    allowed: "an integer from 1024 to 104857600",
  } satisfies Setting<number>,
  IMAGE_CACHE_MAX_MB: {
    description:
      "Disk space for resized images in DATA_DIR/image-cache; the least recently served go first",
    default: () => 512,
    parse: intIn(1, 1024 * 1024),
    allowed: "an integer from 1 to 1048576",
  } satisfies Setting<number>,
} as const;

type Table = typeof table;
export type SettingName = keyof Table;
export type Settings = { readonly [K in SettingName]: ReturnType<Table[K]["parse"]> };
/** The settings plus what is derived from them, worked out once here. */
export type Config = Settings & {
  /** The primary language of SITE_LOCALE (`en` for `en-GB`): default article and query language. */
  readonly siteLanguage: string;
};

export const SETTING_NAMES = Object.keys(table) as SettingName[];

export function describeSettings(): {
  name: SettingName;
  description: string;
  allowed: string;
  secret: boolean;
}[] {
  return SETTING_NAMES.map((name) => {
    const s: Setting<unknown> = table[name];
    return { name, description: s.description, allowed: s.allowed, secret: s.secret === true };
  });
}

/** Reads the optional JSON config file; its keys must be setting names. */
export function readConfigFile(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AppError("config_file", `config file ${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AppError("config_file", `config file ${file}: expected a JSON object of settings`);
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(SETTING_NAMES as string[]).includes(key)) {
      throw new AppError(
        "config_unknown",
        `config file ${file}: unknown setting ${key} (known: ${SETTING_NAMES.join(", ")})`,
      );
    }
    if (typeof value !== "string" && typeof value !== "number") {
      throw new AppError("config_file", `config file ${file}: ${key} must be a string or number`);
    }
    out[key] = String(value);
  }
  return out;
}

/**
 * Builds the typed config. Throws AppError("config_invalid") whose message is one line
 * naming the setting and what it allows.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const fileValues = env.DISPATCH_CONFIG ? readConfigFile(env.DISPATCH_CONFIG) : {};
  const out: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const s: Setting<unknown> = table[name];
    const raw = env[name] ?? fileValues[name];
    if (raw === undefined || raw === "") {
      out[name] = s.default(out);
      continue;
    }
    try {
      out[name] = s.parse(raw);
    } catch {
      throw new AppError(
        "config_invalid",
        `invalid setting ${name}=${s.secret ? "<redacted>" : JSON.stringify(raw)}: expected ${s.allowed}`,
        { context: { setting: name } },
      );
    }
  }
  out.siteLanguage = new Intl.Locale(String(out.SITE_LOCALE)).language;
  return Object.freeze(out) as Config;
}

/** The effective settings for `dispatch config`, secrets redacted. */
export function redactedConfig(config: Config): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SETTING_NAMES) {
    const s: Setting<unknown> = table[name];
    const value = String(config[name]);
    // An empty secret hides nothing, and shows that it is unset.
    out[name] = s.secret && value !== "" ? (s.redact ?? hideAll)(value) : value;
  }
  return out;
}

function hideAll(): string {
  return "****";
}

function redactUrlPassword(value: string): string {
  // Keep the scheme and host so support can tell which database, never the password.
  try {
    const url = new URL(value);
    if (url.password) url.password = "****";
    return url.href;
  } catch {
    return "****";
  }
}
