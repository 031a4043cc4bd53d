import type { Config } from "../config/settings.ts";
import type { DemoWire } from "../demo/demo-wire.ts";
import { LOG } from "../domain/log-events.ts";
import { init } from "../server/app.ts";
import { createLogger } from "./logger.ts";

const BACKGROUND_DELAY_MS = 1_000;

/** Runs until SIGTERM or SIGINT, then stops taking requests, finishes the open ones, exits. */
export async function serveCommand(baseConfig: Config, flags: { demo?: boolean }): Promise<number> {
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
  const dispatch = await init({ config, logger });
  if (demo && wire) await demo.addDemoSources(wire, dispatch.sources);
  // Background work loads the feed parsers and the language and entity models (about half
  // a second of CPU): it starts once the site has answered its first request, or after a
  // second, so the first reader after a restart never waits behind a model load.
  let background: NodeJS.Timeout | null = null;
  const startBackground = () => {
    if (background === null) return;
    clearTimeout(background);
    background = null;
    if (config.INGEST) dispatch.ingestion.start();
    // Rebuilding the story index reads the last 72 hours; the site serves meanwhile.
    dispatch.enricher
      .start()
      .catch((error: unknown) =>
        logger.error({ event: LOG.enrichFailed, err: error }, "enrichment could not start"),
      );
  };
  dispatch.app.addHook("onResponse", async () => startBackground());
  await dispatch.app.listen({ port: config.PORT, host: config.HOST });
  background = setTimeout(startBackground, BACKGROUND_DELAY_MS);
  logger.info(
    { event: LOG.serverListening, url: config.SITE_URL, port: config.PORT, host: config.HOST },
    `Dispatch is serving ${config.SITE_URL}`,
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
      Promise.all([dispatch.close(), wire?.close()]).then(
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
