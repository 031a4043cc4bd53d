import type { RiverEntry } from "../db/story-river.ts";
import type { Section } from "../domain/article.ts";
import { feedAlternates } from "./feeds-out.ts";
import { Layout } from "./layout.tsx";
import { OlderStories, StoryRiver } from "./river.tsx";
import type { SiteContext } from "./site-context.ts";

export function sectionPath(section: Pick<Section, "slug">): string {
  return `/section/${encodeURIComponent(section.slug)}`;
}

/** One section's latest reports, each story once, newest first, with older pages behind a cursor. */
export function SectionPage(props: {
  site: SiteContext;
  section: Section;
  entries: RiverEntry[];
  next: string | null;
  /** An older page (a cursor), which links back to the newest. */
  older?: boolean;
}) {
  const { site, section } = props;
  const path = sectionPath(section);
  return (
    <Layout
      site={site}
      lang={site.language}
      head={{
        title: `${section.name} · ${site.name}`,
        description: `The latest ${section.name} news from ${site.name}.`,
        canonical: `${site.url}${path}`,
        feeds: feedAlternates(
          { kind: "section", slug: section.slug },
          `${section.name} · ${site.name}`,
        ),
      }}
    >
      <h1>{section.name}</h1>
      {props.entries.length === 0 ? (
        <p class="empty">Nothing has been published in {section.name} yet.</p>
      ) : (
        <StoryRiver
          site={site}
          entries={props.entries}
          showSection={false}
          continued={props.older}
        />
      )}
      <OlderStories path={path} next={props.next} older={props.older} />
    </Layout>
  );
}
