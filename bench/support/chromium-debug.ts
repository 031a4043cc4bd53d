import { existsSync } from "node:fs";
import { ROOT } from "./dispatch-process.ts";
import { freePort, get } from "./loopback.ts";
import { type Child, makeTempDir, spawnChild } from "./resources.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Debian's Chromium with every background connection off, so a run talks to loopback only;
 * the rest are the switches Lighthouse's own launcher passes so timers and rendering are
 * not slowed in a headless tab.
 */
const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--disable-client-side-phishing-detection",
  "--disable-domain-reliability",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
  "--disable-renderer-backgrounding",
  "--disable-hang-monitor",
  "--disable-ipc-flooding-protection",
  "--disable-search-engine-choice-screen",
  "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions,CalculateNativeWinOcclusion,AutofillServerCommunication",
  "--metrics-recording-only",
  "--mute-audio",
  "--password-store=basic",
  "--use-mock-keychain",
];

export interface DebuggableChromium {
  child: Child;
  /** The DevTools port on 127.0.0.1 that Lighthouse connects to. */
  port: number;
  version: string;
}

/** Starts Chromium with a fresh profile and waits until its DevTools endpoint answers. */
export async function launchDebuggableChromium(timeoutMs = 20_000): Promise<DebuggableChromium> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const port = await freePort();
  const profile = makeTempDir("chromium");
  const child = spawnChild(
    CHROMIUM,
    [
      ...FLAGS,
      "--remote-debugging-address=127.0.0.1",
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH, HOME: profile } },
  );
  const startedAt = performance.now();
  for (;;) {
    if (child.exited()) throw new Error(`Chromium exited at start:\n${child.output()}`);
    try {
      const res = await get(port, "/json/version", 2_000);
      if (res.status === 200) {
        const info = JSON.parse(res.body.toString("utf8")) as { Browser?: unknown };
        return { child, port, version: String(info.Browser ?? "unknown") };
      }
    } catch {
      // Not listening yet.
    }
    if (performance.now() - startedAt > timeoutMs) {
      await child.stop();
      throw new Error(`Chromium's DevTools port did not answer in ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
