import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { articlePath } from "../../src/domain/article-path.ts";
import { chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { importSeed, type RunningServer, startServer } from "../support/server.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

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
  page.on("requestfailed", (r) => w.failed.push(`${r.url()} ${r.failure()?.errorText}`));
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

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // axe is a global once the script is in.
    const axe = (
      globalThis as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    return axe.run();
  });
  return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
}

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);

describe("reader in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let seedPath: string;

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    seedPath = articlePath(await importSeed(db.database)) ?? "";
    server = await startServer(db.database);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
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
        assert.equal(await page.locator("article h2").textContent(), "Navalni poisoning");
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
