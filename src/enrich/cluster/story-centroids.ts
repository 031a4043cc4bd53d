import { REPRESENTATIONS, type Representations } from "./representations.ts";
import { DocumentFrequencies, type SparseVector } from "./tfidf.ts";

/**
 * What a new article is compared on with an open story's centroid, in the order the fitted
 * weights (`placement-model.json`) list them: the cosine of each representation with the
 * story's sum of them; whether both name people or places (or years) and share none; how
 * much of the names in the article's headline and lead the story never mentions, and of the
 * names most of the story's reports carry the article never mentions (two offers to one
 * player by two clubs share the player, not the club); how many days lie between the
 * article and the story's reports; and the story's size. Across languages (the story has no
 * report in the article's language) a report shares names and figures but few words, and
 * its other words read as missing names: the names-missing shares then go to features of
 * their own, weighed apart, with a flag for the comparison.
 */
export const FEATURES = [
  "title",
  "lead",
  "body",
  "names",
  "figures",
  "years",
  "text",
  "namesDisjoint",
  "yearsDisjoint",
  "frontNamesMissing",
  "storyNamesMissing",
  "daysApart",
  "size",
  "acrossLanguages",
  "frontNamesMissingAcross",
  "storyNamesMissingAcross",
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** The vectors an article adds to its story's centroid (`text`: the index's own term vector). */
export interface CentroidInput {
  reps: Representations;
  text: SparseVector;
  /** The languages the input is written in (ISO 639-1); empty when not known. */
  languages: readonly string[];
}

const VECTORS = [...REPRESENTATIONS, "text"] as const;
const NAMES = VECTORS.indexOf("names");
const YEARS = VECTORS.indexOf("years");
const NAMES_DISJOINT = FEATURES.indexOf("namesDisjoint");
const YEARS_DISJOINT = FEATURES.indexOf("yearsDisjoint");
const DAYS_APART = FEATURES.indexOf("daysApart");
const FRONT_MISSING = FEATURES.indexOf("frontNamesMissing");
const STORY_MISSING = FEATURES.indexOf("storyNamesMissing");
const SIZE = FEATURES.indexOf("size");
const ACROSS = FEATURES.indexOf("acrossLanguages");
const FRONT_MISSING_ACROSS = FEATURES.indexOf("frontNamesMissingAcross");
const STORY_MISSING_ACROSS = FEATURES.indexOf("storyNamesMissingAcross");

/** A story's centroid keeps at most this many terms per representation (the heaviest). */
const MAX_CENTROID_TERMS = 240;
/**
 * Stories scored in full per article: the ones sharing the most telling front terms. 16 and
 * 128 place every real and regression set as 48 and 256 did, at half the cost (see
 * bench/quality/README.md); 8 and 64 begin to move them.
 */
export const MAX_CANDIDATES = 16;
/** Newest stories read from one term's list; a term in more is not one story's mark. */
const POSTING_SCAN = 128;
const DAY = 86_400_000;
/**
 * Centroid sums are kept as integers, the weights in units of 2^-24 (a Float32 weight's
 * last bit): V8 stores a small integer in a Map unboxed, a fractional number as a new heap
 * object on every update. Those objects, hundreds per add and all kept, made each young
 * collection ~11 ms at 100,000 articles: the bench's p99. A sum past 2^31 (a term in ~128
 * full-weight reports) is stored boxed, and still exact. Subtracting an evicted article's
 * weights is exact too.
 */
const SUM_SCALE = 2 ** 24;
const FROM_SUM = 1 / SUM_SCALE;

/** A weight in the sums' integer units. */
function toSum(weight: number): number {
  return Math.round(weight * SUM_SCALE);
}

interface Centroid {
  id: string;
  /**
   * Per representation, each term's summed weight in units of 1/SUM_SCALE; NO_SUMS while
   * `solo` stands for them.
   */
  sums: Map<number, number>[];
  /**
   * The one member's vectors, until a second joins: most stories never get one, and their
   * seven Maps were most of what an add allocated and the index kept.
   */
  solo: SparseVector[] | null;
  /** Norms under the IDF of `normsAt` documents; recomputed when either moves. */
  norms: Float64Array;
  normsAt: number;
  version: number;
  members: number;
  first: number;
  last: number;
  dead: boolean;
  /** Front terms already filed in the postings for this story. */
  filed: Set<number>;
  /** How many members name each name. */
  nameCounts: Map<number, number>;
  /** Summed IDF of the article's front terms that file this story (candidates' scratch; 0 between calls). */
  hit: number;
  /** How many members are written in each known language. */
  languages: Map<string, number>;
  /** `sums` as ascending ids and their sums, for `version` (see prepare). */
  sorted: SortedSums;
}

