import assert from "node:assert/strict";
import { test } from "node:test";
import { renderToString } from "preact-render-to-string";
import { Layout } from "./layout.tsx";
import { type LiveHead, withLiveHead } from "./live-head.ts";
import { moved } from "./serve-cached.ts";
import type { SiteContext } from "./site-context.ts";

const SITE: SiteContext = {
  name: "Dispatch",
  url: "http://127.0.0.1",
  locale: "en-GB",
  language: "en",
  timeZone: "UTC",
  stylesheetHref: "/assets/site.css",
  liveScriptHref: "/assets/live.abc.js",
};

test("the head is read before the page loads, and the page carries it with its channels", async () => {
  const order: string[] = [];
  const head = async (): Promise<LiveHead> => {
    order.push("head");
    return { epoch: "e1", lastId: 41 };
  };
  const load = withLiveHead(
    head,
    async (slug: string) => {
      order.push("load");
      return { site: SITE, slug };
    },
    (props) => [`section:${props.slug}`, "not a channel", `section:${props.slug}`],
  );
  const props = await load("world");
  assert.deepEqual(order, ["head", "load"]);
  assert.ok(props && !("movedTo" in props));
  // Unknown names are left out, duplicates once, breaking always.
  assert.deepEqual(props.site.live, {
    epoch: "e1",
    lastId: 41,
    channels: ["section:world", "breaking"],
  });
});

test("a missing page or a move is passed through; without a head reader the loader is as it was", async () => {
  const head = async () => ({ epoch: "e", lastId: 0 });
  assert.equal(
    await withLiveHead(
      head,
      async () => null,
      () => [],
    )("x"),
    null,
  );
  assert.deepEqual(
    await withLiveHead(
      head,
      async () => moved("/a"),
      () => [],
    )("x"),
    moved("/a"),
  );
  const plain = async () => ({ site: SITE });
  assert.equal(
    withLiveHead(undefined, plain, () => []),
    plain,
  );
});

test("the layout embeds the meta tag and the live script only for a page with a head", () => {
  const live = { epoch: "e1", lastId: 7, channels: ["home" as const, "breaking" as const] };
  const html = renderToString(
    <Layout site={{ ...SITE, live }} lang="en" head={{ title: "t" }}>
      <p>body</p>
    </Layout>,
  );
  assert.match(html, /<meta name="dispatch-live" content="e1:7" data-channels="home breaking"\/?>/);
  assert.match(html, /<script src="\/assets\/live\.abc\.js" defer/);
  const without = renderToString(
    <Layout site={SITE} lang="en" head={{ title: "t" }}>
      <p>body</p>
    </Layout>,
  );
  assert.doesNotMatch(without, /dispatch-live|live\.abc/);
});
