import type { FastifyInstance } from "fastify";
import type { SourceRepository } from "../db/source-repository.ts";
import type { Source } from "../domain/source.ts";

/** What the public may see of a source: never its WebSub secret or lease. */
export function sourceView(s: Source) {
  return {
    id: s.id,
    url: s.url,
    title: s.title,
    siteUrl: s.siteUrl,
    format: s.format,
    mode: s.mode,
    section: s.sectionSlug,
    language: s.languageHint,
    enabled: s.enabled,
    health: s.health,
  };
}

export function registerSourcesApi(
  app: FastifyInstance,
  deps: { sources: SourceRepository; siteName: string },
): void {
  const doc = { summary: "Every source the portal follows, with its health", tags: ["sources"] };
  app.get("/api/v1/sources", { config: { openapi: doc } }, async (_request, reply) => {
    reply.header("cache-control", "public, max-age=30");
    return { items: (await deps.sources.list()).map(sourceView) };
  });

  app.get("/sources.opml", async (_request, reply) =>
    reply
      .header("content-type", "text/x-opml; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(
        (await import("../ingest/opml.ts")).sourcesToOpml(
          await deps.sources.list(),
          `${deps.siteName} sources`,
        ),
      ),
  );
}
