import { generateAtomFeed, generateJsonFeed, generateRssFeed } from "feedsmith";
import { escapeHtml } from "../../src/demo/html.ts";
import { createRandom, type Random } from "../../src/demo/random.ts";
import { createStoryStream, type DemoItem, type StoryStream } from "../../src/demo/stories.ts";

/**
 * Seeded fixture feeds for the ingest benchmark: the demo wire's invented news, with bodies
 * padded to 2–6 KB of the markup a CMS writes (figures with srcset, classes, an embed with
 * its script, a relative link in one item of four), in RSS 2.0 with content:encoded, Atom
 * and JSON Feed. The same (round, feed) always gives the same bytes, in any process.
 */

export type FixtureFormat = "rss" | "atom" | "json";

export interface FixtureFeed {
  index: number;
  format: FixtureFormat;
  /** Path on the fixture server; sources are registered under it. */
  path: string;
  contentType: string;
  section: { slug: string; name: string };
}

export const FEED_COUNT = 24;
export const ITEMS_PER_FEED = 50;
const FORMATS: readonly FixtureFormat[] = ["rss", "atom", "json"];
const SECTIONS = [
  { slug: "world", name: "World" },
  { slug: "business", name: "Business" },
  { slug: "science", name: "Science" },
  { slug: "local", name: "Local" },
];
const EXTENSIONS: Record<FixtureFormat, string> = { rss: "xml", atom: "atom", json: "json" };
const CONTENT_TYPES: Record<FixtureFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};
// Every link in the fixtures points at loopback; nothing ever fetches them.
const SITE = "http://127.0.0.1";
// Published times lie in the past, so a re-read item maps to the very same article.
const EPOCH = Date.parse("2026-01-15T12:00:00Z");

export const FIXTURE_FEEDS: readonly FixtureFeed[] = Array.from({ length: FEED_COUNT }, (_, i) => {
  const format = FORMATS[i % FORMATS.length] ?? "rss";
  return {
    index: i,
    format,
    path: `/feeds/feed-${i}.${EXTENSIONS[format]}`,
    contentType: CONTENT_TYPES[format],
    section: SECTIONS[i % SECTIONS.length] ?? { slug: "world", name: "World" },
  };
});

/** The path serving `feed` as it is in `round` (each round brings new items). */
export function roundPath(feed: FixtureFeed, round: number): string {
  return feed.path.replace("/feeds/", `/feeds/r${round}/`);
}

interface FixtureItem {
  guid: string;
  title: string;
  summary: string;
  html: string;
  url: string;
  author: string;
  categories: string[];
  image: string | null;
  published: Date;
}

function figure(random: Random, item: DemoItem): string {
  const src = item.image ?? `${SITE}/images/${item.id}.jpg`;
  const widths = [480, 800, 1200].map((w) => `${src}?w=${w} ${w}w`).join(", ");
  return `<figure class="wp-block-image size-large" style="margin:0 0 1em"><img src="${src}" srcset="${widths}" sizes="(max-width: 800px) 100vw, 800px" alt="${escapeHtml(item.title)}" width="1200" height="675" loading="lazy" decoding="async" class="wp-image-${random.int(1000, 99999)}"><figcaption class="caption">${escapeHtml(item.summary.slice(0, 120))} <span class="credit">Photo: ${escapeHtml(item.author)}</span></figcaption></figure>`;
}

function embed(item: DemoItem): string {
  return `<blockquote class="twitter-tweet" data-width="550"><p lang="en" dir="ltr">${escapeHtml(item.title)}</p>&mdash; ${escapeHtml(item.outletName)} (@wire) <a href="${SITE}/status/${item.id}">January 15, 2026</a></blockquote><script async src="${SITE}/widgets.js" charset="utf-8"></script>`;
}

function relatedLink(random: Random, item: DemoItem, related: DemoItem): string {
  // One item in four links relative to its own page, which the parser must make absolute.
  const href = random.next() < 0.25 ? `../${related.id}` : related.url;
  return `<p class="related"><strong>Read more:</strong> <a href="${href}" class="link" target="_blank" data-track="related">${escapeHtml(related.title)}</a> &middot; <em>${escapeHtml(item.outletName)}</em></p>`;
}

/** A body of about `target` characters: the story, a figure, an embed, filler paragraphs. */
function body(random: Random, item: DemoItem, filler: StoryStream, target: number): string {
  const parts = item.html.split("\n");
  const related = filler.next();
  const out = [parts[0] ?? "", figure(random, item), ...parts.slice(1)];
  if (random.next() < 0.3) out.push(embed(item));
  out.push(relatedLink(random, item, related));
  let length = out.reduce((n, p) => n + p.length + 1, 0);
  let more = related.html.split("\n");
  while (length < target) {
    const p = more.shift();
    if (p === undefined) {
      more = filler.next().html.split("\n");
      continue;
    }
    const styled = p.replace("<p>", '<p class="body-text" style="font-size:1rem">');
    out.push(styled);
    length += styled.length + 1;
  }
  return out.join("\n");
}

