import type { Config } from "../config/settings.ts";
import { AppError, isAppError } from "../domain/errors.ts";
import type { NewSource, Source } from "../domain/source.ts";
import { type DemoWire, startDemoWire } from "./demo-wire.ts";
import type { OutletSlug } from "./outlets.ts";

const SECTIONS: Partial<Record<OutletSlug, { slug: string; name: string }>> = {
  "tech-ledger": { slug: "technology", name: "Technology" },
  "science-post": { slug: "science", name: "Science" },
};
const WORLD = { slug: "world", name: "World" };
// A wire agency's copy is republished in full; the others are linked to, as public feeds are.
const FULL_TEXT: ReadonlySet<OutletSlug> = new Set(["northwind-wire"]);

/**
 * `--demo`: the synthetic wire on a fixed loopback port (PORT + 1, so the sources stored
 * last time still work after a restart), its host let through the fetcher's guard, and its
 * feeds added as sources that poll every 30 seconds.
 */
export async function startDemo(config: Config): Promise<{ wire: DemoWire; config: Config }> {
  const port = config.PORT === 0 ? 0 : config.PORT + 1;
  let wire: DemoWire;
  try {
    wire = await startDemoWire({ port });
  } catch (error) {
    throw new AppError(
      "demo_port_busy",
      `the demo wire could not listen on 127.0.0.1:${port} (PORT + 1): ${isAppError(error) ? error.message : String(error)}`,
    );
  }
  const allow = [config.FETCH_ALLOW_HOSTS, `127.0.0.1:${wire.port}`].filter(Boolean).join(",");
  return { wire, config: { ...config, FETCH_ALLOW_HOSTS: allow } };
}

/** The part of source storage the demo needs. */
export interface DemoSourceStore {
  byUrl(url: string): Promise<Source | null>;
  add(source: NewSource): Promise<Source>;
}

/** Adds the wire's feeds that are not sources yet; returns how many were added. */
export async function addDemoSources(wire: DemoWire, sources: DemoSourceStore): Promise<number> {
  let added = 0;
  for (const feed of wire.feeds) {
    if (await sources.byUrl(feed.url)) continue;
    await sources.add({
      url: feed.url,
      mode: FULL_TEXT.has(feed.outlet) ? "full" : "link",
      section: SECTIONS[feed.outlet] ?? WORLD,
      title: feed.title,
      minIntervalSeconds: 30,
      maxIntervalSeconds: 30,
    });
    added++;
  }
  return added;
}
