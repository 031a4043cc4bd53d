import type { ArticleInput } from "../../domain/article.ts";
import { escapeHtml, sanitizeHtml } from "../sanitize.ts";
import {
  assertText,
  collapseWhitespace,
  defaultLanguage,
  importError,
  normalizeText,
  sectionFor,
  sha256Hex,
} from "./fields.ts";
import type { ImportOptions } from "./options.ts";

const FORMAT = "text";

interface Paragraph {
  text: string;
  lineCount: number;
}

/**
 * A story saved as plain text: headline on the first line (after an optional masthead with
 * the site's name), paragraphs separated by blank lines. Text carries no structure, so short
 * unpunctuated lines between paragraphs are read as subheadings, the way they look on paper.
 */
export function parsePlainText(text: string, options: ImportOptions): ArticleInput {
  assertText(text, FORMAT);
  const normalized = normalizeText(text);
  if (normalized.trim() === "") throw importError("empty_file", "text: the file is empty");

  const lines = normalized.split("\n");
  let index = nextNonEmpty(lines, 0);
  const masthead = collapseWhitespace(options.siteName).toLowerCase();
  if (index !== -1 && masthead !== "" && sameText(lines[index], masthead)) {
    index = nextNonEmpty(lines, index + 1);
  }
  if (index === -1) {
    throw importError(
      "missing_headline",
      `text: no headline (the file holds only the masthead "${options.siteName}"; the first line after it should be the headline)`,
    );
  }
  const headline = collapseWhitespace(lines[index] ?? "");
  const paragraphs = splitBlocks(lines.slice(index + 1));

  let byline: string | null = null;
  const first = paragraphs[0];
  if (first && /^by\s+\S/i.test(first.text) && looksLikeHeading(first) && paragraphs.length > 1) {
    byline = first.text.replace(/^by\s+/i, "");
    paragraphs.shift();
  }
  if (paragraphs.length === 0) {
    throw importError(
      "missing_body",
      `text: the story "${headline.slice(0, 80)}" has a headline but no body (expected paragraphs after a blank line)`,
      { headline },
    );
  }

  // Built from escaped text, but still run through the sanitizer: every body storage receives
  // comes out of the same function, in the same normal form.
  const body = sanitizeHtml(
    paragraphs
      .map((paragraph, i) => {
        if (/^[*\-_—–•·\s]{3,}$/.test(paragraph.text)) return "<hr />";
        const html = escapeHtml(paragraph.text);
        const isLast = i === paragraphs.length - 1;
        return !isLast && looksLikeHeading(paragraph) ? `<h2>${html}</h2>` : `<p>${html}</p>`;
      })
      .join("\n"),
  );

  return {
    // Keyed on the headline so that importing a corrected copy of the story updates it.
    guid: `text:${sha256Hex(headline)}`,
    kind: options.kind ?? "own",
    status: "published",
    headline,
    standfirst: null,
    body,
    byline,
    language: defaultLanguage(options),
    section: sectionFor(options),
    slug: null,
    canonicalUrl: null,
    externalUrl: null,
    publishedAt: options.now.toISOString(),
  };
}

function nextNonEmpty(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    if ((lines[i] ?? "").trim() !== "") return i;
  }
  return -1;
}

function sameText(line: string | undefined, lowerCased: string): boolean {
  return collapseWhitespace(line ?? "").toLowerCase() === lowerCased;
}

function splitBlocks(lines: string[]): Paragraph[] {
  const joined = lines.join("\n");
  // Without any blank line, the file uses one line per paragraph.
  const chunks = /\n[ \t\u00A0]*\n/.test(joined.trim())
    ? joined.split(/\n[ \t\u00A0]*\n/)
    : joined.split("\n");
  const paragraphs: Paragraph[] = [];
  for (const chunk of chunks) {
    const chunkLines = chunk.split("\n").filter((line) => line.trim() !== "");
    if (chunkLines.length === 0) continue;
    paragraphs.push({
      text: collapseWhitespace(chunkLines.join(" ")),
      lineCount: chunkLines.length,
    });
  }
  return paragraphs;
}

// Sentence punctuation (and closing quotes, which end quoted sentences) means prose.
const PROSE_ENDING = /[.!?:;,”"’'…]$/;

function looksLikeHeading(paragraph: Paragraph): boolean {
  const { text } = paragraph;
  return (
    paragraph.lineCount === 1 &&
    text.length <= 80 &&
    text.split(" ").length <= 10 &&
    /\p{L}/u.test(text) &&
    !PROSE_ENDING.test(text)
  );
}
