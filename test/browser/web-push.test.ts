/**
 * The breaking-news alerts button in Chromium. Headless Chromium has no push service to
 * register with (and the real ones cannot be reached from here), so `pushManager.subscribe`
 * cannot complete: what is tested is that the button appears only where it can work,
 * stays off until clicked, registers the service worker, says so politely when the
 * subscription cannot be made, and that the subscribe POST a browser makes from the page
 * passes the same-origin check. Sending is tested over HTTP against a loopback stand-in
 * for the push service (test/web-push.test.ts).
 */
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createPushSubscriptionRepository } from "../../src/db/push-subscription-repository.ts";
import { articlePath } from "../../src/domain/article-path.ts";
import { axeViolations, chromiumUnavailable, launchChromium } from "../support/browser.ts";
import { freshSqlite, type TestDatabase } from "../support/databases.ts";
import { type PushEndpoint, startPushEndpoint } from "../support/push-endpoint.ts";
import { importSeed, type RunningServer, startServer } from "../support/server.ts";

const skip = process.env.CI === "true" ? false : (chromiumUnavailable() ?? false);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

describe("breaking news alerts button in Chromium", { skip }, () => {
  let db: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let push: PushEndpoint;
  let page = "";

  before(async () => {
    const missing = chromiumUnavailable();
    if (missing) throw new Error(`CI=true but ${missing}`);
    db = await freshSqlite();
    page = articlePath(await importSeed(db.database)) ?? "";
    push = await startPushEndpoint();
    // The page's origin must be SITE_URL's for the subscribe POST to pass the origin check.
    const port = await freePort();
    server = await startServer(db.database, { SITE_URL: `http://127.0.0.1:${port}` }, port);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await push?.close();
    await db?.dispose();
  });

  for (const [label, width] of [
    ["phone", 375],
    ["desktop", 1280],
  ] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      test(`the button is in the footer, off, and the page axe-clean (${label} ${colorScheme})`, async () => {
        // bypassCSP only so axe can be injected; the CSP itself is checked in the next test.
        const context = await browser.newContext({
          viewport: { width, height: 800 },
          colorScheme,
          bypassCSP: true,
        });
        const tab = await context.newPage();
        const errors = errorsOf(tab);
        await tab.goto(`${server.base}${page}`);
        const button = tab.locator(".site-footer").getByRole("button", {
          name: "Get breaking news alerts",
        });
        await button.waitFor();
        assert.equal(await button.isVisible(), true);
        const registered = await tab.evaluate(
          async () => (await navigator.serviceWorker.getRegistrations()).length,
        );
        assert.equal(registered, 0, "nothing is registered until the reader asks");
        assert.deepEqual(await axeViolations(tab), []);
        assert.deepEqual(errors, []);
        await context.close();
      });
    }
  }

  test("clicking asks for permission; refused, the button says why", async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const errors = errorsOf(tab);
    await tab.goto(`${server.base}${page}`);
    // Headless Chromium answers a permission prompt nobody can see with "denied".
    await tab.getByRole("button", { name: "Get breaking news alerts" }).click();
    await tab
      .locator(".push-status", { hasText: "Alerts need permission to show notifications." })
      .waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("with permission the worker registers under the page's CSP; without a push service the subscription cannot be made and the page says so", async () => {
    const context = await browser.newContext();
    await context.grantPermissions(["notifications"], { origin: server.base });
    const tab = await context.newPage();
    const errors = errorsOf(tab);
    const posts: string[] = [];
    tab.on("request", (r) => {
      if (r.method() !== "GET") posts.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await tab.goto(`${server.base}${page}`);
    await tab.getByRole("button", { name: "Get breaking news alerts" }).click();
    await tab.locator(".push-status:not(:empty)").waitFor();
    const said = await tab.locator(".push-status").textContent();
    const worker = await tab.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration("/");
      return registration?.active?.scriptURL ?? registration?.installing?.scriptURL ?? null;
    });
    assert.equal(worker, `${server.base}/push-sw.js`, "the service worker registered at the root");
    if (said === "You will get breaking news alerts.") {
      // A Chromium that did reach a push service: the subscription was stored.
      assert.deepEqual(posts, ["POST /push/subscriptions"]);
    } else {
      assert.equal(said, "Alerts could not be turned on in this browser.");
      assert.deepEqual(posts, [], "nothing is stored for a subscription that was not made");
      assert.equal(
        await tab.getByRole("button", { name: "Get breaking news alerts" }).isEnabled(),
        true,
        "the reader may try again",
      );
    }
    // Chromium logs its own refusal (Playwright's contexts are incognito profiles, where
    // Chromium has no Push API at all); our code logs nothing.
    assert.deepEqual(
      errors.filter((e) => !/push service|Registration failed|Push API in incognito/i.test(e)),
      [],
    );

    // The POST a subscribed page makes, from the page's own origin: accepted and stored.
    const browserLike = push.subscribe();
    const status = await tab.evaluate(
      async (body) =>
        (
          await fetch("/push/subscriptions", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          })
        ).status,
      { endpoint: browserLike.endpoint, expirationTime: null, keys: browserLike.keys },
    );
    assert.equal(status, 201);
    const stored = await createPushSubscriptionRepository(db.database).page(0, 10);
    assert.ok(stored.some((s) => s.endpoint === browserLike.endpoint));
    await context.close();
  });
});
