import type { SearchHit, SearchResults } from "../db/search-repository.ts";
import type { Section } from "../domain/article.ts";
import { highlightHtml } from "../domain/highlight.ts";
import { searchTerms } from "../domain/search-terms.ts";
import { Layout } from "./layout.tsx";
import { hasFilters, type SearchForm, searchHref } from "./search-query.ts";
import { sectionPath } from "./section-page.tsx";
import { formatDateTime, type SiteContext } from "./site-context.ts";

export interface SearchOptions {
  sections: Section[];
  sources: { id: number; name: string }[];
  languages: { code: string; name: string }[];
}

const numbers = new Map<string, Intl.NumberFormat>();

function formatCount(site: SiteContext, n: number, exact: boolean): string {
  let f = numbers.get(site.locale);
  if (!f) {
    f = new Intl.NumberFormat(site.locale);
    numbers.set(site.locale, f);
  }
  // An estimate is given to two significant figures: more would claim a precision it lacks.
  const shown = exact || n < 100 ? n : Number(n.toPrecision(2));
  return f.format(shown);
}

function resultSummary(site: SiteContext, results: SearchResults, q: string): string {
  const count = formatCount(site, results.total, results.totalExact);
  const noun = results.total === 1 ? "result" : "results";
  const about = results.totalExact ? "" : "About ";
  const page = results.page > 1 ? `Page ${results.page} of ` : "";
  return `${page}${page ? about.toLowerCase() : about}${count} ${noun} for “${q}”`;
}

/**
 * How many of the panel's settings differ from "any" and "best match": the panel opens
 * when there are some, so a reader on a phone sees what narrowed the results.
 */
export function appliedFilters(form: SearchForm): number {
  const set = [form.section, form.source, form.language, form.from || form.to].filter(Boolean);
  return set.length + (form.sort === "newest" ? 1 : 0);
}

