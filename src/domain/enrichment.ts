/**
 * What the enrichment stages learn about an article, as stored beside it. Spans are
 * character offsets into the article's plain text (`bodyText(body)`).
 */
export interface ForeignFragment {
  start: number;
  end: number;
  language: string;
  text: string;
}

export const LINT_SEVERITIES = ["error", "warning", "info"] as const;
export type LintSeverity = (typeof LINT_SEVERITIES)[number];

export interface LintFinding {
  rule: string;
  severity: LintSeverity;
  start: number;
  end: number;
  text: string;
  message: string;
  /** A safe replacement for [start, end), or null when a person must decide. */
  fix: string | null;
}

export const ENTITY_KINDS = ["person", "place", "organisation"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityMention {
  kind: EntityKind;
  name: string;
  slug: string;
  mentions: number;
}

/** One article's enrichment, ready to store. */
export interface ArticleEnrichment {
  articleId: number;
  language: string;
  fragments: ForeignFragment[];
  findings: LintFinding[];
  duplicateOf: number | null;
  /** The story the article joined or opened, by the clusterer's key; null for duplicates. */
  storyKey: string | null;
  /**
   * Stories this placement merged into `storyKey` (two grew into one), by the clusterer's
   * key: their stored reports move to it and their addresses redirect. Absent: none.
   */
  mergedStoryKeys?: readonly string[];
  entities: EntityMention[];
}

/**
 * What a stored enrichment batch touched: its articles, the stories they joined or left,
 * their topics before and after, their sections. The page cache drops the pages showing them.
 */
export interface EnrichmentChange {
  readonly articleIds: readonly number[];
  /** Merged-away stories too: their cached pages go, the address now answers 301. */
  readonly storyIds: readonly number[];
  readonly topicSlugs: readonly string[];
  readonly sectionSlugs: readonly string[];
}

export interface Story {
  id: number;
  key: string;
  title: string;
  slug: string;
  leadArticleId: number | null;
  articleCount: number;
  sourceCount: number;
  /** Distinct sources per hour over the last few hours. */
  velocity: number;
  firstSeenAt: string;
  lastSeenAt: string;
  pinned: boolean;
  boost: number;
}

export interface Entity {
  id: number;
  kind: EntityKind;
  name: string;
  slug: string;
}