interface SortedSums {
  version: number;
  ids: Int32Array[];
  sums: Float64Array[];
  /** The names most members carry (`nameCounts` order), for storyNamesMissing. */
  core: Int32Array;
}

const NO_SORTED: SortedSums = { version: -1, ids: [], sums: [], core: new Int32Array(0) };

export interface Candidate {
  story: string;
  features: Float64Array;
}

/**
 * Every open story's centroid over several representations, with an inverted index from
 * headline, lead and name terms to stories so a new article is compared with the stories
 * that share something telling (at most MAX_CANDIDATES), not with all of them. A story is
 * open while it receives reports: it closes once `quietMs` pass without one.
 */
export class StoryCentroids {
  private readonly centroids = new Map<string, Centroid>();
  private readonly postings = new Map<number, Centroid[]>();
  private readonly df = new DocumentFrequencies();
  /** The stories hit by one candidates() call, in the order first hit. */
  private readonly hitList: Centroid[] = [];
  /** Scratch for vocabularyOf, by term id (all zero between calls). */
  private marks = new Uint8Array(1024);

  constructor(private readonly quietMs: number) {}

  get size(): number {
    return this.centroids.size;
  }

  /** Adds an article's vectors to its story's centroid (created on first use). */
  add(story: string, input: CentroidInput, time: number): void {
    let c = this.centroids.get(story);
    if (!c) {
      c = {
        id: story,
        sums: NO_SUMS,
        solo: null,
        norms: new Float64Array(VECTORS.length),
        normsAt: -1,
        version: 0,
        members: 0,
        first: time,
        last: time,
        dead: false,
        filed: new Set(),
        nameCounts: new Map(),
        hit: 0,
        languages: new Map(),
        sorted: NO_SORTED,
      };
      this.centroids.set(story, c);
    }
    this.df.add(this.vocabularyOf(input));
    const vectors = vectorsOf(input);
    if (c.members === 0 && c.sums === NO_SUMS && fitsUnpruned(vectors)) c.solo = vectors;
    else this.addSums(c, vectors);
    for (const t of frontTerms(input)) {
      if (c.filed.has(t)) continue;
      c.filed.add(t);
      const list = this.postings.get(t);
      if (list) list.push(c);
      else this.postings.set(t, [c]);
    }
    for (const t of input.reps.names.ids) c.nameCounts.set(t, (c.nameCounts.get(t) ?? 0) + 1);
    for (const l of input.languages) c.languages.set(l, (c.languages.get(l) ?? 0) + 1);
    c.members++;
    c.version++;
    c.first = Math.min(c.first, time);
    c.last = Math.max(c.last, time);
  }

  /** Adds vectors to a centroid's sums, first summing its solo member's. */
  private addSums(c: Centroid, vectors: readonly SparseVector[]): void {
    if (c.sums === NO_SUMS) c.sums = emptySums();
    const solo = c.solo;
    if (solo) {
      c.solo = null;
      this.addSums(c, solo);
    }
    for (let r = 0; r < vectors.length; r++) {
      const v = vectors[r] as SparseVector;
      const sums = c.sums[r] as Map<number, number>;
      for (let i = 0; i < v.ids.length; i++) {
        const t = v.ids[i] as number;
        sums.set(t, (sums.get(t) ?? 0) + toSum(v.weights[i] as number));
      }
      if (sums.size > MAX_CENTROID_TERMS * 1.5) prune(sums);
    }
  }

  /** A centroid's sums as Maps, its solo member's summed if need be. */
  private summed(c: Centroid): Map<number, number>[] {
    if (c.solo) this.addSums(c, []);
    return c.sums;
  }

