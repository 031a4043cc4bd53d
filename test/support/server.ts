import { readFileSync } from "node:fs";
import pino from "pino";
import { loadConfig } from "../../src/config/settings.ts";
import { createArticleRepository } from "../../src/db/article-repository.ts";
import type { Database } from "../../src/db/connection.ts";
import type { Article } from "../../src/domain/article.ts";
import { parseImportFile } from "../../src/ingest/import/detect.ts";
import { openServices, type Services } from "../../src/server/services.ts";
import { createWebApp, type WebApp } from "../../src/server/web-app.ts";

export const SEED_NINJS = new URL("../fixtures/seed/article.ninjs.json", import.meta.url).pathname;
export const SEED_TEXT = new URL("../fixtures/seed/article.txt", import.meta.url).pathname;
export const SITE_NAME = "24/7 Live News Portal";

/** The services and the web app over them, as `serve --role all` builds them. */
export type Dispatch = Services & WebApp;

export interface RunningServer {
  dispatch: Dispatch;
  base: string;
  stop(): Promise<void>;
}

/** The real app on a real loopback port, over a database the test owns. */
export async function startServer(
  database: Database,
  env: Record<string, string> = {},
  listenPort = 0,
): Promise<RunningServer> {
  const config = loadConfig({
    SITE_URL: "http://127.0.0.1:3999",
    LOG_LEVEL: "silent",
    // A fixed key, so no test writes DATA_DIR/secret-key into the working tree.
    SECRET_KEY: "test-secret-key-test-secret-key-0123456789",
    ...env,
  });
  const services = await openServices(config, pino({ level: "silent" }), { database });
  const dispatch: Dispatch = { ...services, ...(await createWebApp(services)) };
  await dispatch.app.listen({ port: listenPort, host: "127.0.0.1" });
  const address = dispatch.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    dispatch,
    base: `http://127.0.0.1:${port}`,
    // The harness owns the database and closes it; only the server stops here.
    stop: async () => {
      await dispatch.app.close();
      await services.close();
    },
  };
}

export async function importSeed(database: Database, file = SEED_NINJS): Promise<Article> {
  const input = parseImportFile(file, readFileSync(file), {
    siteName: SITE_NAME,
    defaultLanguage: "en",
    now: new Date("2026-11-27T09:30:00Z"),
  });
  return (await createArticleRepository(database).save(input)).article;
}
