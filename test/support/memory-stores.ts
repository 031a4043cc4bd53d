import type { ArticleInput } from "../../src/domain/article.ts";
import type { Source, WebSubState } from "../../src/domain/source.ts";
import type {
  ArticleStore,
  FetchFailure,
  FetchSuccess,
  IngestStores,
  KnownItem,
  SavedArticle,
  SourceStore,
} from "../../src/ingest/ingest-stores.ts";
import type { WebSubWrite } from "../../src/ingest/websub.ts";

/**
 * Ingestion's storage interfaces in memory, for unit tests of the core: what the article
 * and source repositories do, minus SQL. Each store counts its calls and can be told to
 * fail, so a test can assert what was (not) looked up or written.
 */

export interface StoredArticle {
  id: number;
  input: ArticleInput;
  itemHash: string | null;
}

type Calls<T> = { [K in keyof T]?: number };

export interface MemoryArticleStore extends ArticleStore {
  readonly byGuid: Map<string, StoredArticle>;
  readonly calls: Calls<ArticleStore>;
  /** The next calls of these methods reject with this error. */
  failing: Partial<Record<keyof ArticleStore, Error>>;
}

export interface MemorySourceStore extends SourceStore {
  readonly byId: Map<number, Source>;
  readonly leases: Map<number, Date>;
  readonly websub: Map<number, WebSubState>;
  readonly calls: Calls<SourceStore>;
  failing: Partial<Record<keyof SourceStore, Error>>;
  /** Registers a source; what is not given takes the repository's defaults. */
  add(source?: Partial<Omit<Source, "health">> & { health?: Partial<Source["health"]> }): Source;
  get(id: number): Source;
}

