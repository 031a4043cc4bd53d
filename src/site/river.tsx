import type { RiverEntry } from "../db/story-river.ts";
import type { Article } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { describeArticle } from "./describe-article.ts";
import { formatDateTime, type SiteContext } from "./site-context.ts";
import { storyPath } from "./story-list.tsx";

/** Latest articles, newest first: headline, summary, section and time. */
export function River(props: {
  site: SiteContext;
  articles: Article[];
  /** Heading level of each headline under the page's own headings. */
  level?: 2 | 3;
  showSection?: boolean;
  continued?: boolean | undefined;
}) {
  return (
    <StoryRiver
      {...props}
      entries={props.articles.map((article) => ({
        article,
        story: null,
        more: 0,
        at: article.publishedAt,
      }))}
    />
  );
}

/**
 * A river with each story once: its lead report and "and N more" linking to the story,
 * placed by its newest report; a report without a story stands alone.
 */
export function StoryRiver(props: {
  site: SiteContext;
  entries: RiverEntry[];
  /** Heading level of each headline under the page's own headings. */
  level?: 2 | 3;
  showSection?: boolean;
  /** An older page's river: it goes on from another page, so no entry leads it. */
  continued?: boolean | undefined;
}) {
  const { site, level = 2, showSection = true } = props;
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <ol class={props.continued ? "river continued" : "river"}>
      {props.entries.map(({ article: a, story, more, at }) => (
        <li
          key={story ? `s${story.id}` : a.id}
          lang={a.language === site.language ? undefined : a.language}
          data-story={story ? story.id : (a.storyId ?? undefined)}
        >
          <Heading>
            <a href={articlePath(a) ?? "#"}>{a.headline}</a>
          </Heading>
          <p>{describeArticle(a)}</p>
          <p class="meta-line">
            {showSection ? a.sectionName : null}
            {showSection && at ? " · " : null}
            {at ? (
              <time data-relative datetime={at}>
                {formatDateTime(site, at)}
              </time>
            ) : null}
            {story && more > 0 ? (
              <>
                {" · "}
                <a class="more" href={storyPath(story)}>
                  and {more} more {more === 1 ? "report" : "reports"}
                </a>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
  );
}

/**
 * The links to a list's next, older page (none on the last page) and, on an older page
 * (`older`), back to the newest: pages are keyset cursors, so "newer" is the first page.
 */
export function OlderStories(props: { path: string; next: string | null; older?: boolean }) {
  if (!props.next && !props.older) return null;
  return (
    <p class="pager">
      {props.older ? <a href={props.path}>Newest stories</a> : null}
      {props.older && props.next ? " · " : null}
      {props.next ? (
        <a href={`${props.path}?cursor=${encodeURIComponent(props.next)}`} rel="next">
          Older stories
        </a>
      ) : null}
    </p>
  );
}
