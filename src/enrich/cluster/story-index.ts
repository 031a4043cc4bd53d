import { AppError } from "../../domain/errors.ts";
import { VELOCITY_HOURS } from "../../domain/story-lead.ts";
import { DuplicateIndex } from "../dedupe/duplicate-index.ts";
import { contentKey, type DuplicateFingerprint, fingerprintWords } from "../dedupe/fingerprint.ts";
import { nearlySameNames } from "./article-agreement.ts";
import { type ArticleTerms, analyzeArticle } from "./article-terms.ts";
import type { ClusterArticle } from "./cluster-article.ts";
import { joinProbability, PLACEMENT_MODEL, type PlacementModel } from "./placement-model.ts";
import { readRepresentations } from "./representations.ts";
import type { Story } from "./story.ts";
import { type Candidate, type CentroidInput, FEATURES, StoryCentroids } from "./story-centroids.ts";
import {
  type ArticleRecord,
  addMember,
  keepMembers,
  type StoryState,
  snapshot,
} from "./story-state.ts";
import { DocumentFrequencies, type SparseVector } from "./tfidf.ts";
import { Vocabulary } from "./vocabulary.ts";

const NO_LANGUAGES: readonly string[] = [];

export interface StoryIndexOptions {
  /** Least join probability (the placement model's) for an article to join its best story; the model's own by default. */
  threshold?: number;
  /**
   * A story stays open while it receives reports and closes after this many hours without
   * one; copies are looked for this far back.
   */
  windowHours?: number;
  /** The fitted placement model (`placement-model.json` by default). */
  model?: PlacementModel;
  /**
   * Merge two stories when one grows to read like the other (the model's `mergeThreshold`
   * story against story; 1: never), and move a lone report into a story that has grown to
   * read like it (the join threshold). Off by default: the caller must then move the absorbed
   * story's stored articles and redirect its address (`AddResult.merged`).
   */
  merge?: boolean;
  /** The span `velocity` is measured over. */
  velocityHours?: number;
  /** Which outlet's headline leads a story (`domain/story-lead.ts`: hosted, then higher weight, then earliest). */
  sourceWeight?: (source: string) => number;
}

export interface AddResult {
  story: Story;
  /** The earlier article this one copies (across sources), or null. */
  duplicateOf: string | null;
  isNewStory: boolean;
  /** Stories absorbed into `story` by this placement (their ids live on as redirects). */
  merged: string[];
}

/**
 * An article read into the index (its terms learned) but not placed yet: `analyze`, then
 * `findCopy`, then `place`, with nothing else changing the index in between.
 */
export interface StoryDraft {
  readonly article: ClusterArticle;
  readonly time: number;
  readonly terms: ArticleTerms;
  readonly fp: DuplicateFingerprint;
  /** What the article adds to its story's centroid. */
  readonly centroid: CentroidInput;
}

/** The earlier article a new one copies (the first of a chain of copies) and their story. */
export interface Copy {
  duplicateOf: string;
  story: string;
}

/** A known placement, for rebuilding the index from stored articles without re-deciding. */
export interface Placement {
  story: string;
  duplicateOf?: string | null;
}

export const DEFAULT_THRESHOLD = PLACEMENT_MODEL.threshold;
export const DEFAULT_WINDOW_HOURS = 72;
export const DEFAULT_VELOCITY_HOURS = VELOCITY_HOURS;
/** Merges one placement may set off: each makes a bigger story, which may read like another. */
const MAX_MERGES = 3;
/**
 * An article this unlike a story brought its own story nothing that story has: the two are
 * not compared again for a merge (the same merges on every set, at a fifth of the cost).
 */
const BROUGHT_NOTHING = 0.05;
const HOUR = 3_600_000;

/**
 * Groups articles into stories as they arrive: one event told by several outlets becomes
 * one story. Pure and in memory; ids are stable, so the caller stores them and rebuilds the
 * index from the last window of articles at start (`restore` is the fast path for that).
 *
 * For each new article: an exact or near copy joins its original's story. Otherwise it is
 * compared with the centroids of the open stories that share a headline, lead or name term
 * with it (`StoryCentroids`), over headline, lead, body, names, figures and the whole text,
 * plus how far apart in time they are; the fitted placement model turns that into the
 * chance they report one event, and the likeliest story wins if it clears the threshold,
 * else the article opens a story (after Miranda et al., EMNLP 2018).
 */
