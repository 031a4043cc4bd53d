import { AppError } from "../../domain/errors.ts";
import type { ReadContext } from "./raw-feed.ts";

/**
 * The errors a feed document can end in, each with a stable code: `too_large` (413),
 * `unknown_format`, `malformed_feed`, `unsafe_feed` (422).
 */

export function feedError(
  code: string,
  message: string,
  options: { status?: number; context?: Record<string, unknown>; cause?: unknown } = {},
): AppError {
  return new AppError(code, message, { status: 422, ...options });
}

const EXPECTED = "expected RSS, Atom, RDF, JSON Feed or ninjs";

export function unknownFormat(
  found: string,
  ctx: Pick<ReadContext, "contentType">,
  context: Record<string, unknown> = {},
  advice = EXPECTED,
): AppError {
  const served = ctx.contentType ? ` (served as ${ctx.contentType.split(";")[0]?.trim()})` : "";
  return feedError("unknown_format", `${found}${served}; ${advice}`, {
    context: { contentType: ctx.contentType, ...context },
  });
}

/** 1-based line and column of a character offset, for messages people act on. */
export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
