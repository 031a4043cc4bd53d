// newsroom: what an editor waits for, on a database the size of a working portal. With
// 100,000 articles on SQLite and on PostgreSQL: a save of the working copy (the write API's
// PATCH, what autosave does every few seconds), and publish-to-visible (from the publish
// request until the home page and /feed.xml, both cached and read by readers meanwhile,
// carry the new headline). Then the editor page's weight with its stylesheets and script.
// Run: npm run bench -- newsroom   (NEWSROOM_ARTICLES=20000 for a quick run)
import { randomBytes } from "node:crypto";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Database, openDatabase } from "../src/db/connection.ts";
import { migrate } from "../src/db/migrate.ts";
import { ENRICHMENT_VERSION } from "../src/enrich/enrich-article.ts";
import { hashSecret } from "../src/newsroom/session-auth.ts";
import { createUser, NewsroomClient } from "../test/support/newsroom.ts";
import type { TestPostgres } from "../test/support/postgres.ts";
import { type RunningServer, startServer } from "../test/support/server.ts";
import { preparePostgres } from "./search.ts";
import type { BenchResult, BenchRow } from "./support/bench-result.ts";
import { makeTempDir, removeTempDir } from "./support/resources.ts";
import { searchRows, seedSqlite } from "./support/seed-search.ts";
import { ms, percentile } from "./support/stats.ts";

const SAVE_TARGET_MS = 50;
const PUBLISH_TARGET_MS = 1_000;
const EDITOR_TARGET_BYTES = 100 * 1024;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

interface EngineFigures {
  engine: string;
  saves: number[];
  publishes: number[];
  editor: {
    html: number;
    assets: { url: string; bytes: number; gzip: number }[];
    htmlGzip: number;
  };
}

async function json(answer: { status: number; body: string }, expect: number, what: string) {
  if (answer.status !== expect)
    throw new Error(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as {
    article: { id: number; version: number; draft: { version: number } };
  };
}

async function measure(
  engine: string,
  database: Database,
  rounds: { saves: number; publishes: number },
): Promise<EngineFigures> {
  // A running portal has enriched what it holds: the enricher idles until the publish.
  await database.db.updateTable("articles").set({ enriched_version: ENRICHMENT_VERSION }).execute();
  const server: RunningServer = await startServer(database, {
    INGEST: "off",
    LOGIN_ATTEMPTS: "1000",
  });
  try {
    const { base, dispatch } = server;
    const user = await createUser(
      dispatch,
      "editor",
      `bench-${randomBytes(3).toString("hex")}@example.org`,
    );
    const secret = randomBytes(24).toString("base64url");
    await dispatch.tokens.create({
      name: "bench",
      tokenHash: hashSecret(secret),
      role: "editor",
      createdBy: user.id,
      now: new Date(),
    });
    const client = new NewsroomClient(base);
    const api = (method: string, url: string, body: unknown) =>
      client.request(method, url, { json: body, headers: { authorization: `Bearer ${secret}` } });

    const created = await json(
      await api("POST", "/api/v1/articles", {
        headline: "Council votes on the harbour budget",
        section: "world",
        body: "The council met at nine.\n\nThe vote is expected by noon.",
      }),
      201,
      "create",
    );
    const id = created.article.id;
    let version = created.article.draft.version;

    // Saves: each a new paragraph, as a reporter typing; sequential, as one editor's autosave.
    const saves: number[] = [];
    for (let i = 0; i < rounds.saves + 10; i++) {
      const start = performance.now();
      const saved = await json(
        await api("PATCH", `/api/v1/articles/${id}`, {
          version,
          body: `The council met at nine.\n\nUpdate ${i}: the vote is expected by noon.`,
        }),
        200,
        "save",
      );
      if (i >= 10) saves.push(performance.now() - start);
      version = saved.article.draft.version;
    }

    // Publish to visible: readers have the cached home page and feed; the clock starts at
    // the publish request and stops when both show the new headline.
    const publishes: number[] = [];
    for (let i = 0; i < rounds.publishes; i++) {
      const word = `zq${randomBytes(5).toString("hex")}`;
      const saved = await json(
        await api("PATCH", `/api/v1/articles/${id}`, {
          version,
          headline: `Council votes ${word}`,
        }),
        200,
        "headline",
      );
      version = saved.article.draft.version;
      await Promise.all([
        fetch(`${base}/`).then((r) => r.text()),
        fetch(`${base}/feed.xml`).then((r) => r.text()),
      ]);
      const start = performance.now();
      await json(
        await api("POST", `/api/v1/articles/${id}/publish`, { mode: "now" }),
        200,
        "publish",
      );
      const seen = { home: false, feed: false };
      while (!seen.home || !seen.feed) {
        if (performance.now() - start > 10_000)
          throw new Error(`publish ${i}: not visible after 10 s`);
        if (!seen.home) seen.home = (await (await fetch(`${base}/`)).text()).includes(word);
        if (!seen.feed) seen.feed = (await (await fetch(`${base}/feed.xml`)).text()).includes(word);
      }
      publishes.push(performance.now() - start);
    }

    // The editor page as an editor's browser loads it: the HTML, its stylesheets and scripts.
    const desk = new NewsroomClient(base, "127.0.0.2");
    const signIn = await desk.signIn(user.email);
    if (signIn.status !== 303) throw new Error(`sign-in: ${signIn.status}`);
    const page = await desk.get(`/newsroom/articles/${id}`);
    if (page.status !== 200) throw new Error(`editor page: ${page.status}`);
    const urls = [
      ...page.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g),
      ...page.body.matchAll(/<script[^>]* src="([^"]+)"/g),
    ].map((m) => m[1] ?? "");
    const assets: EngineFigures["editor"]["assets"] = [];
    for (const url of urls) {
      const asset = await desk.get(url);
      if (asset.status !== 200) throw new Error(`${url}: ${asset.status}`);
      assets.push({ url, bytes: Buffer.byteLength(asset.body), gzip: gzipSync(asset.body).length });
    }
    return {
      engine,
      saves,
      publishes,
      editor: {
        html: Buffer.byteLength(page.body),
        htmlGzip: gzipSync(page.body).length,
        assets,
      },
    };
  } finally {
    await server.stop();
  }
}

