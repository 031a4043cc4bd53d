import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { setImmediate as nextTurn } from "node:timers/promises";
import pino from "pino";
import {
  ELECTION_ENGLISH_1,
  ELECTION_ENGLISH_2,
  ELECTION_GERMAN,
  ELECTION_GERMAN_2,
  OTHER_ELECTION_GERMAN,
} from "../../test/support/election-reports.ts";
import { newsArticles, QUAKE_ALJAZEERA_TEXT } from "../../test/support/enrich-fixtures.ts";
import { createMemoryEnrichmentStore } from "../../test/support/memory-enrichment-store.ts";
import {
  BRIDGING_REPORTS,
  bodyHtml,
  FERRY_SINKS,
  ISLAND_REPORTS,
  type MergingReport,
  SURVIVORS_SPEAK,
} from "../../test/support/merging-stories.ts";
import type { EnrichmentChange } from "../domain/enrichment.ts";
import type { ClusterArticle } from "./cluster/cluster-article.ts";
import { ENRICHMENT_VERSION } from "./enrich-article.ts";
import { createEnricher } from "./enricher.ts";
import type { EnrichmentStore, PendingArticle } from "./enrichment-store.ts";

const HOUR = 3_600_000;

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n"))
        if (line.trim() !== "") lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

function enricherOver(repository: EnrichmentStore) {
  const { logger, lines } = capture();
  const changes: EnrichmentChange[] = [];
  const enricher = createEnricher({ repository, logger, onChange: (c) => changes.push(c) });
  return { enricher, lines, changes };
}

test("start enriches what is pending: stages run, stories shared across outlets, each batch saved", async () => {
  const [quake, match, quake2] = newsArticles() as [PendingArticle, PendingArticle, PendingArticle];
  const store = createMemoryEnrichmentStore([quake, match, quake2]);
  const { enricher, changes, lines } = enricherOver(store);
  try {
    await enricher.start();
    for (const a of [quake, match, quake2]) assert.equal(store.version(a.id), ENRICHMENT_VERSION);
    const q1 = store.enrichment(quake.id);
    const q2 = store.enrichment(quake2.id);
    const m = store.enrichment(match.id);
    assert.equal(q1?.storyKey, String(quake.id), "the first report opens the story");
    assert.equal(q2?.storyKey, String(quake.id), "another outlet's report joins it");
    assert.equal(m?.storyKey, String(match.id));
    assert.equal(q1?.language, "en");
    assert.ok(q1?.entities.some((e) => e.slug === "turkey"));
    assert.equal(changes.length, 1);
    assert.deepEqual(changes[0]?.articleIds, [quake.id, match.id, quake2.id]);
    assert.ok(lines.some((l) => l.event === "enrich.done" && l.articles === 3));
    assert.equal(await enricher.drain(), 0, "nothing left");
  } finally {
    await enricher.close();
  }
});

test("more than a batch goes in batches of 200, one save each", async () => {
  const now = Date.now();
  const many: PendingArticle[] = Array.from({ length: 203 }, (_, i) => ({
    id: i + 1,
    guid: null,
    kind: "link",
    headline: `Council notice ${i + 1}`,
    standfirst: null,
    body: "",
    text: `Notice number ${i + 1} of the harbour council.`,
    language: "en",
    sourceId: 1,
    canonicalUrl: null,
    at: new Date(now - HOUR + i * 1000).toISOString(),
  }));
  const store = createMemoryEnrichmentStore(many);
  const { enricher } = enricherOver(store);
  try {
    assert.equal(await enricher.drain(), 203);
    assert.deepEqual(
      store.saved.map((b) => b.length),
      [200, 3],
    );
  } finally {
    await enricher.close();
  }
});

