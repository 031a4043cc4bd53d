import type { Article } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { describeArticle } from "./article-page.tsx";
import { Layout } from "./layout.tsx";
import { formatDateTime, type SiteContext } from "./site-context.ts";

export function HomePage(props: { site: SiteContext; articles: Article[]; next: string | null }) {
  const { site, articles } = props;
  return (
    <Layout
      site={site}
      lang={site.language}
      mastheadIsHeading
      head={{
        title: `${site.name}: latest news`,
        description: `${site.name}: the latest news, around the clock.`,
        canonical: `${site.url}/`,
      }}
    >
      <h2 class="section-title">Latest</h2>
      {articles.length === 0 ? (
        <div class="empty">
          <p>
            <strong>No stories yet.</strong> The newsroom has not published anything.
          </p>
          <p>
            Operators: follow about twenty major public news feeds with{" "}
            <code>npx dispatch sources add-starter</code>, or add your own with{" "}
            <code>npx dispatch sources add &lt;feed URL&gt;</code>; the scheduler fetches them
            within seconds. Offline, <code>npm run demo</code> runs a synthetic wire. Articles can
            also be imported with <code>npx dispatch import article.json</code> (IPTC ninjs,
            Markdown or plain text).
          </p>
        </div>
      ) : (
        <ol class="river">
          {articles.map((a) => (
            <li key={a.id} lang={a.language === site.language ? undefined : a.language}>
              <h2>
                <a href={articlePath(a) ?? "#"}>{a.headline}</a>
              </h2>
              <p>{describeArticle(a)}</p>
              <p class="meta-line">
                {a.sectionName}
                {a.publishedAt ? (
                  <>
                    {" · "}
                    <time datetime={a.publishedAt}>{formatDateTime(site, a.publishedAt)}</time>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      )}
      {props.next ? (
        <p class="pager">
          <a href={`/?cursor=${encodeURIComponent(props.next)}`} rel="next">
            Older stories
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
