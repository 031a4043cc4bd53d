import type { Article } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { describeArticle } from "./describe-article.ts";
import { formatDateTime, type SiteContext } from "./site-context.ts";

/** Latest articles, newest first: headline, summary, section and time. */
export function River(props: {
  site: SiteContext;
  articles: Article[];
  /** Heading level of each headline under the page's own headings. */
  level?: 2 | 3;
  showSection?: boolean;
}) {
  const { site, level = 2, showSection = true } = props;
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <ol class="river">
      {props.articles.map((a) => (
        <li key={a.id} lang={a.language === site.language ? undefined : a.language}>
          <Heading>
            <a href={articlePath(a) ?? "#"}>{a.headline}</a>
          </Heading>
          <p>{describeArticle(a)}</p>
          <p class="meta-line">
            {showSection ? a.sectionName : null}
            {showSection && a.publishedAt ? " · " : null}
            {a.publishedAt ? (
              <time data-relative datetime={a.publishedAt}>
                {formatDateTime(site, a.publishedAt)}
              </time>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** The link to a list's next, older page; nothing on the last page. */
export function OlderStories(props: { path: string; next: string | null }) {
  if (!props.next) return null;
  return (
    <p class="pager">
      <a href={`${props.path}?cursor=${encodeURIComponent(props.next)}`} rel="next">
        Older stories
      </a>
    </p>
  );
}
