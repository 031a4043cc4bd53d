import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
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
 * from the same sources as the server, so no build step can leave the two apart. Under tsx
 * it is built at every start; the bundled command (bin/dispatch.js, which deletes the copy
 * whenever it rebuilds) keeps it in `dist/live-client.js`, so a start reads a file instead
 * of spawning esbuild (a few hundred ms of a cold start on a busy machine).
 */
export function buildLiveClient(): string {
  const root = projectRoot();
  const here = dirname(fileURLToPath(import.meta.url));
  const kept = here === join(root, "dist") ? join(here, "live-client.js") : null;
  if (kept && existsSync(kept)) return readFileSync(kept, "utf8");
  const result = buildSync({
    entryPoints: [join(root, ENTRY)],
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
  if (kept) {
    // Beside and renamed: a process starting meanwhile never reads half a file.
    const tmp = `${kept}.${process.pid}.tmp`;
    writeFileSync(tmp, file.text);
    renameSync(tmp, kept);
  }
  return file.text;
}
