import type { FastifyInstance } from "fastify";
import type { Config } from "../config/settings.ts";
import type { DemoWire } from "../demo/demo-wire.ts";
import { AppError } from "../domain/errors.ts";
import { LOG } from "../domain/log-events.ts";
import { openServices, ROLES, type Role, type Services } from "../server/services.ts";
import { createHealthApp, createWebApp } from "../server/web-app.ts";
import { createLogger } from "./logger.ts";

const BACKGROUND_DELAY_MS = 1_000;

export function parseRole(raw: string | undefined): Role {
  const role = raw ?? "all";
  if ((ROLES as readonly string[]).includes(role)) return role as Role;
  throw new AppError("usage", `--role must be one of ${ROLES.join(", ")}, not "${role}"`);
}

/**
 * `dispatch serve [--role all|web|worker] [--demo]`. `all` (the default) is the embedded
 * portal: site, scheduler and enricher in one process. `web` serves and runs nothing in
 * the background; `worker` fetches, enriches and stores, and its port answers only
 * `/healthz` and `/readyz`. Runs until SIGTERM or SIGINT, then stops taking requests,
 * finishes the open ones and exits.
 */
export async function serveCommand(
  baseConfig: Config,
  flags: { demo?: boolean; role?: Role },
): Promise<number> {
  const role = flags.role ?? "all";
  const logger = createLogger(baseConfig);
  let config = baseConfig;
  let wire: DemoWire | null = null;
  const demo = flags.demo ? await import("../demo/demo-sources.ts") : null;
  if (demo) {
    ({ wire, config } = await demo.startDemo(baseConfig));
    logger.info(
      { event: LOG.demoWireStarted, url: wire.url },
      `demo wire publishing at ${wire.url}`,
    );
  }
  let services: Services;
  try {
    services = await openServices(config, logger, { role });
  } catch (error) {
    await wire?.close();
    throw error;
  }
  if (demo && wire) await demo.addDemoSources(wire, services.sources);

  const app: FastifyInstance =
    role === "worker" ? createHealthApp(services) : (await createWebApp(services)).app;
  let background: NodeJS.Timeout | null = null;
  const startBackground = () => {
    if (background === null) return;
    clearTimeout(background);
    background = null;
    services
      .startBackground()
      .catch((error: unknown) =>
        logger.error({ event: LOG.enrichFailed, err: error }, "background work could not start"),
      );
  };
  if (role === "all") {
    // Background work loads the feed parsers and the language and entity models (about
    // half a second of CPU): it starts once the site has answered its first request, or
    // after a second, so the first reader after a restart never waits behind a model load.
    app.addHook("onResponse", async () => startBackground());
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  if (role !== "web") {
    background = setTimeout(startBackground, role === "worker" ? 0 : BACKGROUND_DELAY_MS);
  }
  logger.info(
    { event: LOG.roleStarted, role, ingest: role !== "web" && config.INGEST },
    role === "web"
      ? "role web: serving pages, feeds and API; no scheduler, no enricher"
      : role === "worker"
        ? "role worker: fetching and enriching; this port answers /healthz and /readyz only"
        : "role all: serving, fetching and enriching in one process",
  );
  logger.info(
    { event: LOG.serverListening, url: config.SITE_URL, port: config.PORT, host: config.HOST },
    role === "worker"
      ? `Dispatch worker health on http://${config.HOST}:${config.PORT}/healthz`
      : `Dispatch is serving ${config.SITE_URL}`,
  );

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      if (background !== null) clearTimeout(background);
      background = null;
      logger.info({ event: LOG.serverStopping, signal }, "shutting down");
      const force = setTimeout(() => resolve(1), 10_000);
      force.unref();
      Promise.all([app.close().then(() => services.close()), wire?.close()]).then(
        () => {
          logger.info({ event: LOG.serverStopped }, "stopped");
          resolve(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          resolve(1);
        },
      );
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}
