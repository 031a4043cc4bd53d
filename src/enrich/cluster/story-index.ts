import { AppError } from "../../domain/errors.ts";
import { VELOCITY_HOURS } from "../../domain/story-lead.ts";
import { DuplicateIndex } from "../dedupe/duplicate-index.ts";
import { contentKey, type DuplicateFingerprint, fingerprintWords } from "../dedupe/fingerprint.ts";
import { minhashSignature } from "../dedupe/minhash.ts";
import { frontsOverlap, namesAgree, nearlySameNames } from "./article-agreement.ts";
import { type ArticleTerms, analyzeArticle } from "./article-terms.ts";
import type { ClusterArticle } from "./cluster-article.ts";
import { LshIndex } from "./lsh-index.ts";
import type { Story } from "./story.ts";
import {
  type ArticleRecord,
  addMember,
  keepMembers,
  type StoryState,
  snapshot,
} from "./story-state.ts";
import { TermPostings } from "./term-postings.ts";
import { CosineQuery, DocumentFrequencies } from "./tfidf.ts";
import { Vocabulary } from "./vocabulary.ts";

export interface StoryIndexOptions {
  /** Least TF-IDF cosine between a new article and a story's article to join it. */
  threshold?: number;
  /** Articles further apart in time than this never join one story. */
  windowHours?: number;
  /** The span `velocity` is measured over. */
  velocityHours?: number;
  /** Which outlet's headline leads a story (`domain/story-lead.ts`: hosted, then higher weight, then earliest). */
  sourceWeight?: (source: string) => number;
  /** LSH shape: bands × rows MinHash permutations over headline and lead terms. */
  bands?: number;
  rows?: number;
}

export interface AddResult {
  story: Story;
  /** The earlier article this one copies (across sources), or null. */
  duplicateOf: string | null;
  isNewStory: boolean;
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
  readonly signature: Uint32Array | null;
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

export const DEFAULT_THRESHOLD = 0.25;
export const DEFAULT_WINDOW_HOURS = 72;
export const DEFAULT_VELOCITY_HOURS = VELOCITY_HOURS;
export const DEFAULT_BANDS = 48;
export const DEFAULT_ROWS = 2;
/** Candidates scored by cosine per new article: bounds the cost of a busy news day. */
const MAX_CANDIDATES = 100;
/** A term or key in more than this share of the window (and COMMON_MIN articles) is common. */
const COMMON_SHARE = 0.02;
const COMMON_MIN = 64;
/** Newest entries read from one name's or figure's posting list. */
const POSTING_SCAN = 64;
/** A shared lead name or figure is stronger evidence than one shared MinHash band. */
const KEY_HIT = 2;
const HOUR = 3_600_000;

/**
 * Groups articles into stories as they arrive: one event told by several outlets becomes
 * one story. Pure and in memory; ids are stable, so the caller stores them and rebuilds the
 * index from the last window of articles at start (`restore` is the fast path for that).
 *
 * For each new article: an exact or near copy joins its original's story. Otherwise
 * candidates come from MinHash LSH over headline and lead terms and from shared lead names,
 * figures and entities, inside the time window; the best story by TF-IDF cosine (IDF learned
 * from the window) wins if it clears the threshold, else the article opens a story.
 */
export class StoryIndex {
  private readonly threshold: number;
  private readonly window: number;
  private readonly velocityHours: number;
  private readonly sourceWeight: (source: string) => number;
  private readonly vocabulary = new Vocabulary();
  private readonly df = new DocumentFrequencies();
  private readonly duplicates = new DuplicateIndex();
  private readonly lsh: LshIndex;
  private readonly postings = new TermPostings();
  private readonly bySlot = new Map<number, ArticleRecord>();
  private readonly byId = new Map<string, ArticleRecord>();
  private readonly stories = new Map<string, StoryState>();
  private nextSlot = 0;
  private clock = Number.NEGATIVE_INFINITY;
  private readonly query = new CosineQuery();

  constructor(options: StoryIndexOptions = {}) {
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.window = (options.windowHours ?? DEFAULT_WINDOW_HOURS) * HOUR;
    this.velocityHours = options.velocityHours ?? DEFAULT_VELOCITY_HOURS;
    this.sourceWeight = options.sourceWeight ?? (() => 1);
    this.lsh = new LshIndex(options.bands ?? DEFAULT_BANDS, options.rows ?? DEFAULT_ROWS);
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
    return { story: this.snapshot(known.story), duplicateOf: known.duplicateOf, isNewStory: false };
  }

