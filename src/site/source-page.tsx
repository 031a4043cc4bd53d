import type { Article } from "../domain/article.ts";
import type { Source } from "../domain/source.ts";
import { Layout } from "./layout.tsx";
import { OlderStories, River } from "./river.tsx";
import { formatDateTime, type SiteContext } from "./site-context.ts";

export function sourcePath(source: Pick<Source, "id">): string {
  return `/source/${source.id}`;
}

export function sourceName(source: Pick<Source, "title" | "url">): string {
  if (source.title) return source.title;
  try {
    return new URL(source.url).hostname;
  } catch {
    return source.url;
  }
}

/** An outlet we follow: what it is, how it is fetched, and what we have from it. */
export function SourcePage(props: {
  site: SiteContext;
  source: Source;
  articles: Article[];
  next: string | null;
  /** An older page (a cursor), which links back to the newest. */
  older?: boolean;
}) {
  const { site, source } = props;
  const name = sourceName(source);
  const path = sourcePath(source);
  const last = source.health.lastSuccessAt;
  return (
    <Layout
      site={site}
      lang={site.language}
      head={{
        title: `${name} · sources · ${site.name}`,
        description: `Articles from ${name} on ${site.name}.`,
        canonical: `${site.url}${path}`,
      }}
    >
      <h1>{name}</h1>
      <p class="meta-line">
        {source.mode === "full" ? "Full text republished" : "Headlines and summaries, linking out"}
        {source.siteUrl ? (
          <>
            {" · "}
            <a href={source.siteUrl} rel="noopener">
              {source.siteUrl.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "")}
            </a>
          </>
        ) : null}
        {last ? (
          <>
            {" · last fetched "}
            <time datetime={last}>{formatDateTime(site, last)}</time>
          </>
        ) : null}
      </p>
      {props.articles.length === 0 ? (
        <p class="empty">Nothing from {name} yet.</p>
      ) : (
        <River site={site} articles={props.articles} continued={props.older} />
      )}
      <OlderStories path={path} next={props.next} older={props.older} />
    </Layout>
  );
}

/** Every outlet the portal follows, for readers who want to know where the news comes from. */
export function SourcesPage(props: { site: SiteContext; sources: Source[] }) {
  const { site } = props;
  return (
    <Layout
      site={site}
      lang={site.language}
      head={{
        title: `Sources · ${site.name}`,
        description: `The outlets ${site.name} follows.`,
        canonical: `${site.url}/sources`,
      }}
    >
      <h1>Sources</h1>
      <p>
        {site.name} follows these outlets. The list is also available as{" "}
        <a href="/sources.opml">OPML</a>, to follow them in your own reader.
      </p>
      <ul class="headlines">
        {props.sources.map((s) => (
          <li key={s.id}>
            <a href={sourcePath(s)}>{sourceName(s)}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
