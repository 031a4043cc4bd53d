import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { User } from "../../src/domain/user.ts";
import { axeViolations, chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { createUser, TEST_PASSWORD } from "../support/newsroom.ts";
import { type RunningServer, startServer } from "../support/server.ts";

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);
const SHOTS = process.env.SHOTS_DIR;

const LOOKS = [
  { name: "phone-light", width: 375, height: 900, scheme: "light" },
  { name: "desktop-dark", width: 1280, height: 900, scheme: "dark" },
] as const;

describe("newsroom people, tokens and audit log in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let admin: User;

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    // Its own loopback address, so the sign-in limits of other browser tests never meet it.
    server = await startServer(db.database);
    admin = await createUser(server.dispatch, "admin", "admin@example.org");
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  const nav = (page: Page) => page.getByRole("navigation", { name: "Newsroom" });

  async function shoot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    const dir = join(SHOTS, "admin");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }

  for (const look of LOOKS) {
    test(`add a person, make a token, read the log (${look.name}); axe clean`, async () => {
      const context = await browser.newContext({
        viewport: { width: look.width, height: look.height },
        colorScheme: look.scheme,
        bypassCSP: true,
      });
      const page = await context.newPage();
      await page.goto(`${server.base}/newsroom/login`);
      await page.getByLabel("E-mail address").fill(admin.email);
      await page.getByLabel("Password").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/newsroom$/);

      await nav(page).getByRole("link", { name: "People" }).click();
      await page.getByLabel("E-mail address").fill(`kim-${look.name}@example.org`);
      await page.getByLabel(/^Name/).fill(`Kim ${look.name}`);
      await page.getByLabel("Role", { exact: true }).last().selectOption("editor");
      await page.getByLabel(/^First password/).fill("a long walk by the quiet river 7");
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await page.waitForURL(/done=added/);
      assert.match((await page.textContent("main")) ?? "", new RegExp(`Kim ${look.name}`));
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, `people-${look.name}`);

      await nav(page).getByRole("link", { name: "API tokens" }).click();
      await page.getByLabel(/^Name/).fill(`importer ${look.name}`);
      await page.getByLabel("Role").selectOption("reporter");
      await page.getByRole("button", { name: "Make token" }).click();
      const secret = await page.getByLabel("Token", { exact: true }).inputValue();
      assert.match(secret, /^dsp_[A-Za-z0-9_-]{40,}$/);
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, `tokens-${look.name}`);

      await nav(page).getByRole("link", { name: "Audit log" }).click();
      await page.getByLabel(/^What/).fill("user.");
      await page.getByRole("button", { name: "Filter" }).click();
      await page.waitForURL(/action=user\./);
      const log = (await page.textContent("main")) ?? "";
      assert.match(log, new RegExp(`kim-${look.name}@example.org added as editor`));
      assert.doesNotMatch(log, /token\.create/);
      await page.getByText("Before and after").first().click();
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, `audit-${look.name}`);
      await context.close();
    });
  }
});
