import type { StoryWithArticles } from "../db/story-repository.ts";
import type { RiverEntry } from "../db/story-river.ts";
import type { Article, Section } from "../domain/article.ts";
import { articlePath } from "../domain/article-path.ts";
import { DevelopingBanner } from "./developing-banner.tsx";
import { feedAlternates } from "./feeds-out.ts";
import { Layout } from "./layout.tsx";
import { jsonForScript } from "./render.ts";
import { OlderStories, StoryRiver } from "./river.tsx";
import { sectionPath } from "./section-page.tsx";
import type { SiteContext } from "./site-context.ts";
import { TopStories } from "./story-list.tsx";

export interface SectionBlock {
  section: Section;
  articles: Article[];
}

/** Who publishes the site, and how to search it, for search engines. */
function siteJsonLd(site: SiteContext) {
  return {
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "Organization",
        "@id": `${site.url}/#organization`,
        name: site.name,
        url: `${site.url}/`,
        logo: `${site.url}/favicon.svg`,
      },
      {
        "@type": "WebSite",
        name: site.name,
        url: `${site.url}/`,
        inLanguage: site.language,
        publisher: { "@id": `${site.url}/#organization` },
        potentialAction: {
          "@type": "SearchAction",
          target: `${site.url}/search?q={search_term_string}`,
          "query-input": "required name=search_term_string",
        },
      },
    ],
  };
}

function Welcome() {
  return (
    <div class="empty">
      <p>
        <strong>No stories yet.</strong> The newsroom has not published anything.
      </p>
      <p>
        Operators: follow about twenty major public news feeds with{" "}
        <code>npx dispatch sources add-starter</code>, or add your own with{" "}
        <code>npx dispatch sources add &lt;feed URL&gt;</code>; the scheduler fetches them within
        seconds. Offline, <code>npm run demo</code> runs a synthetic wire. Articles can also be
        imported with <code>npx dispatch import article.json</code> (IPTC ninjs, Markdown or plain
        text).
      </p>
    </div>
  );
}

/** Top stories in rank order, the latest river, then a block per section. */
export function HomePage(props: {
  site: SiteContext;
  stories: StoryWithArticles[];
  /** The latest river: each story once, the top stories left out. */
  entries: RiverEntry[];
  next: string | null;
  /** An older page of the river (a cursor), which links back to the newest. */
  older?: boolean;
  sections: SectionBlock[];
  /** The banner slot's story, if one is breaking now. */
  developing?: StoryWithArticles | null;
}) {
  const { site, entries } = props;
  return (
    <Layout
      site={site}
      lang={site.language}
      mastheadIsHeading
      head={{
        title: `${site.name}: latest news`,
        description: `${site.name}: the latest news, around the clock.`,
        canonical: `${site.url}/`,
        feeds: feedAlternates({ kind: "home" }, site.name),
        extra: (
          <script
            type="application/ld+json"
            // JSON escaped by jsonForScript: no </script> can break out.
            dangerouslySetInnerHTML={{ __html: jsonForScript(siteJsonLd(site)) }}
          />
        ),
      }}
    >
      {props.developing ? <DevelopingBanner site={site} entry={props.developing} /> : null}
      {props.stories.length > 0 ? (
        <section aria-labelledby="top-heading">
          <h2 class="section-title" id="top-heading">
            Top stories
          </h2>
          <TopStories site={site} stories={props.stories} />
        </section>
      ) : null}
      <section aria-labelledby="latest-heading">
        <h2 class="section-title" id="latest-heading">
          Latest
        </h2>
        {entries.length > 0 ? (
          <StoryRiver site={site} entries={entries} level={3} continued={props.older} />
        ) : props.stories.length === 0 ? (
          <Welcome />
        ) : null}
        <OlderStories path={"/"} next={props.next} older={props.older} />
      </section>
      {props.sections.map(({ section, articles: items }) => (
        <section key={section.slug} aria-labelledby={`section-${section.slug}`} class="block">
          <h2 class="section-title" id={`section-${section.slug}`}>
            <a href={sectionPath(section)}>{section.name}</a>
          </h2>
          <ul class="headlines">
            {items.map((a) => (
              <li key={a.id} lang={a.language === site.language ? undefined : a.language}>
                <a href={articlePath(a) ?? "#"}>{a.headline}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
