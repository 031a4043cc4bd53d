import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { feedJson } from "../src/cli/feed-command.ts";
import { decodeBody } from "../src/ingest/charset.ts";
import { parseFeed } from "../src/ingest/feeds/parse-feed.ts";

const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const FEEDS = new URL("./fixtures/feeds/", import.meta.url).pathname;
const ARTICLE = new URL("./fixtures/extract/article.html", import.meta.url).pathname;

const FEED_KEYS = ["format", "title", "link", "language", "items"];
const ITEM_KEYS = [
  "id",
  "title",
  "url",
  "published",
  "updated",
  "author",
  "summary",
  "contentHtml",
  "categories",
  "image",
  "enclosures",
];
const EXTRACT_KEYS = [
  "title",
  "byline",
  "lang",
  "publishedTime",
  "siteName",
  "excerpt",
  "html",
  "text",
];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !/^(PORT|HOST|DATA_DIR|DATABASE_URL|SITE_.*|LOG_LEVEL|DISPATCH_CONFIG|FETCH_.*)$/.test(k),
    ),
  );
  return { ...clean, ...env };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function dispatch(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: cleanEnv(env),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** For runs against a server in this process, whose event loop spawnSync would block. */
function dispatchAsync(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function json(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

function assertFeedShape(feed: Record<string, unknown>): void {
  assert.deepEqual(Object.keys(feed), FEED_KEYS);
  assert.ok(Array.isArray(feed.items));
  for (const item of feed.items as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(item), ITEM_KEYS);
    for (const key of ["published", "updated"]) {
      const value = item[key];
      if (value !== null) assert.match(String(value), ISO_UTC, `${key} of ${item.id}`);
    }
    for (const enclosure of item.enclosures as Record<string, unknown>[]) {
      assert.deepEqual(Object.keys(enclosure), ["url", "type", "length"]);
    }
  }
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "dispatch-inspect-"));
  dirs.push(d);
  return d;
}

