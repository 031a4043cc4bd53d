import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSearchForm, SEARCH_PAGE_SIZE, searchHref } from "./search-query.ts";

test("empty fields mean any; the request carries the day boundaries of the site's zone", () => {
  const parsed = parseSearchForm(
    {
      q: "  harbour cranes ",
      section: "",
      source: "12",
      language: "de",
      from: "2026-11-01",
      to: "2026-11-28",
      sort: "newest",
      page: "2",
      utm_source: "x",
    },
    "Europe/Berlin",
  );
  assert.equal(parsed.error, null);
  assert.deepEqual(parsed.request, {
    q: "harbour cranes",
    section: undefined,
    source: 12,
    language: "de",
    from: new Date("2026-10-31T23:00:00.000Z"),
    to: new Date("2026-11-28T23:00:00.000Z"),
    sort: "newest",
    page: 2,
    pageSize: SEARCH_PAGE_SIZE,
  });
});

test("no words: the form, no request and no error", () => {
  const parsed = parseSearchForm({ q: " ", section: "world" }, "UTC");
  assert.equal(parsed.request, null);
  assert.equal(parsed.error, null);
  assert.equal(parsed.form.section, "world");
});

test("each mistake is named in words, and the form keeps what was typed", () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ q: "a", from: "2026-02-30" }, /“from” date is not a date/],
    [{ q: "a", to: "yesterday" }, /“to” date is not a date/],
    [{ q: "a", from: "2026-11-02", to: "2026-11-01" }, /must not be after/],
    [{ q: "a", section: "Not a slug" }, /section/],
    [{ q: "a", source: "-1" }, /source/],
    [{ q: "a", language: "english" }, /language/],
    [{ q: "a", sort: "best" }, /Sort by/],
    [{ q: "a", page: "0" }, /page number/],
    [{ q: "a", page: "1000" }, /first 1000 results/],
    [{ q: "x".repeat(201) }, /limited to 200 characters/],
  ];
  for (const [query, message] of cases) {
    const parsed = parseSearchForm(query, "UTC");
    assert.equal(parsed.request, null, JSON.stringify(query));
    assert.match(parsed.error ?? "", message, JSON.stringify(query));
  }
  assert.equal(parseSearchForm({ q: "a", from: "2026-02-30" }, "UTC").form.from, "2026-02-30");
});

test("a repeated field counts once; anything but text is ignored", () => {
  const parsed = parseSearchForm({ q: ["first", "second"], section: { x: 1 } }, "UTC");
  assert.equal(parsed.form.q, "first");
  assert.equal(parsed.form.section, "");
});

test("one address per search: set fields only, in a fixed order", () => {
  assert.equal(searchHref({}), "/search");
  assert.equal(
    searchHref({ page: 3, sort: "newest", to: "2026-11-28", q: "a b", section: "world" }),
    "/search?q=a+b&section=world&to=2026-11-28&sort=newest&page=3",
  );
  assert.equal(searchHref({ q: "x", sort: "relevance", page: 1, source: "" }), "/search?q=x");
  assert.equal(searchHref({ q: '&<"' }), "/search?q=%26%3C%22");
});
