import { extname } from "node:path";
import type { ArticleInput } from "../../domain/article.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { decodeUtf8, importError } from "./fields.ts";
import { parseMarkdown } from "./markdown.ts";
import { parseNinjs } from "./ninjs.ts";
import type { ImportOptions } from "./options.ts";
import { parsePlainText } from "./plain-text.ts";

/** Articles are text; anything larger is a mistake (a dump, a video), not a story. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const ALLOWED = "ninjs JSON (.json), Markdown (.md, .markdown) or plain text (.txt, .text)";

/**
 * One file → one article. The extension decides the format; a file with another extension
 * is sniffed, so a wire item saved without `.json` still imports.
 */
export function parseImportFile(
  name: string,
  bytes: Uint8Array,
  options: ImportOptions,
): ArticleInput {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw importError(
      "too_large",
      `the file is ${bytes.length} bytes; imports are limited to ${MAX_IMPORT_BYTES} bytes`,
      { file: name, bytes: bytes.length, limit: MAX_IMPORT_BYTES },
      413,
    );
  }
  if (bytes.length === 0) {
    throw importError("empty_file", "the file is empty", { file: name });
  }
  const extension = extname(name).toLowerCase();
  try {
    switch (extension) {
      case ".json":
        return parseNinjs(parseJson(decodeUtf8(bytes, "ninjs")), options);
      case ".md":
      case ".markdown":
        return parseMarkdown(decodeUtf8(bytes, "markdown"), options);
      case ".txt":
      case ".text":
        return parsePlainText(decodeUtf8(bytes, "text"), options);
      default:
        return sniff(name, bytes, options);
    }
  } catch (error) {
    throw withFile(error, name);
  }
}

function sniff(name: string, bytes: Uint8Array, options: ImportOptions): ArticleInput {
  const unsupported = () =>
    importError("unsupported_format", `cannot import this kind of file; expected ${ALLOWED}`, {
      file: name,
    });
  let text: string;
  try {
    text = decodeUtf8(bytes, "file");
  } catch {
    throw unsupported();
  }
  if (
    text
      .replace(/^\uFEFF/, "")
      .trimStart()
      .startsWith("{")
  ) {
    let value: unknown;
    try {
      value = parseJson(text);
    } catch {
      // Nobody said this file was JSON (RTF starts with "{" too): say what we accept instead.
      throw unsupported();
    }
    return parseNinjs(value, options);
  }
  throw unsupported();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const detail = error instanceof Error ? error.message : "unknown error";
    const where = lineAndColumn(text, detail);
    throw importError(
      "invalid_json",
      `ninjs: the file is not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ""}: ${detail}`,
      { detail, ...where },
    );
  }
}

/** V8 reports a character offset ("at position 41"); people look for lines. */
function lineAndColumn(text: string, message: string): { line: number; column: number } | null {
  const match = /at position (\d+)/.exec(message);
  if (!match) return null;
  const before = text.replace(/^\uFEFF/, "").slice(0, Number(match[1]));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Records the file in the error's context; the caller decides how to name it to a person. */
function withFile(error: unknown, name: string): unknown {
  if (!isAppError(error) || error.context.file === name) return error;
  return new AppError(error.code, error.message, {
    status: error.status,
    context: { ...error.context, file: name },
    cause: error.cause,
  });
}
