import { MAX_RESULTS, type SearchRequest, type SearchSort } from "../db/search-repository.ts";
import { dayEnd, dayStart } from "../domain/calendar-day.ts";

/**
 * The search form as the reader filled it in: strings, kept as typed so a page with a
 * mistake shows the mistake. A GET form sends every field, empty ones included; empty
 * means "any", and fields the page does not know (campaign tags) are ignored.
 */
export interface SearchForm {
  q: string;
  section: string;
  source: string;
  language: string;
  from: string;
  to: string;
  sort: SearchSort;
  page: number;
}

export interface ParsedSearch {
  form: SearchForm;
  /** Null when the query is empty or a field is wrong. */
  request: SearchRequest | null;
  /** What the reader needs to change, in words; null when nothing is wrong. */
  error: string | null;
}

export const SEARCH_PAGE_SIZE = 10;
export const MAX_QUERY_LENGTH = 200;
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const POSITIVE = /^[1-9]\d{0,8}$/;

function field(raw: Record<string, unknown>, name: string): string {
  const value = raw[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first.trim().slice(0, 400) : "";
}

export const EMPTY_FORM: SearchForm = {
  q: "",
  section: "",
  source: "",
  language: "",
  from: "",
  to: "",
  sort: "relevance",
  page: 1,
};

export function parseSearchForm(query: unknown, timeZone: string): ParsedSearch {
  const raw = typeof query === "object" && query !== null ? (query as Record<string, unknown>) : {};
  const pageText = field(raw, "page");
  const sortText = field(raw, "sort");
  const form: SearchForm = {
    q: field(raw, "q"),
    section: field(raw, "section"),
    source: field(raw, "source"),
    language: field(raw, "language"),
    from: field(raw, "from"),
    to: field(raw, "to"),
    sort: sortText === "newest" ? "newest" : "relevance",
    page: POSITIVE.test(pageText) ? Number(pageText) : 1,
  };
  const fail = (error: string): ParsedSearch => ({ form, request: null, error });

  if (form.q.length > MAX_QUERY_LENGTH) {
    return fail(`Searches are limited to ${MAX_QUERY_LENGTH} characters: use fewer words.`);
  }
  if (sortText !== "" && sortText !== "newest" && sortText !== "relevance") {
    return fail("Sort by best match or by newest.");
  }
  if (pageText !== "" && !POSITIVE.test(pageText)) return fail("That page number is not valid.");
  const lastPage = Math.ceil(MAX_RESULTS / SEARCH_PAGE_SIZE);
  if (form.page > lastPage) {
    return fail(
      `Only the first ${MAX_RESULTS} results can be shown: add words or filters to narrow the search.`,
    );
  }
  if (form.section !== "" && !SLUG.test(form.section))
    return fail("Choose a section from the list.");
  if (form.source !== "" && !POSITIVE.test(form.source))
    return fail("Choose a source from the list.");
  if (form.language !== "" && !LANGUAGE.test(form.language)) {
    return fail("Choose a language from the list.");
  }
  const from = form.from === "" ? undefined : dayStart(form.from, timeZone);
  const to = form.to === "" ? undefined : dayEnd(form.to, timeZone);
  if (from === null) return fail("The “from” date is not a date: use a date such as 2026-11-28.");
  if (to === null) return fail("The “to” date is not a date: use a date such as 2026-11-28.");
  if (from && to && from >= to) return fail("The “from” date must not be after the “to” date.");
  if (form.q === "") return { form, request: null, error: null };
  return {
    form,
    error: null,
    request: {
      q: form.q,
      section: form.section || undefined,
      source: form.source ? Number(form.source) : undefined,
      language: form.language || undefined,
      from,
      to,
      sort: form.sort,
      page: form.page,
      pageSize: SEARCH_PAGE_SIZE,
    },
  };
}

/**
 * The page's address for a form: only the fields that are set, always in the same order,
 * so equal searches share one address (and one cache entry) however they were typed.
 */
export function searchHref(form: Partial<SearchForm>): string {
  const params = new URLSearchParams();
  if (form.q) params.set("q", form.q);
  for (const name of ["section", "source", "language", "from", "to"] as const) {
    const value = form[name];
    if (value) params.set(name, value);
  }
  if (form.sort === "newest") params.set("sort", "newest");
  if (form.page !== undefined && form.page > 1) params.set("page", String(form.page));
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}

export function hasFilters(form: SearchForm): boolean {
  return Boolean(form.section || form.source || form.language || form.from || form.to);
}
