import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { articlePath } from "../../src/domain/article-path.ts";
import type { User } from "../../src/domain/user.ts";
import { hashSecret } from "../../src/newsroom/session-auth.ts";
import { issueSetupToken } from "../../src/newsroom/setup-token.ts";
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

describe("writing, publishing, conflicts, corrections and history in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let alice: User;
  let bruno: User;
  let articleId = 0;
  let readerPath = "";
  const headline = "Harbour bridge reopens after two years";

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    await importSeed(db.database);
    server = await startServer(db.database, { INGEST: "off" });
    alice = await createUser(server.dispatch, "editor", "alice@example.org");
    bruno = await createUser(server.dispatch, "editor", "bruno@example.org");
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  async function shoot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    const dir = join(SHOTS, "articles");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }

  async function signedIn(
    user: User,
    look: (typeof LOOKS)[number] = LOOKS[2],
  ): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: look.width, height: look.height },
      colorScheme: look.scheme,
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.base}/newsroom/login`);
    await page.getByLabel("E-mail address").fill(user.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/newsroom$/);
    await page.close();
    return context;
  }

  test("write, fix the copy, preview, publish: on the home page and in /feed.xml", async () => {
    const context = await signedIn(alice);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${server.base}/newsroom/articles/new`);
    await page.getByLabel(/^Headline/).fill(headline);
    await page.getByLabel(/^Standfirst/).fill("Traffic returns to the city's main crossing.");
    await page
      .getByLabel(/^Body/)
      .fill(
        "The bridge opened at dawn . between the towers, the mayor said.\n\nCars crossed within minutes.",
      );
    await page.getByRole("button", { name: "Start the draft" }).click();
    await page.waitForURL(/\/newsroom\/articles\/\d+\?done=created/);
    articleId = Number(/articles\/(\d+)/.exec(page.url())?.[1]);
    assert.ok(articleId > 0);
    assert.match((await page.textContent("#findings")) ?? "", /Copy check \(\d+\)/);

    // The one-click fix, through the script: the text and the findings swap in place.
    const fix = page.locator("#findings form.fix-form button").first();
    await fix.click();
    await page.getByText("Fix applied and saved.").waitFor();
    assert.doesNotMatch(await page.getByLabel(/^Body/).inputValue(), / \. between/);
    assert.deepEqual(await axeViolations(page), []);
    await shoot(page, "editor-desktop-light");

    await page.getByRole("link", { name: "Preview as readers see it" }).click();
    await page.waitForURL(/\/preview$/);
    assert.equal(await page.locator("h1").textContent(), headline);
    assert.match((await page.textContent("article")) ?? "", /opened at dawn between the towers/);
    await page.goBack();

    await page.getByRole("button", { name: "Publish now" }).click();
    await page.waitForURL(/done=published/);
    const published = await server.dispatch.newsroomArticles.get(articleId);
    assert.ok(published);
    readerPath = articlePath(published) ?? "";
    assert.ok(readerPath);
    const home = await context.newPage();
    await home.goto(`${server.base}/`);
    assert.ok(await home.getByRole("link", { name: headline }).first().isVisible());
    const feed = await (await fetch(`${server.base}/feed.xml`)).text();
    assert.ok(feed.includes(`<title>${headline}</title>`), "in the RSS feed");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("two editors on one article: presence shows, a stale save gets both versions side by side", async () => {
    const a = await signedIn(alice);
    const b = await signedIn(bruno);
    const pageA = await a.newPage();
    await pageA.goto(`${server.base}/newsroom/articles/${articleId}`);
    const pageB = await b.newPage();
    await pageB.goto(`${server.base}/newsroom/articles/${articleId}`);
    await pageB.getByText(`Also open by: ${alice.name}`).waitFor();

    await pageA.getByLabel(/^Body/).fill("Alice's text: the bridge opened at dawn.");
    await pageA.getByRole("button", { name: "Save draft" }).click();
    await pageA.waitForURL(/done=saved/);

    await pageB.getByLabel(/^Body/).fill("Bruno's text: the bridge opened at noon.");
    // Autosave meets the newer version and says so instead of overwriting it.
    await pageB
      .getByText(`Someone saved a newer version by ${alice.name}`, { exact: false })
      .waitFor({ timeout: 15_000 });
    await pageB.getByRole("button", { name: "Save draft" }).click();
    await pageB
      .getByRole("heading", { name: /Someone saved this article while you were editing/ })
      .waitFor();
    const conflict = (await pageB.textContent("main")) ?? "";
    assert.match(conflict, /Your version[\s\S]*Saved version/);
    assert.match((await pageB.locator(".ar-diff ins").first().textContent()) ?? "", /Bruno/);
    assert.deepEqual(await axeViolations(pageB), []);
    await shoot(pageB, "conflict-desktop-light");
    const draft = await server.dispatch.newsroomArticles.get(articleId);
    assert.equal(
      draft?.draft.bodySource,
      "Alice's text: the bridge opened at dawn.",
      "nothing overwritten",
    );

    await pageB.getByRole("button", { name: "Keep mine" }).click();
    await pageB.waitForURL(/done=saved/);
    assert.equal(
      (await server.dispatch.newsroomArticles.get(articleId))?.draft.bodySource,
      "Bruno's text: the bridge opened at noon.",
    );
    await pageB.getByRole("button", { name: "Publish changes" }).click();
    await pageB.waitForURL(/done=published/);
    await a.close();
    await b.close();
  });

  test("a correction and the history, looked at in every look; axe clean", async () => {
    const desk = await signedIn(alice);
    const page = await desk.newPage();
    await page.goto(`${server.base}/newsroom/articles/${articleId}`);
    await page.getByRole("link", { name: "Corrections" }).click();
    await page
      .getByLabel(/^Correction/)
      .fill("An earlier version said the bridge opened at dawn; it opened at noon.");
    await page.getByRole("button", { name: "Publish correction" }).click();
    await page.waitForURL(/done=added/);
    await desk.close();

    for (const look of LOOKS) {
      const context = await signedIn(alice, look);
      const p = await context.newPage();
      for (const [name, url] of [
        ["editor", `/newsroom/articles/${articleId}`],
        ["history", `/newsroom/articles/${articleId}/history`],
        ["corrections", `/newsroom/articles/${articleId}/corrections`],
        ["list", "/newsroom/articles"],
        ["reader-corrected", readerPath],
      ] as const) {
        await p.goto(`${server.base}${url}`);
        assert.deepEqual(await axeViolations(p), [], `${name} ${look.name}`);
        const width = await p.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= look.width, `${name} fits ${look.width} px (is ${width})`);
        await shoot(p, `${name}-${look.name}`);
      }
      const notice = (await p.textContent(".correction-notice")) ?? "";
      assert.match(notice, /Correction[\s\S]*it opened at noon/);
      await p.goto(`${server.base}/newsroom/articles/${articleId}/history`);
      assert.ok((await p.locator(".ar-diff del").count()) > 0, "the newest change is marked");
      await context.close();
    }
  });

  test("setup makes the first admin; a reporter drafts but cannot publish; an embargo lifts by itself; a kill answers 410", async () => {
    // The link the server prints at a first start with no admin (issueSetupToken is what it runs).
    const token = await issueSetupToken(server.dispatch.users);
    assert.ok(token, "no admin yet, so a setup link");
    const first = await browser.newContext({ bypassCSP: true });
    const setup = await first.newPage();
    await setup.goto(`${server.base}/newsroom/setup?token=${token}`);
    await setup.getByLabel("E-mail address").fill("chief@example.org");
    await setup.getByLabel(/^Name/).fill("Chief Admin");
    await setup.getByLabel(/^Password/).fill("a long walk by the quiet river 7");
    await setup.getByLabel("Repeat it").fill("a long walk by the quiet river 7");
    await setup.getByRole("button", { name: "Create admin and sign in" }).click();
    await setup
      .getByRole("navigation", { name: "Newsroom" })
      .getByRole("link", { name: "People" })
      .waitFor();
    await first.close();

    const reporterUser = await createUser(server.dispatch, "reporter", "rita@example.org");
    const reporter = await signedIn(reporterUser);
    const page = await reporter.newPage();
    await page.goto(`${server.base}/newsroom/articles/new`);
    const embargoed = "Rates decision held until the bell";
    await page.getByLabel(/^Headline/).fill(embargoed);
    await page.getByLabel(/^Body/).fill("The bank kept its rate at four per cent.");
    await page.getByRole("button", { name: "Start the draft" }).click();
    await page.waitForURL(/done=created/);
    const id = Number(/articles\/(\d+)/.exec(page.url())?.[1]);
    assert.equal(
      await page.getByRole("button", { name: "Publish now" }).count(),
      0,
      "no publish button",
    );
    const csrf = await page.locator("input[name=_csrf]").first().inputValue();
    const forged = await page.request.post(`${server.base}/newsroom/articles/${id}/publish`, {
      form: { _csrf: csrf, mode: "now" },
      maxRedirects: 0,
    });
    assert.equal(forged.status(), 403, "a reporter cannot publish, even by hand");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.waitForURL(/done=submitted/);
    await reporter.close();

    // An embargo a few seconds ahead, set through the API (the form's clock has minutes).
    const secret = randomBytes(24).toString("base64url");
    await server.dispatch.tokens.create({
      name: "desk",
      tokenHash: hashSecret(secret),
      role: "editor",
      createdBy: alice.id,
      now: new Date(),
    });
    const at = new Date(Date.now() + 4_000);
    const set = await fetch(`${server.base}/api/v1/articles/${id}/publish`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ mode: "embargo", at: at.toISOString() }),
    });
    assert.equal(set.status, 200, await set.text());
    const reader = await browser.newContext();
    const home = await reader.newPage();
    await home.goto(`${server.base}/`);
    assert.equal(await home.getByText(embargoed).count(), 0, "not before its time");
    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 300));
    await home.reload();
    assert.ok(
      await home.getByRole("link", { name: embargoed }).first().isVisible(),
      "there at its time, no restart",
    );
    const lifted = await server.dispatch.newsroomArticles.get(id);
    assert.ok(lifted);
    const path = articlePath(lifted) ?? "";

    const desk = await signedIn(alice);
    const editor = await desk.newPage();
    await editor.goto(`${server.base}/newsroom/articles/${id}`);
    await editor.getByLabel(/Kill it for good/).check();
    await editor.getByRole("button", { name: "Kill" }).click();
    await editor.waitForURL(/done=killed/);
    const gone = await home.goto(`${server.base}${path}`);
    assert.equal(gone?.status(), 410);
    // A reload: the browser may keep the home page for its max-age (30 s) otherwise.
    await home.goto(`${server.base}/`);
    await home.reload();
    assert.equal(await home.getByText(embargoed).count(), 0, "gone from the home page");
    assert.deepEqual(await axeViolations(editor), []);
    await desk.close();
    await reader.close();
  });
});
