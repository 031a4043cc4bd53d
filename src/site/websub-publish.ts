import type { Article } from "../domain/article.ts";
import { isVisible } from "../domain/article-path.ts";
import { describeError, isAppError } from "../domain/errors.ts";
import { FEED_OUT_FORMATS, type FeedScope, feedPath } from "./feeds-out.ts";

/**
 * WebSub publishing: when articles change, tell the hub which of our feeds changed, so
 * subscribers get them pushed instead of polling. The hub then fetches each feed itself.
 */

/** The safe fetcher's POST (WebReader.post): throws AppError for anything but a 2xx. */
export type HubPost = (
  url: string,
  body: string,
  contentType: string,
) => Promise<{ status: number }>;

export interface PingResult {
  topic: string;
  /** The hub's answer (204 or 202, usually); null when the request failed. */
  status: number | null;
  error: { code: string; message: string } | null;
}

const FORM = "application/x-www-form-urlencoded";

/**
 * The feeds (all three formats) that list any of `articles`: home, each article's section,
 * and the topics given. Only articles a reader can see now count; for an article just
 * withdrawn (killed, back to draft), pass it as it was, when it was still visible.
 */
export function changedFeedUrls(
  siteUrl: string,
  articles: readonly Pick<Article, "sectionSlug" | "status" | "publishedAt">[],
  options: { topics?: readonly string[]; now?: Date } = {},
): string[] {
  const now = options.now ?? new Date();
  const visible = articles.filter((a) => isVisible(a, now));
  if (visible.length === 0) return [];
  const scopes: FeedScope[] = [
    { kind: "home" },
    ...[...new Set(visible.map((a) => a.sectionSlug))].map(
      (slug): FeedScope => ({ kind: "section", slug }),
    ),
    ...[...new Set(options.topics ?? [])].map((slug): FeedScope => ({ kind: "topic", slug })),
  ];
  return scopes.flatMap((scope) =>
    FEED_OUT_FORMATS.map((format) => `${siteUrl}${feedPath(scope, format)}`),
  );
}

/**
 * Asks the hub to fetch each topic (`hub.mode=publish`, one request per topic, as every
 * hub understands it). A refused or failed ping is reported, never thrown: publishing an
 * article must not fail because a hub is down.
 */
export async function pingHub(
  hubUrl: string,
  topics: readonly string[],
  post: HubPost,
): Promise<PingResult[]> {
  return Promise.all(
    topics.map(async (topic): Promise<PingResult> => {
      const body = new URLSearchParams({ "hub.mode": "publish", "hub.url": topic }).toString();
      try {
        const { status } = await post(hubUrl, body, FORM);
        return { topic, status, error: null };
      } catch (error) {
        return {
          topic,
          status: null,
          error: {
            code: isAppError(error) ? error.code : "hub_unreachable",
            message: describeError(error),
          },
        };
      }
    }),
  );
}

export interface WebSubPublisher {
  /** Pings the hub for every feed the articles appear in; nothing without a hub. */
  onArticlesChanged(
    articles: readonly Pick<Article, "sectionSlug" | "status" | "publishedAt">[],
    options?: { topics?: readonly string[]; now?: Date },
  ): Promise<PingResult[]>;
}

/** `hub` is WEBSUB_HUB (empty for none); `post` the web reader's. */
export function createWebSubPublisher(deps: {
  hub: string;
  siteUrl: string;
  post: HubPost;
}): WebSubPublisher {
  const hub = deps.hub.trim();
  return {
    async onArticlesChanged(articles, options = {}) {
      if (hub === "") return [];
      const topics = changedFeedUrls(deps.siteUrl, articles, options);
      return topics.length === 0 ? [] : pingHub(hub, topics, deps.post);
    },
  };
}
