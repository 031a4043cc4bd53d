import type { Correction } from "../db/correction-repository.ts";
import type { LiveblogPage } from "../db/liveblog-repository.ts";
import type { StoryWithArticles } from "../db/story-repository.ts";
import type { Article } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { bodyText } from "../domain/body-text.ts";
import type { Entity } from "../domain/enrichment.ts";
import { markLanguages } from "../enrich/mark-languages.ts";
import { describeArticle } from "./describe-article.ts";
import { liveblogFeedPath } from "./feeds-out.ts";
import { Layout } from "./layout.tsx";
import { coverageStart, LiveblogEntries, liveBlogUpdates } from "./liveblog-entries.tsx";
import { OutletImage } from "./outlet-image.tsx";
import { jsonForScript } from "./render.ts";
import { formatDateTime, type SiteContext } from "./site-context.ts";
import { storyPath } from "./story-list.tsx";
import { TopicLinks } from "./topic-links.tsx";

export function canonicalUrl(site: SiteContext, article: Article): string {
  return article.canonicalUrl ?? `${site.url}${articlePath(article) ?? ""}`;
}

/** The article's image as served by the proxy, absolute for cards and structured data. */
function shareImage(site: SiteContext, article: Article): string | null {
  if (!article.imageUrl || !site.images) return null;
  const path = site.images.imageProxyUrl(article.imageUrl, 1280);
  return path === null ? null : `${site.url}${path}`;
}

function articleJsonLd(
  site: SiteContext,
  article: Article,
  url: string,
  description: string,
  image: string | null,
  live: LiveblogPage | null,
  corrections: readonly Correction[] = [],
) {
  const base = {
    ...newsArticle(site, article, url, description, image),
    ...correctionLd(corrections),
  };
  const section = `${site.url}/section/${encodeURIComponent(article.sectionSlug)}`;
  return {
    "@context": "https://schema.org",
    "@graph": [
      live
        ? {
            ...base,
            "@type": "LiveBlogPosting",
            coverageStartTime: coverageStart(article.publishedAt, live),
            // Only once it has ended: an open blog's end is not known, and a guessed time
            // would, once passed, tell search engines a running blog is over.
            ...(live.closedAt ? { coverageEndTime: live.closedAt } : {}),
            liveBlogUpdate: liveBlogUpdates(live, url),
          }
        : base,
      {
        "@type": "BreadcrumbList",
        itemListElement: [
          { "@type": "ListItem", position: 1, name: site.name, item: `${site.url}/` },
          { "@type": "ListItem", position: 2, name: article.sectionName, item: section },
          { "@type": "ListItem", position: 3, name: article.headline, item: url },
        ],
      },
    ],
  };
}

function newsArticle(
  site: SiteContext,
  article: Article,
  url: string,
  description: string,
  image: string | null,
) {
  return {
    "@type": "NewsArticle",
    ...(image ? { image: [image] } : {}),
    headline: article.headline,
    description,
    inLanguage: article.language,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    articleSection: article.sectionName,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    author: article.byline
      ? { "@type": "Person", name: article.byline }
      : { "@type": "Organization", name: site.name },
    publisher: { "@type": "Organization", name: site.name, url: site.url },
    isAccessibleForFree: true,
  };
}

/** schema.org `correction`: each published correction as a dated CorrectionComment. */
function correctionLd(corrections: readonly Correction[]) {
  if (corrections.length === 0) return {};
  return {
    correction: corrections.map((c) => ({
      "@type": "CorrectionComment",
      text: c.text,
      datePublished: c.createdAt,
    })),
  };
}