  /** Takes an evicted article's vectors out of its story's centroid. */
  remove(story: string, input: CentroidInput): void {
    const c = this.centroids.get(story);
    this.df.remove(this.vocabularyOf(input));
    if (!c) return;
    const vectors = vectorsOf(input);
    // A solo story's one member leaves: nothing is summed.
    if (c.solo) c.solo = null;
    else
      for (let r = 0; r < vectors.length; r++) {
        const v = vectors[r] as SparseVector;
        const sums = c.sums[r] as Map<number, number>;
        for (let i = 0; i < v.ids.length; i++) {
          const t = v.ids[i] as number;
          const left = (sums.get(t) ?? 0) - toSum(v.weights[i] as number);
          if (left > 0) sums.set(t, left);
          else sums.delete(t);
        }
      }
    for (const t of input.reps.names.ids) {
      const left = (c.nameCounts.get(t) ?? 0) - 1;
      if (left > 0) c.nameCounts.set(t, left);
      else c.nameCounts.delete(t);
    }
    for (const l of input.languages) {
      const left = (c.languages.get(l) ?? 0) - 1;
      if (left > 0) c.languages.set(l, left);
      else c.languages.delete(l);
    }
    c.members--;
    c.version++;
    if (c.members <= 0) {
      c.dead = true;
      this.centroids.delete(story);
    }
  }

  /** Drops dead stories from the postings (after an eviction). */
  compact(): void {
    for (const [term, list] of this.postings) {
      const kept = list.filter((c) => !c.dead);
      if (kept.length === 0) this.postings.delete(term);
      else if (kept.length !== list.length) this.postings.set(term, kept);
    }
  }

  /**
   * The open stories worth comparing with a story's centroid (itself left out), each with
   * its feature values: the story's summed vectors stand in for an article's.
   */
  storyCandidates(story: string, among?: readonly string[]): Candidate[] {
    const c = this.centroids.get(story);
    if (!c) return [];
    if (among === undefined) return this.candidates(centroidAsInput(c, this.summed(c)), c.last, c);
    const chosen: Centroid[] = [];
    for (const id of among) {
      const other = this.centroids.get(id);
      if (other && other !== c && this.open(other, c.last)) chosen.push(other);
    }
    // Often the story was compared with nothing but itself: its unit vectors are not built.
    if (chosen.length === 0) return [];
    return this.scored(centroidAsInput(c, this.summed(c)), c.last, chosen);
  }

  /** Adds `from`'s centroid to `into`'s and forgets `from` (two stories grew into one). */
  merge(from: string, into: string): void {
    const a = this.centroids.get(from);
    const b = this.centroids.get(into);
    if (!a || !b || a === b) return;
    const added = this.summed(a);
    const kept = this.summed(b);
    for (let r = 0; r < VECTORS.length; r++) {
      const sums = kept[r] as Map<number, number>;
      for (const [t, w] of added[r] as Map<number, number>) sums.set(t, (sums.get(t) ?? 0) + w);
      if (sums.size > MAX_CENTROID_TERMS * 1.5) prune(sums);
    }
    for (const [t, n] of a.nameCounts) b.nameCounts.set(t, (b.nameCounts.get(t) ?? 0) + n);
    for (const [l, n] of a.languages) b.languages.set(l, (b.languages.get(l) ?? 0) + n);
    for (const t of a.filed) {
      if (b.filed.has(t)) continue;
      b.filed.add(t);
      const list = this.postings.get(t);
      if (list) list.push(b);
      else this.postings.set(t, [b]);
    }
    b.members += a.members;
    b.version++;
    b.first = Math.min(a.first, b.first);
    b.last = Math.max(a.last, b.last);
    a.dead = true;
    this.centroids.delete(from);
  }

  /** An article's feature values against one story, or undefined when that story is closed to it. */
  featuresAgainst(input: CentroidInput, time: number, story: string): Float64Array | undefined {
    const c = this.centroids.get(story);
    if (!c || !this.open(c, time)) return undefined;
    const vectors = vectorsOf(input);
    return this.features(
      c,
      vectors,
      this.normsOf(vectors),
      time,
      this.idfsOf(vectors),
      input.languages,
    );
  }

