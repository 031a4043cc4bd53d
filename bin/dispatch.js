#!/usr/bin/env node
// The `dispatch` command. The TypeScript sources are bundled with esbuild into one file
// under dist/ the first time and whenever a source is newer, so a start costs a native
// ESM load (fast cold start) and there is still no build step anyone can forget.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = `${root}src`;
const bundle = `${root}dist/dispatch.mjs`;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(src)) {
  const { build } = await import("esbuild");
  mkdirSync(`${root}dist`, { recursive: true });
  // Build beside the target and rename: two commands starting at once never see half a file.
  const tmp = `${bundle}.${process.pid}.tmp`;
  await build({
    entryPoints: [`${src}/cli/main.ts`],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    jsx: "automatic",
    jsxImportSource: "preact",
    logLevel: "error",
    outfile: tmp,
  });
  renameSync(tmp, bundle);
}

// `dispatch sources list | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const { main } = await import(bundle);
process.exitCode = await main(process.argv.slice(2));