test("start rebuilds the story index from the stored window: new coverage joins a stored story", async () => {
  const now = Date.now();
  const [quake, match, quake2] = newsArticles(now) as [
    PendingArticle,
    PendingArticle,
    PendingArticle,
  ];
  const [oldQuake] = newsArticles(now, 100) as [PendingArticle];
  const store = createMemoryEnrichmentStore();
  const stored = (a: PendingArticle, storyKey: string, slugs: string[]) =>
    store.putEnriched(
      a,
      {
        articleId: a.id,
        language: "en",
        fragments: [],
        findings: [],
        duplicateOf: null,
        storyKey,
        entities: slugs.map((slug) => ({ kind: "place", name: slug, slug, mentions: 1 })),
      },
      ENRICHMENT_VERSION,
    );
  stored(quake, "stored-quake", ["turkey", "malatya"]);
  stored(match, "stored-match", []);
  // Older than the 72-hour window: not in the index, so nothing joins it.
  stored({ ...oldQuake, id: 5 }, "old-quake", ["turkey", "malatya"]);
  store.put(quake2);
  const { enricher } = enricherOver(store);
  try {
    await enricher.start();
    assert.equal(store.calls.enrichedSince, 1);
    assert.equal(store.enrichment(quake2.id)?.storyKey, "stored-quake");
    assert.equal(store.saved.flat().length, 1, "only the pending article is enriched");
  } finally {
    await enricher.close();
  }
});

test("an article the stages throw on is stored unenriched, logged, and the rest go on", async () => {
  const [quake, match] = newsArticles() as [PendingArticle, PendingArticle];
  const broken: PendingArticle = { ...quake, id: 20, at: "not a date", language: "fr" };
  const store = createMemoryEnrichmentStore([broken, quake, match]);
  const { enricher, lines } = enricherOver(store);
  try {
    assert.equal(await enricher.drain(), 3);
    assert.deepEqual(store.enrichment(broken.id), {
      articleId: broken.id,
      language: "fr",
      fragments: [],
      findings: [],
      duplicateOf: null,
      storyKey: null,
      entities: [],
    });
    assert.equal(store.version(broken.id), ENRICHMENT_VERSION, "not retried forever");
    assert.equal(store.enrichment(quake.id)?.storyKey, String(quake.id));
    assert.equal(store.enrichment(match.id)?.storyKey, String(match.id));
    const failed = lines.filter((l) => l.event === "enrich.failed");
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.articleId, broken.id);
  } finally {
    await enricher.close();
  }
});

/** A store whose calls take a turn each and that counts how many are in flight at once. */
function slowStore(inner: EnrichmentStore) {
  let inFlight = 0;
  let most = 0;
  const slow =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        await nextTurn();
        await nextTurn();
        return await call(...args);
      } finally {
        inFlight--;
      }
    };
  const store: EnrichmentStore = {
    pending: slow(inner.pending.bind(inner)),
    enrichedSince: slow(inner.enrichedSince.bind(inner)),
    save: slow(inner.save.bind(inner)),
  };
  return { store, most: () => most };
}

test("pokes and drains never run two passes at once; work that arrives meanwhile is done", async () => {
  const [quake, match, quake2] = newsArticles() as [PendingArticle, PendingArticle, PendingArticle];
  const memory = createMemoryEnrichmentStore([quake, match]);
  const { store, most } = slowStore(memory);
  const { enricher } = enricherOver(store);
  try {
    const first = enricher.drain();
    enricher.poke();
    enricher.poke();
    const second = enricher.drain();
    assert.equal(second, first, "a drain while a pass runs joins it");
    // Stored while the pass runs: the pass asked for another round, which finds it.
    memory.put(quake2);
    enricher.poke();
    const total = await first;
    assert.equal(total, 3);
    assert.equal(most(), 1, "one store call at a time: passes never overlap");
    const perArticle = new Map<number, number>();
    for (const r of memory.saved.flat())
      perArticle.set(r.articleId, (perArticle.get(r.articleId) ?? 0) + 1);
    assert.deepEqual(
      [...perArticle.entries()].sort((a, b) => a[0] - b[0]),
      [
        [quake.id, 1],
        [match.id, 1],
        [quake2.id, 1],
      ],
      "each article enriched once",
    );
    assert.equal(memory.enrichment(quake2.id)?.storyKey, String(quake.id));
  } finally {
    await enricher.close();
  }
});