function SearchFormFields(props: { form: SearchForm; options: SearchOptions }) {
  const { form, options } = props;
  const applied = appliedFilters(form);
  // A value the lists do not hold (an old link) is still shown, so the page says what it searched.
  const sources =
    options.sources.some((s) => String(s.id) === form.source) || !form.source
      ? options.sources
      : [...options.sources, { id: Number(form.source), name: `Source ${form.source}` }];
  const languages =
    options.languages.some((l) => l.code === form.language) || !form.language
      ? options.languages
      : [...options.languages, { code: form.language, name: form.language }];
  return (
    <search>
      <form class="search-form" action="/search" method="get">
        <p class="search-box">
          <label for="search-q">Search for</label>{" "}
          <input
            type="search"
            id="search-q"
            name="q"
            value={form.q}
            maxLength={200}
            enterKeyHint="search"
          />{" "}
          <button type="submit">Search</button>
        </p>
        <details class="search-filters" open={applied > 0}>
          <summary>
            Filters
            {applied > 0 ? (
              <span class="search-filters-applied">{` (${applied} applied)`}</span>
            ) : null}
          </summary>
          <fieldset>
            <legend>Filters</legend>
            <p>
              <label for="search-section">Section</label>{" "}
              <select id="search-section" name="section">
                <option value="">Any section</option>
                {options.sections.map((s) => (
                  <option key={s.slug} value={s.slug} selected={s.slug === form.section}>
                    {s.name}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <label for="search-source">Source</label>{" "}
              <select id="search-source" name="source">
                <option value="">Any source</option>
                {sources.map((s) => (
                  <option key={s.id} value={String(s.id)} selected={String(s.id) === form.source}>
                    {s.name}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <label for="search-language">Language</label>{" "}
              <select id="search-language" name="language">
                <option value="">Any language</option>
                {languages.map((l) => (
                  <option key={l.code} value={l.code} selected={l.code === form.language}>
                    {l.name}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <label for="search-from">From</label>{" "}
              <input type="date" id="search-from" name="from" value={form.from} />{" "}
              <label for="search-to">to</label>{" "}
              <input type="date" id="search-to" name="to" value={form.to} />
            </p>
            <p>
              <label for="search-sort">Sort by</label>{" "}
              <select id="search-sort" name="sort">
                <option value="relevance" selected={form.sort === "relevance"}>
                  Best match
                </option>
                <option value="newest" selected={form.sort === "newest"}>
                  Newest first
                </option>
              </select>
            </p>
          </fieldset>
        </details>
      </form>
    </search>
  );
}

function Hit(props: { site: SiteContext; hit: SearchHit }) {
  const { site, hit } = props;
  return (
    <li lang={hit.language === site.language ? undefined : hit.language}>
      <h3>
        {/* highlightHtml gives escaped text plus <mark> only (domain/highlight.ts). */}
        <a
          href={hit.path ?? "#"}
          dangerouslySetInnerHTML={{ __html: highlightHtml(hit.headlineHits) }}
        />
      </h3>
      {hit.snippet.text ? (
        <p dangerouslySetInnerHTML={{ __html: highlightHtml(hit.snippet) }} />
      ) : null}
      <p class="meta-line">
        {hit.source ? `${hit.source.name} · ` : null}
        <a href={sectionPath({ slug: hit.sectionSlug })}>{hit.sectionName}</a>
        {" · "}
        <time datetime={hit.publishedAt}>{formatDateTime(site, hit.publishedAt)}</time>
      </p>
    </li>
  );
}

function Pager(props: { form: SearchForm; results: SearchResults }) {
  const { form, results } = props;
  if (results.page === 1 && !results.hasNext) return null;
  return (
    <nav class="pager" aria-label="Result pages">
      {results.page > 1 ? (
        <a href={searchHref({ ...form, page: results.page - 1 })} rel="prev">
          Previous page
        </a>
      ) : null}
      {results.page > 1 && results.hasNext ? " · " : null}
      {results.hasNext ? (
        <a href={searchHref({ ...form, page: results.page + 1 })} rel="next">
          Next page
        </a>
      ) : null}
    </nav>
  );
}

function NoResults(props: { form: SearchForm }) {
  const { form } = props;
  let words: string[] = [];
  try {
    words = searchTerms(form.q);
  } catch {
    words = [];
  }
  return (
    <div class="empty">
      <p>
        <strong>Nothing matched every word of your search.</strong> Some things to try:
      </p>
      <ul>
        <li>Check the spelling of each word.</li>
        {words.length > 1 ? (
          <li>
            Use fewer words; every word must appear. Search for just{" "}
            {words.map((w, i) => (
              <span key={w}>
                {i > 0 ? (i === words.length - 1 ? " or " : ", ") : null}
                <a href={searchHref({ ...form, q: w.includes(" ") ? `"${w}"` : w, page: 1 })}>
                  {w}
                </a>
              </span>
            ))}
            .
          </li>
        ) : (
          <li>Try a more general word, or another word for the same thing.</li>
        )}
        {hasFilters(form) ? (
          <li>
            Remove the filters:{" "}
            <a href={searchHref({ q: form.q, sort: form.sort })}>
              search all sections, sources, languages and dates
            </a>
            .
          </li>
        ) : null}
        <li>
          Browse <a href="/">the latest news</a> instead.
        </li>
      </ul>
    </div>
  );
}

function SearchHelp(props: { site: SiteContext }) {
  return (
    <div class="empty">
      <p>Search every article published on {props.site.name}, newest archive included.</p>
      <ul>
        <li>Every word you type must appear in an article.</li>
        <li>
          Put words in quotes for an exact phrase: <code>"climate summit"</code>.
        </li>
        <li>Narrow the results by section, source, language or date with the filters.</li>
      </ul>
    </div>
  );
}

/**
 * `/search`: the form (usable without JavaScript), then results, no-results help, the
 * reason a search could not run, or help on an empty form. The form and a plain query's
 * first page may be indexed (under one canonical address); filtered, sorted, later and
 * failed searches are noindex, so engines do not crawl every combination.
 */
export function SearchPage(props: {
  site: SiteContext;
  form: SearchForm;
  options: SearchOptions;
  results: SearchResults | null;
  error: string | null;
}) {
  const { site, form, results, error } = props;
  const title = form.q ? `${form.q}: search · ${site.name}` : `Search · ${site.name}`;
  const bare = !form.q && !error && !hasFilters(form);
  const plain =
    form.q !== "" && !error && !hasFilters(form) && form.page === 1 && form.sort === "relevance";
  const canonical = bare
    ? `${site.url}/search`
    : plain
      ? `${site.url}/search?q=${encodeURIComponent(form.q)}`
      : undefined;
  return (
    <Layout
      site={site}
      lang={site.language}
      head={{
        title,
        description: `Search the news on ${site.name}.`,
        canonical,
        robots: canonical ? undefined : "noindex",
      }}
    >
      <h1>Search</h1>
      <SearchFormFields form={form} options={props.options} />
      {error ? (
        <p class="empty" role="alert">
          {error}
        </p>
      ) : results === null ? (
        <SearchHelp site={site} />
      ) : (
        <section aria-labelledby="search-results-heading">
          <h2 id="search-results-heading">
            {results.total === 0 && results.page === 1
              ? `No results for “${form.q}”`
              : resultSummary(site, results, form.q)}
          </h2>
          {results.hits.length === 0 ? (
            <NoResults form={form} />
          ) : (
            <ol class="river search-results" start={(results.page - 1) * results.pageSize + 1}>
              {results.hits.map((hit) => (
                <Hit key={hit.id} site={site} hit={hit} />
              ))}
            </ol>
          )}
          <Pager form={form} results={results} />
        </section>
      )}
    </Layout>
  );
}
