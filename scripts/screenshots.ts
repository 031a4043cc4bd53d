// Screenshots of pages at phone and desktop widths, light and dark, for a person to look at:
//   node --import tsx scripts/screenshots.ts <out-dir> <url>...
import { mkdirSync } from "node:fs";
import path from "node:path";
import { launchChromium } from "../test/support/browser.ts";

const [outDir = ".tmp/shots", ...urls] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const browser = await launchChromium();
for (const url of urls) {
  for (const [label, width, height] of [
    ["phone", 390, 844],
    ["desktop", 1280, 900],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      const page = await browser.newPage({
        viewport: { width, height },
        colorScheme: scheme,
        deviceScaleFactor: 1,
      });
      await page.goto(url, { waitUntil: "networkidle" });
      const name = `${new URL(url).pathname.replace(/[^a-z0-9]+/gi, "_").slice(0, 40) || "home"}-${label}-${scheme}.png`;
      await page.screenshot({ path: path.join(outDir, name), fullPage: false });
      console.log(path.join(outDir, name));
      await page.close();
    }
  }
}
await browser.close();