  /** Reads a new article's terms and fingerprint; the window's frequencies learn them. */
  analyze(article: ClusterArticle): StoryDraft {
    const time = publishedTime(article);
    const { terms, fp } = this.read(article);
    const signature = this.signature(terms);
    this.df.add(terms.vector.ids);
    return { article, time, terms, fp, signature };
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
    const { article, time, terms, fp, signature } = draft;
    const found = copy ? this.stories.get(copy.story) : this.bestStory(terms, signature, time);
    const record = this.insert(
      article,
      time,
      terms,
      fp,
      signature,
      copy?.duplicateOf ?? null,
      found?.id ?? copy?.story ?? article.id,
    );
    return {
      story: this.snapshot(record.story),
      duplicateOf: record.duplicateOf,
      isNewStory: found === undefined,
    };
  }

  /** Indexes a stored article where it was placed before, without searching (rebuilds). */
  restore(article: ClusterArticle, placement: Placement): void {
    if (this.byId.has(article.id)) return;
    const time = publishedTime(article);
    const { terms, fp } = this.read(article);
    this.df.add(terms.vector.ids);
    this.insert(
      article,
      time,
      terms,
      fp,
      this.signature(terms),
      placement.duplicateOf ?? null,
      placement.story,
    );
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
      touched.add(record.story);
      removed++;
    }
    if (removed === 0) return 0;
    for (const story of touched)
      if (!keepMembers(story, (m) => this.bySlot.has(m.slot))) this.stories.delete(story.id);
    const keep = (slot: number) => this.bySlot.has(slot);
    this.lsh.compact(keep);
    this.postings.compact(keep);
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

  private read(article: ClusterArticle): { terms: ArticleTerms; fp: DuplicateFingerprint } {
    const { terms, wordHashes } = analyzeArticle(article, this.vocabulary, this.df);
    const fp = fingerprintWords(wordHashes, contentKey(article.text), article.canonicalUrl ?? null);
    return { terms, fp };
  }

  /**
   * MinHash over the headline and lead terms, leaving out terms already in a large share of
   * the window: two articles sharing only "government" would otherwise fill the same buckets
   * by the thousand. Small windows keep every term.
   */
  private signature(terms: ArticleTerms): Uint32Array | null {
    const common = Math.max(COMMON_MIN, this.df.documents * COMMON_SHARE);
    const hashes: number[] = [];
    for (const t of terms.headlineLead)
      if (this.df.df(t) <= common) hashes.push(this.vocabulary.hash(t));
    return hashes.length === 0 ? null : minhashSignature(hashes, this.lsh.permutations);
  }

  private inWindow(slot: number, time: number): boolean {
    const other = this.bySlot.get(slot);
    return other !== undefined && Math.abs(other.time - time) <= this.window;
  }

  private bestStory(
    terms: ArticleTerms,
    signature: Uint32Array | null,
    time: number,
  ): StoryState | undefined {
    const hits = new Map<number, number>();
    const hit = (slot: number, by: number) => hits.set(slot, (hits.get(slot) ?? 0) + by);
    if (signature) this.lsh.query(signature, (slot) => hit(slot, 1));
    const common = Math.max(COMMON_MIN, this.bySlot.size * COMMON_SHARE);
    for (let i = 0; i < terms.keys.length; i++) {
      const term = terms.keys[i] as number;
      // A key in a large share of the window is the news of the day, not one story's mark.
      if (this.postings.length(term) > common) continue;
      this.postings.newest(term, POSTING_SCAN, (slot) => hit(slot, KEY_HIT));
    }
    if (hits.size === 0) return undefined;

    let candidates = [...hits.entries()];
    if (candidates.length > MAX_CANDIDATES)
      candidates = candidates.sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES);

    const scores = new Map<StoryState, number>();
    try {
      if (this.query.load(terms.vector, this.df, this.vocabulary.size) === 0) return undefined;
      for (const [slot] of candidates) {
        const other = this.bySlot.get(slot);
        if (!other || Math.abs(other.time - time) > this.window) continue;
        if (!namesAgree(terms, other.terms) || !frontsOverlap(terms, other.terms)) continue;
        const score = this.query.cosine(other.terms.vector, this.df);
        if (score > (scores.get(other.story) ?? 0)) scores.set(other.story, score);
      }
    } finally {
      this.query.clear();
    }
    let best: StoryState | undefined;
    let bestScore = this.threshold;
    for (const [story, score] of scores) {
      if (score >= bestScore) {
        best = story;
        bestScore = score;
      }
    }
    return best;
  }

  private insert(
    article: ClusterArticle,
    time: number,
    terms: ArticleTerms,
    fp: DuplicateFingerprint,
    signature: Uint32Array | null,
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
    if (signature) this.lsh.add(slot, signature);
    this.postings.add(slot, terms.keys);
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
