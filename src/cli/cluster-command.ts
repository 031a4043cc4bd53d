import { readFile } from "node:fs/promises";
import { AppError, describeError } from "../domain/errors.ts";
import { type ClusterLineResult, clusterLines } from "../enrich/cluster/cluster-lines.ts";
import type { StoryIndexOptions } from "../enrich/cluster/story-index.ts";
import type { Output } from "./output.ts";

export interface ClusterFlags {
  json?: boolean | undefined;
  threshold?: string | undefined;
  windowHours?: string | undefined;
}

export const CLUSTER_USAGE =
  "usage: dispatch cluster <file.jsonl> [--json] [--threshold <0–1>] [--window-hours <hours>]";

/**
 * `dispatch cluster <file.jsonl>`: places each line's article into a story, in file order,
 * exactly as ingestion would, and prints one line per input line: the story id (the id of
 * the story's first article) and the earlier article it copies, if any. A line that is not
 * a valid article gets an error line and the rest go on; a file that cannot be read is one
 * error and exit 2. For operators tuning the threshold and the window on their own feeds.
 */
export async function clusterCommand(
  files: string[],
  flags: ClusterFlags,
  out: Output,
): Promise<number> {
  if (files.length !== 1) {
    out.error(CLUSTER_USAGE);
    return 2;
  }
  const options: StoryIndexOptions = {};
  if (flags.threshold !== undefined)
    options.threshold = numberFlag(
      "--threshold",
      flags.threshold,
      (n) => n > 0 && n <= 1,
      "a number above 0 and at most 1",
    );
  if (flags.windowHours !== undefined)
    options.windowHours = numberFlag(
      "--window-hours",
      flags.windowHours,
      (n) => n > 0 && n <= 24 * 366,
      "a number of hours above 0",
    );
  const text = await readJsonl(files[0] as string);
  let total = 0;
  let bad = 0;
  for (const result of clusterLines(text.split("\n"), options)) {
    if (!("merged" in result)) total++;
    if ("error" in result) bad++;
    out.line(flags.json ? JSON.stringify(result) : humanLine(result));
  }
  if (!flags.json && bad > 0) out.error(`${bad} of ${total} lines were not valid articles`);
  return 0;
}

function numberFlag(
  name: string,
  raw: string,
  valid: (n: number) => boolean,
  what: string,
): number {
  const n = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(n) || !valid(n))
    throw new AppError("invalid_option", `${name} must be ${what}, got "${raw.slice(0, 40)}"`, {
      status: 400,
    });
  return n;
}

async function readJsonl(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new AppError("not_found", `no such file: ${file}`, { status: 404 });
    if (code === "EISDIR")
      throw new AppError("is_directory", `${file} is a folder, give a file`, { status: 400 });
    if (code === "EACCES") throw new AppError("permission", `cannot read ${file}`, { status: 403 });
    throw new AppError("read_failed", `cannot read ${file}: ${describeError(error)}`, {
      status: 500,
    });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError("invalid_encoding", `${file} is not UTF-8 text`, { status: 400 });
  }
}

function humanLine(result: ClusterLineResult): string {
  if ("merged" in result) return `story ${result.merged}  merged into ${result.into}`;
  if ("error" in result)
    return `line ${result.line}${result.id === undefined ? "" : ` (${result.id})`}: ${result.error.code}: ${result.error.message}`;
  return `${result.id}  story ${result.story}${result.duplicateOf ? `  copy of ${result.duplicateOf}` : ""}`;
}
