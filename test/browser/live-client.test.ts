import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { LiveArticle, LiveEntry } from "../../src/domain/live-event.ts";
import { axeViolations, chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { type LiveFixture, startLiveFixture } from "../support/live-fixture.ts";

// The page client alone, against a loopback stand-in for /live (test/support/live-fixture.ts):
// the stream, the shared leader, reconnects and every page's changes. The same client against
// the real server is test/browser/live-pages.test.ts.
const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);
const SHOTS = process.env.SHOTS_DIR;

function entry(id: number, over: Partial<LiveEntry> = {}): LiveEntry {
  return {
    id,
    liveblogId: 10,
    title: `Update ${id}`,
    bodyHtml: `<p>Body of update <strong>${id}</strong>.</p>`,
    byline: "Desk",
    keyEvent: false,
    pinned: false,
    postedAt: "2026-12-07T09:00:00Z",
    updatedAt: "2026-12-07T09:00:00Z",
    ...over,
  };
}

describe("the live client in Chromium (loopback fixture)", { skip }, () => {
  let fixture: LiveFixture;
  let browser: Browser;
  const errors: string[] = [];

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    fixture = await startLiveFixture();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fixture?.close();
  });

  async function context(options: { width?: number; dark?: boolean } = {}) {
    const ctx = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: 800 },
      colorScheme: options.dark ? "dark" : "light",
      // axe goes in as an inline script; the fixture's pages carry a no-inline CSP otherwise.
      bypassCSP: true,
    });
    return ctx;
  }

  async function open(ctx: BrowserContext, name: string): Promise<Page> {
    const page = await ctx.newPage();
    page.on("console", (m) => {
      // A stream cut by a restart is logged by Chromium itself; that is the point of the test.
      if (m.type() === "error" && !/503|404|ERR_|EventSource/.test(m.text())) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    const streams = fixture.opened();
    await page.goto(`${fixture.base}/page/${name}`);
    await waitFor(() => fixture.opened() > streams || fixture.open() > 0);
    return page;
  }

  async function shoot(page: Page, name: string) {
    if (!SHOTS) return;
    mkdirSync(join(SHOTS, "live"), { recursive: true });
    await page.screenshot({ path: join(SHOTS, "live", `${name}.png`) });
  }

  test("entries appear, change and disappear in place; key events and the pin follow; text stays text", async () => {
    const ctx = await context();
    const page = await open(ctx, "liveblog");
    const started = Date.now();
    fixture.publish("live:10", "entry.posted", entry(2, { title: '<img src=x onerror="boom()">' }));
    const added = page.locator("#entry-2");
    await added.waitFor();
    assert.ok(Date.now() - started < 1_000, `shown after ${Date.now() - started} ms`);
    assert.equal(await added.locator("h3").textContent(), '<img src=x onerror="boom()">');
    assert.equal(await page.locator("img").count(), 0);
    assert.equal(await added.locator(".body strong").textContent(), "2");
    // Newest first, above the one the page was rendered with.
    assert.deepEqual(await entryIds(page), ["entry-2", "entry-1"]);

    fixture.publish(
      "live:10",
      "entry.edited",
      entry(2, { title: "Rescue under way", keyEvent: true, pinned: true }),
    );
    await page.locator("#entry-2 h3", { hasText: "Rescue under way" }).waitFor();
    assert.deepEqual(await entryIds(page), ["entry-2", "entry-1"]);
    assert.match((await page.locator("#entry-2").getAttribute("class")) ?? "", /key/);
    await page
      .locator("nav.key-events a[href='#entry-2']", { hasText: "Rescue under way" })
      .waitFor();
    await page.locator("article.entry.pinned[data-entry='2']").waitFor();

    fixture.publish("live:10", "entry.deleted", { liveblogId: 10, entryId: 2 });
    await page.locator("#entry-2").waitFor({ state: "detached" });
    assert.equal(await page.locator("nav.key-events").count(), 0);
    assert.equal(await page.locator("article.entry.pinned").count(), 0);
    assert.deepEqual(await entryIds(page), ["entry-1"]);

    fixture.publish("live:10", "liveblog.changed", {
      liveblogId: 10,
      closedAt: "2026-12-07T10:00:00Z",
      pinnedEntryId: null,
    });
    await page.locator(".live-ended").waitFor();
    assert.equal(await page.locator(".live-badge").textContent(), "Ended");
    assert.deepEqual(await axeViolations(page), []);
    await ctx.close();
  });

  test("scrolled into the stream, a new entry waits hidden behind a toast; the title counts it", async () => {
    const ctx = await context({ width: 375 });
    const page = await open(ctx, "liveblog");
    await page.evaluate(() =>
      window.scrollTo(0, (document.getElementById("entry-1")?.offsetTop ?? 0) + 50),
    );
    const id = 100;
    fixture.publish("live:10", "entry.posted", entry(id));
    const toast = page.getByRole("button", { name: "1 new update" });
    await toast.waitFor();
    assert.equal(await page.locator(`#entry-${id}`).isHidden(), true);
    assert.match(await page.title(), /^\(1\) /);
    await shoot(page, "client-toast-phone-light");
    await toast.click();
    await page.locator(`#entry-${id}`).waitFor({ state: "visible" });
    assert.equal(await toast.count(), 0);
    assert.doesNotMatch(await page.title(), /^\(/);
    await ctx.close();
  });

  test("home: new stories wait behind a bar laid over the page (no layout shift), revealed on click", async () => {
    for (const look of [
      { name: "phone-light", width: 375, dark: false },
      { name: "desktop-dark", width: 1280, dark: true },
    ]) {
      const ctx = await context(look);
      const page = await open(ctx, "home");
      await page.evaluate(() => {
        (window as unknown as { shifts: number }).shifts = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            (window as unknown as { shifts: number }).shifts += (
              e as unknown as { value: number }
            ).value;
          }
        }).observe({ type: "layout-shift", buffered: false });
      });
      const base = {
        url: "",
        sectionSlug: "news",
        sectionName: "News",
        standfirst: "What we know.",
        outlet: "Outlet C",
        language: "en",
      };
      const first = 1000 + (look.dark ? 10 : 0);
      for (const n of [first, first + 1]) {
        fixture.publish("home", "article.published", {
          ...base,
          articleId: n,
          headline: `Fresh story ${n}`,
          url: `/news/2026/12/07/fresh-${n}`,
          publishedAt: new Date().toISOString(),
          storyId: n,
          // One in another language: its item says so, as the server's river does.
          ...(n === first + 1 ? { language: "de" } : {}),
        });
      }
      // A new report of a story the river already shows is not a new story.
      fixture.publish("home", "article.published", {
        ...base,
        articleId: first + 5,
        headline: "Another report on the harbour",
        url: `/news/2026/12/07/again-${first}`,
        publishedAt: new Date().toISOString(),
        storyId: 3,
      });
      const bar = page.getByRole("button", { name: "2 new stories" });
      await bar.waitFor();
      await page.waitForTimeout(100);
      assert.equal(await page.evaluate(() => (window as unknown as { shifts: number }).shifts), 0);
      assert.match(await page.title(), /^\(2\) /);
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, `client-new-stories-${look.name}`);
      await bar.click();
      await page.locator("ol.river li.live-new").nth(1).waitFor();
      const top = await page
        .locator("ol.river li h3")
        .evaluateAll((h) => h.slice(0, 2).map((n) => n.textContent));
      assert.deepEqual([...top].sort(), [`Fresh story ${first}`, `Fresh story ${first + 1}`]);
      assert.equal(await page.locator("ol.river li").count(), 8);
      assert.deepEqual(
        await page
          .locator("ol.river li[lang]")
          .evaluateAll((li) =>
            li.map((n) => [n.getAttribute("lang"), n.querySelector("h3")?.textContent]),
          ),
        [["de", `Fresh story ${first + 1}`]],
      );
      assert.equal(await bar.count(), 0);
      await ctx.close();
    }
  });

  test("article: a correction shows at once, a kill says so; the breaking banner comes, goes and stays dismissed", async () => {
    const ctx = await context();
    const page = await open(ctx, "article");
    fixture.publish("article:20", "article.corrected", {
      articleId: 20,
      url: "/news/2026/12/07/harbour-bridge",
      correction: {
        id: 7,
        text: "The bridge reopened at dawn, not at noon.",
        createdAt: "2026-12-07T09:10:00Z",
      },
    });
    const notice = page.locator("section.correction-notice");
    await notice.getByText("The bridge reopened at dawn, not at noon.").waitFor();
    assert.equal(await notice.locator("h2").textContent(), "Correction");

    fixture.setAlert({ id: 5, headline: "Dam breach upstream", url: "/news/2026/12/07/dam" });
    fixture.publish("breaking", "alert.sent", {
      alertId: 5,
      headline: "Dam breach upstream",
      url: "/news/2026/12/07/dam",
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const banner = page.getByRole("region", { name: "Breaking news" });
    await banner.getByText("Dam breach upstream").waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await shoot(page, "client-banner-desktop-light");
    await banner.getByRole("button", { name: "Dismiss breaking news" }).click();
    assert.equal(await banner.count(), 0);
    // The page rendered afterwards carries the banner; this browser dismissed it for good.
    await page.reload();
    await page.locator("meta[name=dispatch-live]").waitFor({ state: "attached" });
    await page.waitForFunction(() => !document.querySelector("section.breaking"));
    fixture.setAlert(null);

    fixture.publish("article:20", "article.killed", {
      articleId: 20,
      url: "/news/2026/12/07/harbour-bridge",
    });
    await page.getByRole("alert").getByText("withdrawn").waitFor();
    await ctx.close();
  });

  test("a story's counts and coverage follow its reports; one in another language says which", async () => {
    const ctx = await context();
    const page = await open(ctx, "story");
    const report = {
      sectionSlug: "news",
      sectionName: "News",
      publishedAt: new Date().toISOString(),
      standfirst: null,
      storyId: 30,
    };
    fixture.publish("story:30", "article.published", {
      ...report,
      articleId: 31,
      headline: "Talks resume at the port",
      url: "/news/2026/12/07/strike-c",
      outlet: "Outlet C",
      language: "en",
    });
    fixture.publish("story:30", "article.published", {
      ...report,
      articleId: 32,
      headline: "Hafenstreik: Gespräche gehen weiter",
      url: "/news/2026/12/07/strike-d",
      outlet: "Outlet D",
      language: "de",
    });
    // An event the log kept from before payloads carried a language: shown, unmarked.
    const old: Omit<LiveArticle, "language"> = {
      ...report,
      articleId: 33,
      headline: "Strike talks, day two",
      url: "/news/2026/12/07/strike-e",
      outlet: "Outlet E",
    };
    fixture.publish("story:30", "article.published", old as LiveArticle);
    fixture.publish("story:30", "story.changed", {
      storyId: 30,
      title: "Harbour strike",
      url: "/story/30-harbour-strike",
      sourceCount: 5,
      articleCount: 5,
      leadArticleId: 31,
    });
    await page.locator("[data-live-counts]", { hasText: "5 sources, 5 reports" }).waitFor();
    await page.locator("ol.coverage li", { hasText: "Strike talks, day two" }).waitFor();
    assert.equal(await page.locator("ol.coverage li").count(), 5);
    const german = page.locator("ol.coverage li", { hasText: "Hafenstreik" });
    assert.equal(await german.getAttribute("lang"), "de");
    const label = german.locator(".meta-line > span[lang]");
    assert.equal(await label.getAttribute("lang"), "en");
    assert.equal(await label.textContent(), "German");
    assert.match((await german.locator(".meta-line").textContent()) ?? "", / · German$/);
    // Only the German report is marked: the English one and the one of unknown language not.
    assert.equal(await page.locator("ol.coverage li[lang]").count(), 1);
    assert.equal(await page.locator("ol.coverage span[lang]").count(), 1);
    assert.deepEqual(await axeViolations(page), []);
    await ctx.close();
  });

  test("two tabs hold one stream; when the leader's tab closes the other takes the stream over", async () => {
    const ctx = await context();
    const before = fixture.open();
    const one = await open(ctx, "liveblog");
    const two = await open(ctx, "liveblog");
    await two.waitForTimeout(300);
    assert.equal(fixture.open() - before, 1, "one stream for both tabs");
    const e = fixture.publish("live:10", "entry.posted", entry(200));
    await one.locator(`#entry-${e.id === 0 ? 0 : 200}`).waitFor();
    await two.locator("#entry-200").waitFor();
    await one.close();
    await waitFor(() => fixture.open() - before === 1);
    fixture.publish("live:10", "entry.posted", entry(201));
    await two.locator("#entry-201").waitFor();
    assert.equal(await two.locator("#entry-200").count(), 1);
    await ctx.close();
  });

  test("a restart while the page is open: after reconnecting every entry shows, none twice", async () => {
    const ctx = await context();
    const page = await open(ctx, "liveblog");
    fixture.publish("live:10", "entry.posted", entry(300));
    await page.locator("#entry-300").waitFor();
    fixture.down();
    for (const id of [301, 302, 303]) fixture.publish("live:10", "entry.posted", entry(id));
    await page.waitForTimeout(1_500);
    fixture.up();
    await page.locator("#entry-303").waitFor({ timeout: 10_000 });
    const ids = await entryIds(page);
    for (const id of [300, 301, 302, 303]) {
      assert.equal(ids.filter((x) => x === `entry-${id}`).length, 1, `entry ${id} once`);
    }
    await ctx.close();
  });

  test("without EventSource the client polls /live/poll", async () => {
    const ctx = await context();
    await ctx.addInitScript(() => {
      delete (window as { EventSource?: unknown }).EventSource;
    });
    const page = await ctx.newPage();
    await page.goto(`${fixture.base}/page/liveblog`);
    await page.waitForTimeout(200);
    fixture.publish("live:10", "entry.posted", entry(400));
    await page.locator("#entry-400").waitFor({ timeout: 5_000 });
    await ctx.close();
  });

  test("a page from another epoch of the log is told to reload, politely", async () => {
    const ctx = await context();
    fixture.stampEpoch("restored0");
    const page = await open(ctx, "article");
    fixture.stampEpoch(null);
    await page.getByRole("status").getByText("This page has been updated.").waitFor();
    await page.getByRole("button", { name: "Reload" }).waitFor();
    await ctx.close();
  });

  test("no console errors on any page", () => {
    assert.deepEqual(errors, []);
  });
});

async function entryIds(page: Page): Promise<string[]> {
  return page
    .locator("#live-entries > article.entry")
    .evaluateAll((nodes) => nodes.map((n) => n.id));
}

async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
