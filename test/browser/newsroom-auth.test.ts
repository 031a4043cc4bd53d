import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import type { User } from "../../src/domain/user.ts";
import { axeViolations, chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { createUser, NewsroomClient, TEST_PASSWORD } from "../support/newsroom.ts";
import { type RunningServer, startServer } from "../support/server.ts";

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);
const SHOTS = process.env.SHOTS_DIR;

describe("newsroom sign-in in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let editor: User;

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    server = await startServer(db.database);
    editor = await createUser(server.dispatch, "editor", "editor@example.org");
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  test("sign in through the form, see the desk, sign out; every page axe clean", async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 800 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.base}/newsroom/account`);
    assert.match(page.url(), /\/newsroom\/login\?next=%2Fnewsroom%2Faccount$/);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel("E-mail address").fill(editor.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/newsroom\/account$/);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Your account");
    assert.deepEqual(await axeViolations(page), []);
    await page.goto(`${server.base}/newsroom`);
    assert.deepEqual(await axeViolations(page), []);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "dispatch_session");
    assert.ok(session?.httpOnly);
    assert.equal(session?.sameSite, "Lax");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/newsroom\/login$/);
    await page.goto(`${server.base}/newsroom`);
    assert.match(page.url(), /\/newsroom\/login/);
    await context.close();
  });

  test("a form whose CSRF token was taken out gets 403 and changes nothing", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.base}/newsroom/login`);
    await page.getByLabel("E-mail address").fill(editor.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/newsroom$/);
    await page.goto(`${server.base}/newsroom/account`);
    await page.evaluate(() => {
      for (const input of document.querySelectorAll('input[name="_csrf"]')) input.remove();
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/newsroom/account/logout-everywhere")),
      page.getByRole("button", { name: "Sign out everywhere" }).click(),
    ]);
    assert.equal(response.status(), 403);
    assert.match((await page.textContent("main")) ?? "", /did not come from this site/);
    await page.goto(`${server.base}/newsroom`);
    assert.match(page.url(), /\/newsroom$/, "still signed in: nothing was done");
    await context.close();
  });

  test("screenshots: sign-in, desk and account, phone and desktop, light and dark", {
    skip: !SHOTS,
  }, async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [label, width] of [
        ["phone", 375],
        ["desktop", 1280],
      ] as const) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
        const page = await context.newPage();
        await page.goto(`${server.base}/newsroom/login`);
        await page.screenshot({
          path: `${SHOTS}/login-${label}-${colorScheme}.png`,
          fullPage: true,
        });
        await page.getByLabel("E-mail address").fill(editor.email);
        await page.getByLabel("Password").fill(TEST_PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL(/\/newsroom$/);
        await page.screenshot({
          path: `${SHOTS}/desk-${label}-${colorScheme}.png`,
          fullPage: true,
        });
        await page.goto(`${server.base}/newsroom/account`);
        await page.screenshot({
          path: `${SHOTS}/account-${label}-${colorScheme}.png`,
          fullPage: true,
        });
        await context.close();
      }
    }
  });

  // Last: it leaves 127.0.0.1 locked out of sign-in for 15 minutes.
  test("the sixth quick wrong password gets 429; another address still signs in", async () => {
    const target = await createUser(server.dispatch, "reporter", "reporter@example.org");
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.base}/newsroom/login`);
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      await page.getByLabel("E-mail address").fill(target.email);
      await page.getByLabel("Password").fill(`a wrong password number ${i}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
      statuses.push(response.status());
      if (i < 6)
        assert.match((await page.textContent("main")) ?? "", /Wrong e-mail address or password/);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    assert.match((await page.textContent("main")) ?? "", /Too many attempts/);
    // Chromium comes from 127.0.0.1; a colleague elsewhere (127.0.0.7) is not held back.
    const colleague = new NewsroomClient(server.base, "127.0.0.7");
    assert.equal((await colleague.signIn(target.email)).status, 303);
    await context.close();
  });
});
