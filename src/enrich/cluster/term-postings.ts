/**
 * An inverted index from a term (a name, a figure, an entity) to the articles that have it
 * in their headline or lead, oldest first. Lookups read only the newest entries of a list:
 * a name in thousands of recent articles is no evidence of one particular story.
 */
export class TermPostings {
  private readonly lists = new Map<number, number[]>();

  add(slot: number, terms: ArrayLike<number>): void {
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as number;
      const list = this.lists.get(term);
      if (list === undefined) this.lists.set(term, [slot]);
      else list.push(slot);
    }
  }

  length(term: number): number {
    return this.lists.get(term)?.length ?? 0;
  }

  /** Visits at most `limit` of the newest slots filed under `term`. */
  newest(term: number, limit: number, visit: (slot: number) => void): void {
    const list = this.lists.get(term);
    if (list === undefined) return;
    const stop = Math.max(0, list.length - limit);
    for (let i = list.length - 1; i >= stop; i--) visit(list[i] as number);
  }

  compact(keep: (slot: number) => boolean): void {
    for (const [term, list] of this.lists) {
      const kept = list.filter(keep);
      if (kept.length === 0) this.lists.delete(term);
      else if (kept.length !== list.length) this.lists.set(term, kept);
    }
  }
}