  /** The open stories worth scoring for this article, each with its feature values. */
  candidates(input: CentroidInput, time: number, self?: Centroid): Candidate[] {
    // The sums live on the centroids and the order of first hits in a list: a Map here
    // boxed every sum (a fresh number object per posting read).
    // Filled up to `count` and never shortened: emptying it each call dropped its storage
    // and regrew it hit by hit.
    const hits = this.hitList;
    let count = 0;
    const docs = this.df.documents;
    const common = Math.max(POSTING_SCAN, docs * 0.05);
    for (const t of frontTerms(input)) {
      const list = this.postings.get(t);
      if (!list || list.length > common) continue;
      const idf = this.df.idf(t);
      const stop = Math.max(0, list.length - POSTING_SCAN);
      for (let i = list.length - 1; i >= stop; i--) {
        const c = list[i] as Centroid;
        if (c.dead || c === self || !this.open(c, time)) continue;
        if (c.hit === 0) hits[count++] = c;
        c.hit += idf;
      }
    }
    const chosen =
      count > MAX_CANDIDATES ? topHits(hits, count, MAX_CANDIDATES) : hits.slice(0, count);
    for (let i = 0; i < count; i++) (hits[i] as Centroid).hit = 0;
    return this.scored(input, time, chosen);
  }

  private scored(input: CentroidInput, time: number, chosen: readonly Centroid[]): Candidate[] {
    const vectors = vectorsOf(input);
    const articleNorms = this.normsOf(vectors);
    const idfs = this.idfsOf(vectors);
    return chosen.map((c) => ({
      story: c.id,
      features: this.features(c, vectors, articleNorms, time, idfs, input.languages),
    }));
  }

  /**
   * Each vector's terms' IDF, read once per article rather than once per candidate story
   * (idf() takes a logarithm): the same values, so the same features.
   */
  private idfsOf(vectors: readonly SparseVector[]): Float64Array[] {
    const out: Float64Array[] = [];
    for (const v of vectors) {
      const idfs = new Float64Array(v.ids.length);
      for (let i = 0; i < idfs.length; i++) idfs[i] = this.df.idf(v.ids[i] as number);
      out.push(idfs);
    }
    return out;
  }

  /** Each vector's IDF-weighted norm (a typed array: the feature loop sees one shape). */
  private normsOf(vectors: readonly SparseVector[]): Float64Array {
    const out = new Float64Array(vectors.length);
    for (let r = 0; r < vectors.length; r++) out[r] = this.norm(vectors[r] as SparseVector);
    return out;
  }

  private open(c: Centroid, time: number): boolean {
    const apart = time < c.first ? c.first - time : time > c.last ? time - c.last : 0;
    return apart <= this.quietMs;
  }

  private features(
    c: Centroid,
    vectors: SparseVector[],
    articleNorms: Float64Array,
    time: number,
    idfs: readonly Float64Array[],
    languages: readonly string[],
  ): Float64Array {
    const sorted = this.prepare(c);
    const out = new Float64Array(FEATURES.length);
    for (let r = 0; r < vectors.length; r++) {
      const v = vectors[r] as SparseVector;
      const na = articleNorms[r] as number;
      const nc = c.norms[r] as number;
      if (na === 0 || nc === 0) continue;
      const termIdf = idfs[r] as Float64Array;
      // Both sides' ids ascend: walked side by side, the terms meet in the article's order,
      // so the sum adds the same products in the same order as a lookup per term would.
      const keys = sorted.ids[r] as Int32Array;
      const sums = sorted.sums[r] as Float64Array;
      let j = 0;
      let dot = 0;
      for (let i = 0; i < v.ids.length; i++) {
        const t = v.ids[i] as number;
        while (j < keys.length && (keys[j] as number) < t) j++;
        if (j === keys.length) break;
        if (keys[j] !== t) continue;
        const s = sums[j] as number;
        const idf = termIdf[i] as number;
        dot += (v.weights[i] as number) * s * idf * idf;
      }
      out[r] = dot / (na * nc);
    }
    out[NAMES_DISJOINT] = disjoint(vectors[NAMES] as SparseVector, sorted.ids[NAMES] as Int32Array);
    out[YEARS_DISJOINT] = disjoint(vectors[YEARS] as SparseVector, sorted.ids[YEARS] as Int32Array);
    const front = this.frontNamesMissing(vectors, c);
    const story = this.storyNamesMissing(vectors, c);
    if (across(languages, c.languages)) {
      out[ACROSS] = 1;
      out[FRONT_MISSING_ACROSS] = front;
      out[STORY_MISSING_ACROSS] = story;
    } else {
      out[FRONT_MISSING] = front;
      out[STORY_MISSING] = story;
    }
    const apart = time < c.first ? c.first - time : time > c.last ? time - c.last : 0;
    out[DAYS_APART] = Math.log1p(apart / DAY);
    out[SIZE] = Math.log1p(c.members);
    return out;
  }

