import type { Config } from "../config/settings.ts";
import type { DemoWire } from "../demo/demo-wire.ts";
import { LOG } from "../domain/log-events.ts";
import { init } from "../server/app.ts";
import { addDemoSources, startDemo } from "../server/demo.ts";
import { createLogger } from "./logger.ts";

/** Runs until SIGTERM or SIGINT, then stops taking requests, finishes the open ones, exits. */
export async function serveCommand(baseConfig: Config, flags: { demo?: boolean }): Promise<number> {
  const logger = createLogger(baseConfig);
  let config = baseConfig;
  let wire: DemoWire | null = null;
  if (flags.demo) {
    ({ wire, config } = await startDemo(baseConfig));
    logger.info(
      { event: LOG.demoWireStarted, url: wire.url },
      `demo wire publishing at ${wire.url}`,
    );
  }
  const dispatch = await init({ config, logger });
  if (wire) await addDemoSources(wire, dispatch.sources);
  await dispatch.app.listen({ port: config.PORT, host: config.HOST });
  if (config.INGEST) dispatch.ingestion.start();
  // Rebuilding the story index reads the last 72 hours; the site serves meanwhile.
  dispatch.enricher
    .start()
    .catch((error: unknown) =>
      logger.error({ event: LOG.enrichFailed, err: error }, "enrichment could not start"),
    );
  logger.info(
    { event: LOG.serverListening, url: config.SITE_URL, port: config.PORT, host: config.HOST },
    `Dispatch is serving ${config.SITE_URL}`,
  );

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
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