test("close waits for the running pass, which stores nothing more; later pokes do nothing", async () => {
  const memory = createMemoryEnrichmentStore(newsArticles());
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const store: EnrichmentStore = {
    pending: async (version, limit) => {
      await gate;
      return memory.pending(version, limit);
    },
    enrichedSince: (since, version) => memory.enrichedSince(since, version),
    save: (results, version) => memory.save(results, version),
  };
  const { enricher } = enricherOver(store);
  const pass = enricher.drain();
  // Let the pass reach the store before closing.
  await nextTurn();
  let closed = false;
  const closing = enricher.close().then(() => {
    closed = true;
  });
  await nextTurn();
  assert.equal(closed, false, "close waits for the pass");
  release();
  await closing;
  assert.equal(await pass, 0);
  assert.equal(memory.calls.save, 0, "a batch read after close is not enriched");
  const asked = memory.calls.pending;
  enricher.poke();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(memory.calls.pending, asked, "poke after close does nothing");
});

test("closed while the stages load: start does not touch the store", async () => {
  const memory = createMemoryEnrichmentStore(newsArticles());
  const { enricher } = enricherOver(memory);
  const starting = enricher.start();
  await enricher.close();
  await starting;
  assert.equal(memory.calls.enrichedSince, 0);
  assert.equal(memory.calls.pending, 0);
});

test("the rebuilt index keeps a revised article where it was: a revision does not move story", async () => {
  const [quake, , quake2] = newsArticles() as [PendingArticle, PendingArticle, PendingArticle];
  const store = createMemoryEnrichmentStore([quake, quake2]);
  const { enricher } = enricherOver(store);
  try {
    await enricher.start();
    assert.equal(store.enrichment(quake2.id)?.storyKey, String(quake.id));
    // The newsroom revises the second report; the index still holds it.
    store.put({
      ...quake2,
      headline: "Quake toll rises",
      text: `${QUAKE_ALJAZEERA_TEXT}\n\nMore.`,
    });
    assert.equal(await enricher.drain(), 1);
    assert.equal(store.enrichment(quake2.id)?.storyKey, String(quake.id));
  } finally {
    await enricher.close();
  }
});

/** A report as a feed brings it: the source declares no language, the language step finds it. */
function undeclared(report: ClusterArticle, id: number, sourceId: number): PendingArticle {
  return {
    id,
    guid: null,
    kind: "link",
    headline: report.title,
    standfirst: null,
    body: `<p>${report.text}</p>`,
    text: report.text,
    language: "",
    sourceId,
    canonicalUrl: null,
    at: new Date(
      Date.now() -
        4 * HOUR +
        Date.parse(report.published) -
        Date.parse(ELECTION_ENGLISH_1.published),
    ).toISOString(),
  };
}

test("a report in another language joins the story, also after a restart; another event stays apart", async () => {
  const store = createMemoryEnrichmentStore([
    undeclared(ELECTION_ENGLISH_1, 1, 1),
    undeclared(ELECTION_ENGLISH_2, 2, 2),
    undeclared(ELECTION_GERMAN, 3, 3),
    undeclared(OTHER_ELECTION_GERMAN, 4, 4),
  ]);
  const first = enricherOver(store).enricher;
  try {
    await first.start();
  } finally {
    await first.close();
  }
  const story = store.enrichment(1)?.storyKey;
  assert.equal(store.enrichment(3)?.language, "de");
  assert.equal(store.enrichment(2)?.storyKey, story);
  assert.equal(store.enrichment(3)?.storyKey, story);
  assert.notEqual(store.enrichment(4)?.storyKey, story);
  // Restarted: the index is read back with the languages found, and the next German report
  // is weighed against the English story as the first was.
  store.put(undeclared(ELECTION_GERMAN_2, 5, 5));
  const second = enricherOver(store).enricher;
  try {
    await second.start();
    assert.equal(store.enrichment(5)?.storyKey, story);
  } finally {
    await second.close();
  }
});

