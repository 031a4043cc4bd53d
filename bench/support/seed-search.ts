// Seeds a migrated database with many synthetic articles for the search benchmark: the
// clustering benchmark's seeded news (a Zipf vocabulary, recurring names, stories told by
// up to 300 outlets), spread over a year, in bulk inserts inside transactions. The
// schema's own triggers build the full-text index, as they would for ingested articles.
import SQLite from "better-sqlite3";
import pg from "pg";
import { syntheticNews } from "../cluster.ts";

export const SEARCH_SECTIONS = [
  "world",
  "politics",
  "business",
  "science",
  "sport",
  "culture",
  "health",
  "technology",
] as const;
export const SEARCH_SOURCES = 300;

export interface SeedRow {
  guid: string;
  kind: "link" | "full";
  status: "published" | "scheduled" | "draft";
  headline: string;
  standfirst: string;
  body: string;
  bodyText: string;
  language: string;
  sectionId: number;
  slug: string;
  publishedAt: string;
  sourceId: number;
  /** 1-based position of an earlier row this one repeats, or null. */
  duplicateOf: number | null;
}

export interface SeedSummary {
  articles: number;
  visible: number;
  textMegabytes: number;
}

const DAY = 86_400_000;

/**
 * `count` rows in publication order. Most are `link` items (headline and summary, as
 * public feeds give); one in four is `full` with its whole body. A few are drafts,
 * embargoed or duplicates, so the visibility filter has something to do.
 */
export function searchRows(count: number, now: Date): SeedRow[] {
  const news = syntheticNews(count, 505, 365 * 24);
  const start = now.getTime() - 366 * DAY;
  const first = Date.parse(news[0]?.published ?? now.toISOString());
  return news.map((a, i) => {
    const paragraphs = a.text.split("\n\n");
    const full = i % 4 === 0;
    const body = (full ? paragraphs : paragraphs.slice(0, 1)).map((p) => `<p>${p}</p>`).join("");
    const bodyText = (full ? paragraphs : paragraphs.slice(0, 1)).join("\n\n");
    const roll = i % 100;
    const published = new Date(start + (Date.parse(a.published) - first));
    return {
      guid: `urn:bench:search:${i}`,
      kind: full ? "full" : "link",
      status: roll === 7 ? "draft" : roll === 13 || roll === 17 ? "scheduled" : "published",
      headline: a.title,
      standfirst: (paragraphs[1] ?? "").slice(0, 200),
      body,
      bodyText,
      language: roll < 90 ? "en" : roll < 95 ? "fr" : "de",
      sectionId: (i % SEARCH_SECTIONS.length) + 1,
      slug: `a-${i}`,
      // One scheduled article in two is still under embargo.
      publishedAt: (roll === 13 ? new Date(now.getTime() + 7 * DAY) : published).toISOString(),
      sourceId: (Number(a.source.replace(/\D/g, "")) % SEARCH_SOURCES) + 1,
      duplicateOf: roll === 41 && i > 0 ? i : null,
    };
  });
}

export function summarize(rows: readonly SeedRow[], now: Date): SeedSummary {
  let visible = 0;
  let text = 0;
  for (const r of rows) {
    text += r.headline.length + r.standfirst.length + r.bodyText.length;
    if (r.status !== "draft" && r.duplicateOf === null && Date.parse(r.publishedAt) <= +now)
      visible++;
  }
  return { articles: rows.length, visible, textMegabytes: text / 1e6 };
}

const sectionName = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1);