export class StoryIndex {
  private readonly threshold: number;
  private readonly window: number;
  private readonly velocityHours: number;
  private readonly sourceWeight: (source: string) => number;
  private readonly vocabulary = new Vocabulary();
  private readonly df = new DocumentFrequencies();
  private readonly duplicates = new DuplicateIndex();
  private readonly centroids: StoryCentroids;
  private readonly model: PlacementModel;
  private readonly merging: boolean;
  private readonly bySlot = new Map<number, ArticleRecord>();
  private readonly byId = new Map<string, ArticleRecord>();
  private readonly stories = new Map<string, StoryState>();
  private nextSlot = 0;
  private clock = Number.NEGATIVE_INFINITY;

  constructor(options: StoryIndexOptions = {}) {
    this.model = options.model ?? PLACEMENT_MODEL;
    this.threshold = options.threshold ?? this.model.threshold;
    this.merging = options.merge === true;
    this.window = (options.windowHours ?? DEFAULT_WINDOW_HOURS) * HOUR;
    this.velocityHours = options.velocityHours ?? DEFAULT_VELOCITY_HOURS;
    this.sourceWeight = options.sourceWeight ?? (() => 1);
    this.centroids = new StoryCentroids(this.window);
    if (!(this.threshold > 0 && this.threshold <= 1))
      throw new AppError("invalid_option", "threshold must be in (0, 1]", { status: 400 });
    if (!(this.window > 0))
      throw new AppError("invalid_option", "windowHours must be positive", { status: 400 });
  }

  get articleCount(): number {
    return this.bySlot.size;
  }

  get storyCount(): number {
    return this.stories.size;
  }

  /** Places a new article. Adding a known id again returns its current placement. */
  add(article: ClusterArticle): AddResult {
    const known = this.placement(article.id);
    if (known) return known;
    const draft = this.analyze(article);
    return this.place(draft, this.findCopy(draft));
  }

  /** Where an indexed article is now, or undefined when the index does not hold it. */
  placement(articleId: string): AddResult | undefined {
    const known = this.byId.get(articleId);
    if (!known) return undefined;
    return {
      story: this.snapshot(known.story),
      duplicateOf: known.duplicateOf,
      isNewStory: false,
      merged: [],
    };
  }

  /** Reads a new article's terms and fingerprint; the window's frequencies learn them. */
  analyze(article: ClusterArticle): StoryDraft {
    const time = publishedTime(article);
    const { terms, fp, centroid } = this.read(article);
    this.df.add(terms.vector.ids);
    return { article, time, terms, fp, centroid };
  }

  /** The exact or near copy (URL, content, fingerprint) in the window that the draft repeats. */
  findCopy(draft: StoryDraft): Copy | null {
    const { terms } = draft;
    const copied = this.duplicates.find(
      draft.fp,
      (slot, kind) =>
        this.inWindow(slot, draft.time) &&
        (kind === "url" ||
          kind === "content" ||
          nearlySameNames(terms, (this.bySlot.get(slot) as ArticleRecord).terms)),
    );
    const original = copied ? this.bySlot.get(copied.slot) : undefined;
    if (!original) return null;
    return { duplicateOf: original.duplicateOf ?? original.id, story: original.story.id };
  }

  /** Indexes the draft: in its original's story when it is a copy, else in the best story or a new one. */
  place(draft: StoryDraft, copy: Copy | null): AddResult {
    const known = this.placement(draft.article.id);
    if (known) return known;
    const { article, time, terms, fp, centroid } = draft;
    const compared: string[] = [];
    const found = copy ? this.stories.get(copy.story) : this.bestStory(centroid, time, compared);
    const record = this.insert(
      article,
      time,
      terms,
      fp,
      centroid,
      copy?.duplicateOf ?? null,
      found?.id ?? copy?.story ?? article.id,
    );
    // A new story is the article alone, just compared with every candidate at the join
    // threshold: only a story that grew can newly read like another.
    const merged = copy || !this.merging || !found ? [] : this.mergeAlike(record.story, compared);
    return {
      story: this.snapshot(record.story),
      duplicateOf: record.duplicateOf,
      isNewStory: found === undefined && merged.length === 0,
      merged,
    };
  }

  /** The open stories worth comparing with a draft, with their features (for fitting the model). */
  candidates(draft: StoryDraft): Candidate[] {
    return this.centroids.candidates(draft.centroid, draft.time);
  }

