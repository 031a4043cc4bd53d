import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * Rendered pages kept in memory, so a hot page costs a map lookup rather than a query
 * and a render. A write by this process drops the pages it touches (`invalidate` with the
 * change's tags: "home", "story:12", "section:world"…); a commit by another process
 * (SQLite's data_version) drops every page made before it. Where the database cannot tell
 * us about other processes (PostgreSQL), entries also expire after `ttlMs`.
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
  /** The same tags as a set; a page without any depends on everything (search, 404). */
  tagSet: ReadonlySet<string>;
}

/**
 * The versions a page is rendered under; take it before reading the database. `local`
 * moves on every invalidation by this process, `external` on every commit by another.
 */
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
  /**
   * Drops the pages showing what changed: those carrying any of `tags`, and those without
   * tags. With no tags, every page. Renders under way are not kept, whatever they show.
   */
  invalidate(tags?: readonly string[]): void;
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

  return {
    get(key) {
      const page = entries.get(key);
      if (page === undefined) return undefined;
      if (page.stamp.external !== options.externalChangeToken() || page.expires < Date.now()) {
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
        tagSet: new Set(tags ? tags.split(" ") : []),
        status,
        html: body,
        etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
        stamp,
        expires: Date.now() + options.ttlMs,
      };
      if (stamp.local !== local || stamp.external !== options.externalChangeToken()) return page;
      // Map keeps insertion order: dropping the first key drops the oldest entry.
      if (entries.size >= options.maxEntries && !entries.has(key)) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, page);
      return page;
    },
    invalidate(tags) {
      local++;
      if (tags === undefined) {
        entries.clear();
        return;
      }
      for (const [key, page] of entries) {
        if (page.tagSet.size === 0 || tags.some((tag) => page.tagSet.has(tag))) entries.delete(key);
      }
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