export function seedSqlite(file: string, rows: readonly SeedRow[], now: Date): void {
  const db = new SQLite(file);
  // A bulk load into a throwaway file: durability per commit buys nothing here.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const at = now.toISOString();
  db.transaction(() => {
    const section = db.prepare("INSERT INTO sections (id, slug, name) VALUES (?, ?, ?)");
    for (const [i, s] of SEARCH_SECTIONS.entries()) section.run(i + 1, s, sectionName(s));
    const source = db.prepare(
      `INSERT INTO sources (id, url, title, mode, section_id, min_interval_seconds,
         max_interval_seconds, created_at) VALUES (?, ?, ?, 'link', ?, 300, 3600, ?)`,
    );
    for (let i = 1; i <= SEARCH_SOURCES; i++)
      source.run(i, `http://127.0.0.1/feed/${i}`, `Outlet ${i}`, (i % 8) + 1, at);
  })();
  const insert = db.prepare(
    `INSERT INTO articles (id, guid, kind, status, headline, standfirst, body, body_text,
       language, section_id, slug, published_at, updated_at, created_at, source_id, duplicate_of)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r = rows[i] as SeedRow;
      insert.run(
        i + 1,
        r.guid,
        r.kind,
        r.status,
        r.headline,
        r.standfirst,
        r.body,
        r.bodyText,
        r.language,
        r.sectionId,
        r.slug,
        r.publishedAt,
        r.publishedAt,
        r.publishedAt,
        r.sourceId,
        r.duplicateOf,
      );
    }
  });
  for (let i = 0; i < rows.length; i += 10_000) batch(i, Math.min(rows.length, i + 10_000));
  // FTS5 merges its segments as it goes; an optimize leaves it as a long-running site's
  // index settles, and ANALYZE gives the planner the statistics a live database has.
  db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')");
  db.exec("ANALYZE");
  db.close();
}

export async function seedPostgres(url: string, rows: readonly SeedRow[], now: Date) {
  const at = now.toISOString();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const [i, s] of SEARCH_SECTIONS.entries())
      await client.query("INSERT INTO sections (id, slug, name) VALUES ($1, $2, $3)", [
        i + 1,
        s,
        sectionName(s),
      ]);
    await client.query(
      `INSERT INTO sources (id, url, title, mode, section_id, min_interval_seconds,
         max_interval_seconds, created_at)
       SELECT i, 'http://127.0.0.1/feed/' || i, 'Outlet ' || i, 'link', (i % 8) + 1, 300, 3600, $2
       FROM generate_series(1, $1::int) AS i`,
      [SEARCH_SOURCES, at],
    );
    await client.query("COMMIT");
    const step = 5_000;
    for (let from = 0; from < rows.length; from += step) {
      const part = rows.slice(from, from + step);
      const col = <K extends keyof SeedRow>(k: K) => part.map((r) => r[k]);
      await client.query(
        `INSERT INTO articles (id, guid, kind, status, headline, standfirst, body, body_text,
           language, section_id, slug, published_at, updated_at, created_at, source_id,
           duplicate_of)
         SELECT t.i, t.g, t.k, t.st, t.h, t.sf, t.b, t.bt, t.l, t.sec, t.sl, t.p, t.p, t.p,
           t.s, t.d
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
           $7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::timestamptz[],
           $13::int[], $14::int[]) AS t(i, g, k, st, h, sf, b, bt, l, sec, sl, p, s, d)`,
        [
          part.map((_, j) => from + j + 1),
          col("guid"),
          col("kind"),
          col("status"),
          col("headline"),
          col("standfirst"),
          col("body"),
          col("bodyText"),
          col("language"),
          col("sectionId"),
          col("slug"),
          col("publishedAt"),
          col("sourceId"),
          col("duplicateOf"),
        ],
      );
    }
    // Identity columns do not move on explicit ids: later inserts must not collide.
    await client.query(
      "SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT max(id) FROM articles))",
    );
    await client.query(
      "SELECT setval(pg_get_serial_sequence('sources', 'id'), (SELECT max(id) FROM sources))",
    );
    await client.query(
      "SELECT setval(pg_get_serial_sequence('sections', 'id'), (SELECT max(id) FROM sections))",
    );
    await client.query("VACUUM ANALYZE articles");
  } finally {
    await client.end();
  }
}
