/** One article's place in a story, oldest first. */
export interface StoryTimelineEntry {
  articleId: string;
  source: string;
  /** ISO 8601. */
  published: string;
  /** The earlier article this one copies, or null. */
  duplicateOf: string | null;
}

/**
 * A story: the articles from every outlet about one event. The id is the id of the story's
 * first article and never changes, so it can be stored with each article and used in URLs.
 */
export interface Story {
  id: string;
  /** The lead article's headline (`storyLead`). */
  title: string;
  leadArticleId: string;
  /** Distinct sources: what the story's size means to a reader. */
  sourceCount: number;
  articleCount: number;
  /** ISO 8601: the earliest publication time of any article ever in the story. */
  firstSeen: string;
  /** ISO 8601: the latest publication time of an article in the story. */
  lastSeen: string;
  /** Distinct sources per hour that joined over the last `velocityHours` up to the index's clock (`storyVelocity`). */
  velocity: number;
  timeline: StoryTimelineEntry[];
}
