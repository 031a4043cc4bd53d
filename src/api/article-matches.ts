import { MAX_PAGE_SIZE, MAX_RESULTS, type SearchRepository } from "../db/search-repository.ts";
import type { ArticleKind } from "../domain/article.ts";

export interface MatchRequest {
  q: string;
  kind?: ArticleKind | undefined;
  /** Matches to pass over, best first: the API's offset cursor. */
  offset: number;
  limit: number;
}

export interface Matches {
  /** Article ids, best match first. */
  ids: number[];
  /** The offset to go on from; null when there is nothing more to page to. */
  next: number | null;
}

/**
 * The articles matching `q`, found by the search repository so that, as on
 * `/api/v1/search`, a common word ranks a window of the newest matches rather than every
 * one. The repository pages by number, at most MAX_PAGE_SIZE a page, while the articles
 * API pages by offset, up to 100 at a time: this reads the pages that hold
 * [offset, offset + limit). `kind` is not something the search filters on, so another
 * kind's hits are passed over, reading on until the page is full or the first
 * MAX_RESULTS matches are spent; that bounds the work however rare the kind.
 */
export async function findMatches(
  search: SearchRepository,
  request: MatchRequest,
  now?: Date,
): Promise<Matches> {
  const { q, kind, limit } = request;
  const ids: number[] = [];
  const seen = new Set<number>();
  let position = request.offset;
  while (position < MAX_RESULTS) {
    const wanted = limit - ids.length;
    // Skipping other kinds leaves fewer than were asked for: read whole pages then.
    const size = kind ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, wanted);
    const page = Math.floor(position / size) + 1;
    const start = (page - 1) * size;
    const results = await search.search({ q, sort: "relevance", page, pageSize: size }, now);
    for (let i = position - start; i < results.hits.length; i++) {
      const hit = results.hits[i];
      position = start + i + 1;
      // A page read after new articles arrived may repeat one from the page before.
      if (!hit || seen.has(hit.id) || (kind !== undefined && hit.kind !== kind)) continue;
      seen.add(hit.id);
      ids.push(hit.id);
      if (ids.length === limit) {
        const more = i + 1 < results.hits.length || results.hasNext;
        return { ids, next: more && position < MAX_RESULTS ? position : null };
      }
    }
    if (!results.hasNext) break;
    // A page can come back short (an article unpublished in between): go on after it.
    position = start + size;
  }
  return { ids, next: null };
}
