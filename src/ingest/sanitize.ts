import sanitize from "sanitize-html";
import { AppError } from "../domain/errors.ts";

/**
 * Article bodies come from wires, feeds, markdown and the newsroom editor; all of them pass
 * through this one allowlist before storage, so the renderer can trust `body` verbatim.
 */

const BODY_TAGS = [
  "p",
  "h2",
  "h3",
  "h4",
  "ul",
  "ol",
  "li",
  "blockquote",
  "q",
  "cite",
  "a",
  "em",
  "strong",
  "b",
  "i",
  "u",
  "s",
  "sub",
  "sup",
  "small",
  "abbr",
  "code",
  "pre",
  "br",
  "hr",
  "figure",
  "figcaption",
  "img",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "span",
];

// Elements whose text means nothing to a reader (code, styles, embedded documents, form
// widgets, vector graphics): when we drop the element we drop its text with it, instead of
// leaking "alert(1)" or CSS into the article. Not <object> and <embed>: what they hold is
// the fallback publishers write for readers without the plug-in (a link, a transcript,
// a picture), so the element goes and its safe content stays, cleaned like the rest.
const DROP_WITH_CONTENT = [
  "script",
  "style",
  "textarea",
  "option",
  "select",
  "xmp",
  "noscript",
  "noembed",
  "noframes",
  "iframe",
  "template",
  "svg",
  "math",
  "title",
  "head",
  "button",
  "canvas",
  "audio",
  "video",
];

const LANG_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;
const DIMENSION = /^\d{1,5}$/;

function keepValidLang(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  const { lang, ...rest } = attribs;
  return { tagName, attribs: lang !== undefined && LANG_TAG.test(lang) ? { ...rest, lang } : rest };
}

const BODY_OPTIONS: sanitize.IOptions = {
  allowedTags: BODY_TAGS,
  allowedAttributes: {
    // `rel` is listed only so the value forced by transformTags survives the filter.
    a: ["href", "title", "hreflang", "rel"],
    abbr: ["title"],
    img: ["src", "alt", "width", "height"],
    th: ["colspan", "rowspan"],
    td: ["colspan", "rowspan"],
    span: ["lang"],
    p: ["lang"],
    blockquote: ["lang"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  // An inline data: image can carry SVG or tracking payloads and bypasses the image proxy.
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: "discard",
  nonTextTags: DROP_WITH_CONTENT,
  transformTags: {
    // The page's one h1 is the headline; a body h1 would compete with it.
    h1: "h2",
    a: (tagName, attribs) => {
      const { rel: _ignored, ...rest } = attribs;
      return { tagName, attribs: { ...rest, rel: "noopener noreferrer" } };
    },
    img: (tagName, attribs) => {
      const out: sanitize.Attributes = {};
      if (attribs.src !== undefined) out.src = attribs.src;
      out.alt = attribs.alt ?? "";
      if (attribs.width !== undefined && DIMENSION.test(attribs.width)) out.width = attribs.width;
      if (attribs.height !== undefined && DIMENSION.test(attribs.height))
        out.height = attribs.height;
      return { tagName, attribs: out };
    },
    span: keepValidLang,
    p: keepValidLang,
    blockquote: keepValidLang,
  },
  // An image whose source was refused (data:, javascript:) would render as a broken box.
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
  // Malicious input can nest thousands of elements deep; beyond this the tags are dropped
  // (their text kept), which no real article notices.
  nestingLimit: 64,
};

/**
 * htmlparser2 keeps its open-element stack with Array#unshift, so deeply nested unclosed tags
 * cost quadratic time (200,000 nested <b> take ~13 s). Real articles, even long tables, stay
 * far below this many tags; above it we refuse instead of stalling a worker.
 */
export const MAX_HTML_TAGS = 20_000;

function assertManageable(html: string): void {
  let tags = 0;
  for (let i = html.indexOf("<"); i !== -1; i = html.indexOf("<", i + 1)) {
    const next = html.charCodeAt(i + 1);
    // Only "<" followed by a letter opens an element.
    if ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a && ++tags > MAX_HTML_TAGS) {
      throw new AppError(
        "html_too_complex",
        `HTML has more than ${MAX_HTML_TAGS} tags; split the content or simplify its markup`,
        { status: 400, context: { limit: MAX_HTML_TAGS } },
      );
    }
  }
}

/** Cleans untrusted HTML down to the article-body allowlist. */
export function sanitizeHtml(html: string): string {
  assertManageable(html);
  return sanitize(stripNul(html), BODY_OPTIONS).trim();
}

// Everything that starts a new paragraph when the HTML is read as text.
const BLOCK_TAGS = [
  "address",
  "article",
  "aside",
  "blockquote",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "td",
  "th",
  "tr",
  "ul",
];

const TEXT_OPTIONS: sanitize.IOptions = {
  allowedTags: [...BLOCK_TAGS, "br"],
  allowedAttributes: {},
  disallowedTagsMode: "discard",
  nonTextTags: DROP_WITH_CONTENT,
  nestingLimit: 64,
};

const LINE_BREAK = "\u0001";
const BLOCK_BREAK = "\u0002";

/**
 * Reads HTML as a person would: text only, entities decoded, whitespace collapsed, one
 * paragraph per block element separated by "\n\n" (and "\n" for <br>). Used for search and
 * for word counts, so it must never contain markup.
 */
export function htmlToText(html: string): string {
  assertManageable(html);
  // sanitize-html does the parsing: its output holds only the block tags above, attribute-free,
  // with every "<" in text escaped, so the regular expressions below see well-formed markup.
  const reduced = sanitize(
    stripNul(html).replaceAll(LINE_BREAK, "").replaceAll(BLOCK_BREAK, ""),
    TEXT_OPTIONS,
  )
    .replace(/<br\s*\/?>/g, LINE_BREAK)
    .replace(/<\/?[a-z0-9]+>/g, BLOCK_BREAK);
  const paragraphs: string[] = [];
  for (const block of reduced.split(BLOCK_BREAK)) {
    const lines = block
      .split(LINE_BREAK)
      .map((line) => decodeBasicEntities(line.replace(/\s+/g, " ").trim()))
      .filter((line) => line !== "");
    if (lines.length > 0) paragraphs.push(lines.join("\n"));
  }
  return paragraphs.join("\n\n");
}

/** Text to HTML text content or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// sanitize-html decodes every entity on input and re-escapes only these on output.
function decodeBasicEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function stripNul(text: string): string {
  return text.replaceAll("\u0000", "");
}
