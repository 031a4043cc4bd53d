import type { StoryWithArticles } from "../db/story-repository.ts";
import { formatDateTime, formatTime, type SiteContext } from "./site-context.ts";
import { storyPath } from "./story-list.tsx";

/**
 * The home page's banner slot. Until the newsroom sends breaking alerts of its own, it
 * shows a story breaking right now by the coverage itself: first reported within the last
 * two hours and already carried by at least three outlets. The highest-ranked such story
 * wins; most hours there is none and the slot stays empty.
 */
export const DEVELOPING_HOURS = 2;
export const DEVELOPING_SOURCES = 3;

export function developingStory(
  ranked: readonly StoryWithArticles[],
  now: Date,
): StoryWithArticles | null {
  const since = now.getTime() - DEVELOPING_HOURS * 3_600_000;
  return (
    ranked.find(
      ({ story }) =>
        story.sourceCount >= DEVELOPING_SOURCES && Date.parse(story.firstSeenAt) >= since,
    ) ?? null
  );
}

export function DevelopingBanner(props: { site: SiteContext; entry: StoryWithArticles }) {
  const { site, entry } = props;
  const { story } = entry;
  return (
    <section class="developing" aria-labelledby="developing-label">
      <p>
        <strong id="developing-label">Developing</strong>{" "}
        <a href={storyPath(story)}>{story.title}</a>
        <span class="meta-line">
          {/* A clock time, not "18 min ago": the script rewriting it would move the page. */}
          {"First reported at "}
          <time datetime={story.firstSeenAt} title={formatDateTime(site, story.firstSeenAt)}>
            {formatTime(site, story.firstSeenAt)}
          </time>
          {` · ${story.sourceCount} sources`}
        </span>
      </p>
    </section>
  );
}