  /** Indexes a draft in a story of the caller's choosing, or a new one (for fitting the model). */
  placeAt(draft: StoryDraft, storyId: string | null): AddResult {
    const { article, time, terms, fp, centroid } = draft;
    const known = storyId === null ? undefined : this.stories.get(storyId);
    const record = this.insert(article, time, terms, fp, centroid, null, known?.id ?? article.id);
    return {
      story: this.snapshot(record.story),
      duplicateOf: null,
      isNewStory: known === undefined,
      merged: [],
    };
  }

  /** Indexes a stored article where it was placed before, without searching (rebuilds). */
  restore(article: ClusterArticle, placement: Placement): void {
    if (this.byId.has(article.id)) return;
    const time = publishedTime(article);
    const { terms, fp, centroid } = this.read(article);
    this.df.add(terms.vector.ids);
    this.insert(article, time, terms, fp, centroid, placement.duplicateOf ?? null, placement.story);
  }

  /** Forgets every article published before `before`; returns how many. */
  evict(before: Date | string | number): number {
    const limit =
      before instanceof Date
        ? before.getTime()
        : typeof before === "string"
          ? Date.parse(before)
          : before;
    if (Number.isNaN(limit))
      throw new AppError("invalid_date", "evict needs a valid date", { status: 400 });
    const touched = new Set<StoryState>();
    let removed = 0;
    for (const record of this.bySlot.values()) {
      if (record.time >= limit) continue;
      this.bySlot.delete(record.slot);
      this.byId.delete(record.id);
      this.df.remove(record.terms.vector.ids);
      this.centroids.remove(record.story.id, record.centroid);
      touched.add(record.story);
      removed++;
    }
    if (removed === 0) return 0;
    for (const story of touched)
      if (!keepMembers(story, (m) => this.bySlot.has(m.slot))) this.stories.delete(story.id);
    const keep = (slot: number) => this.bySlot.has(slot);
    this.centroids.compact();
    this.duplicates.compact(keep);
    return removed;
  }

  story(id: string): Story | undefined {
    const state = this.stories.get(id);
    return state ? this.snapshot(state) : undefined;
  }

  /** The story an indexed article belongs to. */
  storyOf(articleId: string): string | undefined {
    return this.byId.get(articleId)?.story.id;
  }

  private read(article: ClusterArticle): {
    terms: ArticleTerms;
    fp: DuplicateFingerprint;
    centroid: CentroidInput;
  } {
    const { terms, wordHashes } = analyzeArticle(article, this.vocabulary, this.df);
    const fp = fingerprintWords(wordHashes, contentKey(article.text), article.canonicalUrl ?? null);
    const reps = readRepresentations(article, this.vocabulary);
    const languages = article.language ? [article.language] : NO_LANGUAGES;
    return { terms, fp, centroid: { reps, text: unitVector(terms.vector), languages } };
  }

  private inWindow(slot: number, time: number): boolean {
    const other = this.bySlot.get(slot);
    return other !== undefined && Math.abs(other.time - time) <= this.window;
  }

  /** The open story the model finds likeliest to be this article's event, if likely enough. */
  private bestStory(
    centroid: CentroidInput,
    time: number,
    compared?: string[],
  ): StoryState | undefined {
    let best: StoryState | undefined;
    let bestScore = this.threshold;
    for (const candidate of this.centroids.candidates(centroid, time)) {
      const score = joinProbability(this.model, candidate.features);
      if (score >= BROUGHT_NOTHING) compared?.push(candidate.story);
      if (!joinable(candidate)) continue;
      if (score < bestScore) continue;
      const story = this.stories.get(candidate.story);
      if (!story) continue;
      best = story;
      bestScore = score;
    }
    return best;
  }

