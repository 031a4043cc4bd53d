import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createArticleRepository } from "../src/db/article-repository.ts";
import type { Database } from "../src/db/connection.ts";
import type { Article, ArticleInput } from "../src/domain/article.ts";
import { articlePath } from "../src/domain/article-path.ts";
import { forEachDatabase } from "./support/databases.ts";
import { createUser, NewsroomClient } from "./support/newsroom.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

function input(overrides: Partial<ArticleInput>): ArticleInput {
  return {
    guid: null,
    kind: "own",
    status: "published",
    headline: "Headline",
    standfirst: null,
    body: "<p>Body.</p>",
    byline: null,
    language: "en",
    section: { slug: "world", name: "World" },
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: ago(1),
    ...overrides,
  };
}

async function addStory(
  database: Database,
  title: string,
  article: Article,
  fields: { sources: number; hoursAgo: number },
): Promise<number> {
  const row = await database.db
    .insertInto("stories")
    .values({
      key: `k-${title}`,
      title,
      slug: title.toLowerCase().replace(/\W+/g, "-"),
      lead_article_id: article.id,
      article_count: 1,
      source_count: fields.sources,
      velocity: fields.sources,
      first_seen_at: ago(fields.hoursAgo + 1),
      last_seen_at: ago(fields.hoursAgo),
      pinned: 0,
      boost: 0,
      updated_at: ago(fields.hoursAgo),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await database.db
    .updateTable("articles")
    .set({ story_id: id })
    .where("id", "=", article.id)
    .execute();
  return id;
}

/** The top stories' titles on the home page, in order. */
function topStories(html: string): string[] {
  const titles = [...html.matchAll(/<a href="\/story\/\d+-[^"]*"[^>]*>([^<]+)<\/a>/g)]
    .map((m) => m[1] ?? "")
    .filter((t) => !/^\d+ sources?$/.test(t));
  return [...new Set(titles)];
}

function masthead(html: string): string[] {
  const nav = /<nav[^>]*aria-label="Site"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? html;
  return [...nav.matchAll(/href="\/section\/([^"]+)"/g)].map((m) => m[1] ?? "");
}

async function read(url: string) {
  const res = await fetch(url, { redirect: "manual" });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
}

forEachDatabase("front page: stories and sections", ({ database }) => {
  let server: RunningServer;
  let editor: NewsroomClient;
  const stories: Record<string, number> = {};
  let sportArticle: Article;

  before(async () => {
    server = await startServer(database(), { INGEST: "off" });
    const articles = createArticleRepository(database());
    const save = async (i: Partial<ArticleInput>) => (await articles.save(input(i))).article;
    const big = await save({ headline: "Summit opens" });
    const mid = await save({ headline: "Storm moves north" });
    const small = await save({ headline: "Local fair" });
    sportArticle = await save({
      headline: "Cup final tonight",
      section: { slug: "sport", name: "Sport" },
    });
    stories.big = await addStory(database(), "Summit opens", big, { sources: 9, hoursAgo: 1 });
    stories.mid = await addStory(database(), "Storm moves north", mid, { sources: 5, hoursAgo: 1 });
    stories.small = await addStory(database(), "Local fair", small, { sources: 2, hoursAgo: 1 });
    const user = await createUser(server.dispatch, "editor");
    editor = new NewsroomClient(server.base);
    assert.equal((await editor.signIn(user.email)).status, 303);
  });
  after(async () => {
    await server.stop();
  });

  test("the desk lists the home page's stories in the readers' order; reporters may not see it", async () => {
    const home = await read(`${server.base}/`);
    assert.deepEqual(topStories(home.html).slice(0, 3), [
      "Summit opens",
      "Storm moves north",
      "Local fair",
    ]);
    const desk = await editor.get("/newsroom/front");
    assert.equal(desk.status, 200);
    const onHome = /id="fp-home"[\s\S]*?<\/section>/.exec(desk.body)?.[0] ?? "";
    assert.ok(
      onHome.indexOf("Summit opens") < onHome.indexOf("Storm moves north") &&
        onHome.indexOf("Storm moves north") < onHome.indexOf("Local fair"),
    );
    assert.match(desk.body, /<a [^>]*aria-current="page"[^>]*>Front page<\/a>/);

    const reporter = new NewsroomClient(server.base);
    await reporter.signIn((await createUser(server.dispatch, "reporter")).email);
    assert.equal((await reporter.get("/newsroom/front")).status, 403);
    assert.equal((await reporter.get("/newsroom/front/sections")).status, 403);
    assert.equal(
      (await reporter.post(`/newsroom/front/stories/${stories.small}/pin`, { pinned: "1" })).status,
      403,
    );
  });

  test("pin, boost and hide change the home page at once, each audited", async () => {
    await editor.get("/newsroom/front");
    const pin = await editor.post(`/newsroom/front/stories/${stories.small}/pin`, { pinned: "1" });
    assert.equal(pin.status, 303);
    assert.equal(pin.location, "/newsroom/front?done=pinned");
    assert.equal(topStories((await read(`${server.base}/`)).html)[0], "Local fair");

    await editor.post(`/newsroom/front/stories/${stories.small}/pin`, { pinned: "0" });
    // Boost lifts the middle story above the biggest.
    const boost = await editor.post(`/newsroom/front/stories/${stories.mid}/boost`, {
      boost: "10",
    });
    assert.equal(boost.status, 303);
    assert.deepEqual(topStories((await read(`${server.base}/`)).html).slice(0, 3), [
      "Storm moves north",
      "Summit opens",
      "Local fair",
    ]);

    const hide = await editor.post(`/newsroom/front/stories/${stories.big}/hide`, {
      hidden: "1",
    });
    assert.equal(hide.status, 303);
    const home = (await read(`${server.base}/`)).html;
    assert.ok(!topStories(home).includes("Summit opens"), "a hidden story leaves the home page");
    assert.equal((await read(`${server.base}/story/${stories.big}-summit-opens`)).status, 200);
    const desk = await editor.get("/newsroom/front");
    assert.match(
      /id="fp-adjusted"[\s\S]*?<\/section>/.exec(desk.body)?.[0] ?? "",
      /Summit opens[\s\S]*hidden[\s\S]*Unhide/,
    );
    await editor.post(`/newsroom/front/stories/${stories.big}/hide`, { hidden: "0" });
    assert.ok(topStories((await read(`${server.base}/`)).html).includes("Summit opens"));

    const log = await server.dispatch.audits.list({ targetType: "story" });
    const actions = log.map((e) => e.action);
    for (const a of ["story.pin", "story.unpin", "story.boost", "story.hide", "story.unhide"])
      assert.ok(actions.includes(a), `${a} audited: ${actions}`);
    const boosted = log.find((e) => e.action === "story.boost");
    assert.equal((boosted?.before as { boost?: number } | undefined)?.boost, 0);
    assert.equal((boosted?.after as { boost?: number } | undefined)?.boost, 10);
  });

  test("a boost out of bounds or not a number is refused, naming the field, and changes nothing", async () => {
    await editor.get("/newsroom/front");
    for (const boost of ["11", "-11", "abc", "2.5", ""]) {
      const answer = await editor.post(`/newsroom/front/stories/${stories.small}/boost`, {
        boost,
      });
      assert.equal(answer.status, 400, boost);
      assert.match(answer.body, /role="alert"[^>]*>boost must be a whole number from -10 to 10/);
    }
    const row = await database()
      .db.selectFrom("stories")
      .select("boost")
      .where("id", "=", stories.small ?? 0)
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.boost), 0);
    assert.equal(
      (await editor.post("/newsroom/front/stories/999999/pin", { pinned: "1" })).status,
      404,
    );
    assert.equal(
      (await editor.post("/newsroom/front/stories/abc/pin", { pinned: "1" })).status,
      404,
    );
  });

  test("sections: create, rename with 301s from old section and article URLs, order, hide", async () => {
    await editor.get("/newsroom/front/sections");
    const made = await editor.post("/newsroom/front/sections", { name: "Science & Tech" });
    assert.equal(made.status, 303);
    const list = await server.dispatch.articles.sections();
    assert.ok(list.some((s) => s.slug === "science-tech" && s.name === "Science & Tech"));
    assert.equal((await read(`${server.base}/section/science-tech`)).status, 200);

    // Rename Sport → Athletics: every old address moves.
    const sport = list.find((s) => s.slug === "sport");
    assert.ok(sport);
    await editor.get("/newsroom/front/sections");
    const renamed = await editor.post(`/newsroom/front/sections/${sport.id}/rename`, {
      name: "Athletics",
    });
    assert.equal(renamed.status, 303);
    const old = await read(`${server.base}/section/sport`);
    assert.equal(old.status, 301);
    assert.equal(old.location, "/section/athletics");
    assert.equal((await read(`${server.base}/section/athletics`)).status, 200);
    const oldPath = articlePath(sportArticle) ?? "";
    assert.ok(oldPath.startsWith("/sport/"), oldPath);
    const oldArticle = await read(`${server.base}${oldPath}`);
    assert.equal(oldArticle.status, 301);
    assert.equal(oldArticle.location, oldPath.replace(/^\/sport\//, "/athletics/"));
    assert.equal((await read(`${server.base}${oldArticle.location}`)).status, 200);
    assert.match(
      (await editor.get("/newsroom/front/sections")).body,
      /Old addresses that move here: \/section\/sport/,
    );

    // Order: the masthead follows the positions.
    let home = (await read(`${server.base}/`)).html;
    // A new section comes last; the others keep their order (by name) until moved.
    assert.deepEqual(masthead(home), ["athletics", "world", "science-tech"]);
    const world = (await server.dispatch.articles.sections()).find((s) => s.slug === "world");
    assert.ok(world);
    await editor.get("/newsroom/front/sections");
    assert.equal(
      (await editor.post(`/newsroom/front/sections/${world.id}/move`, { by: "up" })).status,
      303,
    );
    await editor.post(`/newsroom/front/sections/${world.id}/move`, { by: "up" });
    home = (await read(`${server.base}/`)).html;
    assert.deepEqual(masthead(home), ["world", "athletics", "science-tech"]);

    // Hide: out of the masthead, its page still answers.
    await editor.post(`/newsroom/front/sections/${sport.id}/hide`, { hidden: "1" });
    home = (await read(`${server.base}/`)).html;
    assert.deepEqual(masthead(home), ["world", "science-tech"]);
    assert.equal((await read(`${server.base}/section/athletics`)).status, 200);
    await editor.post(`/newsroom/front/sections/${sport.id}/hide`, { hidden: "0" });
    assert.deepEqual(masthead((await read(`${server.base}/`)).html), [
      "world",
      "athletics",
      "science-tech",
    ]);

    const actions = (await server.dispatch.audits.list({ targetType: "section" })).map(
      (e) => e.action,
    );
    for (const a of [
      "section.create",
      "section.rename",
      "section.order",
      "section.hide",
      "section.show",
    ])
      assert.ok(actions.includes(a), `${a} audited: ${actions}`);
  });

  test("bad section input: empty name, a slug in use → a message naming the field, nothing changed", async () => {
    const count = async () =>
      Number(
        (
          await database()
            .db.selectFrom("sections")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    const audits = (await server.dispatch.audits.list({ targetType: "section" })).length;
    await editor.get("/newsroom/front/sections");
    const empty = await editor.post("/newsroom/front/sections", { name: "   " });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /role="alert"[^>]*>name: give the section a name/);
    assert.match(empty.body, /id="new-name"[^>]*aria-invalid="true"/);
    const dup = await editor.post("/newsroom/front/sections", { name: "WORLD" });
    assert.equal(dup.status, 409);
    assert.match(dup.body, /name: the address \/section\/world is already used by a section/);
    const athletics = (await server.dispatch.articles.sections()).find(
      (s) => s.slug === "athletics",
    );
    assert.ok(athletics);
    const clash = await editor.post(`/newsroom/front/sections/${athletics.id}/rename`, {
      name: "World",
    });
    assert.equal(clash.status, 409);
    assert.match(clash.body, /name: the address \/section\/world is already used/);
    const blank = await editor.post(`/newsroom/front/sections/${athletics.id}/rename`, {
      name: "",
    });
    assert.equal(blank.status, 400);
    assert.equal(await count(), n);
    assert.equal((await server.dispatch.audits.list({ targetType: "section" })).length, audits);
    assert.ok((await server.dispatch.articles.sections()).some((s) => s.slug === "athletics"));
    // Without its CSRF token, nothing happens either.
    const forged = await editor.request("POST", "/newsroom/front/sections", {
      form: { name: "Forged" },
    });
    assert.equal(forged.status, 403);
    assert.equal(await count(), n);
  });

  test("a script in a section name is text on every page", async () => {
    await editor.get("/newsroom/front/sections");
    const name = `<script>alert("x")</script> Opinion`;
    assert.equal((await editor.post("/newsroom/front/sections", { name })).status, 303);
    const section = (await server.dispatch.articles.sections()).find((s) => s.name === name);
    assert.ok(section);
    await createArticleRepository(database()).save(
      input({ headline: "A view", section: { slug: section.slug, name } }),
    );
    const pages = [
      (await editor.get("/newsroom/front/sections")).body,
      (await read(`${server.base}/`)).html,
      (await read(`${server.base}/section/${section.slug}`)).html,
    ];
    for (const html of pages) {
      assert.ok(!html.includes('<script>alert("x")'), "never markup");
      assert.match(html, /&lt;script>alert\(&quot;x&quot;\)&lt;\/script> Opinion/);
    }
  });
});
