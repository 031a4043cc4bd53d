import type { LiveblogPage } from "../db/liveblog-repository.ts";
import { bodyText } from "../domain/body-text.ts";
import type { LiveblogEntry } from "../domain/liveblog.ts";
import { formatDateTime, type SiteContext } from "./site-context.ts";

/** An entry's own address: the blog's page from that entry on, scrolled to it. */
export function entryPermalink(path: string, entryId: number): string {
  return `${path}?entry=${entryId}#entry-${entryId}`;
}

function Entry(props: { site: SiteContext; entry: LiveblogEntry; path: string; pinned?: boolean }) {
  const { site, entry } = props;
  return (
    <article
      class={props.pinned ? "entry pinned" : entry.keyEvent ? "entry key" : "entry"}
      id={props.pinned ? undefined : `entry-${entry.id}`}
      data-entry={entry.id}
      aria-labelledby={
        entry.title ? `entry-${entry.id}-title${props.pinned ? "-pinned" : ""}` : undefined
      }
    >
      <p class="meta-line">
        {props.pinned ? "Pinned · " : entry.keyEvent ? "Key event · " : null}
        <a href={entryPermalink(props.path, entry.id)} class="permalink">
          <time datetime={entry.postedAt}>{formatDateTime(site, entry.postedAt)}</time>
        </a>
        {entry.byline ? ` · ${entry.byline}` : null}
      </p>
      {entry.title ? (
        <h3 id={`entry-${entry.id}-title${props.pinned ? "-pinned" : ""}`}>{entry.title}</h3>
      ) : null}
      {/* Entry bodies are allowlist-sanitized before they are stored, like article bodies. */}
      <div class="body" dangerouslySetInnerHTML={{ __html: entry.body }} />
    </article>
  );
}

/**
 * A live blog's updates under its article: key events to jump to, pinned entries, then the
 * stream newest first, with older updates a page away. Server-rendered; the live issue
 * pushes new entries into `#live-entries`.
 */
export function LiveblogEntries(props: { site: SiteContext; live: LiveblogPage; path: string }) {
  const { site, live } = props;
  return (
    <section aria-labelledby="live-heading" class="live">
      <h2 id="live-heading">{live.closedAt ? "Updates" : "Live updates"}</h2>
      {live.closedAt ? (
        <p class="live-ended">
          This live blog has ended: its last update was posted before{" "}
          <time datetime={live.closedAt}>{formatDateTime(site, live.closedAt)}</time>.
        </p>
      ) : null}
      {live.from ? (
        <p class="pager">
          <a href={props.path}>Latest updates</a>
        </p>
      ) : null}
      {live.keyEvents.length > 0 ? (
        <nav aria-label="Key events" class="key-events">
          <h3>Key events</h3>
          <ul>
            {live.keyEvents.map((e) => (
              <li key={e.id}>
                <a href={`#entry-${e.id}`}>
                  <time datetime={e.postedAt}>{formatDateTime(site, e.postedAt)}</time>
                  {e.title ? ` ${e.title}` : ""}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {live.pinned.map((e) => (
        <Entry key={`pinned-${e.id}`} site={site} entry={e} path={props.path} pinned />
      ))}
      <div id="live-entries">
        {live.entries.length === 0 ? <p class="meta-line">No updates yet.</p> : null}
        {live.entries.map((e) => (
          <Entry key={e.id} site={site} entry={e} path={props.path} />
        ))}
      </div>
      {live.older ? (
        <p class="pager">
          <a href={`${props.path}?before=${live.older}`} rel="next">
            Older updates
          </a>
        </p>
      ) : null}
    </section>
  );
}

const HEADLINE_WORDS = 12;

/**
 * An entry's headline: its title, else its first words, so a feed reader's list and a
 * search engine's card are never blank.
 */
export function entryHeadline(entry: Pick<LiveblogEntry, "title" | "body">): string {
  if (entry.title?.trim()) return entry.title.trim();
  const words = bodyText(entry.body).split(/\s+/).filter(Boolean);
  if (words.length === 0) return "Update";
  const head = words.slice(0, HEADLINE_WORDS).join(" ");
  return words.length > HEADLINE_WORDS ? `${head}…` : head;
}

/**
 * schema.org LiveBlogPosting's updates, newest first: each a BlogPosting with its text
 * and its own permalink (the blog's URL from that entry on), which reaches the entry
 * however many newer ones have pushed it off the first page.
 */
export function liveBlogUpdates(live: LiveblogPage, url: string) {
  return live.entries.map((e) => ({
    "@type": "BlogPosting",
    headline: entryHeadline(e),
    articleBody: bodyText(e.body),
    datePublished: e.postedAt,
    dateModified: e.updatedAt,
    url: entryPermalink(url, e.id),
    ...(e.byline ? { author: { "@type": "Person", name: e.byline } } : {}),
  }));
}

/**
 * When the blog's coverage began: its first entry, or its publication if that came
 * first (a blog may open with its summary before anyone posts).
 */
export function coverageStart(publishedAt: string | null, live: LiveblogPage): string | null {
  const first = live.firstPostedAt ?? null;
  if (publishedAt === null) return first;
  if (first === null) return publishedAt;
  return first < publishedAt ? first : publishedAt;
}