/** Every correction, newest first, dated: what readers must see before they read on. */
function CorrectionNotice({
  site,
  corrections,
}: {
  site: SiteContext;
  corrections: readonly Correction[];
}) {
  if (corrections.length === 0) return null;
  const newest = [...corrections].reverse();
  return (
    <section class="correction-notice" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">
        {corrections.length === 1 ? "Correction" : `Corrections (${corrections.length})`}
      </h2>
      <ul>
        {newest.map((c) => (
          <li key={c.id} id={`correction-${c.id}`}>
            <time datetime={c.createdAt}>{formatDateTime(site, c.createdAt)}</time>
            <p>{c.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function summaryOnly(article: Article): boolean {
  if (article.kind !== "link" || article.standfirst === null) return false;
  const squash = (t: string) =>
    t
      .replace(/\s+/g, " ")
      .replace(/(…|\.\.\.)$/, "")
      .trim();
  return squash(article.standfirst).startsWith(squash(bodyText(article.body)));
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

export function ArticlePage({
  site,
  article,
  story = null,
  topics = [],
  live = null,
  corrections = [],
}: {
  site: SiteContext;
  article: Article;
  /** The story the article belongs to, for "other coverage". */
  story?: StoryWithArticles | null;
  topics?: Entity[];
  /** A live blog's entries (kind `liveblog`). */
  live?: LiveblogPage | null;
  /** Published corrections, oldest first. */
  corrections?: readonly Correction[];
}) {
  const url = canonicalUrl(site, article);
  const source =
    article.sourceId !== null ? (story?.sourceNames.get(article.sourceId) ?? null) : null;
  const others = story ? story.articles.filter((a) => a.id !== article.id) : [];
  const description = describeArticle(article);
  const image = shareImage(site, article);
  const published = article.publishedAt;
  const updated =
    article.updatedAt !== article.createdAt && published !== null && article.updatedAt > published;
  return (
    <Layout
      site={site}
      lang={article.language}
      head={{
        title: `${article.headline} | ${site.name}`,
        description,
        canonical: url,
        // A live blog's entries as a feed; articles have none of their own.
        feeds:
          live && articlePath(article)
            ? [
                {
                  title: `${article.headline} (Atom)`,
                  href: liveblogFeedPath(articlePath(article) ?? ""),
                },
              ]
            : undefined,
        extra: (
          <>
            <meta property="og:type" content="article" />
            <meta property="og:site_name" content={site.name} />
            <meta property="og:title" content={article.headline} />
            <meta property="og:description" content={description} />
            <meta property="og:url" content={url} />
            <meta property="og:locale" content={article.language} />
            {published ? <meta property="article:published_time" content={published} /> : null}
            <meta property="article:modified_time" content={article.updatedAt} />
            <meta property="article:section" content={article.sectionName} />
            {image ? <meta property="og:image" content={image} /> : null}
            <meta name="twitter:card" content={image ? "summary_large_image" : "summary"} />
            <meta name="twitter:title" content={article.headline} />
            <meta name="twitter:description" content={description} />
            <script
              type="application/ld+json"
              // JSON escaped by jsonForScript: no </script> can break out.
              dangerouslySetInnerHTML={{
                __html: jsonForScript(
                  articleJsonLd(site, article, url, description, image, live, corrections),
                ),
              }}
            />
          </>
        ),
      }}
    >
      <article class="article">
        <p class="kicker">
          {article.kind === "liveblog" ? (
            live?.closedAt ? (
              <span class="live-badge ended">Ended</span>
            ) : (
              <span class="live-badge">Live</span>
            )
          ) : null}
          {article.sectionName}
        </p>
        <h1>{article.headline}</h1>
        {article.standfirst ? <p class="standfirst">{article.standfirst}</p> : null}
        <p class="meta">
          {article.byline ? <span>By {article.byline}</span> : null}
          {published ? <time datetime={published}>{formatDateTime(site, published)}</time> : null}
          {updated ? (
            <span>
              Updated{" "}
              <time datetime={article.updatedAt}>{formatDateTime(site, article.updatedAt)}</time>
            </span>
          ) : null}
        </p>
        <CorrectionNotice site={site} corrections={corrections} />
        <OutletImage
          site={site}
          url={article.imageUrl}
          sizes="(min-width: 44rem) 42rem, 100vw"
          className="lead-image"
          eager
        />
        {/* The body was allowlist-sanitized before it was stored; marking adds only spans. */}
        {/* A link item's body is often its summary again, already shown as the standfirst. */}
        {summaryOnly(article) ? null : (
          <div
            class="body"
            dangerouslySetInnerHTML={{ __html: markLanguages(article.body, article.fragments) }}
          />
        )}
        {live ? (
          <LiveblogEntries site={site} live={live} path={articlePath(article) ?? ""} />
        ) : null}
        {article.kind === "link" && article.externalUrl ? (
          <p class="link-out">
            <a href={article.externalUrl} rel="noopener">
              Read the full story at {source ?? hostOf(article.externalUrl)}
            </a>
          </p>
        ) : source ? (
          <p class="meta">Source: {source}</p>
        ) : null}
        {others.length > 0 && story ? (
          <section aria-labelledby="coverage-heading" class="related">
            <h2 id="coverage-heading">
              Also reported by {story.story.sourceCount - 1}{" "}
              {story.story.sourceCount - 1 === 1 ? "other source" : "other sources"}
            </h2>
            <ul>
              {others.slice(0, 8).map((a) => (
                <li key={a.id} lang={a.language === article.language ? undefined : a.language}>
                  <a href={articlePath(a) ?? "#"}>{a.headline}</a>{" "}
                  <span class="meta-line">
                    {a.sourceId === null ? site.name : (story.sourceNames.get(a.sourceId) ?? "")}
                  </span>
                </li>
              ))}
            </ul>
            <p>
              <a href={storyPath(story.story)}>All coverage of this story</a>
            </p>
          </section>
        ) : null}
        <TopicLinks topics={topics} />
      </article>
    </Layout>
  );
}
