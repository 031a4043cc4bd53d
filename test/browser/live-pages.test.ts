import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createEnrichmentRepository } from "../../src/db/enrichment-repository.ts";
import type { Article, ArticleInput } from "../../src/domain/article.ts";
import { articlePath } from "../../src/domain/article-path.ts";
import type { User } from "../../src/domain/user.ts";
import { hashSecret } from "../../src/newsroom/session-auth.ts";
import { axeViolations, chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { storedEnrichment } from "../support/enrich-fixtures.ts";
import { createUser } from "../support/newsroom.ts";
import { importSeed, type RunningServer, startServer } from "../support/server.ts";

// The page client (src/site/live-client/) against the real server: the write API, the log
// its transactions append to, the bus, /live and the pages' own markup, in Chromium. The
// client alone against a stand-in for /live is test/browser/live-client.test.ts.
const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);
const SHOTS = process.env.SHOTS_DIR;

const LOOKS = [
  { name: "phone-light", width: 375, dark: false },
  { name: "phone-dark", width: 375, dark: true },
  { name: "desktop-light", width: 1280, dark: false },
  { name: "desktop-dark", width: 1280, dark: true },
] as const;

const world = { slug: "world", name: "World" };

function report(guid: string, headline: string, over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    guid,
    kind: "link",
    status: "published",
    headline,
    standfirst: `${headline}, in brief.`,
    body: `<p>${headline}. More words about it.</p>`,
    byline: null,
    language: "en",
    section: world,
    slug: null,
    canonicalUrl: null,
    externalUrl: `http://127.0.0.1:9/${guid}`,
    publishedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    ...over,
  };
}

