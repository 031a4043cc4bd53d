import type { Article } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { bodyText } from "../domain/body-text.ts";
import { Layout } from "./layout.tsx";
import { jsonForScript } from "./render.ts";
import { formatDateTime, type SiteContext } from "./site-context.ts";

export function describeArticle(article: Article): string {
  const text = article.standfirst ?? bodyText(article.body).split("\n\n")[0] ?? "";
  return text.length <= 200 ? text : `${text.slice(0, 197).replace(/\s+\S*$/, "")}…`;
}

export function canonicalUrl(site: SiteContext, article: Article): string {
  return article.canonicalUrl ?? `${site.url}${articlePath(article) ?? ""}`;
}

function newsArticleJsonLd(site: SiteContext, article: Article, url: string, description: string) {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
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

export function ArticlePage({ site, article }: { site: SiteContext; article: Article }) {
  const url = canonicalUrl(site, article);
  const description = describeArticle(article);
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
            <meta name="twitter:card" content="summary" />
            <meta name="twitter:title" content={article.headline} />
            <meta name="twitter:description" content={description} />
            <script
              type="application/ld+json"
              // JSON escaped by jsonForScript: no </script> can break out.
              dangerouslySetInnerHTML={{
                __html: jsonForScript(newsArticleJsonLd(site, article, url, description)),
              }}
            />
          </>
        ),
      }}
    >
      <article class="article">
        <p class="kicker">{article.sectionName}</p>
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
        {/* The body was allowlist-sanitized before it was stored. */}
        <div class="body" dangerouslySetInnerHTML={{ __html: article.body }} />
      </article>
    </Layout>
  );
}