function p95Row(label: string, samples: number[], target: number): BenchRow {
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = percentile(sorted, 0.95);
  return {
    case: label,
    dispatch: `p95 ${ms(p95)} (p50 ${ms(percentile(sorted, 0.5))}, max ${ms(sorted.at(-1) ?? 0)})`,
    reference: null,
    ratio: null,
    target: `p95 ≤ ${target} ms`,
    pass: p95 <= target,
  };
}

export async function run(): Promise<BenchResult> {
  const articles = envNumber("NEWSROOM_ARTICLES", 100_000);
  const rounds = {
    saves: envNumber("NEWSROOM_SAVES", 200),
    publishes: envNumber("NEWSROOM_PUBLISHES", 30),
  };
  const now = new Date();
  const rows = searchRows(articles, now);
  const dir = makeTempDir("newsroom");
  const figures: EngineFigures[] = [];
  let cluster: TestPostgres | null = null;
  try {
    const file = path.join(dir, "newsroom.db");
    const sqlite = openDatabase(`sqlite:${file}`);
    await migrate(sqlite);
    await sqlite.close();
    seedSqlite(file, rows, now);
    const database = openDatabase(`sqlite:${file}`);
    try {
      figures.push(await measure("SQLite", database, rounds));
    } finally {
      await database.close();
    }
    const postgres = await preparePostgres(rows, now);
    cluster = postgres.cluster;
    const pgDatabase = openDatabase(postgres.url);
    try {
      figures.push(await measure("PostgreSQL", pgDatabase, rounds));
    } finally {
      await pgDatabase.close();
    }
  } finally {
    cluster?.stop();
    removeTempDir(dir);
  }

  const resultRows: BenchRow[] = [];
  for (const f of figures) {
    resultRows.push(
      p95Row(
        `${f.engine}: save the working copy (PATCH /api/v1/articles/:id)`,
        f.saves,
        SAVE_TARGET_MS,
      ),
      p95Row(
        `${f.engine}: publish → on the cached home page and /feed.xml`,
        f.publishes,
        PUBLISH_TARGET_MS,
      ),
    );
  }
  const editor = figures[0]?.editor;
  if (editor) {
    const raw = editor.html + editor.assets.reduce((n, a) => n + a.bytes, 0);
    const gzip = editor.htmlGzip + editor.assets.reduce((n, a) => n + a.gzip, 0);
    resultRows.push({
      case: "editor page with its stylesheets and script, uncompressed",
      dispatch: `${(raw / 1024).toFixed(1)} KB (gzip ${(gzip / 1024).toFixed(1)} KB)`,
      reference: null,
      ratio: null,
      target: "≤ 100 KB",
      pass: raw <= EDITOR_TARGET_BYTES,
    });
  }
  return {
    title: `newsroom: save and publish latency over ${articles.toLocaleString("en")} articles, SQLite and PostgreSQL; editor page weight`,
    method:
      "One editor through the write API on loopback (client and server in one process): sequential saves of the working copy, and publish requests timed until the cached home page and RSS feed show the new headline; the editor page's bytes with everything it loads",
    rows: resultRows,
    notes: [
      `${articles.toLocaleString("en")} seeded articles (the search benchmark's synthetic news: 8 sections, 300 sources, a year of dates) besides the one being edited, all enriched (as in a running portal: the enricher idles until a publish); ${rounds.saves} saves after 10 warm-up saves; ${rounds.publishes} publishes, each after a reader has fetched the home page and feed so both are in the page cache.`,
      ...(editor
        ? [
            `Editor page: HTML ${(editor.html / 1024).toFixed(1)} KB; ${editor.assets
              .map((a) => `${a.url.replace(/^.*\//, "")} ${(a.bytes / 1024).toFixed(1)} KB`)
              .join(", ")}.`,
          ]
        : []),
    ],
    data: figures.map((f) => ({
      engine: f.engine,
      saves: f.saves.map((x) => Math.round(x * 100) / 100),
      publishes: f.publishes.map((x) => Math.round(x * 100) / 100),
    })),
  };
}
