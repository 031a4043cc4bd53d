import type { StoryWithArticles } from "../db/story-repository.ts";
import { articlePath } from "../domain/article-path.ts";
import type { Story } from "../domain/enrichment.ts";
import { OutletImage } from "./outlet-image.tsx";
import { formatDateTime, type SiteContext } from "./site-context.ts";

export function storyPath(story: Pick<Story, "id" | "slug">): string {
  return `/story/${story.id}-${story.slug}`;
}

export function sourceName(entry: StoryWithArticles, sourceId: number | null, site: SiteContext) {
  return sourceId === null ? site.name : (entry.sourceNames.get(sourceId) ?? "an outlet");
}

/** The home page's top stories: lead headline, lead source, "N sources", time. */
export function TopStories(props: { site: SiteContext; stories: StoryWithArticles[] }) {
  const { site } = props;
  return (
    <ol class="stories">
      {props.stories.map((entry) => {
        const lead = entry.articles[0];
        if (!lead) return null;
        const { story } = entry;
        const sources = story.sourceCount;
        return (
          <li
            key={story.id}
            lang={lead.language === site.language ? undefined : lead.language}
            data-story={story.id}
          >
            <OutletImage
              site={site}
              url={lead.imageUrl}
              sizes="(min-width: 60rem) 12rem, 8rem"
              className="thumb"
            />
            <h3>
              <a href={sources > 1 ? storyPath(story) : (articlePath(lead) ?? storyPath(story))}>
                {story.title}
              </a>
            </h3>
            {lead.standfirst ? <p>{lead.standfirst}</p> : null}
            <p class="meta-line">
              {sourceName(entry, lead.sourceId, site)}
              {sources > 1 ? (
                <>
                  {" · "}
                  <a href={storyPath(story)}>{`${sources} sources`}</a>
                </>
              ) : null}
              {" · "}
              <time data-relative datetime={story.lastSeenAt}>
                {formatDateTime(site, story.lastSeenAt)}
              </time>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
