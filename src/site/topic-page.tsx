import type { StoryWithArticles } from "../db/story-repository.ts";
import type { RiverEntry } from "../db/story-river.ts";
import type { Entity } from "../domain/enrichment.ts";
import { feedAlternates } from "./feeds-out.ts";
import { Layout } from "./layout.tsx";
import { OlderStories, StoryRiver } from "./river.tsx";
import type { SiteContext } from "./site-context.ts";
import { TopStories } from "./story-list.tsx";
import { topicPath } from "./topic-links.tsx";

const KIND_LABEL = { person: "Person", place: "Place", organisation: "Organisation" } as const;

/** A person, place or organisation: the stories that name it and the latest articles. */
export function TopicPage(props: {
  site: SiteContext;
  entity: Entity;
  stories: StoryWithArticles[];
  /** Its latest reports, each story once, the stories above left out. */
  entries: RiverEntry[];
  next: string | null;
  /** An older page of the reports (a cursor), which links back to the newest. */
  older?: boolean;
}) {
  const { site, entity } = props;
  const path = topicPath(entity);
  return (
    <Layout
      site={site}
      lang={site.language}
      head={{
        title: `${entity.name}: latest news · ${site.name}`,
        description: `The latest news about ${entity.name} from ${site.name}.`,
        canonical: `${site.url}${path}`,
        feeds: feedAlternates(
          { kind: "topic", slug: entity.slug },
          `${entity.name} · ${site.name}`,
        ),
      }}
    >
      <h1>{entity.name}</h1>
      <p class="meta-line">{KIND_LABEL[entity.kind]}</p>
      {props.stories.length > 0 ? (
        <>
          <h2 class="section-title">Stories</h2>
          <TopStories site={site} stories={props.stories} />
        </>
      ) : null}
      {props.entries.length > 0 ? (
        <>
          <h2 class="section-title">Latest</h2>
          <StoryRiver site={site} entries={props.entries} level={3} continued={props.older} />
        </>
      ) : props.stories.length === 0 && !props.older ? (
        <p class="empty">Nothing about {entity.name} has been published yet.</p>
      ) : null}
      <OlderStories path={path} next={props.next} older={props.older} />
    </Layout>
  );
}
