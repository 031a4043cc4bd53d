import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * Rendered pages kept in memory, so a hot page costs a map lookup rather than a query
 * and a render. An entry is good while the versions it was rendered under are current:
 * the local one moves on every write by this process (`invalidate`), the external one on
 * every commit by another process (SQLite's data_version). Where the database cannot tell
 * us that (PostgreSQL), entries also expire after `ttlMs`.
 */
export interface CachedPage {
  status: number;
  html: Buffer;
  etag: string;
  stamp: CacheStamp;
  expires: number;
  gzip?: Buffer;
  br?: Buffer;
  /** Surrogate-Key tags a CDN purges by ("home", "story:12", "section:world"…). */
  tags?: string;
}

/** The versions a page is rendered under; take it before reading the database. */
export interface CacheStamp {
  readonly local: number;
  readonly external: number | null;
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  stamp(): CacheStamp;
  /**
   * Makes the page to send. It is kept only if nothing changed since `stamp` was taken:
   * a render that read the database before a write must not outlive the write.
   */
  set(key: string, status: number, html: string, stamp: CacheStamp, tags?: string): CachedPage;
  invalidate(): void;
  /** The page compressed, made once per entry and encoding. */
  encoded(page: CachedPage, encoding: "gzip" | "br"): Buffer;
}

export function createPageCache(options: {
  externalChangeToken: () => number | null;
  ttlMs: number;
  maxEntries: number;
}): PageCache {
  const entries = new Map<string, CachedPage>();
  let local = 0;
  const current = (stamp: CacheStamp) =>
    stamp.local === local && stamp.external === options.externalChangeToken();

  return {
    get(key) {
      const page = entries.get(key);
      if (page === undefined) return undefined;
      if (!current(page.stamp) || page.expires < Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return page;
    },
    stamp: () => ({ local, external: options.externalChangeToken() }),
    set(key, status, html, stamp, tags) {
      const body = Buffer.from(html, "utf8");
      const page: CachedPage = {
        ...(tags ? { tags } : {}),
        status,
        html: body,
        etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
        stamp,
        expires: Date.now() + options.ttlMs,
      };
      if (!current(stamp)) return page;
      // Map keeps insertion order: dropping the first key drops the oldest entry.
      if (entries.size >= options.maxEntries && !entries.has(key)) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, page);
      return page;
    },
    invalidate() {
      local++;
      entries.clear();
    },
    encoded(page, encoding) {
      if (encoding === "gzip") {
        page.gzip ??= gzipSync(page.html, { level: 6 });
        return page.gzip;
      }
      page.br ??= brotliCompressSync(page.html, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 6 },
      });
      return page.br;
    },
  };
}

// Clients send one of a handful of Accept-Encoding strings; parsing one costs about a
// microsecond, a few percent of a cached hit, so answers are remembered (bounded: the
// header is the client's to choose).
const picked = new Map<string, "br" | "gzip" | null>();
const PICKED_MAX = 64;

/** The best encoding the client accepts among ours; q=0 means "not this one". */
export function pickEncoding(acceptEncoding: string | undefined): "br" | "gzip" | null {
  if (!acceptEncoding) return null;
  let choice = picked.get(acceptEncoding);
  if (choice === undefined) {
    choice = parseAcceptEncoding(acceptEncoding);
    if (picked.size >= PICKED_MAX) picked.clear();
    picked.set(acceptEncoding, choice);
  }
  return choice;
}

function parseAcceptEncoding(acceptEncoding: string): "br" | "gzip" | null {
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.find((p) => p.trim().startsWith("q="));
    if (q && Number(q.trim().slice(2)) === 0) continue;
    accepted.add(name.trim());
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip") || accepted.has("*")) return "gzip";
  return null;
}
