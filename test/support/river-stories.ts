// Stories and lone reports laid out so that every river runs to a second page and some of
// the home page's top stories are older than the first page of its river: twenty stories
// reported by two to five outlets whose reports interleave in time (every third one under
// two sections), a story an editor pinned and one an editor boosted whose reports are
// hours old, three more stories of hours ago, and thirty reports that belong to no story. A topic names the first eight
// stories' reports and every fifth lone report. Which report belongs to which story is
// returned from what was written, so a test never reads it off the markup under test.

import { createArticleRepository } from "../../src/db/article-repository.ts";
import type { Database } from "../../src/db/connection.ts";
import { createSourceRepository } from "../../src/db/source-repository.ts";
import type { ArticleInput } from "../../src/domain/article.ts";
import { articlePath } from "../../src/domain/article-path.ts";
import { slugify } from "../../src/domain/slug.ts";

const MINUTE = 60_000;
const STORIES = 20;
const LONE_REPORTS = 30;
const OUTLETS = [
  "Calder Courier",
  "Northgate Post",
  "Brigg Herald",
  "Valemouth Times",
  "Holt Wire",
];
const WORLD = { slug: "world", name: "World" };
const POLITICS = { slug: "politics", name: "Politics" };
export const RIVER_TOPIC = "harbour-commission";

export interface RiverStories {
  /** Story id by the path of each of its reports. */
  storyByPath: Map<string, number>;
  /** Story id by each report's headline. */
  storyByHeadline: Map<string, number>;
  /** Listed reports per story. */
  reports: Map<number, number>;
  /** Paths of the reports that belong to no story. */
  lone: Set<string>;
  /** The pinned story and the boosted one: top stories whose reports are hours old. */
  pinned: number;
  boosted: number;
}

const REPORT_WORDS = ["first word", "officials confirm", "what we know", "reaction", "the latest"];

export async function seedRiverStories(database: Database): Promise<RiverStories> {
  const articles = createArticleRepository(database);
  const sources = createSourceRepository(database);
  const outlets: number[] = [];
  for (const [i, title] of OUTLETS.entries()) {
    const s = await sources.add({
      url: `http://127.0.0.1:9/outlet-${i}.xml`,
      mode: "link",
      title,
      section: WORLD,
    });
    outlets.push(s.id);
  }
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString();
  const input = (overrides: Partial<ArticleInput>): ArticleInput => ({
    guid: null,
    kind: "link",
    status: "published",
    headline: "Headline",
    standfirst: "What happened, in a sentence.",
    body: "<p>What happened, in a sentence.</p>",
    byline: null,
    language: "en",
    section: WORLD,
    slug: null,
    canonicalUrl: null,
    externalUrl: "http://127.0.0.1:9/elsewhere",
    publishedAt: at(1),
    ...overrides,
  });
  const out: RiverStories = {
    storyByPath: new Map(),
    storyByHeadline: new Map(),
    reports: new Map(),
    lone: new Set(),
    pinned: 0,
    boosted: 0,
  };
  const entity = await database.db
    .insertInto("entities")
    .values({
      kind: "organisation",
      name: "Harbour Commission",
      slug: RIVER_TOPIC,
      created_at: at(600),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const entityId = Number(entity.id);

  /** One story of `minutesAgo.length` reports (newest first), led by its earliest. */
  async function story(
    name: string,
    minutesAgo: readonly number[],
    options: {
      section?: (j: number) => typeof WORLD;
      velocity?: number;
      pinned?: boolean;
      boost?: number;
    } = {},
  ): Promise<{ id: number; reportIds: number[] }> {
    const ids: number[] = [];
    const times: string[] = [];
    for (const [j, ago] of minutesAgo.entries()) {
      const outlet = OUTLETS[(ids.length + name.length) % OUTLETS.length] ?? "";
      const publishedAt = at(ago);
      const saved = await articles.save(
        input({
          headline: `${name}: ${REPORT_WORDS[j % REPORT_WORDS.length]} (${outlet})`,
          sourceId: outlets[(ids.length + name.length) % outlets.length] ?? null,
          section: options.section?.(j) ?? WORLD,
          publishedAt,
        }),
      );
      ids.push(saved.article.id);
      times.push(publishedAt);
    }
    // The earliest report leads: not the one that places the story in a river.
    const lead = ids[ids.length - 1] ?? 0;
    const leadArticle = (await articles.byIds([lead]))[0];
    const count = ids.length;
    const row = await database.db
      .insertInto("stories")
      .values({
        key: slugify(name),
        title: leadArticle?.headline ?? name,
        slug: slugify(leadArticle?.headline ?? name),
        lead_article_id: lead,
        article_count: count,
        source_count: count,
        velocity: options.velocity ?? 0.5,
        first_seen_at: times[times.length - 1] ?? at(0),
        last_seen_at: times[0] ?? at(0),
        pinned: options.pinned ? 1 : 0,
        boost: options.boost ?? 0,
        updated_at: times[0] ?? at(0),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await database.db
      .updateTable("articles")
      .set({ story_id: id })
      .where("id", "in", ids)
      .execute();
    out.reports.set(id, count);
    for (const a of await articles.byIds(ids)) {
      out.storyByPath.set(articlePath(a) ?? "", id);
      out.storyByHeadline.set(a.headline, id);
    }
    return { id, reportIds: ids };
  }

  async function nameTopic(ids: readonly number[]): Promise<void> {
    await database.db
      .insertInto("article_entities")
      .values(ids.map((id) => ({ article_id: id, entity_id: entityId, mentions: 1 })))
      .execute();
  }

  for (let k = 0; k < STORIES; k++) {
    const count = 2 + (k % 4);
    // Reports of one story spread over hours, between other stories' reports.
    const minutesAgo = Array.from({ length: count }, (_, j) => 5 + k * 3 + j * 45);
    const { reportIds } = await story(`Story ${k}`, minutesAgo, {
      velocity: count / (1 + k),
      section: (j) => (k % 3 === 0 && j % 2 === 1 ? POLITICS : WORLD),
    });
    if (k < 8) await nameTopic(reportIds);
  }
  // Placed by reports hours old, below the river's first page, and top stories all the same.
  out.pinned = (await story("Pinned inquiry", [300, 340, 380], { pinned: true })).id;
  out.boosted = (await story("Boosted hearing", [250, 270, 290, 310], { boost: 5 })).id;
  // Stories of hours ago that no ranking lifts: an older page has stories of its own.
  const older = [
    await story("Older ruling", [200, 230]),
    await story("Older strike", [215, 260, 300]),
    await story("Older recall", [240, 245], { section: () => POLITICS }),
  ];

  const lone: number[] = [];
  for (let i = 0; i < LONE_REPORTS; i++) {
    const saved = await articles.save(
      input({
        headline: `A report of its own, number ${i}`,
        sourceId: outlets[i % outlets.length] ?? null,
        publishedAt: at(4 + i * 11),
      }),
    );
    out.lone.add(articlePath(saved.article) ?? "");
    lone.push(saved.article.id);
  }
  // The topic's river runs to a second page too: every lone report and the older stories
  // name it, beside the eight stories its own list shows.
  await nameTopic(lone);
  for (const s of older) await nameTopic(s.reportIds);
  return out;
}