function same(a: ArticleInput, b: ArticleInput): boolean {
  const { itemHash: _a, ...left } = a;
  const { itemHash: _b, ...right } = b;
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Counts a call and throws the error the test set for that method, if any. */
function counter<T>(calls: Calls<T>, failing: () => Partial<Record<keyof T, Error>>) {
  return (name: keyof T): void => {
    calls[name] = (calls[name] ?? 0) + 1;
    const error = failing()[name];
    if (error) throw error;
  };
}

export function createMemoryArticleStore(): MemoryArticleStore {
  const byGuid = new Map<string, StoredArticle>();
  const calls: Calls<ArticleStore> = {};
  let nextId = 1;
  const store: MemoryArticleStore = {
    byGuid,
    calls,
    failing: {},
    async saveMany(inputs) {
      call("saveMany");
      // All or nothing, as one transaction: work on a copy, then swap it in.
      const draft = new Map(byGuid);
      const results: SavedArticle[] = inputs.map((input) => {
        const guid = input.guid ?? `memory:${nextId}`;
        const existing = draft.get(guid);
        const itemHash = input.itemHash ?? null;
        if (!existing) {
          const article = { id: nextId++, input, itemHash };
          draft.set(guid, article);
          return { created: true, changed: true, article: { id: article.id } };
        }
        const changed = !same(existing.input, input);
        const keepHash = !changed && typeof input.itemHash !== "string";
        draft.set(guid, { ...existing, input, itemHash: keepHash ? existing.itemHash : itemHash });
        return { created: false, changed, article: { id: existing.id } };
      });
      byGuid.clear();
      for (const [guid, article] of draft) byGuid.set(guid, article);
      return results;
    },
    async knownItems(sourceId, items: readonly KnownItem[]) {
      call("knownItems");
      return new Set(
        items
          .filter((i) => {
            const stored = byGuid.get(i.guid);
            return stored?.input.sourceId === sourceId && stored.itemHash === i.hash;
          })
          .map((i) => i.guid),
      );
    },
    async sections() {
      call("sections");
      const all = new Map([...byGuid.values()].map((a) => [a.input.section.slug, a.input.section]));
      return [...all.values()];
    },
  };
  const call = counter(calls, () => store.failing);
  return store;
}

export function createMemorySourceStore(): MemorySourceStore {
  const byId = new Map<number, Source>();
  const leases = new Map<number, Date>();
  const websub = new Map<number, WebSubState>();
  const calls: Calls<SourceStore> = {};
  let nextId = 1;
  const update = (id: number, change: (s: Source) => Source) => {
    const source = byId.get(id);
    if (source) byId.set(id, change(source));
  };
  const store: MemorySourceStore = {
    byId,
    leases,
    websub,
    calls,
    failing: {},
    add(source = {}) {
      const id = source.id ?? nextId++;
      const added: Source = {
        url: `http://127.0.0.1:1/feed-${id}.xml`,
        title: null,
        siteUrl: null,
        format: null,
        mode: "link",
        sectionSlug: "world",
        languageHint: null,
        weight: 1,
        minIntervalSeconds: 300,
        maxIntervalSeconds: 3600,
        enabled: true,
        createdAt: "2026-11-01T00:00:00.000Z",
        ...source,
        id,
        health: {
          lastSuccessAt: null,
          lastErrorAt: null,
          lastError: null,
          lastErrorCode: null,
          consecutiveFailures: 0,
          etag: null,
          lastModified: null,
          itemsPerDay: 0,
          nextFetchAt: null,
          disabledReason: null,
          ...source.health,
        },
      };
      byId.set(id, added);
      return added;
    },
    get(id) {
      const source = byId.get(id);
      if (!source) throw new Error(`no source ${id}`);
      return source;
    },
    async due(now, limit) {
      call("due");
      const at = now.getTime();
      return [...byId.values()]
        .filter((s) => s.enabled)
        .filter((s) => s.health.nextFetchAt === null || Date.parse(s.health.nextFetchAt) <= at)
        .filter((s) => (leases.get(s.id)?.getTime() ?? 0) < at)
        .sort(
          (a, b) =>
            Date.parse(a.health.nextFetchAt ?? "0") - Date.parse(b.health.nextFetchAt ?? "0"),
        )
        .slice(0, limit);
    },
    async lease(id, now, until) {
      call("lease");
      if ((leases.get(id)?.getTime() ?? 0) >= now.getTime()) return false;
      leases.set(id, until);
      return true;
    },
    async recordSuccess(id, r: FetchSuccess) {
      call("recordSuccess");
      leases.delete(id);
      update(id, (s) => ({
        ...s,
        format: r.format ?? s.format,
        title: r.title || s.title,
        siteUrl: r.siteUrl || s.siteUrl,
        health: {
          ...s.health,
          lastSuccessAt: r.at.toISOString(),
          consecutiveFailures: 0,
          etag: r.etag,
          lastModified: r.lastModified,
          nextFetchAt: r.nextFetchAt.toISOString(),
          itemsPerDay: r.itemsPerDay ?? s.health.itemsPerDay,
          // As the repository does: a 304 leaves the last warnings standing.
          ...(r.warnings !== undefined ? { warnings: r.warnings } : {}),
        },
      }));
    },
    async recordFailure(id, f: FetchFailure) {
      call("recordFailure");
      leases.delete(id);
      const failures = (byId.get(id)?.health.consecutiveFailures ?? 0) + 1;
      const disable = failures >= f.disableAfter;
      update(id, (s) => ({
        ...s,
        enabled: disable ? false : s.enabled,
        health: {
          ...s.health,
          lastErrorAt: f.at.toISOString(),
          lastError: f.message,
          lastErrorCode: f.code,
          consecutiveFailures: failures,
          nextFetchAt: f.nextFetchAt.toISOString(),
          disabledReason: disable ? `disabled after ${failures} failures in a row` : null,
        },
      }));
      return disable;
    },
    async reschedule(id, nextFetchAt) {
      call("reschedule");
      leases.delete(id);
      update(id, (s) => ({
        ...s,
        health: { ...s.health, nextFetchAt: nextFetchAt.toISOString() },
      }));
    },
    async webSub(id) {
      call("webSub");
      const source = byId.get(id);
      if (!source) return null;
      const state = websub.get(id) ?? { hub: null, topic: null, secret: null, leaseUntil: null };
      return { source, websub: state };
    },
    async setWebSub(id, w: WebSubWrite) {
      call("setWebSub");
      websub.set(id, { ...w, leaseUntil: w.leaseUntil?.toISOString() ?? null });
    },
    async webSubExpiring(before, limit) {
      call("webSubExpiring");
      return [...websub.entries()]
        .filter(([, w]) => w.secret !== null && w.leaseUntil !== null)
        .filter(([, w]) => Date.parse(w.leaseUntil ?? "") <= before.getTime())
        .flatMap(([id, w]) => {
          const source = byId.get(id);
          return source?.enabled ? [{ source, websub: w }] : [];
        })
        .slice(0, limit);
    },
  };
  const call = counter(calls, () => store.failing);
  return store;
}

/** The stores one fetch (`ingestSource`) uses, over the two memory stores. */
export function memoryIngestStores(
  articles: MemoryArticleStore,
  sources: MemorySourceStore,
): IngestStores {
  return {
    knownItems: (sourceId, items) => articles.knownItems(sourceId, items),
    saveArticles: (inputs) => articles.saveMany(inputs),
    recordSuccess: (id, r) => sources.recordSuccess(id, r),
    recordFailure: (id, f) => sources.recordFailure(id, f),
    reschedule: (id, at) => sources.reschedule(id, at),
    sectionName: async (slug) => slug.replace(/^./, (c) => c.toUpperCase()),
  };
}