describe("live pages against the real server in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let editor: User;
  let seed: Article;
  let token: string;
  /** Every answered GET /live of every context, by its URL. */
  const streams: string[] = [];
  const errors: string[] = [];

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    seed = await importSeed(db.database);
    server = await startServer(db.database, { INGEST: "off" });
    editor = await createUser(server.dispatch, "editor");
    token = randomBytes(24).toString("base64url");
    await server.dispatch.tokens.create({
      name: "live-pages-bot",
      tokenHash: hashSecret(token),
      role: "editor",
      createdBy: editor.id,
      now: new Date(),
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  async function api(method: string, path: string, json?: unknown): Promise<unknown> {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  }

  async function context(look: { width: number; dark: boolean } = LOOKS[2]) {
    const ctx = await browser.newContext({
      viewport: { width: look.width, height: 900 },
      colorScheme: look.dark ? "dark" : "light",
      // axe goes in as an inline script, which the pages' CSP refuses otherwise.
      bypassCSP: true,
    });
    // Headers back: the server holds the stream in its hub.
    ctx.on("response", (r) => {
      if (new URL(r.url()).pathname === "/live" && r.status() === 200) streams.push(r.url());
    });
    return ctx;
  }

  /** A page, open and listening: its stream is held (by it or its browser's leader tab). */
  async function open(ctx: BrowserContext, path: string): Promise<Page> {
    const page = await ctx.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${path}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`${path}: ${String(e)}`));
    const before = streams.length;
    await page.goto(`${server.base}${path}`);
    // Its own stream, or its browser's leader's, reconnected for this tab's channels too.
    await waitFor(() => streams.length > before);
    return page;
  }

  async function shoot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    const dir = join(SHOTS, "live-pages");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`) });
  }

  async function newBlog(headline: string) {
    const blog = await server.dispatch.liveblogConsole.create({
      headline,
      standfirst: "Rivers over their banks across the south.",
      sectionSlug: "news",
      summaryMarkdown: "",
      summaryHtml: "",
      language: "en",
      byline: null,
      publish: true,
      authorId: editor.id,
    });
    assert.ok(blog.path, "published blogs have a page");
    return { id: blog.articleId, path: blog.path };
  }

  test("an entry posted through the API appears within a second; an edit and a delete change it in place", async () => {
    const blog = await newBlog("Storm Hesper: live");
    await api("POST", `/api/v1/liveblogs/${blog.id}/entries`, {
      body: "Warnings are in force from noon.",
      title: "Warnings issued",
    });
    const ctx = await context();
    const page = await open(ctx, blog.path);
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    const started = Date.now();
    const posted = (await api("POST", `/api/v1/liveblogs/${blog.id}/entries`, {
      body: "The coastguard has lifted **23 people** from roofs in Marlow.",
      title: "Rescue <under> way",
    })) as { entry: { id: number } };
    const id = posted.entry.id;
    const shown = page.locator(`#entry-${id}`);
    await shown.waitFor();
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 1_000, `shown ${elapsed} ms after the POST`);
    assert.equal(await shown.locator("h3").textContent(), "Rescue <under> way");
    assert.equal(await shown.locator(".body strong").textContent(), "23 people");
    assert.equal(await page.locator("article.entry[id]").first().getAttribute("id"), `entry-${id}`);

    await api("PATCH", `/api/v1/liveblogs/${blog.id}/entries/${id}`, {
      body: "Now **31 people**, the coastguard says.",
      title: "Rescue widens",
      keyEvent: true,
    });
    await page.locator(`#entry-${id} h3`, { hasText: "Rescue widens" }).waitFor();
    assert.equal(await page.locator(`#entry-${id} .body strong`).textContent(), "31 people");
    await page
      .locator(`nav.key-events a[href='#entry-${id}']`, { hasText: "Rescue widens" })
      .waitFor();
    // What the client built is what the server renders for the same entry now.
    // Another browser (its own HTTP cache), and no script: the server's markup as it stands.
    const other = await browser.newContext({ javaScriptEnabled: false });
    const fresh = await other.newPage();
    await fresh.goto(`${server.base}${blog.path}`);
    // Attributes in name order (the DOM keeps the order they were set in). A string: tsx
    // would name an inner function with a helper the page does not have.
    const markup = (p: Page): Promise<string[]> =>
      p.evaluate(`(() => {
        const write = (node) => !node ? "" : !(node instanceof Element) ? node.textContent :
          "<" + node.localName + " " + [...node.attributes].map((a) => a.name + '="' + a.value + '"')
            .sort().join(" ") + ">" + [...node.childNodes].map(write).join("") + "</>";
        return [
          write(document.getElementById("entry-${id}")),
          write(document.querySelector('nav.key-events a[href="#entry-${id}"]')),
        ];
      })()`);
    const built = await markup(page);
    assert.match(built[0] ?? "", /Rescue widens/);
    assert.match(built[1] ?? "", /Rescue widens/);
    assert.deepEqual(built, await markup(fresh));
    await other.close();
    assert.deepEqual(await axeViolations(page), []);

    await api("DELETE", `/api/v1/liveblogs/${blog.id}/entries/${id}`);
    await page.locator(`#entry-${id}`).waitFor({ state: "detached" });
    assert.equal(await page.locator("nav.key-events").count(), 0);
    assert.equal(await page.locator("article.entry").count(), 1, "the earlier entry stays");
    assert.equal(
      await page.evaluate(() => (window as unknown as { marker?: boolean }).marker),
      true,
      "the page was never reloaded",
    );
    await ctx.close();
  });

  test("after an update the live blog looks right at phone and desktop, light and dark; axe clean", async () => {
    const blog = await newBlog("Storm Hesper: the looks");
    await api("POST", `/api/v1/liveblogs/${blog.id}/entries`, {
      body: "Warnings are in force from noon across the south coast.",
      title: "Warnings issued",
    });
    for (const look of LOOKS) {
      const ctx = await context(look);
      const page = await open(ctx, blog.path);
      await api("POST", `/api/v1/liveblogs/${blog.id}/entries`, {
        body: `The river at Marlow is **over its banks** (${look.name}).`,
        title: `Marlow flooded (${look.name})`,
        keyEvent: true,
      });
      await page
        .locator("article.entry h3", { hasText: `Marlow flooded (${look.name})` })
        .waitFor();
      assert.deepEqual(await axeViolations(page), [], look.name);
      await shoot(page, `liveblog-${look.name}`);
      await ctx.close();
    }
  });

  test("an alert appears on an open article; a correction shows its notice there", async () => {
    const ctx = await context();
    const path = articlePath(seed);
    assert.ok(path);
    const page = await open(ctx, path);
    assert.equal(await page.locator("section.breaking").count(), 0);
    const blog = await newBlog("Bridge closes: live");
    await api("POST", "/api/v1/alerts", { headline: "Marlow bridge closed", url: blog.path });
    const banner = page.locator("section.breaking", { hasText: "Marlow bridge closed" });
    await banner.waitFor();
    assert.equal(await banner.locator("a").getAttribute("href"), blog.path);

    await api("POST", `/api/v1/articles/${seed.id}/corrections`, {
      text: "An earlier version misnamed the <river>.",
    });
    const notice = page.locator("article.article section.correction-notice");
    await notice.locator("li", { hasText: "An earlier version misnamed the <river>." }).waitFor();
    assert.equal(await notice.locator("h2").textContent(), "Correction");
    assert.deepEqual(await axeViolations(page), []);
    await shoot(page, "article-alert-correction-desktop-light");
    await ctx.close();
  });

  test("a report from another outlet joins a story: its open page's source count and coverage change", async () => {
    const { dispatch } = server;
    const enrich = createEnrichmentRepository(db.database);
    const outlets = await Promise.all(
      ["a", "b", "c"].map((x) =>
        dispatch.sources.add({ url: `http://127.0.0.1:9/${x}`, mode: "link", section: world }),
      ),
    );
    const [a, b, c] = outlets as [(typeof outlets)[0], (typeof outlets)[0], (typeof outlets)[0]];
    const first = await dispatch.articles.saveMany([
      report("q1", "Quake shakes the coast", { sourceId: a.id }),
      report("q2", "Coast quake: many hurt", { sourceId: b.id }),
    ]);
    const ids = first.map((s) => s.article.id);
    await enrich.save(
      ids.map((id) => storedEnrichment(id, { storyKey: "s-live-quake" })),
      1,
    );
    const story = await dispatch.stories.storyOf(ids[0] ?? 0, new Date());
    assert.ok(story, "the two reports make a story");
    const storyPath = `/story/${story.story.id}-${story.story.slug}`;
    const ctx = await context();
    const page = await open(ctx, storyPath);
    const counts = page.locator("[data-live-counts]");
    assert.equal(await counts.textContent(), "2 sources, 2 reports");

    const [joined] = await dispatch.articles.saveMany([
      report("q3", "Aftershocks rattle the coast", {
        sourceId: c.id,
        publishedAt: new Date().toISOString(),
      }),
    ]);
    assert.ok(joined);
    await enrich.save([storedEnrichment(joined.article.id, { storyKey: "s-live-quake" })], 1);
    await page.locator("[data-live-counts]", { hasText: "3 sources, 3 reports" }).waitFor();
    const joinedItem = page.locator("ol.coverage li", { hasText: "Aftershocks rattle the coast" });
    await joinedItem.waitFor();
    // Named as the server names the others: a source without a title by its host.
    assert.match(
      (await joinedItem.locator(".meta-line").textContent()) ?? "",
      /^\s*127\.0\.0\.1 · /,
    );
    assert.deepEqual(await axeViolations(page), []);
    await shoot(page, "story-joined-desktop-light");
    await ctx.close();
  });

  test("a German report joins an open English story page: marked lang=de, labelled ' · German' as the server renders it", async () => {
    const { dispatch } = server;
    const enrich = createEnrichmentRepository(db.database);
    const outlets = await Promise.all(
      ["en-a", "en-b", "de-c"].map((x) =>
        dispatch.sources.add({ url: `http://127.0.0.1:9/${x}`, mode: "link", section: world }),
      ),
    );
    const [a, b, c] = outlets as [(typeof outlets)[0], (typeof outlets)[0], (typeof outlets)[0]];
    const first = await dispatch.articles.saveMany([
      report("v1", "Dam at Marlow to be raised by four metres", { sourceId: a.id }),
      report("v2", "Marlow dam plan: four metres higher by 2028", { sourceId: b.id }),
    ]);
    const ids = first.map((s) => s.article.id);
    await enrich.save(
      ids.map((id) => storedEnrichment(id, { storyKey: "s-live-dam" })),
      1,
    );
    const story = await dispatch.stories.storyOf(ids[0] ?? 0, new Date());
    assert.ok(story, "the two reports make a story");
    const storyPath = `/story/${story.story.id}-${story.story.slug}`;
    const page = await open(await context(), storyPath);
    assert.equal(await page.locator("html").getAttribute("lang"), "en");

    const headline = "Staudamm bei Marlow wird um vier Meter erhöht";
    const [joined] = await dispatch.articles.saveMany([
      report("v3", headline, {
        sourceId: c.id,
        language: "de",
        publishedAt: new Date().toISOString(),
      }),
    ]);
    assert.ok(joined);
    // The language step's verdict rides with the enrichment, as in the real pipeline.
    await enrich.save(
      [storedEnrichment(joined.article.id, { storyKey: "s-live-dam", language: "de" })],
      1,
    );
    const item = page.locator("ol.coverage li", { hasText: headline });
    await item.waitFor();
    // Its time reads like its neighbours' at once, not the absolute time until the next tick.
    assert.equal(await item.locator(".meta-line time").textContent(), "now");
    assert.equal(await item.getAttribute("lang"), "de");
    const label = item.locator(".meta-line > span[lang]");
    assert.equal(await label.getAttribute("lang"), "en");
    assert.equal(await label.textContent(), "German");
    assert.equal(await page.locator("ol.coverage li[lang]").count(), 1, "the English ones not");
    // At desktop width the label shares the time's line: it makes the item no taller.
    const [timeBox, labelBox] = await Promise.all([
      item.locator(".meta-line time").boundingBox(),
      label.boundingBox(),
    ]);
    assert.ok(timeBox && labelBox);
    assert.equal(labelBox.y, timeBox.y);

    // What the client built is what the server renders for the same report now (another
    // browser, no script): the item's lang, the label and the separator before it. (The
    // outlet before them is linked only by the server: the payload names no source id.)
    server.dispatch.cache.invalidate();
    const other = await browser.newContext({ javaScriptEnabled: false });
    const fresh = await other.newPage();
    await fresh.goto(`${server.base}${storyPath}`);
    const markup = (p: Page): Promise<string[]> =>
      p.evaluate(`(() => {
        const write = (node) => !node ? "" : !(node instanceof Element) ? node.textContent :
          "<" + node.localName + " " + [...node.attributes].map((a) => a.name + '="' + a.value + '"')
            .sort().join(" ") + ">" + [...node.childNodes].map(write).join("") + "</>";
        const li = [...document.querySelectorAll("ol.coverage li")]
          .find((l) => l.textContent.includes(${JSON.stringify(headline)}));
        const label = li && li.querySelector(".meta-line > span[lang]");
        return [
          li ? li.getAttribute("lang") : "none",
          label ? label.previousSibling.textContent + write(label) : "none",
        ];
      })()`);
    const built = await markup(page);
    assert.deepEqual(built, ["de", ' · <span lang="en">German</>']);
    assert.deepEqual(built, await markup(fresh));
    await other.close();

    assert.deepEqual(await axeViolations(page), []);
    for (const look of LOOKS) {
      await page.setViewportSize({ width: look.width, height: 900 });
      await page.emulateMedia({ colorScheme: look.dark ? "dark" : "light" });
      await item.scrollIntoViewIfNeeded();
      await shoot(page, `story-joined-german-${look.name}`);
    }
    await page.context().close();
  });

  /** A story of one report per headline, each its own outlet's: its path, and a report to join. */
  async function storyOf(key: string, headlines: string[]) {
    const { dispatch } = server;
    const enrich = createEnrichmentRepository(db.database);
    const outlets = await Promise.all(
      headlines.map((_, i) =>
        dispatch.sources.add({
          url: `http://127.0.0.1:9/${key}-${i}`,
          mode: "link",
          section: world,
        }),
      ),
    );
    const saved = await dispatch.articles.saveMany(
      headlines.map((h, i) =>
        report(`${key}-${i}`, h, {
          sourceId: outlets[i]?.id ?? null,
          // Hours apart, so every dot has a place of its own on the line.
          publishedAt: new Date(Date.now() - (3 + headlines.length - i) * 3_600_000).toISOString(),
        }),
      ),
    );
    const ids = saved.map((s) => s.article.id);
    await enrich.save(
      ids.map((id) => storedEnrichment(id, { storyKey: key })),
      1,
    );
    const story = await dispatch.stories.storyOf(ids[0] ?? 0, new Date());
    assert.ok(story, "the reports make a story");
    const path = `/story/${story.story.id}-${story.story.slug}`;
    const join = async (headline: string) => {
      const outlet = await dispatch.sources.add({
        url: `http://127.0.0.1:9/${key}-joined`,
        mode: "link",
        section: world,
      });
      const [joined] = await dispatch.articles.saveMany([
        report(`${key}-joined`, headline, {
          sourceId: outlet.id,
          publishedAt: new Date().toISOString(),
        }),
      ]);
      assert.ok(joined);
      await enrich.save([storedEnrichment(joined.article.id, { storyKey: key })], 1);
    };
    return { path, join };
  }

  /** The story's timeline as the server renders it now: another browser, no script. */
  async function serverTimeline(path: string): Promise<string> {
    server.dispatch.cache.invalidate();
    const other = await browser.newContext({ javaScriptEnabled: false });
    const fresh = await other.newPage();
    await fresh.goto(`${server.base}${path}`);
    const figure = await timelineOf(fresh);
    await other.close();
    return figure;
  }

  /** The figure's markup with whitespace normalised, and that it sits right before the h2. */
  const timelineOf = (p: Page): Promise<string> =>
    p.evaluate(`(() => {
      const figure = document.querySelector("article.story figure.timeline");
      if (!figure) return "none";
      const next = figure.nextElementSibling;
      const placed = next && next.localName === "h2" && next.textContent === "Coverage";
      return (placed ? "" : "misplaced: ") + figure.outerHTML.replace(/\\s+/g, " ");
    })()`);

  test("a report joins a story: its open page's timeline gains a dot and reads as the server's", async () => {
    const { path, join } = await storyOf("s-live-timeline", [
      "Levee breaks above Marlow",
      "Marlow levee gives way overnight",
    ]);
    const ctx = await context();
    const page = await open(ctx, path);
    const circles = page.locator("figure.timeline circle");
    assert.equal(await circles.count(), 2);
    const caption = page.locator("figure.timeline figcaption");
    assert.match((await caption.textContent()) ?? "", /^2 reports between /);

    await join("Levee repairs begin at Marlow");
    await page.locator("ol.coverage li", { hasText: "Levee repairs begin at Marlow" }).waitFor();
    assert.equal(await circles.count(), 3);
    assert.match((await caption.textContent()) ?? "", /^3 reports between .+ and .+$/);
    const built = await timelineOf(page);
    assert.match(built, /^<figure class="timeline">/);
    assert.equal(built, await serverTimeline(path));
    assert.deepEqual(await axeViolations(page), []);
    for (const [width, name] of [
      [390, "phone"],
      [1280, "desktop"],
    ] as const) {
      for (const dark of [false, true]) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: dark ? "dark" : "light" });
        await shoot(page, `timeline-${name}-${dark ? "dark" : "light"}`);
      }
    }
    await ctx.close();
  });

  test("a second report joins a one-report story: its open page gains the timeline, where the server puts it", async () => {
    const { path, join } = await storyOf("s-live-timeline-two", ["Sluice gate jams at Marlow"]);
    const page = await open(await context(), path);
    assert.equal(await page.locator("figure.timeline").count(), 0, "one report: no timeline");

    await join("Marlow sluice freed by divers");
    await page.locator("ol.coverage li", { hasText: "Marlow sluice freed by divers" }).waitFor();
    assert.equal(await page.locator("figure.timeline circle").count(), 2);
    const built = await timelineOf(page);
    assert.match(built, /<figcaption class="meta-line">2 reports between /);
    assert.equal(built, await serverTimeline(path));
    await page.context().close();
  });

  test("two stories merge: the absorbed story's open page points to the survivor, the survivor's offers the joined reports", async () => {
    const { dispatch } = server;
    const enrich = createEnrichmentRepository(db.database);
    const [ferry, island, bridge] = await dispatch.articles.saveMany([
      report("m1", "Ferry with 180 aboard sinks in Lombok Strait"),
      report("m2", "Bodies and life jackets wash up on Nusa Penida beaches"),
      report("m3", "Nusa Penida bodies were KM Sinar Bahari passengers, Basarnas says", {
        publishedAt: new Date().toISOString(),
      }),
    ]);
    assert.ok(ferry && island && bridge);
    await enrich.save(
      [
        storedEnrichment(ferry.article.id, { storyKey: "s-ferry" }),
        storedEnrichment(island.article.id, { storyKey: "s-island" }),
      ],
      1,
    );
    const older = await dispatch.stories.storyOf(ferry.article.id, new Date());
    const younger = await dispatch.stories.storyOf(island.article.id, new Date());
    assert.ok(older && younger);
    const survivorPath = `/story/${older.story.id}-${older.story.slug}`;
    const absorbedPath = `/story/${younger.story.id}-${younger.story.slug}`;
    const ctx = await context();
    const absorbedPage = await open(ctx, absorbedPath);
    const survivorPage = await open(await context(), survivorPath);

    await enrich.save(
      [
        {
          ...storedEnrichment(bridge.article.id, { storyKey: "s-ferry" }),
          mergedStoryKeys: ["s-island"],
        },
      ],
      1,
    );
    const pointer = absorbedPage.locator(".story-merged a", { hasText: "Read the whole story" });
    await pointer.waitFor();
    assert.equal(await pointer.getAttribute("href"), survivorPath);
    await survivorPage.getByRole("button", { name: "Reload to see them" }).waitFor();
    assert.deepEqual(await axeViolations(absorbedPage), []);
    assert.deepEqual(await axeViolations(survivorPage), []);
    for (const look of LOOKS) {
      await absorbedPage.setViewportSize({ width: look.width, height: 900 });
      await absorbedPage.emulateMedia({ colorScheme: look.dark ? "dark" : "light" });
      await shoot(absorbedPage, `story-merged-${look.name}`);
    }
    await shoot(survivorPage, "story-merged-survivor-desktop-light");
    // The pointer leads to the survivor, which now lists both reports. (The enricher drops
    // the cached pages when it stores; the repository called here directly does not.)
    server.dispatch.cache.invalidate();
    await pointer.click();
    await absorbedPage.waitForURL(`${server.base}${survivorPath}`);
    await absorbedPage
      .locator("ol.coverage li", { hasText: "Bodies and life jackets wash up" })
      .waitFor();
    await survivorPage.context().close();
    await ctx.close();
  });

  test("two tabs of one browser hold one stream between them", async () => {
    const blog = await newBlog("Two tabs: live");
    const ctx = await context();
    // Held open: asked for and neither finished nor failed (an SSE response never finishes).
    const held = new Set<unknown>();
    const asked: string[] = [];
    ctx.on("request", (r) => {
      if (new URL(r.url()).pathname !== "/live") return;
      held.add(r);
      asked.push(r.url());
    });
    ctx.on("requestfinished", (r) => held.delete(r));
    ctx.on("requestfailed", (r) => held.delete(r));
    const one = await open(ctx, blog.path);
    // Fails without the leader hearing a joining tab's new channels (shared-stream.ts).
    const two = await open(ctx, articlePath(seed) ?? "/");
    // The leader gathers the joins, then holds one stream for both tabs' channels.
    await waitFor(() => asked.some((u) => decodeURIComponent(u).includes(`article:${seed.id}`)));
    await waitFor(() => held.size === 1, 2_000);
    // Earlier tests' closed browsers are gone from the server too: one stream in all.
    await waitFor(() => server.dispatch.live.hub.size === 1, 5_000);
    const both = decodeURIComponent(asked.at(-1) ?? "");
    assert.ok(both.includes(`live:${blog.id}`) && both.includes(`article:${seed.id}`), both);
    const posted = (await api("POST", `/api/v1/liveblogs/${blog.id}/entries`, {
      body: "Both tabs hear this.",
      title: "One stream",
    })) as { entry: { id: number } };
    await one.locator(`#entry-${posted.entry.id}`).waitFor();
    await api("POST", `/api/v1/articles/${seed.id}/corrections`, {
      text: "A second tab's correction.",
    });
    await two
      .locator("section.correction-notice li", { hasText: "A second tab's correction." })
      .waitFor();
    assert.equal(held.size, 1);
    assert.equal(server.dispatch.live.hub.size, 1);

    // The leader's tab goes: the other takes the lock and the one stream, missing nothing.
    await one.close();
    await api("POST", `/api/v1/articles/${seed.id}/corrections`, { text: "After the handover." });
    await two.locator("section.correction-notice li", { hasText: "After the handover." }).waitFor();
    // A closed tab's requests never finish in Playwright's eyes: the server counts here.
    await waitFor(() => server.dispatch.live.hub.size === 1, 5_000);
    assert.match(
      decodeURIComponent(asked.at(-1) ?? ""),
      new RegExp(`channels=article:${seed.id},breaking&`),
    );
    await ctx.close();
  });

  test("home: a newly published article shows the 'N new stories' bar without layout shift", async () => {
    const ctx = await context(LOOKS[0]);
    const page = await open(ctx, "/");
    await page.evaluate(() => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.shifts += (e as unknown as { value: number }).value;
      }).observe({ type: "layout-shift", buffered: false });
    });
    await server.dispatch.articles.save(
      report("fresh-1", "Dam gates opened above Marlow", {
        kind: "own",
        externalUrl: null,
        publishedAt: new Date().toISOString(),
      }),
    );
    const bar = page.getByRole("button", { name: "1 new story" });
    await bar.waitFor();
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => (window as unknown as { shifts: number }).shifts), 0);
    assert.match(await page.title(), /^\(1\) /);
    assert.deepEqual(await axeViolations(page), []);
    await shoot(page, "home-new-story-phone-light");
    await bar.click();
    await page.locator("ol.river li a", { hasText: "Dam gates opened above Marlow" }).waitFor();
    await ctx.close();
  });

  test("no console errors on any page", () => {
    assert.deepEqual(errors, []);
  });
});

async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
