import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * Rendered pages kept in memory, so a hot article costs a map lookup rather than a query
 * and a render. An entry is good while the change token it was made under is current:
 * the token moves on every local write (`invalidate`) and on every commit by another
 * process (SQLite's data_version). Where the database cannot tell us that (PostgreSQL),
 * entries also expire after `ttlMs`.
 */
export interface CachedPage {
  status: number;
  html: Buffer;
  etag: string;
  token: string;
  expires: number;
  gzip?: Buffer;
  br?: Buffer;
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  set(key: string, status: number, html: string): CachedPage;
  invalidate(): void;
  encoded(page: CachedPage, encoding: "gzip" | "br"): Buffer;
}

export function createPageCache(options: {
  externalChangeToken: () => number | null;
  ttlMs: number;
  maxEntries: number;
}): PageCache {
  const entries = new Map<string, CachedPage>();
  let localVersion = 0;
  const token = () => `${localVersion}:${options.externalChangeToken() ?? "-"}`;

  return {
    get(key) {
      const page = entries.get(key);
      if (!page) return undefined;
      if (page.token !== token() || page.expires < Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return page;
    },
    set(key, status, html) {
      const body = Buffer.from(html, "utf8");
      const page: CachedPage = {
        status,
        html: body,
        etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
        token: token(),
        expires: Date.now() + options.ttlMs,
      };
      // Map keeps insertion order: dropping the first key drops the oldest entry.
      if (entries.size >= options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, page);
      return page;
    },
    invalidate() {
      localVersion++;
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

/** The best encoding the client accepts among ours; q=0 means "not this one". */
export function pickEncoding(acceptEncoding: string | undefined): "br" | "gzip" | null {
  if (!acceptEncoding) return null;
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
