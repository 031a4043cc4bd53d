import type { FastifyInstance } from "fastify";
import {
  MAX_PAGE_SIZE,
  MAX_RESULTS,
  SEARCH_SORTS,
  type SearchHit,
  type SearchRepository,
  type SearchRequest,
} from "../db/search-repository.ts";
import { dayEnd, dayStart } from "../domain/calendar-day.ts";
import { highlightHtml } from "../domain/highlight.ts";
import { badParam, enumParam, intParam, queryObject, textParam } from "./params.ts";

const PARAMETERS = ["q", "section", "source", "language", "from", "to", "sort", "page", "limit"];
const DEFAULT_LIMIT = 20;
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A search result as the API gives it: `snippet` is HTML whose only element is `<mark>`. */
export function searchHitView(hit: SearchHit) {
  return {
    id: hit.id,
    headline: hit.headline,
    url: hit.path,
    snippet: highlightHtml(hit.snippet),
    section: hit.sectionSlug,
    source: hit.source,
    language: hit.language,
    publishedAt: hit.publishedAt,
  };
}

/** `from`/`to`: a day (UTC) or an instant with its zone; `to` includes the day it names. */
function instantParam(value: string | undefined, name: "from" | "to"): Date | undefined {
  if (value === undefined) return undefined;
  const day = name === "from" ? dayStart(value, "UTC") : dayEnd(value, "UTC");
  if (day) return day;
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  throw badParam(name, "must be a date (2026-11-28) or a time with its zone (2026-11-28T09:30Z)");
}

function patternParam(value: string | undefined, name: string, pattern: RegExp, hint: string) {
  if (value === undefined) return undefined;
  if (!pattern.test(value)) throw badParam(name, hint);
  return value;
}

/** Query-string parameters to a search request, each failure a 400 naming the parameter. */
export function searchRequestFromQuery(raw: unknown): SearchRequest {
  const query = queryObject(raw, PARAMETERS);
  const q = textParam(query.q, "q", 200);
  if (q === undefined) throw badParam("q", "is required: the words to search for");
  const limit = intParam(query.limit, "limit", 1, MAX_PAGE_SIZE, DEFAULT_LIMIT);
  const lastPage = Math.ceil(MAX_RESULTS / limit);
  const page = intParam(query.page, "page", 1, lastPage, 1);
  const from = instantParam(query.from, "from");
  const to = instantParam(query.to, "to");
  if (from && to && from >= to) throw badParam("to", "must be after from");
  const source =
    query.source === undefined ? undefined : intParam(query.source, "source", 1, 999_999_999, 1);
  return {
    q,
    section: patternParam(query.section, "section", SLUG, "must be a section slug such as world"),
    source,
    language: patternParam(
      query.language,
      "language",
      LANGUAGE,
      'must be a language code such as "en"',
    ),
    from,
    to,
    sort: enumParam(query.sort, "sort", SEARCH_SORTS) ?? "relevance",
    page,
    pageSize: limit,
  };
}

const SEARCH_DOC = {
  summary: "Full-text search over published articles, with filters",
  tags: ["search"],
  query: [
    { name: "q", description: "required: the words to search for", schema: { type: "string" } },
    { name: "limit", description: "results per page", schema: { type: "integer", minimum: 1 } },
    { name: "page", description: "page number, from 1", schema: { type: "integer", minimum: 1 } },
    {
      name: "from",
      description: "published at or after (2026-11-28 or 2026-11-28T09:30Z)",
      schema: { type: "string" },
    },
    { name: "to", description: "published before", schema: { type: "string" } },
    { name: "source", description: "a source id", schema: { type: "integer" } },
    { name: "section", description: "a section slug", schema: { type: "string" } },
    { name: "language", description: "a language code (en)", schema: { type: "string" } },
    {
      name: "sort",
      description: "relevance or newest",
      schema: { type: "string", enum: [...SEARCH_SORTS] },
    },
  ],
};

export function registerSearchApi(app: FastifyInstance, deps: { search: SearchRepository }): void {
  app.get("/api/v1/search", { config: { openapi: SEARCH_DOC } }, async (request, reply) => {
    const results = await deps.search.search(searchRequestFromQuery(request.query));
    reply.header("cache-control", "public, max-age=15");
    return {
      items: results.hits.map(searchHitView),
      total: results.total,
      // False: `total` is an estimate (a common word, counted from the newest matches).
      totalExact: results.totalExact,
      page: results.page,
      next: results.hasNext ? results.page + 1 : null,
    };
  });
}
