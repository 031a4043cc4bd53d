import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { addDemoSources } from "../../src/demo/demo-sources.ts";
import { type DemoWire, startDemoWire } from "../../src/demo/demo-wire.ts";
import { articlePath } from "../../src/domain/article-path.ts";
import { axeViolations, chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { importSeed, type RunningServer, startServer } from "../support/server.ts";

interface Watch {
  errors: string[];
  failed: string[];
}

/** Console errors, page errors and failed or non-loopback requests, collected per page. */
function watch(page: Page, base: string): Watch {
  const w: Watch = { errors: [], failed: [] };
  page.on("console", (m) => {
    if (m.type() === "error") w.errors.push(m.text());
  });
  page.on("pageerror", (e) => w.errors.push(e.message));
  page.on("requestfailed", (r) => {
    // Leaving a page cancels what it was still loading (its icon, a lazy image): not a fault.
    if (r.failure()?.errorText !== "net::ERR_ABORTED")
      w.failed.push(`${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:"))
      w.failed.push(`third-party: ${r.url()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().includes("/no-such-page"))
      w.failed.push(`${r.status()} ${r.url()}`);
  });
  return w;
}

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);

describe("reader in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let seedPath: string;
  let wire: DemoWire;

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    seedPath = articlePath(await importSeed(db.database)) ?? "";
    wire = await startDemoWire({ intervalMs: 3_600_000, initialItems: 30 });
    server = await startServer(db.database, { FETCH_ALLOW_HOSTS: `127.0.0.1:${wire.port}` });
    // Several outlets covering the same events, fetched and merged into stories.
    const { sources, ingestion, enricher } = server.dispatch;
    await addDemoSources(wire, sources);
    for (const source of await sources.list()) await ingestion.ingest(source);
    await enricher.drain();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await wire?.close();
    await db?.dispose();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    for (const [label, width] of [
      ["phone", 390],
      ["desktop", 1280],
    ] as const) {
      test(`home to article, ${label} ${colorScheme}: no errors, no failed requests, axe clean`, async () => {
        // bypassCSP only so axe can be injected; the page itself runs no script.
        const context = await browser.newContext({
          viewport: { width, height: 900 },
          colorScheme,
          bypassCSP: true,
        });
        const page = await context.newPage();
        const w = watch(page, server.base);
        await page.goto(`${server.base}/`);
        assert.deepEqual(await axeViolations(page), [], "home: axe");
        await page
          .getByRole("link", { name: /Lukashenko strengthens/ })
          .first()
          .click();
        await page.waitForURL(`${server.base}${seedPath}`);
        assert.equal(await page.locator("h1").count(), 1);
        assert.equal(
          await page.locator("h1").textContent(),
          "Lukashenko strengthens his turn towards Russia in the middle of the crisis",
        );
        assert.equal(await page.locator("html").getAttribute("lang"), "en");
        assert.equal(await page.locator("article .body h2").textContent(), "Navalni poisoning");
        // Readable at this width: nothing wider than the viewport.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
        assert.deepEqual(await axeViolations(page), [], "article: axe");
        assert.deepEqual(w.errors, []);
        assert.deepEqual(w.failed, []);
        const missing = await page.goto(`${server.base}/no-such-page`);
        assert.equal(missing?.status(), 404);
        assert.equal(await page.locator("h1").textContent(), "Page not found");
        assert.deepEqual(await axeViolations(page), [], "404: axe");
        await context.close();
      });
    }
  }

  for (const [label, width, colorScheme] of [
    ["phone", 390, "light"],
    ["desktop", 1280, "dark"],
  ] as const) {
    test(`home, story, article, topic, search and back, ${label} ${colorScheme}: clean at every step`, async () => {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        colorScheme,
        bypassCSP: true,
      });
      const page = await context.newPage();
      const w = watch(page, server.base);
      await page.goto(`${server.base}/`);
      // The site's one script turns list times into relative ones, in the page's language.
      assert.match(
        (await page.locator("time[data-relative]").first().textContent()) ?? "",
        /ago|now/,
      );
      await page
        .getByRole("link", { name: /^\d+ sources$/ })
        .first()
        .click();
      await page.waitForURL(/\/story\/\d+-/);
      assert.match((await page.locator("main").textContent()) ?? "", /first reported by/);
      assert.deepEqual(await axeViolations(page), [], "story: axe");

      await page.locator("ol.coverage a").first().click();
      await page.waitForURL(/\/\d{4}\/\d{2}\/\d{2}\//);
      const articleUrl = page.url();
      assert.match((await page.locator("main").textContent()) ?? "", /Also reported by/);
      assert.deepEqual(await axeViolations(page), [], "article: axe");

      const topic = page.locator("nav.topics a").first();
      const topicName = (await topic.textContent()) ?? "";
      await topic.click();
      await page.waitForURL(/\/topic\//);
      assert.equal(await page.locator("h1").textContent(), topicName);
      assert.deepEqual(await axeViolations(page), [], "topic: axe");

      await page.getByRole("link", { name: "Search", exact: true }).click();
      await page.waitForURL(/\/search$/);
      await page.getByLabel("Search for").fill(topicName);
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/\/search\?q=/);
      assert.ok((await page.locator("ol.search-results li").count()) > 0, "results");
      assert.ok((await page.locator("ol.search-results mark").count()) > 0, "highlights");
      assert.deepEqual(await axeViolations(page), [], "search: axe");

      await page.goBack();
      await page.goBack();
      await page.goBack();
      assert.equal(page.url(), articleUrl);
      await page.goBack();
      await page.goBack();
      assert.equal(page.url(), `${server.base}/`);
      assert.deepEqual(w.errors, []);
      assert.deepEqual(w.failed, []);
      await context.close();
    });
  }

  test("everything reads with JavaScript disabled; the skip link reaches main", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.base}${seedPath}`);
    assert.match(
      (await page.locator("article").textContent()) ?? "",
      /Social mobilizations, dangerous for the Kremlin/,
    );
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
    await context.close();
  });
});