  /** IDF-weighted share of the article's headline-and-lead names the story never names. */
  private frontNamesMissing(vectors: SparseVector[], c: Centroid): number {
    const [title, lead] = vectors as [SparseVector, SparseVector];
    const names = vectors[NAMES] as SparseVector;
    let all = 0;
    let missing = 0;
    for (const t of names.ids) {
      if (!contains(title, t) && !contains(lead, t)) continue;
      const idf = this.df.idf(t);
      all += idf;
      if (!c.nameCounts.has(t)) missing += idf;
    }
    return all === 0 ? 0 : missing / all;
  }

  /** IDF-weighted share of the names most of the story's reports carry that the article lacks. */
  private storyNamesMissing(vectors: SparseVector[], c: Centroid): number {
    if (c.members < 2) return 0;
    let all = 0;
    let missing = 0;
    for (const t of this.prepare(c).core) {
      const idf = this.df.idf(t);
      all += idf;
      if (!namedIn(vectors, t)) missing += idf;
    }
    return all === 0 ? 0 : missing / all;
  }

  /**
   * The centroid's sums by ascending id, its norms and its core names, rebuilt when the
   * centroid changed (norms also when IDF drifted). Scoring walks the sorted sums beside
   * the article's ascending ids instead of a Map lookup per article term. Norms add the
   * terms in the Map's order, as they always have, so they are the same numbers.
   */
  private prepare(c: Centroid): SortedSums {
    const docs = this.df.documents;
    if (c.sorted.version === c.version) {
      // IDF drifts slowly as the window fills: norms a few percent of documents old are fine.
      if (Math.abs(docs - c.normsAt) > Math.max(8, docs * 0.02)) {
        for (let r = 0; r < VECTORS.length; r++)
          c.norms[r] = c.solo
            ? this.sortedNorm(c.sorted.ids[r] as Int32Array, c.sorted.sums[r] as Float64Array)
            : this.mapNorm(c.sums[r] as Map<number, number>, null);
        c.normsAt = docs;
      }
      return c.sorted;
    }
    const ids: Int32Array[] = [];
    const sums: Float64Array[] = [];
    const solo = c.solo;
    if (solo) {
      // The member's ascending ids are the Map's order too: the same sums and norms.
      for (let r = 0; r < VECTORS.length; r++) {
        const v = solo[r] as SparseVector;
        const values = new Float64Array(v.ids.length);
        for (let i = 0; i < values.length; i++)
          values[i] = toSum(v.weights[i] as number) * FROM_SUM;
        c.norms[r] = this.sortedNorm(v.ids, values);
        ids.push(v.ids);
        sums.push(values);
      }
      c.normsAt = docs;
      c.sorted = { version: c.version, ids, sums, core: coreNames(c) };
      return c.sorted;
    }
    for (let r = 0; r < VECTORS.length; r++) {
      const m = c.sums[r] as Map<number, number>;
      const keys = new Int32Array(m.size);
      c.norms[r] = this.mapNorm(m, keys);
      keys.sort();
      const values = new Float64Array(keys.length);
      for (let i = 0; i < keys.length; i++)
        values[i] = (m.get(keys[i] as number) as number) * FROM_SUM;
      ids.push(keys);
      sums.push(values);
    }
    c.normsAt = docs;
    c.sorted = { version: c.version, ids, sums, core: coreNames(c) };
    return c.sorted;
  }

  /** The IDF-weighted norm of sums by ascending id (a solo story's). */
  private sortedNorm(ids: Int32Array, values: Float64Array): number {
    let sum = 0;
    for (let i = 0; i < ids.length; i++) {
      const x = (values[i] as number) * this.df.idf(ids[i] as number);
      sum += x * x;
    }
    return Math.sqrt(sum);
  }

