/** A sparse vector: term ids in ascending order and their weights. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

/**
 * Document frequencies learned from the articles seen, so IDF follows the news of the
 * moment: a word every outlet uses this week weighs little, a place named once weighs a lot.
 * ln(df + 1) is kept per term, so an IDF is one subtraction when thousands are needed.
 */
export class DocumentFrequencies {
  private counts = new Int32Array(1024);
  private logs = new Float64Array(1024);
  private docs = 0;

  get documents(): number {
    return this.docs;
  }

  df(term: number): number {
    return this.counts[term] ?? 0;
  }

  add(terms: ArrayLike<number>): void {
    this.docs++;
    for (let i = 0; i < terms.length; i++) this.bump(terms[i] as number, 1);
  }

  remove(terms: ArrayLike<number>): void {
    this.docs = Math.max(0, this.docs - 1);
    for (let i = 0; i < terms.length; i++) this.bump(terms[i] as number, -1);
  }

  /** Smoothed IDF, ln((N + 1) / (df + 1)) + 1: positive even for a term in every document. */
  idf(term: number): number {
    return Math.log(this.docs + 1) - (this.logs[term] ?? 0) + 1;
  }

  /** The constant part of idf(), for loops that add the per-term part themselves. */
  idfBase(): number {
    return Math.log(this.docs + 1) + 1;
  }

  /** ln(df + 1) by term id (read-only use). */
  logTable(): Float64Array {
    return this.logs;
  }

  private bump(term: number, delta: number): void {
    if (term >= this.counts.length) this.grow(term + 1);
    const count = Math.max(0, (this.counts[term] as number) + delta);
    this.counts[term] = count;
    this.logs[term] = Math.log(count + 1);
  }

  private grow(min: number): void {
    let size = this.counts.length;
    while (size < min) size *= 2;
    const counts = new Int32Array(size);
    const logs = new Float64Array(size);
    counts.set(this.counts);
    logs.set(this.logs);
    this.counts = counts;
    this.logs = logs;
  }
}

/** Cosine similarity of two term-frequency vectors weighted by the current IDF. */
export function tfidfCosine(a: SparseVector, b: SparseVector, df: DocumentFrequencies): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.ids.length; i++) {
    const w = (a.weights[i] as number) * df.idf(a.ids[i] as number);
    na += w * w;
  }
  for (let j = 0; j < b.ids.length; j++) {
    const w = (b.weights[j] as number) * df.idf(b.ids[j] as number);
    nb += w * w;
  }
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] as number;
    const y = b.ids[j] as number;
    if (x === y) {
      const idf = df.idf(x);
      dot += (a.weights[i] as number) * (b.weights[j] as number) * idf * idf;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * One article's IDF-weighted vector spread into a dense table by term id, so scoring it
 * against a hundred candidates costs one pass over each candidate's terms. Load, score,
 * then clear (the table must be all zeros between queries).
 */
export class CosineQuery {
  private table = new Float64Array(1024);
  private loaded: Int32Array | null = null;
  private norm = 0;

  /** Returns the query's norm (0: nothing to compare). */
  load(vector: SparseVector, df: DocumentFrequencies, termCount: number): number {
    if (termCount > this.table.length) {
      let size = this.table.length;
      while (size < termCount) size *= 2;
      this.table = new Float64Array(size);
    }
    let sum = 0;
    for (let i = 0; i < vector.ids.length; i++) {
      const t = vector.ids[i] as number;
      const w = (vector.weights[i] as number) * df.idf(t);
      this.table[t] = w;
      sum += w * w;
    }
    this.loaded = vector.ids;
    this.norm = Math.sqrt(sum);
    return this.norm;
  }

  cosine(other: SparseVector, df: DocumentFrequencies): number {
    const logs = df.logTable();
    const base = df.idfBase();
    let dot = 0;
    let sum = 0;
    for (let i = 0; i < other.ids.length; i++) {
      const t = other.ids[i] as number;
      const w = (other.weights[i] as number) * (base - (logs[t] ?? 0));
      sum += w * w;
      dot += w * (this.table[t] ?? 0);
    }
    return sum === 0 || this.norm === 0 ? 0 : dot / (Math.sqrt(sum) * this.norm);
  }

  clear(): void {
    if (this.loaded) for (const t of this.loaded) this.table[t] = 0;
    this.loaded = null;
    this.norm = 0;
  }
}
