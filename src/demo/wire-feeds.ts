import { generateAtomFeed, generateJsonFeed, generateOpml, generateRssFeed } from "feedsmith";
import { OUTLET_SLUGS, OUTLETS, type OutletSlug } from "./outlets.ts";
import type { DemoItem } from "./stories.ts";

/**
 * The demo wire's feeds: each outlet publishes in one format, so a run of the demo exercises
 * every parser Dispatch has (RSS 2.0, Atom 1.0, JSON Feed 1.1, IPTC ninjs 2.0).
 */
export const WIRE_FORMATS = ["rss", "atom", "json", "ninjs"] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

export const OUTLET_FORMATS: Readonly<Record<OutletSlug, WireFormat>> = {
  "harbour-courier": "rss",
  "veloria-today": "atom",
  "northwind-wire": "ninjs",
  "daily-meridian": "json",
  "tech-ledger": "rss",
  "science-post": "atom",
};

export const FEED_ITEMS = 30;

const EXTENSIONS: Readonly<Record<WireFormat, string>> = {
  rss: "rss",
  atom: "atom",
  json: "json",
  ninjs: "ninjs.json",
};

export const CONTENT_TYPES: Readonly<Record<WireFormat, string>> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
  ninjs: "application/json; charset=utf-8",
};

export interface WireFeed {
  url: string;
  format: WireFormat;
  outlet: OutletSlug;
  title: string;
}

export function feedPath(outlet: OutletSlug): string {
  return `/feeds/${outlet}.${EXTENSIONS[OUTLET_FORMATS[outlet]]}`;
}

/** The outlet a feed path names, or null. */
export function outletOfFeedPath(path: string): OutletSlug | null {
  return OUTLET_SLUGS.find((slug) => feedPath(slug) === path) ?? null;
}

export function listFeeds(baseUrl: string): WireFeed[] {
  return OUTLET_SLUGS.map((slug) => ({
    url: `${baseUrl}${feedPath(slug)}`,
    format: OUTLET_FORMATS[slug],
    outlet: slug,
    title: OUTLETS[slug].name,
  }));
}

/** A feed's identifier for an item: stable across restarts, unlike its URL (the port moves). */
export function itemUri(item: DemoItem): string {
  return `urn:demo-wire:${item.id}`;
}

const IMAGE = { type: "image/svg+xml", width: 640, height: 360 } as const;

/** `items` newest first; only the first FEED_ITEMS are written. */
export function renderFeed(
  outlet: OutletSlug,
  items: readonly DemoItem[],
  baseUrl: string,
  updated: Date,
): string {
  const latest = items.slice(0, FEED_ITEMS);
  const info = OUTLETS[outlet];
  const self = `${baseUrl}${feedPath(outlet)}`;
  const home = `${baseUrl}/${outlet}/`;
  const format = OUTLET_FORMATS[outlet];
  switch (format) {
    case "rss":
      return generateRssFeed({
        title: info.name,
        link: home,
        description: info.tagline,
        language: "en",
        ttl: 1,
        lastBuildDate: updated,
        atom: { links: [{ href: self, rel: "self", type: "application/rss+xml" }] },
        items: latest.map((item) => ({
          title: item.title,
          link: item.url,
          description: item.summary,
          guid: { value: itemUri(item), isPermaLink: false },
          pubDate: new Date(item.published),
          categories: item.categories.map((name) => ({ name })),
          dc: { creators: [item.author] },
          content: { encoded: item.html },
          media: item.image
            ? { contents: [{ url: item.image, medium: "image", ...IMAGE }] }
            : undefined,
        })),
      });
    case "atom":
      return generateAtomFeed({
        id: `urn:demo-wire:feed:${outlet}`,
        title: { value: info.name },
        subtitle: { value: info.tagline },
        updated,
        links: [
          { href: self, rel: "self", type: "application/atom+xml" },
          { href: home, rel: "alternate", type: "text/html" },
        ],
        authors: [{ name: info.name }],
        entries: latest.map((item) => ({
          id: itemUri(item),
          title: { value: item.title },
          updated: new Date(item.published),
          published: new Date(item.published),
          summary: { value: item.summary },
          content: { value: item.html, type: "html" },
          links: [{ href: item.url, rel: "alternate", type: "text/html" }],
          authors: [{ name: item.author }],
          categories: item.categories.map((term) => ({ term })),
          media: item.image
            ? { contents: [{ url: item.image, medium: "image", ...IMAGE }] }
            : undefined,
        })),
      });
    case "json":
      return JSON.stringify(
        generateJsonFeed({
          title: info.name,
          home_page_url: home,
          feed_url: self,
          description: info.tagline,
          language: "en",
          authors: [{ name: info.name }],
          items: latest.map((item) => ({
            id: itemUri(item),
            url: item.url,
            title: item.title,
            summary: item.summary,
            content_html: item.html,
            image: item.image ?? undefined,
            date_published: new Date(item.published),
            tags: item.categories,
            authors: [{ name: item.author }],
            language: "en",
          })),
        }),
        null,
        2,
      );
    case "ninjs":
      return JSON.stringify(
        latest.map((item) => ninjsItem(item)),
        null,
        2,
      );
  }
}

function ninjsItem(item: DemoItem): Record<string, unknown> {
  return {
    $schema: "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
    uri: itemUri(item),
    type: "text",
    representationtype: "full",
    firstcreated: item.published,
    versioncreated: item.published,
    pubstatus: "usable",
    language: "en",
    copyrightholder: item.outletName,
    by: item.author,
    headlines: [{ role: "main", value: item.title }],
    descriptions: [{ role: "summary", contenttype: "text/plain", value: item.summary }],
    bodies: [{ role: "main", contenttype: "text/html", value: item.html }],
    subjects: item.categories.map((name) => ({
      name,
      uri: `urn:demo-wire:subject:${name.toLowerCase().replaceAll(" ", "-")}`,
    })),
    altids: [{ role: "canonical", value: item.url }],
    ...(item.image
      ? {
          associations: [
            {
              name: "main-picture",
              type: "picture",
              uri: `${itemUri(item)}:picture`,
              renditions: [
                {
                  name: "main",
                  href: item.image,
                  contenttype: IMAGE.type,
                  width: IMAGE.width,
                  height: IMAGE.height,
                },
              ],
            },
          ],
        }
      : {}),
  };
}

export function renderOpml(baseUrl: string, created: Date): string {
  return generateOpml({
    head: { title: "Demo wire: invented outlets", dateCreated: created },
    body: {
      outlines: [
        {
          text: "Demo wire",
          outlines: listFeeds(baseUrl).map((feed) => ({
            text: feed.title,
            title: feed.title,
            // OPML readers expect "rss" whatever the format behind the URL.
            type: "rss",
            xmlUrl: feed.url,
            htmlUrl: `${baseUrl}/${feed.outlet}/`,
            language: "en",
          })),
        },
      ],
    },
  });
}
