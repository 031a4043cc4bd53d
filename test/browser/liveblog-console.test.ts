import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { User } from "../../src/domain/user.ts";
import { axeViolations, chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { createUser, TEST_PASSWORD } from "../support/newsroom.ts";
import { importSeed, type RunningServer, startServer } from "../support/server.ts";

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);
const SHOTS = process.env.SHOTS_DIR;

const LOOKS = [
  { name: "phone-light", width: 375, height: 900, scheme: "light" },
  { name: "phone-dark", width: 375, height: 900, scheme: "dark" },
  { name: "desktop-light", width: 1280, height: 900, scheme: "light" },
  { name: "desktop-dark", width: 1280, height: 900, scheme: "dark" },
] as const;

describe("live-blog console and alerts desk in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let editor: User;

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    await importSeed(db.database);
    server = await startServer(db.database);
    editor = await createUser(server.dispatch, "editor", "desk-editor@example.org");
    await createUser(server.dispatch, "reporter", "reporter-one@example.org");
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  async function shoot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    const dir = join(SHOTS, "live");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }

  for (const look of LOOKS) {
    test(`start a blog, post, pin, assign, then send an alert (${look.name}); axe clean`, async () => {
      const context = await browser.newContext({
        viewport: { width: look.width, height: look.height },
        colorScheme: look.scheme,
        bypassCSP: true,
      });
      const page = await context.newPage();
      await page.goto(`${server.base}/newsroom/login`);
      await page.getByLabel("E-mail address").fill(editor.email);
      await page.getByLabel("Password").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/newsroom$/);

      await page
        .getByRole("navigation", { name: "Newsroom" })
        .getByRole("link", { name: "Live blogs" })
        .click();
      await page.getByLabel("Headline", { exact: true }).fill(`Storm Hesper (${look.name})`);
      await page.getByLabel(/^Summary/).fill("**Key facts**: three rivers over their banks.");
      await page.getByRole("button", { name: "Start live blog" }).click();
      await page.waitForURL(/\/newsroom\/live\/\d+\?done=created/);

      // The entry form comes first and works with a phone's keyboard.
      const body = page.getByLabel(/^Entry/).first();
      await body.fill("The coastguard has lifted **23 people** from roofs in Marlow.");
      await page
        .getByLabel(/^Title/)
        .first()
        .fill("Rescue under way");
      await page.getByLabel("Key event").check();
      await page.getByRole("button", { name: "Post entry" }).click();
      await page.waitForURL(/done=posted/);
      await page
        .getByLabel(/^Entry/)
        .first()
        .fill("Rain eases in the north.");
      await page.getByRole("button", { name: "Post entry" }).click();
      await page.waitForURL(/done=posted/);
      await page.getByRole("button", { name: "Pin", exact: true }).last().click();
      await page.waitForURL(/done=pinned/);
      await page.getByLabel("Assign", { exact: true }).selectOption("reporter-one@example.org");
      await page.getByRole("button", { name: "Assign", exact: true }).click();
      await page.waitForURL(/done=assigned/);
      const main = (await page.textContent("main")) ?? "";
      assert.match(main, /Rescue under way/);
      assert.match(main, /Reporter reporter-one/);
      // One entry opened for editing, as a person would see it.
      await page.getByText("Edit", { exact: true }).first().click();
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, `console-${look.name}`);

      const console = page.url().split("?")[0] ?? "";
      const reader = await page
        .getByRole("link", { name: "reader's page" })
        .first()
        .getAttribute("href");
      assert.ok(reader);
      await page.goto(`${server.base}${reader}`);
      const text = (await page.textContent("main")) ?? "";
      assert.match(text, /Key facts/);
      assert.match(text, /Pinned ·/);
      assert.match(text, /23 people/);
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, `reader-${look.name}`);

      await page.goto(`${server.base}/newsroom/live`);
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, `list-${look.name}`);

      await page.goto(`${server.base}/newsroom/alerts`);
      await page
        .getByLabel("Headline", { exact: true })
        .fill(`Floods close the coast road (${look.name})`);
      await page.getByLabel(/^Link/).fill("javascript:alert(1)");
      await page.getByRole("button", { name: "Send alert" }).click();
      assert.match((await page.getByRole("alert").textContent()) ?? "", /javascript:/);
      await page.getByLabel(/^Link/).fill(reader);
      await page.getByRole("button", { name: "Send alert" }).click();
      await page.waitForURL(/done=sent/);
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, `alerts-${look.name}`);
      await page.getByRole("button", { name: "Withdraw" }).first().click();
      await page.waitForURL(/done=withdrawn/);

      // Closed: the console says so and readers are told the blog has ended.
      await page.goto(console);
      await page.getByRole("button", { name: "Close the live blog" }).click();
      await page.waitForURL(/done=closed/);
      assert.match((await page.textContent("main")) ?? "", /reopen it to post/);
      // Reader pages may be kept by the browser for 30 s (max-age): a reload asks again.
      await page.goto(`${server.base}${reader}`);
      await page.reload();
      assert.match((await page.textContent("main")) ?? "", /This live blog has ended/);
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, `reader-closed-${look.name}`);
      await context.close();
    });
  }
});
