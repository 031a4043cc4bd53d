import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function chromiumUnavailable(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
}

/**
 * Debian's Chromium, headless, with every background connection off: loopback only.
 * Playwright gives each launch a fresh temporary profile of its own.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-extensions",
    ],
  });
}

/** axe-core's violations on the page as it stands, "rule (nodes)" each. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // axe is a global once the script is in.
    const axe = (
      globalThis as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    return axe.run();
  });
  return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
}
