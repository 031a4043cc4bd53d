import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ArticleRepository } from "../../db/article-repository.ts";
import type { SearchRepository, SearchResults } from "../../db/search-repository.ts";
import type { SourceRepository } from "../../db/source-repository.ts";
import type { BreakingAlert } from "../../domain/alert.ts";
import { isAppError } from "../../domain/errors.ts";
import type { Source } from "../../domain/source.ts";
import { createPageCache, type PageCache } from "../page-cache.ts";
import { renderDocument } from "../render.ts";
import { type SearchOptions, SearchPage } from "../search-page.tsx";
import { type ParsedSearch, parseSearchForm, searchHref } from "../search-query.ts";
import { cachedRoute } from "../serve-cached.ts";
import type { SiteContext } from "../site-context.ts";
import { CACHED_ROUTE, htmlFormat } from "./html-page.tsx";

export interface SearchDeps {
  site: SiteContext;
  articles: ArticleRepository;
  sources: SourceRepository;
  search: SearchRepository;
  /** The site's page cache: search pages are dropped whenever its pages are. */
  cache: PageCache;
  /** The breaking alert for the banner, from memory. */
  alert?: (() => Promise<BreakingAlert | null>) | undefined;
}

// Results change as news arrives; a minute in a shared cache is fresh enough for a search.
const SEARCH_CACHE_CONTROL = "public, max-age=30, s-maxage=60, stale-while-revalidate=120";
const OPTIONS_TTL_MS = 60_000;
const SEARCH_CACHE_ENTRIES = 500;
// The languages a reader can narrow to: the ones news feeds commonly carry. The search
// itself takes any code; this is only the form's list.
const LANGUAGES =
  "en fr de es it pt nl sv da no fi pl cs hu ro el ru uk tr ar he fa hi zh ja ko".split(" ");

export type SearchProps = Parameters<typeof SearchPage>[0];

function sourceName(source: Source): string {
  if (source.title?.trim()) return source.title.trim();
  for (const url of [source.siteUrl, source.url]) {
    try {
      if (url) return new URL(url).hostname.replace(/^www\./, "");
    } catch {
      // Not a URL: try the next.
    }
  }
  return `Source ${source.id}`;
}

/** The form's lists (sections, sources, languages), read at most once a minute. */
export function searchFormOptions(
  deps: Pick<SearchDeps, "site" | "articles" | "sources">,
): () => Promise<SearchOptions> {
  const { site } = deps;
  const languageNames = new Intl.DisplayNames([site.locale], { type: "language" });
  const languages = [site.language, ...LANGUAGES.filter((l) => l !== site.language)].map(
    (code) => ({ code, name: languageNames.of(code) ?? code }),
  );
  let options: { value: SearchOptions; readAt: number } | null = null;
  return async () => {
    const now = Date.now();
    if (options && now - options.readAt < OPTIONS_TTL_MS) return options.value;
    const [sections, sources] = await Promise.all([deps.articles.sections(), deps.sources.list()]);
    const value: SearchOptions = {
      sections,
      sources: sources
        .filter((s) => s.enabled)
        .map((s) => ({ id: s.id, name: sourceName(s) }))
        .sort((a, b) => a.name.localeCompare(b.name, site.locale)),
      languages,
    };
    options = { value, readAt: now };
    return value;
  };
}

/** A search's page: results, or what the reader must change (a 400 page). */
export async function loadSearch(
  deps: {
    site: SiteContext;
    search: SearchRepository;
    formOptions: () => Promise<SearchOptions>;
    alert?: (() => Promise<BreakingAlert | null>) | undefined;
  },
  parsed: ParsedSearch,
): Promise<SearchProps> {
  let error = parsed.error;
  let results: SearchResults | null = null;
  if (parsed.request) {
    try {
      results = await deps.search.search(parsed.request);
    } catch (e) {
      // A query of punctuation only: say so on the page rather than as a bare 400.
      if (!isAppError(e) || e.code !== "bad_query") throw e;
      error = "Type a word to search for: letters or digits, not only punctuation.";
    }
  }
  const [options, alert] = await Promise.all([deps.formOptions(), deps.alert?.() ?? null]);
  return {
    site: { ...deps.site, sections: options.sections, alert },
    form: parsed.form,
    options,
    results,
    error,
  };
}

/**
 * Search pages get a cache of their own: readers' searches are endlessly varied, and in
 * the site's cache a burst of them would push out the home and article pages. It follows
 * the site's cache, so a published change empties both.
 */
function followingCache(site: PageCache): PageCache {
  let seen = site.stamp();
  let version = 0;
  const token = () => {
    const now = site.stamp();
    if (now.local !== seen.local || now.external !== seen.external) {
      seen = now;
      version++;
    }
    return version;
  };
  return createPageCache({
    externalChangeToken: token,
    // Without an external change token (PostgreSQL) other nodes' writes go unseen: short.
    ttlMs: seen.external === null ? 2_000 : 60_000,
    maxEntries: SEARCH_CACHE_ENTRIES,
  });
}

export function registerSearch(app: FastifyInstance, deps: SearchDeps): void {
  const { site } = deps;
  const cache = followingCache(deps.cache);
  const loadDeps = {
    site,
    search: deps.search,
    formOptions: searchFormOptions(deps),
    alert: deps.alert,
  };
  // The form's own parser, not a schema: a mistake is shown on the page with the form,
  // repeated fields take the first, and unknown ones (campaign tags) are ignored.
  const parse = (request: FastifyRequest) => parseSearchForm(request.query, site.timeZone);
  app.get(
    "/search",
    CACHED_ROUTE,
    cachedRoute(cache, {
      format: htmlFormat(site, SEARCH_CACHE_CONTROL),
      // Equal searches share an entry however their query strings were written.
      key: (request) => searchHref(parse(request).form),
      load: (request) => loadSearch(loadDeps, parse(request)),
      render: (props) => renderDocument(<SearchPage {...props} />),
      tags: () => "",
      status: (props) => (props.error ? 400 : 200),
    }),
  );
}
