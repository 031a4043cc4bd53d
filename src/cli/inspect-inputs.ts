import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { AppError, describeError, isAppError } from "../domain/errors.ts";
import { decodeBody } from "../ingest/charset.ts";
import { httpUrl } from "../ingest/import/fields.ts";
import { mapInOrder } from "./map-in-order.ts";
import type { Output } from "./output.ts";

/**
 * What `dispatch feed inspect` and `dispatch extract` share: reading their arguments, telling
 * URLs from files, reading files the way the fetcher would hand them over, and running one
 * input (a result or one error line, exit 2) or many (JSON lines in input order, exit 1 if
 * any failed).
 */

export interface InspectArgs {
  inputs: string[];
  json: boolean;
  /** Base for relative links in files; URLs always use the address they were fetched from. */
  baseUrl: string | null;
}

/** The parsed arguments, or the exit code after printing usage. */
export function parseInspectArgs(
  args: string[],
  usage: string,
  out: Output,
): InspectArgs | { exit: number } {
  let values: { json?: boolean; "base-url"?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: {
        json: { type: "boolean" },
        "base-url": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    out.error(`error: ${oneLine(describeError(error))}`);
    out.error(usage);
    return { exit: 2 };
  }
  if (values.help) {
    out.line(usage);
    return { exit: 0 };
  }
  if (positionals.length === 0) {
    out.error(usage);
    return { exit: 2 };
  }
  const rawBase = values["base-url"];
  const baseUrl = rawBase === undefined ? null : httpUrl(rawBase);
  if (rawBase !== undefined && baseUrl === null) {
    out.error(`error: bad_url: --base-url must be an http(s) URL, not "${rawBase.slice(0, 200)}"`);
    return { exit: 2 };
  }
  return { inputs: positionals, json: values.json === true, baseUrl };
}

export type InputSource = { kind: "url"; url: string } | { kind: "file"; path: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** http(s) URLs are fetched; `file://` URLs and anything without a scheme name files. */
export function inputSource(input: string): InputSource {
  if (!SCHEME.test(input)) return { kind: "file", path: input };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new AppError("bad_url", `not a valid URL: ${input.slice(0, 200)}`, { status: 400 });
  }
  if (url.protocol === "file:") return { kind: "file", path: fileURLToPath(url) };
  const href = httpUrl(input);
  if (href === null) {
    throw new AppError(
      "bad_url",
      `only http(s) URLs can be fetched, not ${url.protocol} (${input.slice(0, 200)})`,
      { status: 400 },
    );
  }
  return { kind: "url", url: href };
}

export interface LocalDocument {
  text: string;
  contentType: string | null;
  /** The file's own `file://` URL. */
  url: string;
}

// What a server would likely have sent; the charset still comes from the bytes.
const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  ".xml": "application/xml",
  ".rss": "application/rss+xml",
  ".atom": "application/atom+xml",
  ".rdf": "application/rdf+xml",
  ".json": "application/json",
  ".html": "text/html",
  ".htm": "text/html",
  ".xhtml": "application/xhtml+xml",
  ".txt": "text/plain",
};

export function contentTypeFor(file: string): string | null {
  return TYPES_BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}

/** A file's bytes decoded as the fetcher decodes a response, refused above `maxBytes`. */
export async function readLocalFile(file: string, maxBytes: number): Promise<LocalDocument> {
  const absolute = path.resolve(file);
  try {
    const info = await stat(absolute);
    // Devices and pipes would be read forever; directories are a typo.
    if (!info.isFile()) {
      throw new AppError(
        "file_unreadable",
        `${file} is ${info.isDirectory() ? "a directory" : "not a regular file"}`,
        { status: 400, context: { file } },
      );
    }
    if (info.size > maxBytes) {
      throw new AppError("too_large", `${file} is larger than ${maxBytes} bytes`, {
        status: 413,
        context: { file, limit: maxBytes },
      });
    }
    const contentType = contentTypeFor(absolute);
    return {
      text: decodeBody(await readFile(absolute), contentType).text,
      contentType,
      url: pathToFileURL(absolute).href,
    };
  } catch (error) {
    throw fileError(error, file);
  }
}

function fileError(error: unknown, file: string): AppError {
  if (isAppError(error)) return error;
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const options = { status: 400, context: { file, errno }, cause: error };
  switch (errno) {
    case "ENOENT":
    case "ENOTDIR":
      return new AppError("file_not_found", `no such file: ${file}`, options);
    case "EACCES":
    case "EPERM":
      return new AppError("file_unreadable", `permission denied: ${file}`, options);
    case "EISDIR":
      return new AppError("file_unreadable", `${file} is a directory`, options);
    default:
      return new AppError(
        "file_unreadable",
        `cannot read ${file}: ${describeError(error)}`,
        options,
      );
  }
}

export interface InspectRun<R> {
  inputs: string[];
  json: boolean;
  out: Output;
  inspect(input: string): Promise<R>;
  /** The human-readable form of one result, for a single input without --json. */
  describe(result: R): string;
}

/** Files and fetches overlap; parsing is synchronous, so more would only hold memory. */
const CONCURRENCY = 8;
const WINDOW = CONCURRENCY * 4;

/**
 * One input: the result, or `error: <code>: <message>` and exit 2. Several: one JSON line
 * per input, in input order, carrying on past failures; exit 0 if all succeeded, else 1.
 */
export async function runInspection<R>(run: InspectRun<R>): Promise<number> {
  const { inputs, out } = run;
  const [only] = inputs;
  if (only !== undefined && inputs.length === 1) {
    let result: R;
    try {
      result = await run.inspect(only);
    } catch (error) {
      const e = errorFields(error);
      out.error(`error: ${e.code}: ${e.message}`);
      return 2;
    }
    out.line(run.json ? JSON.stringify(result, null, 2) : run.describe(result));
    return 0;
  }
  let failed = 0;
  await mapInOrder(
    inputs,
    { concurrency: CONCURRENCY, window: WINDOW },
    async (input) => {
      // Serialized here so a waiting result holds one string, not an object graph.
      try {
        return JSON.stringify({ file: input, result: await run.inspect(input) });
      } catch (error) {
        failed++;
        return JSON.stringify({ file: input, error: errorFields(error) });
      }
    },
    (line) => out.line(line),
  );
  return failed === 0 ? 0 : 1;
}

export function errorFields(error: unknown): { code: string; message: string } {
  return isAppError(error)
    ? { code: error.code, message: oneLine(error.message) }
    : { code: "unexpected_error", message: oneLine(describeError(error)) };
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
