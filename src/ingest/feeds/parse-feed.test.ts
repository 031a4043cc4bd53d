import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { isAppError } from "../../domain/errors.ts";
import type { ParsedFeed } from "../../domain/feed.ts";
import { MAX_HTML_TAGS } from "../sanitize.ts";
import { DEFAULT_MAX_FEED_BYTES, readFeed } from "./parse-feed.ts";
import { sanitizeFeedItem } from "./sanitize-item.ts";
import {
  code,
  fixture,
  fixtureBytes,
  NOW,
  parse,
  rss,
  TESTDATA,
  testdata,
} from "./testdata/fixtures.ts";

/** Every fixture that parses, with the URL it is read from. */
function readableFixtures(): { name: string; text: string; url: string | null }[] {
  const out: { name: string; text: string; url: string | null }[] = [];
  const legacy = new URL("../../../test/fixtures/feeds/", import.meta.url);
  for (const name of readdirSync(legacy)) {
    const text =
      name === "rss-cp1251.xml"
        ? new TextDecoder("windows-1251").decode(fixtureBytes(name))
        : fixture(name);
    out.push({ name, text, url: null }, { name, text, url: "https://site.example/a/feed" });
  }
  for (const [name, url] of Object.entries(TESTDATA)) out.push({ name, text: testdata(name), url });
  return out;
}

/** parseFeed's result, or the code it fails with. */
function outcome(run: () => ParsedFeed): ParsedFeed | string {
  try {
    return run();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

describe("parseFeed", () => {
  it("refuses documents over the size limit", () => {
    const feed = rss("<item><title>é</title></item>");
    assert.throws(
      () => parse(feed, null, { maxBytes: feed.length }),
      code("too_large", (e) => assert.equal(e.context.limit, feed.length)),
      "the limit counts UTF-8 bytes, not characters",
    );
    assert.equal(parse(feed, null, { maxBytes: feed.length + 1 }).items.length, 1);
    assert.throws(() => parse(" ".repeat(DEFAULT_MAX_FEED_BYTES + 1)), code("too_large"));
  });

  it("is readFeed and then sanitizeFeedItem on every item, on every fixture", () => {
    let compared = 0;
    for (const { name, text, url } of readableFixtures()) {
      const parsed = outcome(() => parse(text, url));
      const stepwise = outcome(() => {
        const raw = readFeed(text, { url, now: NOW });
        return { ...raw, items: raw.items.map(sanitizeFeedItem) };
      });
      assert.deepEqual(stepwise, parsed, `${name} read from ${url}`);
      if (typeof parsed !== "string") compared += parsed.items.length;
    }
    assert.ok(compared > 40, `${compared} items compared`);
  });

  it("leaves out an item whose markup cannot be sanitized; readFeed keeps it", () => {
    const heavy = "<b>".repeat(MAX_HTML_TAGS + 1);
    const text =
      rss(`<item><title>heavy</title><content:encoded><![CDATA[${heavy}]]></content:encoded></item>
      <item><title>fine</title></item>`);
    assert.deepEqual(
      parse(text).items.map((i) => i.title),
      ["fine"],
    );
    const raw = readFeed(text, { url: null });
    assert.deepEqual(
      raw.items.map((i) => i.title),
      ["heavy", "fine"],
    );
    assert.throws(
      () => sanitizeFeedItem(raw.items[0] as (typeof raw.items)[0]),
      code("html_too_complex"),
    );
  });

  it("fails when no item can be sanitized", () => {
    const heavy = "<b>".repeat(MAX_HTML_TAGS + 1);
    const text = rss(
      `<item><title>h</title><content:encoded><![CDATA[${heavy}]]></content:encoded></item>`,
    );
    assert.throws(() => parse(text), code("html_too_complex"));
    assert.equal(readFeed(text, { url: null }).items.length, 1);
  });

  it("knows an item that is only a body by its clean body, before sanitizing it", () => {
    const text =
      rss(`<item><content:encoded><![CDATA[<p onclick="x()">Only a body</p>]]></content:encoded></item>
      <item><content:encoded><![CDATA[<p>Only a body</p>]]></content:encoded></item>`);
    const [first, second] = readFeed(text, { url: null }).items;
    assert.match(first?.id ?? "", /^[0-9a-f]{64}$/);
    assert.equal(first?.id, second?.id, "the same clean body is the same item");
    assert.equal(first?.id, parse(text).items[0]?.id);
  });
});