  /**
   * Once a story has changed, the open stories that now read like it by the model join it:
   * the older story survives (its address stays), the younger's members move over. Returns
   * the ids of the stories absorbed.
   *
   * A lone report is asked again as an article would be (its features against the grown
   * story, the join threshold): it opened a story because the story it belonged to had not
   * yet grown to read like it. Story against story it would need the stricter merge threshold.
   */
  private mergeAlike(changed: StoryState, compared: readonly string[]): string[] {
    const absorbed: string[] = [];
    let current = changed;
    for (let round = 0; round < MAX_MERGES; round++) {
      // What the article brought is what it shares with the stories it was compared with;
      // after a merge the story is new in more ways, and its own terms find the candidates.
      const among = round === 0 ? compared : undefined;
      let best: StoryState | undefined;
      // A merge is never easier than a join: a stricter --threshold holds for both.
      let bestScore = Math.max(this.model.mergeThreshold, this.threshold);
      let bestLone = this.threshold;
      for (const candidate of this.centroids.storyCandidates(current.id, among)) {
        const other = this.stories.get(candidate.story);
        if (!other) continue;
        const lone = current.members.length > 1 ? this.loneScore(other, current) : undefined;
        if (lone !== undefined && lone >= bestLone) {
          // Lone reports rank above story merges: they are the likelier mistake to undo.
          best = other;
          bestLone = lone;
          bestScore = Number.POSITIVE_INFINITY;
          continue;
        }
        if (!joinable(candidate)) continue;
        const score = joinProbability(this.model, candidate.features);
        if (score >= bestScore) {
          best = other;
          bestScore = score;
        }
      }
      if (!best) break;
      const [into, from] = best.firstSeen <= current.firstSeen ? [best, current] : [current, best];
      this.absorb(from, into);
      absorbed.push(from.id);
      current = into;
    }
    return absorbed;
  }

  /** The join probability of a story's one report (not a copy) for `into`, if it has one. */
  private loneScore(story: StoryState, into: StoryState): number | undefined {
    const m = story.members[0];
    if (story.members.length !== 1 || !m || m.duplicateOf !== null) return undefined;
    const features = this.centroids.featuresAgainst(m.centroid, m.time, into.id);
    if (!features || features[NAMES_DISJOINT] === 1) return undefined;
    return joinProbability(this.model, features);
  }

  private absorb(from: StoryState, into: StoryState): void {
    for (const m of from.members) {
      m.story = into;
      addMember(into, m);
    }
    this.centroids.merge(from.id, into.id);
    this.stories.delete(from.id);
  }

  private insert(
    article: ClusterArticle,
    time: number,
    terms: ArticleTerms,
    fp: DuplicateFingerprint,
    centroid: CentroidInput,
    duplicateOf: string | null,
    storyId: string,
  ): ArticleRecord {
    const slot = this.nextSlot++;
    let story = this.stories.get(storyId);
    const record: ArticleRecord = {
      slot,
      id: article.id,
      title: article.title.trim(),
      source: article.source,
      time,
      weight: this.sourceWeight(article.source),
      hosted: article.hosted === true,
      story: story as StoryState,
      duplicateOf,
      terms,
      centroid,
    };
    if (story === undefined) {
      story = { id: storyId, members: [], sources: new Map(), lead: record, firstSeen: time };
      this.stories.set(storyId, story);
      record.story = story;
    }
    addMember(story, record);

    this.bySlot.set(slot, record);
    this.byId.set(record.id, record);
    this.duplicates.add(slot, fp);
    this.centroids.add(story.id, centroid, time);
    if (time > this.clock) this.clock = time;
    return record;
  }

  private snapshot(story: StoryState): Story {
    return snapshot(story, this.clock, this.velocityHours);
  }
}

function publishedTime(article: ClusterArticle): number {
  const time = Date.parse(article.published);
  if (Number.isNaN(time))
    throw new AppError(
      "invalid_field",
      `"published" is not a date: ${article.published.slice(0, 40)}`,
      {
        status: 400,
        context: { field: "published", id: article.id },
      },
    );
  return time;
}

const NAMES_DISJOINT = FEATURES.indexOf("namesDisjoint");

/**
 * An article and a story that each name people or places, with not one name in common,
 * are different events however alike the rest reads: the same template about two towns,
 * two earthquakes. A rule, not a weight: the real set the weights are fitted on (ECB+)
 * holds few such pairs, the regression sets many.
 */
export function joinable(candidate: Candidate): boolean {
  return candidate.features[NAMES_DISJOINT] !== 1;
}

function unitVector(v: SparseVector): SparseVector {
  let norm = 0;
  for (let i = 0; i < v.weights.length; i++) norm += (v.weights[i] as number) ** 2;
  norm = Math.sqrt(norm);
  const weights = new Float32Array(v.weights.length);
  if (norm > 0)
    for (let i = 0; i < weights.length; i++) weights[i] = (v.weights[i] as number) / norm;
  return { ids: v.ids, weights };
}
