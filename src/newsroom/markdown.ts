import MarkdownIt from "markdown-it";
import { AppError } from "../domain/errors.ts";
import { sanitizeHtml } from "../ingest/sanitize.ts";

/**
 * The newsroom's Markdown (articles, live-blog entries and summaries): markdown-it with
 * HTML off, then the body allowlist like every stored body. Raw HTML and links that are not
 * http(s), mailto or a path are refused with a message naming the field, never quietly
 * dropped, so the writer knows why the text did not go through.
 */
const render = new MarkdownIt({ html: false, linkify: true, typographer: false });
// The same parser with HTML on and every link let through: only to see what was written.
const inspect = new MarkdownIt({ html: true, linkify: true, typographer: false });
inspect.validateLink = () => true;

export const MAX_MARKDOWN = 200_000;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

function refused(field: string, message: string): AppError {
  return new AppError("invalid_markdown", message, { status: 400, context: { field } });
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

/** A link target as a browser reads its scheme: decoded, without whitespace and controls. */
function schemeOf(target: string): string | null {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Keep it as written: a malformed escape names no scheme of its own.
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip them in schemes
  const squashed = decoded.replace(/[\u0000-\u0020\u007f]/g, "");
  return SCHEME.exec(squashed)?.[1]?.toLowerCase() ?? null;
}

/** Refuses over-long text, raw HTML and `javascript:`, `data:`… links, naming `field`. */
export function checkMarkdown(source: string, field: string): void {
  if (source.length > MAX_MARKDOWN) {
    throw refused(field, `The ${field} is longer than ${MAX_MARKDOWN} characters.`);
  }
  for (const token of inspect.parse(source, {})) {
    if (token.type === "html_block") {
      throw refused(
        field,
        `The ${field} contains raw HTML (${excerpt(token.content)}): write it in Markdown instead.`,
      );
    }
    for (const child of token.children ?? []) {
      if (child.type === "html_inline") {
        throw refused(
          field,
          `The ${field} contains raw HTML (${excerpt(child.content)}): write it in Markdown instead.`,
        );
      }
      const target =
        child.type === "link_open"
          ? child.attrGet("href")
          : child.type === "image"
            ? child.attrGet("src")
            : null;
      if (target === null || typeof target !== "string") continue;
      const scheme = schemeOf(target);
      if (scheme !== null && !ALLOWED_SCHEMES.has(scheme)) {
        throw refused(
          field,
          `The ${field} links to a ${scheme}: address (${excerpt(target)}); only http, https and mailto links or paths are allowed.`,
        );
      }
    }
  }
}

/** Checked Markdown to the sanitized HTML readers get. */
export function markdownToHtml(source: string, field: string): string {
  checkMarkdown(source, field);
  return sanitizeHtml(render.render(source));
}
