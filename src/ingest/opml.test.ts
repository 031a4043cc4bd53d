import assert from "node:assert/strict";
import { test } from "node:test";
import type { Source } from "../domain/source.ts";
import { parseOpmlSources, sourcesToOpml } from "./opml.ts";
import { STARTER_OPML } from "./starter-sources.ts";

test("the starter list parses: about twenty feeds in four sections, all https", () => {
  const entries = parseOpmlSources(STARTER_OPML);
  assert.ok(entries.length >= 18 && entries.length <= 25, `${entries.length} feeds`);
  assert.deepEqual(
    [...new Set(entries.map((e) => e.category))],
    ["World", "Business", "Technology", "Science"],
  );
  for (const e of entries) assert.match(e.url, /^https:\/\//);
});

test("nested folders become categories; bad OPML is a clear error", () => {
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
    <outline text="Tech"><outline text="Inner"><outline text="A" xmlUrl="http://127.0.0.1/a.xml"/></outline>
    <outline text="B" title="Bee" xmlUrl="http://127.0.0.1/b.xml" htmlUrl="http://127.0.0.1/"/></outline>
    <outline text="Loose" xmlUrl="http://127.0.0.1/c.xml"/></body></opml>`;
  assert.deepEqual(
    parseOpmlSources(opml).map((e) => [e.url, e.title, e.category]),
    [
      ["http://127.0.0.1/a.xml", "A", "Inner"],
      ["http://127.0.0.1/b.xml", "Bee", "Tech"],
      ["http://127.0.0.1/c.xml", "Loose", null],
    ],
  );
  assert.throws(
    () => parseOpmlSources("<html><body>hi</body></html>"),
    (e: { code?: string }) => e.code === "bad_opml" || e.code === "empty_opml",
  );
  assert.throws(() => parseOpmlSources('<!DOCTYPE x [<!ENTITY a "b">]><opml/>'), {
    code: "unsafe_opml",
  });
});

test("export round-trips through import", () => {
  const source = (id: number, url: string, section: string): Source => ({
    id,
    url,
    title: `Feed ${id}`,
    siteUrl: null,
    format: "rss",
    mode: "link",
    sectionSlug: section,
    languageHint: "en",
    weight: 1,
    minIntervalSeconds: 300,
    maxIntervalSeconds: 3600,
    enabled: true,
    createdAt: "2026-01-01T00:00:00.000Z",
    health: {
      lastSuccessAt: null,
      lastErrorAt: null,
      lastError: null,
      lastErrorCode: null,
      consecutiveFailures: 0,
      etag: null,
      lastModified: null,
      itemsPerDay: 0,
      nextFetchAt: null,
      disabledReason: null,
    },
  });
  const xml = sourcesToOpml(
    [source(1, "http://127.0.0.1/1.xml", "world"), source(2, "http://127.0.0.1/2.xml", "tech")],
    "Dispatch sources",
  );
  assert.match(xml, /<opml version="2.0">/);
  assert.deepEqual(
    parseOpmlSources(xml).map((e) => [e.url, e.title, e.category, e.language]),
    [
      ["http://127.0.0.1/1.xml", "Feed 1", "world", "en"],
      ["http://127.0.0.1/2.xml", "Feed 2", "tech", "en"],
    ],
  );
});
