#!/usr/bin/env node
// The `dispatch` command. The TypeScript sources are bundled with esbuild under dist/ the
// first time and whenever a source is newer, so a start costs a native ESM load (fast cold
// start) and there is still no build step anyone can forget. The bundle is split: what a
// command or the server loads with `import()` (feed parsers, language and entity models,
// image resizing) sits in its own chunk and costs nothing until it is used.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = `${root}src`;
const dist = `${root}dist`;
// A one-line module naming the current build's entry chunk; replaced last, in one rename.
const pointer = `${dist}/dispatch.mjs`;
const OLD_BUILD_MS = 24 * 3_600_000;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    // JSON too: data the code imports (the clustering weights) is part of the bundle.
    else if (/\.(tsx?|json)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** Writes beside the target and renames, so a process starting meanwhile never reads half a file. */
function writeAtomically(path, contents) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/**
 * Packages stay in node_modules, loaded by Node as they are, except the ones made of
 * hundreds of small modules: Kysely in one chunk loads in a tenth of the time, TypeBox
 * (the reader routes' schemas, about 700 modules) in 5 ms instead of 150.
 */
function externalPackages() {
  const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
  return Object.keys(dependencies)
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}
const BUNDLED = new Set(["kysely", "typebox"]);

async function rebuild() {
  const { build } = await import("esbuild");
  mkdirSync(dist, { recursive: true });
  const result = await build({
    entryPoints: { dispatch: `${src}/cli/main.ts` },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: externalPackages(),
    jsx: "automatic",
    jsxImportSource: "preact",
    logLevel: "error",
    outdir: dist,
    // Content-hashed names: a running server's later import() still finds its own chunks.
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    outExtension: { ".js": ".mjs" },
    write: false,
  });
  const current = new Set();
  let entry = null;
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    current.add(name);
    if (name.startsWith("dispatch-")) entry = name;
    if (!existsSync(file.path)) writeAtomically(file.path, file.contents);
  }
  if (entry === null) throw new Error("esbuild produced no entry chunk");
  // The browser's live client is built from src/ too: the next start builds it again.
  rmSync(`${dist}/live-client.js`, { force: true });
  writeAtomically(pointer, `export * from "./${entry}";\n`);
  // Chunks of builds a day old: no process started since then still loads from them.
  for (const name of readdirSync(dist)) {
    if (!/^(?:dispatch|chunk)-.*\.mjs$/.test(name) || current.has(name)) continue;
    const path = `${dist}/${name}`;
    if (Date.now() - statSync(path).mtimeMs > OLD_BUILD_MS) unlinkSync(path);
  }
}

if (!existsSync(pointer) || statSync(pointer).mtimeMs < newestSource(src)) await rebuild();

// `dispatch sources list | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const { main } = await import(pointer);
process.exitCode = await main(process.argv.slice(2));
