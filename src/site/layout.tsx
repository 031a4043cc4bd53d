import type { ComponentChildren } from "preact";
import type { BreakingAlert } from "../domain/alert.ts";
import { LIVE_META_NAME } from "../domain/live-event.ts";
import { feedMediaType } from "./feeds-out.ts";
import { liveMetaContent } from "./live-head.ts";
import type { SiteContext } from "./site-context.ts";

export interface Head {
  title: string;
  description?: string | undefined;
  canonical?: string | undefined;
  /** Extra meta, link and JSON-LD elements. */
  extra?: ComponentChildren;
  robots?: string;
  /** The page's feeds (`feedAlternates` in feeds-out.ts), each a `<link rel="alternate">`. */
  feeds?: { title: string; href: string }[] | undefined;
}

/** The breaking alert under the masthead: a labelled region with one link. */
function BreakingBanner(props: { alert: BreakingAlert }) {
  const { alert } = props;
  return (
    <section class="breaking" aria-label="Breaking news" data-alert={alert.id}>
      <p class="breaking-inner">
        <strong class="breaking-label">Breaking</strong>{" "}
        <a href={alert.url} rel={alert.url.startsWith("/") ? undefined : "noopener"}>
          {alert.headline}
        </a>
      </p>
    </section>
  );
}

/** The page shell: landmarks, skip link, masthead and footer around `children`. */
export function Layout(props: {
  site: SiteContext;
  lang: string;
  head: Head;
  children: ComponentChildren;
  /** The home page's masthead is its h1; everywhere else the h1 is the page's own title. */
  mastheadIsHeading?: boolean;
}) {
  const { site, head } = props;
  const name = (
    <a class="site-name" href="/">
      {site.name}
    </a>
  );
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{head.title}</title>
        {head.description ? <meta name="description" content={head.description} /> : null}
        {head.canonical ? <link rel="canonical" href={head.canonical} /> : null}
        {head.robots ? <meta name="robots" content={head.robots} /> : null}
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={site.stylesheetHref} />
        {site.scriptHref ? (
          <script src={site.scriptHref} defer data-rt={site.relativeTimes} />
        ) : null}
        {site.live ? (
          <meta
            name={LIVE_META_NAME}
            content={liveMetaContent(site.live)}
            data-channels={site.live.channels.join(" ")}
          />
        ) : null}
        {site.live && site.liveScriptHref ? (
          <script
            src={site.liveScriptHref}
            defer
            data-live-client
            data-locale={site.locale}
            data-time-zone={site.timeZone}
          />
        ) : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {head.feeds?.map((f) => (
          <link
            key={f.href}
            rel="alternate"
            type={feedMediaType(f.href) ?? undefined}
            title={f.title}
            href={f.href}
          />
        ))}
        {head.extra}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="masthead">
          <div class="masthead-inner">
            {props.mastheadIsHeading ? <h1 class="site-name-heading">{name}</h1> : name}
            <nav aria-label="Site">
              <a href="/">Latest</a>
              {site.sections?.map((s) => (
                <a key={s.slug} href={`/section/${encodeURIComponent(s.slug)}`}>
                  {s.name}
                </a>
              ))}
            </nav>
            <a class="masthead-search" href="/search">
              Search
            </a>
          </div>
        </header>
        {site.alert ? <BreakingBanner alert={site.alert} /> : null}
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            {site.name} · news around the clock · <a href="/about">About</a> ·{" "}
            <a href="/sources">Sources</a> · <a href="/feed.xml">RSS</a> ·{" "}
            <a href="/api/v1/articles">JSON API</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