function makeItems(
  seed: number,
  prefix: string,
  count: number,
  minBytes: number,
  maxBytes: number,
) {
  const random = createRandom(seed);
  const stories = createStoryStream(seed, () => new Date(EPOCH), { baseUrl: SITE });
  const filler = createStoryStream(seed + 7_919, () => new Date(EPOCH), { baseUrl: SITE });
  const items: FixtureItem[] = [];
  for (let k = 0; k < count; k++) {
    const story = stories.next();
    items.push({
      guid: `urn:bench:${prefix}:${story.id}`,
      // The demo wire repeats its headlines; real feeds mostly do not. One in ten keeps
      // the bare headline (wire copy run by several outlets), so slugs collide that often.
      title: random.next() < 0.1 ? story.title : `${story.title} (${prefix}/${k + 1})`,
      summary: story.summary,
      html: body(random, story, filler, random.int(minBytes, maxBytes)),
      url: `${story.url}?${prefix}`,
      author: story.author,
      categories: story.categories,
      image: story.image,
      published: new Date(EPOCH - (seed % 10_000) * 3_600_000 - k * 60_000),
    });
  }
  return items;
}

function render(format: FixtureFormat, title: string, self: string, items: FixtureItem[]): string {
  const home = `${SITE}/`;
  switch (format) {
    case "rss":
      return generateRssFeed({
        title,
        link: home,
        description: `${title}: the latest`,
        language: "en",
        lastBuildDate: new Date(EPOCH),
        atom: { links: [{ href: self, rel: "self", type: "application/rss+xml" }] },
        items: items.map((item) => ({
          title: item.title,
          link: item.url,
          description: item.summary,
          guid: { value: item.guid, isPermaLink: false },
          pubDate: item.published,
          categories: item.categories.map((name) => ({ name })),
          dc: { creators: [item.author] },
          content: { encoded: item.html },
          media: item.image
            ? { contents: [{ url: item.image, medium: "image", width: 1200, height: 675 }] }
            : undefined,
        })),
      });
    case "atom":
      return generateAtomFeed({
        id: `urn:bench:feed:${self}`,
        title: { value: title },
        updated: new Date(EPOCH),
        links: [
          { href: self, rel: "self", type: "application/atom+xml" },
          { href: home, rel: "alternate", type: "text/html" },
        ],
        authors: [{ name: title }],
        entries: items.map((item) => ({
          id: item.guid,
          title: { value: item.title },
          updated: item.published,
          published: item.published,
          summary: { value: item.summary },
          content: { value: item.html, type: "html" },
          links: [{ href: item.url, rel: "alternate", type: "text/html" }],
          authors: [{ name: item.author }],
          categories: item.categories.map((term) => ({ term })),
        })),
      });
    case "json":
      return JSON.stringify(
        generateJsonFeed({
          title,
          home_page_url: home,
          feed_url: self,
          language: "en",
          authors: [{ name: title }],
          items: items.map((item) => ({
            id: item.guid,
            url: item.url,
            title: item.title,
            summary: item.summary,
            content_html: item.html,
            image: item.image ?? undefined,
            date_published: item.published,
            tags: item.categories,
            authors: [{ name: item.author }],
          })),
        }),
      );
  }
}

/** `feed` as served in `round`: ITEMS_PER_FEED items whose guids no other round uses. */
export function feedText(feed: FixtureFeed, round: number): string {
  const seed = 1 + round * FEED_COUNT + feed.index;
  const items = makeItems(seed, `r${round}f${feed.index}`, ITEMS_PER_FEED, 2_048, 6_144);
  return render(feed.format, `Fixture feed ${feed.index}`, `${SITE}${feed.path}`, items);
}

/** One RSS 2.0 feed of at least `minBytes` UTF-8 bytes (3–5 KB bodies), and its item count. */
export function largeFeed(minBytes: number): { text: string; items: number } {
  // Measure one batch, then size the real feed from it: rendering is the slow part.
  const sample = makeItems(90_001, "large", 100, 3_072, 5_120);
  const perItem = Buffer.byteLength(render("rss", "Large", `${SITE}/large.xml`, sample)) / 100;
  let count = Math.ceil(minBytes / perItem);
  for (;;) {
    const items = makeItems(90_001, "large", count, 3_072, 5_120);
    const text = render("rss", "Large fixture feed", `${SITE}/large.xml`, items);
    if (Buffer.byteLength(text) >= minBytes) return { text, items: count };
    count = Math.ceil(count * 1.02);
  }
}
