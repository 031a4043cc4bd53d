import type { StoryWithArticles } from "../db/story-repository.ts";
import { articlePath } from "../domain/article-path.ts";
import type { Entity } from "../domain/enrichment.ts";
import { Layout } from "./layout.tsx";
import { formatDateTime, languageName, type SiteContext } from "./site-context.ts";
import { sourcePath } from "./source-page.tsx";
import { sourceName, storyPath } from "./story-list.tsx";
import { StoryTimeline } from "./story-timeline.tsx";
import { TopicLinks } from "./topic-links.tsx";

/**
 * An outlet's name, linked to its page on this site when the report came from a source
 * we know; our own reports and unknown outlets stay plain text, as there is no page.
 */
function OutletName(props: {
  site: SiteContext;
  entry: StoryWithArticles;
  sourceId: number | null;
}) {
  const { site, entry, sourceId } = props;
  const name = sourceName(entry, sourceId, site);
  if (sourceId === null || !entry.sourceNames.has(sourceId)) return <>{name}</>;
  return (
    <a class="outlet" href={sourcePath({ id: sourceId })}>
      {name}
    </a>
  );
}

/** Story coverage: every outlet's headline with source and time, who was first, topics. */
export function StoryPage(props: {
  site: SiteContext;
  entry: StoryWithArticles;
  topics: Entity[];
}) {
  const { site, entry, topics } = props;
  const { story } = entry;
  const byTime = [...entry.articles].sort(
    (a, b) => Date.parse(a.publishedAt ?? "") - Date.parse(b.publishedAt ?? ""),
  );
  const first = byTime[0];
  return (
    <Layout
      site={site}
      lang={site.language}
      head={{
        title: `${story.title}: coverage from ${story.sourceCount} sources · ${site.name}`,
        description: `${story.title}: how ${story.sourceCount} sources reported it.`,
        canonical: `${site.url}${storyPath(story)}`,
      }}
    >
      <article class="article story">
        <h1>{story.title}</h1>
        <p class="meta-line">
          {/* The live client rewrites these counts as reports join (live-client/story-coverage.ts). */}
          <span data-live-counts>
            {`${story.sourceCount} ${story.sourceCount === 1 ? "source" : "sources"}, ${entry.articles.length} ${entry.articles.length === 1 ? "report" : "reports"}`}
          </span>
          {first ? (
            <>
              {" · first reported by "}
              <OutletName site={site} entry={entry} sourceId={first.sourceId} />{" "}
              <time data-relative datetime={story.firstSeenAt}>
                {formatDateTime(site, story.firstSeenAt)}
              </time>
            </>
          ) : null}
        </p>
        <StoryTimeline site={site} articles={entry.articles} />
        <h2>Coverage</h2>
        <ol class="coverage">
          {byTime.map((a) => (
            <li key={a.id} lang={a.language === site.language ? undefined : a.language}>
              <a href={articlePath(a) ?? "#"}>{a.headline}</a>
              <span class="meta-line">
                {" "}
                <OutletName site={site} entry={entry} sourceId={a.sourceId} />
                {a.publishedAt ? (
                  <>
                    {" · "}
                    <time data-relative datetime={a.publishedAt}>
                      {formatDateTime(site, a.publishedAt)}
                    </time>
                  </>
                ) : null}
                {a.language && a.language !== site.language ? (
                  // A story joins reports across languages: say which before the reader clicks.
                  <>
                    {" · "}
                    <span lang={site.language}>{languageName(site, a.language)}</span>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
        <TopicLinks topics={topics} />
      </article>
    </Layout>
  );
}