  /** The IDF-weighted norm of a centroid's sums, in the Map's order; fills `keys` with that order. */
  private mapNorm(m: Map<number, number>, keys: Int32Array | null): number {
    let sum = 0;
    let k = 0;
    // keys() and get(), not entries(): an entry array per term was most of the garbage here.
    for (const t of m.keys()) {
      if (keys) keys[k++] = t;
      const x = (m.get(t) as number) * FROM_SUM * this.df.idf(t);
      sum += x * x;
    }
    return Math.sqrt(sum);
  }

  /**
   * The distinct terms an input brings to the frequencies (in no particular order: each
   * term's count moves alone), marked in a table by term id rather than gathered in a Set.
   */
  private vocabularyOf(input: CentroidInput): Int32Array {
    const vectors = vectorsOf(input);
    let total = 0;
    let top = 0;
    for (const v of vectors) {
      total += v.ids.length;
      for (let i = 0; i < v.ids.length; i++) top = Math.max(top, v.ids[i] as number);
    }
    if (top >= this.marks.length) {
      let size = this.marks.length;
      while (size <= top) size *= 2;
      this.marks = new Uint8Array(size);
    }
    const out = new Int32Array(total);
    let n = 0;
    for (const v of vectors)
      for (let i = 0; i < v.ids.length; i++) {
        const t = v.ids[i] as number;
        if (this.marks[t] === 1) continue;
        this.marks[t] = 1;
        out[n++] = t;
      }
    for (let i = 0; i < n; i++) this.marks[out[i] as number] = 0;
    return out.subarray(0, n);
  }

  private norm(v: SparseVector): number {
    let sum = 0;
    for (let i = 0; i < v.ids.length; i++) {
      const x = (v.weights[i] as number) * this.df.idf(v.ids[i] as number);
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}

/** The names carried by at least max(2, half) of a story's members, in `nameCounts` order. */
function coreNames(c: Centroid): Int32Array {
  if (c.members < 2) return NO_SORTED.core;
  // Written so the optimiser never guesses an integer: max(2, members / 2) made it guess one,
  // and threw the whole feature loop back to slow code at every odd-sized story.
  const core = c.members < 4 ? 2 : c.members * 0.5;
  const out: number[] = [];
  for (const t of c.nameCounts.keys()) if ((c.nameCounts.get(t) as number) >= core) out.push(t);
  return Int32Array.from(out);
}

/** A centroid's sums scaled to unit length, as an article's vectors are. */
function centroidAsInput(c: Centroid, summed: readonly Map<number, number>[]): CentroidInput {
  const v: SparseVector[] = [];
  for (const sums of summed) v.push(unitOf(sums));
  const [title, lead, body, names, figures, years, text] = v as [
    SparseVector,
    SparseVector,
    SparseVector,
    SparseVector,
    SparseVector,
    SparseVector,
    SparseVector,
  ];
  return {
    reps: { title, lead, body, names, figures, years },
    text,
    languages: [...c.languages.keys()],
  };
}

/** Both sides' languages are known and none is shared. */
function across(languages: readonly string[], story: ReadonlyMap<string, number>): boolean {
  if (languages.length === 0 || story.size === 0) return false;
  for (const l of languages) if (story.has(l)) return false;
  return true;
}

/**
 * One map per representation, in an array built the same way every time: an array made by
 * .map() took a different shape in optimised code, and the feature loop reading `sums`
 * fell back to slow code at each switch.
 */
function emptySums(): Map<number, number>[] {
  const out: Map<number, number>[] = [];
  for (let r = 0; r < VECTORS.length; r++) out.push(new Map());
  return out;
}

/** A solo story's sums: never written (addSums replaces it first). */
const NO_SUMS: Map<number, number>[] = emptySums();

/** No vector so long that summing it would prune it: a solo story's vectors are its sums. */
function fitsUnpruned(vectors: readonly SparseVector[]): boolean {
  for (const v of vectors) if (v.ids.length > MAX_CENTROID_TERMS * 1.5) return false;
  return true;
}

/**
 * The `k` stories with the highest hit sums, highest first, ties in first-hit order: what a
 * stable sort then a slice gave, without sorting thousands of hits (nor boxing each
 * comparison) to keep 16.
 */
function topHits(hits: readonly Centroid[], count: number, k: number): Centroid[] {
  const top: Centroid[] = [];
  for (let h = 0; h < count; h++) {
    const c = hits[h] as Centroid;
    if (top.length === k && c.hit <= (top[k - 1] as Centroid).hit) continue;
    let i = top.length;
    while (i > 0 && (top[i - 1] as Centroid).hit < c.hit) i--;
    top.splice(i, 0, c);
    if (top.length > k) top.pop();
  }
  return top;
}

function unitOf(sums: Map<number, number>): SparseVector {
  // Loops, not Int32Array.from(keys()) and Float32Array.from(ids, fn): those built an
  // iterator result per term and boxed each weight.
  const ids = new Int32Array(sums.size);
  let k = 0;
  for (const t of sums.keys()) ids[k++] = t;
  ids.sort();
  const weights = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++)
    weights[i] = (sums.get(ids[i] as number) as number) * FROM_SUM;
  let norm = 0;
  for (let i = 0; i < weights.length; i++) norm += (weights[i] as number) * (weights[i] as number);
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) / norm;
  return { ids, weights };
}

