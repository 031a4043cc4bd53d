import type { ArticleEnrichment, EntityMention } from "../domain/enrichment.ts";
import { isHostedKind } from "../domain/story-lead.ts";
import type { ClusterArticle } from "./cluster/cluster-article.ts";
import type { StoryDraft, StoryIndex } from "./cluster/story-index.ts";
import type { LintContext } from "./lint/context.ts";

/** The article as the stages read it: plain text, and where it came from. */
export interface EnrichInput {
  id: number;
  headline: string;
  standfirst: string | null;
  /** Plain text of the body, paragraphs separated by blank lines. */
  text: string;
  /** The language the source declared, or "" when it said nothing. */
  language: string;
  sourceId: number | null;
  canonicalUrl: string | null;
  /** ISO 8601: published, or created for drafts. */
  at: string;
  /** The article's kind ("own", "full", "link"…): hosted articles lead their story. */
  kind?: string | undefined;
}

/** The state the steps share: the story index of the window, owned by the caller. */
export interface EnrichContext {
  index: StoryIndex;
}

/**
 * The article between steps: what came in, and what the steps have found so far. Each step
 * returns a new value; a field a step has not filled yet holds the unenriched answer.
 */
export interface EnrichingArticle {
  readonly input: EnrichInput;
  /** ISO 639-1 code; the source's declaration until the language step decides. */
  readonly language: string;
  /** The text split into paragraphs and sentences, with its foreign passages (language step). */
  readonly passages: LintContext | null;
  readonly fragments: ArticleEnrichment["fragments"];
  readonly findings: ArticleEnrichment["findings"];
  readonly entities: EntityMention[];
  /** The story index's reading of the article (dedupe step) until the cluster step places it. */
  readonly draft: StoryDraft | null;
  readonly duplicateOf: number | null;
  /** Set by dedupe for a copy (its original's story) or an article already indexed; else by clustering. */
  readonly storyKey: string | null;
  /** Stories the placement merged into `storyKey` (cluster step). */
  readonly mergedStoryKeys: readonly string[];
}

export type EnrichStep = (article: EnrichingArticle, context: EnrichContext) => EnrichingArticle;

/** The working value before any step: also what an article the steps fail on is stored as. */
export function startEnrichment(input: EnrichInput): EnrichingArticle {
  return {
    input,
    language: input.language,
    passages: null,
    fragments: [],
    findings: [],
    entities: [],
    draft: null,
    duplicateOf: null,
    storyKey: null,
    mergedStoryKeys: [],
  };
}

/** What is stored of the working value. */
export function finishEnrichment(article: EnrichingArticle): ArticleEnrichment {
  return {
    articleId: article.input.id,
    language: article.language,
    fragments: article.fragments,
    findings: article.findings,
    duplicateOf: article.duplicateOf,
    storyKey: article.storyKey,
    ...(article.mergedStoryKeys.length > 0 ? { mergedStoryKeys: article.mergedStoryKeys } : {}),
    entities: article.entities,
  };
}

/** The article as story clustering sees it; the same when placing and when rebuilding. */
/** `language`: the language step's answer where it has run (else the source's declaration). */
export function toClusterArticle(
  article: EnrichInput,
  entitySlugs: string[],
  language = article.language,
): ClusterArticle {
  return {
    id: String(article.id),
    title: article.headline,
    text: article.standfirst ? `${article.standfirst}\n\n${article.text}` : article.text,
    source: article.sourceId === null ? "portal" : `source:${article.sourceId}`,
    published: article.at,
    entities: entitySlugs,
    canonicalUrl: article.canonicalUrl,
    hosted: article.kind !== undefined && isHostedKind(article.kind),
    language,
  };
}
