import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { createSourceRepository } from "../src/db/source-repository.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type RunningServer, startServer } from "./support/server.ts";

// The whole WebSub round trip through the running portal, on 127.0.0.1 only: a poll finds
// the hub in the feed, Dispatch subscribes, the hub verifies and pushes a signed update,
// and the pushed item is stored by the same path as a polled one.

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function rss(hub: string, self: string, items: string[]): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>Pushy Times</title><link>http://pushy.test/</link>
<atom:link rel="hub" href="${hub}"/><atom:link rel="self" href="${self}"/>
${items.map((t, i) => `<item><guid>pushy-${t.length}-${i}</guid><title>${t}</title><link>http://pushy.test/${i}</link><description>${t}, in brief.</description><pubDate>Sat, 28 Nov 2026 08:0${i}:00 GMT</pubDate></item>`).join("")}
</channel></rss>`;
}

forEachDatabase("websub end to end", ({ database }) => {
  let server: RunningServer;
  let site: http.Server;
  let feedUrl = "";
  let hubUrl = "";
  const subscribed: { callback: string; secret: string; topic: string }[] = [];

  before(async () => {
    site = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        if (req.url === "/feed.xml") {
          res.writeHead(200, { "content-type": "application/rss+xml" });
          res.end(rss(hubUrl, feedUrl, ["First item"]));
          return;
        }
        if (req.url === "/hub" && req.method === "POST") {
          const form = new URLSearchParams(Buffer.concat(chunks).toString());
          res.writeHead(202).end();
          const callback = form.get("hub.callback") ?? "";
          const topic = form.get("hub.topic") ?? "";
          const verify = new URL(callback);
          verify.searchParams.set("hub.mode", "subscribe");
          verify.searchParams.set("hub.topic", topic);
          verify.searchParams.set("hub.challenge", "c-123");
          verify.searchParams.set("hub.lease_seconds", "3600");
          const answer = await fetch(verify);
          if ((await answer.text()) === "c-123") {
            subscribed.push({ callback, topic, secret: form.get("hub.secret") ?? "" });
          }
          return;
        }
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    feedUrl = `${base}/feed.xml`;
    hubUrl = `${base}/hub`;
    const port = await freePort();
    server = await startServer(
      database(),
      { SITE_URL: `http://127.0.0.1:${port}`, FETCH_ALLOW_HOSTS: new URL(base).host },
      port,
    );
  });
  after(async () => {
    await server.stop();
    await new Promise((resolve) => site.close(resolve));
  });

  test("poll, subscribe, verify, signed push stored; a forged push is refused", async () => {
    const repo = createSourceRepository(database());
    const source = await repo.add({
      url: feedUrl,
      mode: "link",
      section: { slug: "world", name: "World" },
    });
    const polled = await server.dispatch.ingestion.ingest(source);
    assert.equal(polled.status, "ok");
    assert.equal(polled.websub?.hub, hubUrl);
    for (let i = 0; i < 100 && subscribed.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const sub = subscribed[0];
    assert.ok(sub, "the hub verified our subscription");
    assert.equal(sub.callback, `${server.base}/websub/${source.id}`);
    assert.equal(sub.topic, feedUrl);

    const pushed = rss(hubUrl, feedUrl, ["First item", "Pushed breaking item"]);
    const forged = await fetch(sub.callback, {
      method: "POST",
      headers: { "content-type": "application/rss+xml", "x-hub-signature": "sha256=00" },
      body: pushed,
    });
    assert.equal(forged.status, 403);

    const signature = createHmac("sha256", sub.secret).update(pushed).digest("hex");
    const delivery = await fetch(sub.callback, {
      method: "POST",
      headers: {
        "content-type": "application/rss+xml",
        "x-hub-signature": `sha256=${signature}`,
      },
      body: pushed,
    });
    assert.equal(delivery.status, 202);
    let headlines: string[] = [];
    for (let i = 0; i < 100 && !headlines.includes("Pushed breaking item"); i++) {
      await new Promise((r) => setTimeout(r, 20));
      headlines = (await database().db.selectFrom("articles").select("headline").execute()).map(
        (r) => r.headline,
      );
    }
    assert.deepEqual(headlines.sort(), ["First item", "Pushed breaking item"]);
  });
});