function vectorsOf(input: CentroidInput): SparseVector[] {
  const { reps } = input;
  // A literal, not .map(): the feature loop then always meets arrays of one shape (a mapped
  // array's shape differed between optimised and unoptimised callers, and each switch
  // threw the loop back to slow code that boxed every product).
  return [
    ascending(reps.title),
    ascending(reps.lead),
    ascending(reps.body),
    ascending(reps.names),
    ascending(reps.figures),
    ascending(reps.years),
    ascending(input.text),
  ];
}

/** Whether any vector but the years names term `t`. */
function namedIn(vectors: readonly SparseVector[], t: number): boolean {
  for (let r = 0; r < vectors.length; r++)
    if (r !== YEARS && contains(vectors[r] as SparseVector, t)) return true;
  return false;
}

/** The vector with ascending ids, as every reader here expects (they always are so far). */
function ascending(v: SparseVector): SparseVector {
  for (let i = 1; i < v.ids.length; i++) {
    if ((v.ids[i] as number) > (v.ids[i - 1] as number)) continue;
    const order = Array.from(v.ids.keys()).sort(
      (a, b) => (v.ids[a] as number) - (v.ids[b] as number),
    );
    return {
      ids: Int32Array.from(order, (k) => v.ids[k] as number),
      weights: Float32Array.from(order, (k) => v.weights[k] as number),
    };
  }
  return v;
}

/** Binary search in a vector's ascending ids. */
function contains(v: SparseVector, t: number): boolean {
  let lo = 0;
  let hi = v.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = v.ids[mid] as number;
    if (x === t) return true;
    if (x < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** 1 when both sides have terms of this kind and share none (both ids ascending). */
function disjoint(v: SparseVector, keys: Int32Array): number {
  if (v.ids.length === 0 || keys.length === 0) return 0;
  let j = 0;
  for (let i = 0; i < v.ids.length; i++) {
    const t = v.ids[i] as number;
    while (j < keys.length && (keys[j] as number) < t) j++;
    if (j === keys.length) return 1;
    if (keys[j] === t) return 0;
  }
  return 1;
}

/** Headline, lead and name terms: what the postings file a story under. */
function frontTerms(input: CentroidInput): Set<number> {
  const out = new Set<number>();
  for (const v of [input.reps.title, input.reps.lead, input.reps.names])
    for (const t of v.ids) out.add(t);
  return out;
}

/**
 * Keeps the MAX_CENTROID_TERMS heaviest terms, re-entered heaviest first (ties in the Map's
 * order): a stable sort of the entries, done on typed arrays rather than an array per entry.
 */
function prune(sums: Map<number, number>): void {
  const n = sums.size;
  const keys = new Int32Array(n);
  const weights = new Float64Array(n);
  let k = 0;
  for (const t of sums.keys()) {
    keys[k] = t;
    weights[k++] = sums.get(t) as number;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    const x = weights[a] as number;
    const y = weights[b] as number;
    return x > y ? -1 : x < y ? 1 : a - b;
  });
  sums.clear();
  const kept = Math.min(n, MAX_CENTROID_TERMS);
  for (let i = 0; i < kept; i++) {
    const at = order[i] as number;
    sums.set(keys[at] as number, weights[at] as number);
  }
}
