import pino from "pino";
import type { Config } from "../config/settings.ts";
import { openServices, type Services } from "../server/services.ts";

/**
 * Runs one command over the composition root and closes it afterwards, whatever happens.
 * Commands print their own progress lines; the logger only speaks up for real trouble.
 */
export async function withServices<T>(
  config: Config,
  run: (services: Services) => Promise<T>,
): Promise<T> {
  // No background work starts here: a command never runs the scheduler or the enricher.
  const services = await openServices(config, pino({ level: "error" }));
  try {
    return await run(services);
  } finally {
    await services.close();
  }
}