function mergingArticle(report: MergingReport, id: number, start: number): PendingArticle {
  return {
    id,
    guid: null,
    kind: "link",
    headline: report.headline,
    standfirst: null,
    body: bodyHtml(report),
    text: report.text,
    language: "en",
    sourceId: report.outlet,
    canonicalUrl: null,
    at: new Date(start + report.hour * HOUR).toISOString(),
  };
}

test("two stories that grow into one merge: the older survives, and a restart agrees", async () => {
  const start = Date.now() - 10 * HOUR;
  const [ferry, island, villagers, bridge, toll, survivors] = [
    FERRY_SINKS,
    ...ISLAND_REPORTS,
    ...BRIDGING_REPORTS,
    SURVIVORS_SPEAK,
  ].map((r, i) => mergingArticle(r, i + 1, start)) as [
    PendingArticle,
    PendingArticle,
    PendingArticle,
    PendingArticle,
    PendingArticle,
    PendingArticle,
  ];
  const store = createMemoryEnrichmentStore([ferry, island, villagers]);
  const first = enricherOver(store);
  try {
    await first.enricher.drain();
    const keys = [ferry, island, villagers].map((a) => store.enrichment(a.id)?.storyKey);
    assert.deepEqual(keys, ["1", "2", "2"], "the island's reports open a story of their own");
    store.put(bridge);
    store.put(toll);
    await first.enricher.drain();
    const placed = store.saved.flat().find((r) => r.articleId === bridge.id);
    assert.deepEqual(placed?.mergedStoryKeys, ["2"], "the bridge merges the island's story");
    assert.equal(placed?.storyKey, "1", "into the older one");
    for (const a of [ferry, island, villagers, bridge, toll])
      assert.equal(store.enrichment(a.id)?.storyKey, "1", `report ${a.id} is in the survivor`);
  } finally {
    await first.enricher.close();
  }
  // A new process rebuilds its index from what is stored: the next report finds the survivor.
  store.put(survivors);
  const second = enricherOver(store);
  try {
    await second.enricher.start();
    assert.equal(store.enrichment(survivors.id)?.storyKey, "1");
    assert.equal(store.saved.flat().at(-1)?.mergedStoryKeys, undefined, "nothing left to merge");
  } finally {
    await second.enricher.close();
  }
});

test("a batch that fails to store leaves no merge behind in memory: the index is read again", async () => {
  const start = Date.now() - 10 * HOUR;
  const reports = [FERRY_SINKS, ...ISLAND_REPORTS, ...BRIDGING_REPORTS];
  const articles = reports.map((r, i) => mergingArticle(r, i + 1, start));
  const memory = createMemoryEnrichmentStore(articles.slice(0, 3));
  let failing = false;
  const store: EnrichmentStore = {
    pending: (version, limit) => memory.pending(version, limit),
    enrichedSince: (since, version) => memory.enrichedSince(since, version),
    save: (results, version, now) =>
      failing ? Promise.reject(new Error("disk full")) : memory.save(results, version, now),
  };
  const { enricher } = enricherOver(store);
  try {
    await enricher.drain();
    for (const a of articles.slice(3)) memory.put(a);
    failing = true;
    await assert.rejects(enricher.drain(), /disk full/);
    failing = false;
    // Placed again from the stored state: the merge is found again, and stored this time.
    await enricher.drain();
    const bridge = memory.saved.flat().find((r) => r.articleId === 4);
    assert.deepEqual(bridge?.mergedStoryKeys, ["2"]);
    for (const a of articles) assert.equal(memory.enrichment(a.id)?.storyKey, "1");
  } finally {
    await enricher.close();
  }
});
