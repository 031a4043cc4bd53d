// The baseline every real set is scored against in the same run: plain TF-IDF cosine with
// greedy centroid assignment, nothing learned. Each article (headline three times plus the
// first 300 words) joins the most similar story centroid when the cosine reaches 0.2, else
// opens a story. IDF is learned from the whole part being clustered.
import { STOPWORDS } from "../../src/enrich/cluster/stopwords.ts";

export interface BaselineArticle {
  id: string;
  title: string;
  text: string;
}

export const BASELINE_THRESHOLD = 0.2;
const WORDS = 300;
const TITLE_REPEAT = 3;

function words(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []).filter((w) => !STOPWORDS.has(w));
}

function counts(article: BaselineArticle): Map<string, number> {
  const out = new Map<string, number>();
  const title = words(article.title);
  const all = [
    ...Array.from({ length: TITLE_REPEAT }, () => title).flat(),
    ...words(article.text).slice(0, WORDS),
  ];
  for (const w of all) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

/** Predicted story (the id of its first article) per article id, in input order. */
export function baselineClusters(
  articles: readonly BaselineArticle[],
  threshold = BASELINE_THRESHOLD,
): Map<string, string> {
  const tfs = articles.map(counts);
  const df = new Map<string, number>();
  for (const tf of tfs) for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = articles.length;
  const vectors = tfs.map((tf) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, c] of tf) {
      const x = c * (Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
  const centroids: { id: string; sum: Map<string, number>; norm: number }[] = [];
  const out = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const v = vectors[i] as Map<string, number>;
    const id = (articles[i] as BaselineArticle).id;
    let best: (typeof centroids)[number] | undefined;
    let bestScore = threshold;
    for (const c of centroids) {
      let dot = 0;
      for (const [w, x] of v) dot += x * (c.sum.get(w) ?? 0);
      const score = c.norm === 0 ? 0 : dot / c.norm;
      if (score >= bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (!best) {
      best = { id, sum: new Map(), norm: 0 };
      centroids.push(best);
    }
    for (const [w, x] of v) best.sum.set(w, (best.sum.get(w) ?? 0) + x);
    let norm = 0;
    for (const x of best.sum.values()) norm += x * x;
    best.norm = Math.sqrt(norm);
    out.set(id, best.id);
  }
  return out;
}
