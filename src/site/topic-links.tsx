import type { Entity } from "../domain/enrichment.ts";

export function topicPath(entity: Pick<Entity, "slug">): string {
  return `/topic/${encodeURIComponent(entity.slug)}`;
}

/** The people, places and organisations a page names, each linking its topic page. */
export function TopicLinks(props: { topics: readonly Pick<Entity, "slug" | "name">[] }) {
  if (props.topics.length === 0) return null;
  return (
    <nav aria-label="Topics" class="topics">
      <h2>Topics</h2>
      <ul>
        {props.topics.map((t) => (
          <li key={t.slug}>
            <a href={topicPath(t)}>{t.name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
