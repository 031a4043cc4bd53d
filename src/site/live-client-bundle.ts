import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const ENTRY = "src/site/live-client/main.ts";

/** The checkout's root: from src/site/ under tsx, from dist/ in the bundled command. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, ENTRY))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`live client source not found above ${import.meta.url}`);
    dir = up;
  }
}

/**
 * The live client (live-client/*.ts) as one minified script for browsers, built by esbuild
 * when the server starts (about 20 ms, once per process): the page script is bundled from
 * the same sources as the server, so no build step can leave the two apart.
 */
export function buildLiveClient(): string {
  const result = buildSync({
    entryPoints: [join(projectRoot(), ENTRY)],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild produced no live client");
  return file.text;
}
