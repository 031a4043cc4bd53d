import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { renderDocument } from "../src/site/render.ts";
import { appliedFilters, SearchPage } from "../src/site/search-page.tsx";
import { EMPTY_FORM, type SearchForm } from "../src/site/search-query.ts";
import { axeViolations, chromiumUnavailable, launchChromium } from "./support/browser.ts";
import { freshSqlite, type TestDatabase } from "./support/databases.ts";
import { importSeed, type RunningServer, startServer } from "./support/server.ts";
import { TEST_SITE } from "./support/site.ts";

const site = TEST_SITE;

function render(form: Partial<SearchForm>): string {
  return renderDocument(
    SearchPage({
      site,
      form: { ...EMPTY_FORM, q: "harbour", ...form },
      options: {
        sections: [{ id: 1, slug: "world", name: "World" }],
        sources: [{ id: 3, name: "Northwind Wire" }],
        languages: [{ code: "en", name: "English" }],
      },
      results: null,
      error: null,
    }),
  );
}

function panel(html: string): string {
  return /<details class="search-filters"[^>]*>[\s\S]*?<\/details>/.exec(html)?.[0] ?? "";
}

test("the filters are a disclosure, closed until a filter or the sort is set", () => {
  const plain = panel(render({}));
  assert.match(plain, /^<details class="search-filters"><summary>Filters<\/summary>/);
  for (const id of ["section", "source", "language", "from", "to", "sort"]) {
    assert.match(plain, new RegExp(`<label for="search-${id}">`), `${id} is labelled`);
  }
  assert.match(plain, /<fieldset><legend>Filters<\/legend>/);

  for (const [form, applied] of [
    [{ section: "world" }, 1],
    [{ source: "3", language: "en" }, 2],
    [{ from: "2026-11-01" }, 1],
    [{ from: "2026-11-01", to: "2026-11-28" }, 1],
    [{ sort: "newest" }, 1],
    [{ section: "world", to: "2026-11-28", sort: "newest" }, 3],
  ] as const) {
    assert.equal(appliedFilters({ ...EMPTY_FORM, ...form }), applied, JSON.stringify(form));
    const open = panel(render(form));
    assert.match(
      open,
      new RegExp(
        `^<details class="search-filters" open><summary>Filters<span class="search-filters-applied"> \\(${applied} applied\\)</span></summary>`,
      ),
      JSON.stringify(form),
    );
  }
  // A bad date is shown open too, so the reader sees the field the message is about.
  assert.match(panel(render({ from: "yesterday" })), /^<details class="search-filters" open>/);
});

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);

describe("search filters in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    await importSeed(db.database);
    server = await startServer(db.database);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  async function open(
    width: number,
    colorScheme: "light" | "dark",
    path: string,
    javaScriptEnabled = true,
  ) {
    // bypassCSP only so axe can be injected.
    const context = await browser.newContext({
      viewport: { width, height: 844 },
      colorScheme,
      javaScriptEnabled,
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.base}${path}`);
    return { context, page };
  }

  test("without JavaScript: a tap opens the panel, and applied filters come back open", async () => {
    const { context, page } = await open(390, "light", "/search?q=Lukashenko", false);
    const section = page.getByLabel("Section");
    assert.equal(await section.isVisible(), false, "closed on a phone");
    await page.locator("summary", { hasText: "Filters" }).click();
    assert.ok(await section.isVisible(), "open after a tap");
    // The seed's section: the only one the list holds.
    const slug = (await section.locator("option").nth(1).getAttribute("value")) ?? "";
    await section.selectOption(slug);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(new RegExp(`section=${slug}`));
    assert.ok(await section.isVisible(), "open when a filter is applied");
    assert.ok((await page.locator("ol.search-results li").count()) > 0, "results");
    // Folded again, the filters still go with the next search.
    await page.locator("summary", { hasText: "Filters" }).click();
    assert.equal(await section.isVisible(), false);
    await page.getByLabel("Search for").fill("Lukashenko Russia");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/Russia/);
    assert.match(page.url(), new RegExp(`section=${slug}`));
    await context.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`phone, ${colorScheme}: folded away above the results, opened by a tap, applied and shown`, async () => {
      const { context, page } = await open(390, colorScheme, "/search?q=Lukashenko");
      const summary = page.locator("summary", { hasText: "Filters" });
      const section = page.getByLabel("Section");
      assert.ok(await summary.isVisible());
      assert.equal(await section.isVisible(), false, "closed on a phone");
      // The results start within the first screen, just under the folded panel.
      const heading = await page.locator("#search-results-heading").boundingBox();
      assert.ok(heading && heading.y < 500, `results heading at ${heading?.y}`);
      assert.deepEqual(await axeViolations(page), [], "closed: axe");

      // Keyboard: the summary takes focus with a visible ring and opens with Enter.
      await page.getByLabel("Search for").focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), "SUMMARY");
      const ring = await summary.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.equal(ring, "solid", "focus is visible");
      await page.keyboard.press("Enter");
      assert.ok(await section.isVisible(), "open after Enter");
      assert.deepEqual(await axeViolations(page), [], "open: axe");

      const slug = (await section.locator("option").nth(1).getAttribute("value")) ?? "";
      await section.selectOption(slug);
      await page.getByLabel("Sort by").selectOption("newest");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(new RegExp(`section=${slug}`));
      assert.match(page.url(), /sort=newest/);
      assert.ok(await section.isVisible(), "open when filters are applied");
      assert.equal(await section.inputValue(), slug);
      assert.match((await summary.textContent()) ?? "", /^Filters \(2 applied\)$/);
      assert.deepEqual(await axeViolations(page), [], "applied: axe");
      await context.close();
    });

    test(`desktop, ${colorScheme}: the filters stay in view with no toggle, and keyboard-reachable`, async () => {
      const { context, page } = await open(1280, colorScheme, "/search?q=Lukashenko");
      assert.equal(await page.locator("details.search-filters summary").isVisible(), false);
      assert.ok(await page.getByLabel("Section").isVisible());
      assert.ok(await page.locator("details.search-filters legend").isVisible());
      await page.getByRole("button", { name: "Search" }).focus();
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "search-section");
      const ring = await page
        .getByLabel("Section")
        .evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.equal(ring, "solid", "focus is visible");
      assert.deepEqual(await axeViolations(page), [], "axe");
      await context.close();
    });
  }
});
