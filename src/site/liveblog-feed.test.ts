import assert from "node:assert/strict";
import { test } from "node:test";
import { XMLValidator } from "fast-xml-parser";
import { parseAtomFeed } from "feedsmith";
import type { Article } from "../domain/article.ts";
import { parseFeed } from "../ingest/feeds/parse-feed.ts";
import {
  type LiveblogFeedEntry,
  liveblogAtomFeed,
  liveblogFeedPath,
  liveEntryId,
} from "./feeds-out.ts";
import { coverageStart, entryHeadline, entryPermalink } from "./liveblog-entries.tsx";

const SITE = { name: "Dispatch & Co", url: "https://news.example", language: "en" };
const BLOG: Article = {
  id: 7,
  guid: null,
  kind: "liveblog",
  status: "published",
  headline: "Storm <Hesper> & floods: live",
  standfirst: null,
  body: "",
  byline: null,
  language: "en",
  sectionSlug: "world",
  sectionName: "World",
  slug: "storm-live",
  canonicalUrl: null,
  externalUrl: null,
  publishedAt: "2026-11-28T06:00:00.000Z",
  updatedAt: "2026-11-28T09:00:00.000Z",
  createdAt: "2026-11-28T05:00:00.000Z",
  sourceId: null,
  imageUrl: null,
  categories: [],
  fragments: [],
};
const PATH = "/world/2026/11/28/storm-live";
const entry = (id: number, over: Partial<LiveblogFeedEntry> = {}): LiveblogFeedEntry => ({
  id,
  title: null,
  body: `<p>Update ${id} &amp; more</p>`,
  byline: null,
  postedAt: `2026-11-28T0${id}:00:00.000Z`,
  updatedAt: `2026-11-28T0${id}:00:00.000Z`,
  ...over,
});

test("an untitled entry is named by its first words; an empty one still has a name", () => {
  assert.equal(entryHeadline({ title: "  Dam holds ", body: "<p>x</p>" }), "Dam holds");
  assert.equal(entryHeadline({ title: null, body: "<p>Short &amp; sweet.</p>" }), "Short & sweet.");
  const long = `<p>${Array.from({ length: 20 }, (_, i) => `w${i}`).join(" ")}</p>`;
  assert.equal(
    entryHeadline({ title: "", body: long }),
    `${Array.from({ length: 12 }, (_, i) => `w${i}`).join(" ")}…`,
  );
  assert.equal(entryHeadline({ title: null, body: '<p><img src="/a.jpg" alt=""></p>' }), "Update");
});

test("an entry's id survives a renamed section or slug; its link is its permalink", () => {
  assert.equal(liveEntryId(SITE, BLOG, 12), "tag:news.example,2026-11-28:liveblog/7/entry/12");
  const renamed: Article = { ...BLOG, sectionSlug: "europe", slug: "renamed" };
  assert.equal(liveEntryId(SITE, renamed, 12), liveEntryId(SITE, BLOG, 12));
  // Before publication (a preview), the blog's creation day.
  assert.equal(
    liveEntryId(SITE, { ...BLOG, publishedAt: null }, 1),
    "tag:news.example,2026-11-28:liveblog/7/entry/1",
  );
  assert.equal(liveblogFeedPath(PATH), `${PATH}/feed.atom`);
  assert.equal(entryPermalink(PATH, 3), `${PATH}?entry=3#entry-3`);
});

test("the feed is Atom that strict and our own parsers read, text escaped once", () => {
  const xml = liveblogAtomFeed(
    SITE,
    {
      title: `${BLOG.headline} · ${SITE.name}`,
      description: "Live updates",
      htmlUrl: `${SITE.url}${PATH}`,
      selfUrl: `${SITE.url}${liveblogFeedPath(PATH)}`,
      updated: BLOG.updatedAt,
    },
    BLOG,
    [entry(3, { title: "Gauge <4 m> & rising", updatedAt: "2026-11-28T08:30:00.000Z" }), entry(2)],
    (id) => `${SITE.url}${entryPermalink(PATH, id)}`,
  );
  assert.equal(XMLValidator.validate(xml), true);
  const feed = parseAtomFeed(xml);
  assert.equal(feed.entries?.length, 2);
  const [edited, plain] = feed.entries ?? [];
  assert.equal(edited?.id, "tag:news.example,2026-11-28:liveblog/7/entry/3");
  assert.equal(edited?.updated, "2026-11-28T08:30:00.000Z");
  assert.equal(edited?.published, "2026-11-28T03:00:00.000Z");
  assert.match(xml, /<title type="text">Gauge &lt;4 m&gt; &amp; rising<\/title>/);
  assert.equal(
    plain?.links?.find((l) => l.rel === "alternate")?.href,
    `${SITE.url}${PATH}?entry=2#entry-2`,
  );
  // The blog's time is later than any entry's (a deletion): the feed's time is the blog's.
  assert.match(xml, /<updated>2026-11-28T09:00:00.000Z<\/updated><link rel="alternate"/);
  const ours = parseFeed(xml, { url: `${SITE.url}${liveblogFeedPath(PATH)}` });
  assert.equal(ours.items.length, 2);
  assert.equal(ours.items[0]?.title, "Gauge <4 m> & rising");
});

test("coverage starts at the earlier of publication and the first entry", () => {
  const page = { entries: [], pinned: [], keyEvents: [], older: null };
  assert.equal(
    coverageStart("2026-11-28T06:00:00.000Z", {
      ...page,
      firstPostedAt: "2026-11-28T05:30:00.000Z",
    }),
    "2026-11-28T05:30:00.000Z",
  );
  assert.equal(
    coverageStart("2026-11-28T06:00:00.000Z", {
      ...page,
      firstPostedAt: "2026-11-28T07:00:00.000Z",
    }),
    "2026-11-28T06:00:00.000Z",
  );
  assert.equal(coverageStart("2026-11-28T06:00:00.000Z", page), "2026-11-28T06:00:00.000Z");
  assert.equal(coverageStart(null, { ...page, firstPostedAt: null }), null);
});
