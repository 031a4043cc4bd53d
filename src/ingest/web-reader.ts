import { parseAllowList } from "../domain/address-guard.ts";
import { decodeBody } from "./charset.ts";
import type { FeedResponse } from "./ingest-source.ts";
import { createSafeFetcher, type Resolver, type SafeFetcher } from "./safe-fetch.ts";

/** Fetcher settings, as the config table gives them. */
export interface WebReaderSettings {
  FETCH_ALLOW_HOSTS: string;
  FETCH_TIMEOUT_SECONDS: number;
  FETCH_MAX_BYTES: number;
  SITE_URL: string;
}

export interface WebPage {
  url: string;
  text: string;
  contentType: string | null;
}

/** Feeds and pages as text, through the safe fetcher. The one network reader of ingestion. */
export interface WebReader {
  fetchFeed(
    url: string,
    conditional: { etag: string | null; lastModified: string | null },
  ): Promise<FeedResponse>;
  fetchPage(url: string): Promise<WebPage>;
  /** A form POST (WebSub hub requests), under the same guard. */
  post(url: string, body: string, contentType: string): Promise<{ status: number }>;
  close(): Promise<void>;
}

const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5";
const PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

export function userAgent(siteUrl: string): string {
  return `Dispatch/0.1 (news portal; +${siteUrl})`;
}

export function createWebReader(
  settings: WebReaderSettings,
  options: { resolver?: Resolver } = {},
): WebReader {
  const common = {
    allow: parseAllowList(settings.FETCH_ALLOW_HOSTS),
    userAgent: userAgent(settings.SITE_URL),
    totalTimeoutMs: settings.FETCH_TIMEOUT_SECONDS * 1000,
    connectTimeoutMs: Math.min(10_000, settings.FETCH_TIMEOUT_SECONDS * 1000),
    maxBodyBytes: settings.FETCH_MAX_BYTES,
    ...(options.resolver ? { resolver: options.resolver } : {}),
  };
  const feeds: SafeFetcher = createSafeFetcher({ ...common, accept: FEED_ACCEPT });
  const pages: SafeFetcher = createSafeFetcher({ ...common, accept: PAGE_ACCEPT });
  return {
    async fetchFeed(url, conditional) {
      const result = await feeds.fetch(url, conditional);
      return {
        notModified: result.notModified,
        url: result.url,
        text: result.notModified ? "" : decodeBody(result.body, result.headers.contentType).text,
        contentType: result.headers.contentType,
        etag: result.headers.etag,
        lastModified: result.headers.lastModified,
        cacheMaxAgeSeconds: result.headers.cacheControlMaxAge,
        retryAfterSeconds: result.headers.retryAfterSeconds,
        link: result.headers.link,
      };
    },
    async fetchPage(url) {
      const result = await pages.fetch(url);
      return {
        url: result.url,
        text: decodeBody(result.body, result.headers.contentType).text,
        contentType: result.headers.contentType,
      };
    },
    async post(url, body, contentType) {
      return { status: (await feeds.post(url, body, contentType)).status };
    },
    async close() {
      await Promise.all([feeds.close(), pages.close()]);
    },
  };
}
