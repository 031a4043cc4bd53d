import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { createArticleRepository } from "../../src/db/article-repository.ts";
import { parseImportFile } from "../../src/ingest/import/detect.ts";
import { importThroughSource } from "../../src/ingest/quality-gate.ts";
import { axeViolations, chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { createUser, TEST_PASSWORD } from "../support/newsroom.ts";
import { type RunningServer, SEED_NINJS, SITE_NAME, startServer } from "../support/server.ts";

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);
const SHOTS = process.env.SHOTS_DIR;

describe("wire desk in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let itemId: number;

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    server = await startServer(db.database, { INGEST: "off" });
    await createUser(server.dispatch, "admin", "admin@example.org");
    const source = await server.dispatch.sources.add({
      url: "http://127.0.0.1:9/wire.xml",
      mode: "full",
      section: { slug: "world", name: "World" },
      title: "Agency wire",
    });
    const input = parseImportFile(SEED_NINJS, readFileSync(SEED_NINJS), {
      siteName: SITE_NAME,
      defaultLanguage: "en",
      now: new Date(),
    });
    const saved = await createArticleRepository(db.database).save(
      importThroughSource(input, source),
    );
    itemId = saved.article.id;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  test("the desk, a held item, leads and sources are axe clean; a fix applies by one click", async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 800 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${server.base}/newsroom/login`);
    await page.getByLabel("E-mail address").fill("admin@example.org");
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/newsroom$/);
    const pages = {
      wire: "/newsroom/wire",
      item: `/newsroom/wire/${itemId}`,
      leads: "/newsroom/leads",
      sources: "/newsroom/sources",
    };
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${server.base}${path}`);
      assert.deepEqual(await axeViolations(page), [], name);
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        for (const [w, label] of [
          [375, "phone"],
          [1280, "desktop"],
        ] as const) {
          await page.setViewportSize({ width: w, height: 900 });
          for (const scheme of ["light", "dark"] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            await page.screenshot({
              path: `${SHOTS}/${name}-${label}-${scheme}.png`,
              fullPage: true,
            });
          }
        }
        await page.emulateMedia({ colorScheme: "light" });
        await page.setViewportSize({ width: 375, height: 800 });
      }
    }
    await page.goto(`${server.base}${pages.item}`);
    assert.equal(await page.locator("mark").count(), 8);
    await page.getByRole("button", { name: "Apply fix" }).first().click();
    await page.waitForURL(/done=fixed$/);
    assert.match((await page.getByRole("status").textContent()) ?? "", /Fix applied/);
    assert.equal(await page.locator("mark").count(), 7);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
