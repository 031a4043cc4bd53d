import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { isAppError } from "../../../domain/errors.ts";
import type { FeedItem, ParsedFeed } from "../../../domain/feed.ts";
import { type ParseFeedOptions, parseFeed } from "../parse-feed.ts";

/** Shared by the feed parsers' tests: fixture files, a fixed clock, error predicates. */

export const NOW = new Date("2024-03-06T00:00:00Z");

/** Publisher-shaped feeds beside the parsers, with the URL each is served from. */
export const TESTDATA: Record<string, string> = {
  "wordpress-rss.xml": "https://millbrook-gazette.example/feed/",
  "broadcaster-rss.xml": "https://feeds.broadcaster.example/news/world/rss.xml",
  "video-atom.xml": "https://video.example/feeds/videos.xml?channel_id=UCq3xExampleChannel01",
  "blogger-atom.xml": "https://marshnotes.blogger.example/feeds/posts/default",
  "rdf-feed.rdf": "https://kawabe-shimbun.example/index.rdf",
  "json-feed-11.json": "https://fieldnotes.example/feed.json",
  "ninjs-wire.json": "https://agency.example/wire/latest",
  // Feeds as they are in the wild (issue 15): each one a shape a publisher really sends.
  "xhtml-body-rss.xml": "https://lakeside-parish.example/news/rss.xml",
  "dublin-core-rss.xml": "https://gemeindeblatt.example/rss",
  "rss-no-channel.xml": "https://harbour-rowing.example/rss.php",
  "userland-rss2.xml": "https://scripting-notes.example/rss.xml",
  "truncated-rss.xml": "https://valley-courier.example/feed/",
  "truncated-atom.xml": "https://hillside-observatory.example/atom.xml",
  "text-constructs-atom.xml": "https://markup-meaning.example/feed.atom",
  "escaped-rss.xml": "https://frontend-weekly.example/rss",
  "atom03-modes.xml": "https://marsh-log.example/atom.xml",
  "object-embed-rss.xml": "https://oldmill-radio.example/feed/",
  "windows-1252-rss.xml": "https://county-gazette.example/rss",
  "media-only-rss.xml": "https://riverside-tv.example/feeds/latest.rss",
};

export function testdata(name: string): string {
  return readFileSync(new URL(name, import.meta.url), "utf8");
}

/** The older fixtures in test/fixtures/feeds/, shared with the integration tests. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../../../test/fixtures/feeds/${name}`, import.meta.url), "utf8");
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(`../../../../test/fixtures/feeds/${name}`, import.meta.url));
}

export function parse(
  text: string,
  url: string | null = null,
  extra: Omit<ParseFeedOptions, "url"> = {},
): ParsedFeed {
  return parseFeed(text, { url, now: NOW, ...extra });
}

export function parseTestdata(name: string): ParsedFeed {
  return parse(testdata(name), TESTDATA[name] ?? null);
}

export function item(feed: ParsedFeed, index: number): FeedItem {
  const found = feed.items[index];
  assert.ok(found, `item ${index} exists`);
  return found;
}

/** assert.throws predicate: an AppError with this code (and optionally more checks). */
export function code(
  expected: string,
  check: (error: {
    message: string;
    context: Readonly<Record<string, unknown>>;
  }) => void = () => {},
) {
  return (error: unknown) => {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, expected, error.message);
    check(error);
    return true;
  };
}

/** An RSS 2.0 document around `items`. */
export function rss(items: string, channelExtra = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>T</title><link>https://site.example/</link>${channelExtra}${items}</channel>
</rss>`;
}