describe("dispatch feed inspect, on files", () => {
  const good: [string, string][] = [
    ["rss2.xml", "rss"],
    ["rss091.xml", "rss"],
    ["rss-cp1251.xml", "rss"],
    ["rdf10.xml", "rdf"],
    ["atom.xml", "atom"],
    ["jsonfeed10.json", "json"],
    ["jsonfeed11.json", "json"],
    ["ninjs-list.json", "ninjs"],
    ["unescaped-html.xml", "rss"],
  ];
  const dir = tempDir();
  const bad: [string, string, RegExp][] = [
    [path.join(dir, "missing.xml"), "file_not_found", /^no such file: .*missing\.xml$/],
    [dir, "file_unreadable", / is a directory$/],
    [path.join(FEEDS, "billion-laughs.xml"), "unsafe_feed", /^DTD entity declarations/],
    [
      path.join(FEEDS, "html-with-alternate.html"),
      "unknown_format",
      /^an HTML page, not a feed .*advertises a feed at https:\/\/riverside\.example\.com\/feed\/atom\/$/,
    ],
    ["ftp://127.0.0.1/feed.xml", "bad_url", /^only http\(s\) URLs can be fetched/],
    ["http://[::1/feed", "bad_url", /^not a valid URL/],
  ];
  // Every fixture in one process: starting the CLI is the slow part of these tests.
  let lines: Record<string, unknown>[] = [];
  before(() => {
    const inputs = [...good.map(([file]) => path.join(FEEDS, file)), ...bad.map(([i]) => i)];
    const r = dispatch(["feed", "inspect", ...inputs]);
    assert.equal(r.code, 1, r.stderr);
    lines = r.stdout.trimEnd().split("\n").map(json);
    assert.deepEqual(
      lines.map((l) => l.file),
      inputs,
    );
  });

  test("each format: the documented JSON, equal to feedJson(parseFeed(…)) of the decoded file", () => {
    good.forEach(([file, format], i) => {
      const printed = lines[i]?.result as Record<string, unknown>;
      assertFeedShape(printed);
      assert.equal(printed.format, format, file);
      assert.ok((printed.items as unknown[]).length > 0, file);
      // ninjs drops embargoed items by the clock; the others must match the parser exactly.
      if (format === "ninjs") return;
      const text = decodeBody(readFileSync(path.join(FEEDS, file)), null).text;
      const expected = feedJson(parseFeed(text, { url: null }));
      assert.deepEqual(printed, JSON.parse(JSON.stringify(expected)), file);
    });
  });

  test("bytes are decoded as the fetcher decodes them (windows-1251 declared in the XML)", () => {
    const feed = lines[2]?.result as Record<string, unknown>;
    assert.equal(feed.title, "Новости Приволжья");
    assert.equal(feed.language, "ru");
    const [first] = feed.items as Record<string, unknown>[];
    assert.equal(first?.title, "Ледоход на Волге начался раньше срока");
  });

  test("bad inputs: a stable code and a one-line message each", () => {
    bad.forEach(([input, code, message], i) => {
      const error = lines[good.length + i]?.error as Record<string, unknown> | undefined;
      assert.equal(error?.code, code, input);
      assert.match(String(error?.message), message);
    });
  });

  test("extra ParsedFeed fields stay out, and the rest equals feedJson(parseFeed(…))", () => {
    const file = path.join(FEEDS, "atom.xml");
    const r = dispatch(["feed", "inspect", file, "--json"]);
    const expected = feedJson(parseFeed(readFileSync(file, "utf8"), { url: null }));
    assert.deepEqual(json(r.stdout), JSON.parse(JSON.stringify(expected)));
    assert.doesNotMatch(r.stdout, /"(ttlMinutes|hub|self)"/);
  });

  test("--base-url resolves a file's relative links", () => {
    const file = path.join(FEEDS, "rss2.xml");
    const based = json(
      dispatch(["feed", "inspect", file, "--json", "--base-url", "https://mirror.example.org/f"])
        .stdout,
    );
    const firstUrl = (feed: unknown) =>
      ((feed as Record<string, unknown>).items as Record<string, unknown>[])[0]?.url;
    // Without it the channel's own link is the base, as the parser does for any feed.
    assert.equal(
      firstUrl(lines[0]?.result),
      "https://courier.example.com/world/2024/03/05/po-valley-floods/",
    );
    assert.equal(firstUrl(based), "https://mirror.example.org/world/2024/03/05/po-valley-floods/");
  });

  test("without --json: format, title, the count, and each item's date and title", () => {
    const r = dispatch(["feed", "inspect", path.join(FEEDS, "rss2.xml")]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(
      lines[0],
      "rss · The Evening Courier – World · https://courier.example.com/world/ · en",
    );
    assert.equal(lines[1], "5 items");
    assert.equal(
      lines[2],
      "  2024-03-05T10:58:00Z  Live: Floods force & evacuations in the Po valley",
    );
    assert.equal(lines.length, 7);
    assert.match(lines[5] ?? "", /^ {2}\(no date\) +Nothing but a title/);
  });

  test("a broken feed: exit 2 and exactly one line naming the code and the place", () => {
    // Was malformed.xml until issue 15; a document cut off after complete items is read now
    // (the next test), so the broken feed is one with a misspelt end tag.
    const r = dispatch(["feed", "inspect", path.join(FEEDS, "mismatched.xml")]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      "error: malformed_feed: RSS is not well-formed XML (line 13, column 7): Unexpected end of link\n",
    );
  });

  test("a feed cut off inside its second item: the first kept, the truncation a warning", () => {
    const file = path.join(FEEDS, "malformed.xml");
    const r = dispatch(["feed", "inspect", file]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split("\n"), [
      "rss · Broken Feed · https://broken.example.com/",
      "1 item",
      "warning: truncated: the document breaks off at line 12, column 7; the 1 complete item before it was kept",
      "  (no date)             First item",
    ]);
    const printed = json(dispatch(["feed", "inspect", file, "--json"]).stdout);
    assert.deepEqual(printed.warnings, [
      {
        code: "truncated",
        message:
          "the document breaks off at line 12, column 7; the 1 complete item before it was kept",
        line: 12,
        column: 7,
      },
    ]);
    assert.deepEqual(Object.keys(printed), [...FEED_KEYS, "warnings"]);
  });

  test("a missing file alone: exit 2, one line", () => {
    const missing = path.join(tempDir(), "missing.xml");
    const r = dispatch(["feed", "inspect", missing]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `error: file_not_found: no such file: ${missing}\n`);
  });

  test("unknown flags, a missing subcommand and no inputs: exit 2 with the usage line", () => {
    for (const args of [
      ["feed"],
      ["feed", "inspect"],
      ["feed", "inspect", "--verbose", "x.xml"],
      ["extract", "--bogus", "x.html"],
    ]) {
      const r = dispatch(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.equal(r.stdout, "");
      assert.match(
        r.stderr,
        /^usage: dispatch (feed inspect|extract) <url\|file…>/m,
        args.join(" "),
      );
    }
    const bad = dispatch(["extract", "--base-url", "not a url", ARTICLE]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^error: bad_url: --base-url must be an http\(s\) URL/);
  });
});

describe("several inputs", () => {
  test("one JSON line per input, in order, past a bad one; exit 1", () => {
    const inputs = [
      path.join(FEEDS, "rss2.xml"),
      path.join(FEEDS, "atom.xml"),
      path.join(FEEDS, "does-not-exist.xml"),
      path.join(FEEDS, "mismatched.xml"),
      path.join(FEEDS, "jsonfeed11.json"),
    ];
    const r = dispatch(["feed", "inspect", ...inputs]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, "");
    const lines = r.stdout.trimEnd().split("\n").map(json);
    assert.deepEqual(
      lines.map((l) => l.file),
      inputs,
    );
    assert.deepEqual(
      lines.map((l) => Object.keys(l)),
      [
        ["file", "result"],
        ["file", "result"],
        ["file", "error"],
        ["file", "error"],
        ["file", "result"],
      ],
    );
    assert.deepEqual(
      lines.map((l) => (l.result as Record<string, unknown> | undefined)?.format),
      ["rss", "atom", undefined, undefined, "json"],
    );
    assertFeedShape(lines[0]?.result as Record<string, unknown>);
    assert.deepEqual(lines[2]?.error, {
      code: "file_not_found",
      message: `no such file: ${inputs[2]}`,
    });
    assert.equal((lines[3]?.error as Record<string, unknown> | undefined)?.code, "malformed_feed");
  });

  test("all good: exit 0; hundreds of files come back in input order", () => {
    const dir = tempDir();
    const inputs: string[] = [];
    for (let i = 0; i < 400; i++) {
      const file = path.join(dir, `feed-${i}.json`);
      // Uneven sizes so reads finish out of order.
      const padding = "x".repeat((i * 7919) % 20_000);
      writeFileSync(
        file,
        JSON.stringify({
          version: "https://jsonfeed.org/version/1.1",
          title: `Feed ${i}`,
          items: [
            { id: `${i}`, url: `https://example.org/${i}`, content_text: `Item ${i} ${padding}` },
          ],
        }),
      );
      inputs.push(file);
    }
    const r = dispatch(["feed", "inspect", ...inputs]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n").map(json);
    assert.equal(lines.length, inputs.length);
    lines.forEach((line, i) => {
      assert.equal(line.file, inputs[i]);
      assert.equal((line.result as Record<string, unknown>).title, `Feed ${i}`);
    });
  });

  test("extract takes several too, with the same line shape", () => {
    const dir = tempDir();
    const wall = path.join(dir, "cookie-wall.html");
    writeFileSync(wall, "<html><body><p>Please enable cookies.</p></body></html>");
    const missing = path.join(dir, "missing.html");
    const r = dispatch(["extract", ARTICLE, missing, wall, ARTICLE]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split("\n").map(json);
    assert.deepEqual(
      lines.map((l) => [
        l.file,
        (l.result as Record<string, unknown> | undefined)?.title ??
          (l.error as Record<string, unknown>).code,
      ]),
      [
        [ARTICLE, "Ferry strike called off after late-night talks"],
        [missing, "file_not_found"],
        [wall, "not_extractable"],
        [ARTICLE, "Ferry strike called off after late-night talks"],
      ],
    );
  });
});

describe("dispatch extract, on a file", () => {
  test("the documented JSON; relative links resolve against the canonical link", () => {
    const r = dispatch(["extract", ARTICLE, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const result = json(r.stdout);
    assert.deepEqual(Object.keys(result), EXTRACT_KEYS);
    assert.equal(result.title, "Ferry strike called off after late-night talks");
    assert.equal(result.byline, "Kim Ng");
    assert.equal(result.lang, "en");
    assert.equal(result.publishedTime, "2024-03-04T21:30:00.000Z");
    assert.equal(result.siteName, "Harbour Dispatch");
    assert.match(String(result.text), /^The ferry workers' union has called off/);
    assert.doesNotMatch(String(result.html), /<script|ads\.example\.com|Skip to content/);
    assert.match(
      String(result.html),
      /href="https:\/\/harbour\.example\.net\/2024\/03\/04\/ferry-talks"/,
    );
  });

  test("--base-url wins over the canonical link; with neither, a reserved .invalid host", () => {
    const based = json(
      dispatch(["extract", ARTICLE, "--json", "--base-url", "https://mirror.example.org/a/b"])
        .stdout,
    );
    assert.match(
      String(based.html),
      /href="https:\/\/mirror\.example\.org\/2024\/03\/04\/ferry-talks"/,
    );
    const page = readFileSync(ARTICLE, "utf8").replace(/<link rel="canonical"[^>]*>/, "");
    const file = path.join(tempDir(), "saved.html");
    writeFileSync(file, page);
    const bare = json(dispatch(["extract", file, "--json"]).stdout);
    assert.match(
      String(bare.html),
      /href="https:\/\/no-base-url\.invalid\/2024\/03\/04\/ferry-talks"/,
    );
  });

  test("without --json: title, the facts line, then the text", () => {
    const r = dispatch(["extract", ARTICLE]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split("\n");
    assert.equal(lines[0], "Ferry strike called off after late-night talks");
    assert.equal(lines[1], "by Kim Ng · 2024-03-04T21:30:00Z · Harbour Dispatch · en");
    assert.ok(r.stdout.includes("The ferry workers' union has called off next week's strike"));
  });

  test("a page with no article: exit 2, one line", () => {
    const file = path.join(tempDir(), "cookie-wall.html");
    writeFileSync(file, "<html><body><p>Please enable cookies.</p></body></html>");
    const r = dispatch(["extract", file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: not_extractable: no article could be extracted from .*\n$/);
    assert.equal(r.stderr.split("\n").length, 2);
  });
});

describe("over HTTP, through the safe fetcher", () => {
  let server: Server;
  let origin: string;
  let allow: string;
  const FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback Wire</title><link>/</link>
<item><title>Served locally</title><link>/story</link><guid>loop-1</guid>
<pubDate>Tue, 05 Mar 2024 10:00:00 +0100</pubDate></item>
</channel></rss>`;
  // Without its canonical link, the page's relative links can only resolve against its URL.
  const PAGE = readFileSync(ARTICLE, "utf8").replace(/<link rel="canonical"[^>]*>/, "");

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === "/feed.xml") {
        res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
        res.end(FEED);
      } else if (req.url === "/cut-feed.xml") {
        // The same feed with its transfer stopped inside the closing </channel>.
        res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
        res.end(FEED.slice(0, FEED.lastIndexOf("</channel>") + 5));
      } else if (req.url === "/old-feed") {
        res.writeHead(301, { location: "/feed.xml" });
        res.end();
      } else if (req.url === "/story") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(PAGE);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
    allow = `127.0.0.1:${port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("with the allow list: the feed and the page, links resolved against the fetched URL", async () => {
    const feed = await dispatchAsync(["feed", "inspect", `${origin}/old-feed`, "--json"], {
      FETCH_ALLOW_HOSTS: allow,
    });
    assert.equal(feed.code, 0, feed.stderr);
    const parsed = json(feed.stdout);
    assertFeedShape(parsed);
    assert.equal(parsed.title, "Loopback Wire");
    assert.equal(parsed.link, `${origin}/`);
    assert.deepEqual(
      (parsed.items as Record<string, unknown>[]).map((i) => [i.id, i.url, i.published]),
      [["loop-1", `${origin}/story`, "2024-03-05T09:00:00.000Z"]],
    );

    const page = await dispatchAsync(["extract", `${origin}/story`, "--json"], {
      FETCH_ALLOW_HOSTS: allow,
    });
    assert.equal(page.code, 0, page.stderr);
    const article = json(page.stdout);
    assert.deepEqual(Object.keys(article), EXTRACT_KEYS);
    assert.equal(article.title, "Ferry strike called off after late-night talks");
    assert.ok(String(article.html).includes(`href="${origin}/2024/03/04/ferry-talks"`));
  });

  test("a feed cut off on the way: its items, and the truncation as a warning line", async () => {
    const r = await dispatchAsync(["feed", "inspect", `${origin}/cut-feed.xml`], {
      FETCH_ALLOW_HOSTS: allow,
    });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines[1], "1 item");
    assert.match(
      lines[2] ?? "",
      /^warning: truncated: the document breaks off at line 5, column 1; the 1 complete item before it was kept$/,
    );
    assert.match(lines[3] ?? "", /Served locally$/);
  });

  test("an HTTP error is one line with its code", async () => {
    const r = await dispatchAsync(["extract", `${origin}/gone`], { FETCH_ALLOW_HOSTS: allow });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: http_error: HTTP 404 from 127\.0\.0\.1:\d+\n$/);
  });

  test("the same URL without the allow list is refused: blocked_address, exit 2", async () => {
    for (const args of [
      ["feed", "inspect", `${origin}/feed.xml`],
      ["extract", `${origin}/story`],
    ]) {
      const r = await dispatchAsync(args);
      assert.equal(r.code, 2, r.stdout);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^error: blocked_address: .*127\.0\.0\.1.*\n$/);
      assert.equal(r.stderr.split("\n").length, 2);
    }
  });

  test("URLs and files mixed in one run", async () => {
    const r = await dispatchAsync(
      ["feed", "inspect", `${origin}/feed.xml`, path.join(FEEDS, "atom.xml"), `${origin}/nope`],
      { FETCH_ALLOW_HOSTS: allow },
    );
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split("\n").map(json);
    assert.deepEqual(
      lines.map(
        (l) =>
          (l.result as Record<string, unknown> | undefined)?.title ??
          (l.error as Record<string, unknown>).code,
      ),
      ["Loopback Wire", "Notícias do Dia", "http_error"],
    );
  });
});
