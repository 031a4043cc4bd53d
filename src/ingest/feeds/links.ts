import type { AtomFeed } from "feedsmith";
import sanitize from "sanitize-html";
import { httpUrl } from "../import/fields.ts";
import { MAX_HTML_TAGS } from "../sanitize.ts";

/** URLs in feeds: resolved against the document, xml:base and the item; http(s) only. */

/** `value` resolved against `base` (when there is one), kept only if http(s). */
export function resolveUrl(value: string | null | undefined, base: string | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    return httpUrl(base === null ? trimmed : new URL(trimmed, base).href);
  } catch {
    return null;
  }
}

/** xml:base applies to its element and below, relative to the base above it. */
export function withXmlBase(xmlBase: string | undefined, parent: string | null): string | null {
  return resolveUrl(xmlBase, parent) ?? parent;
}

type AtomLink = AtomFeed.Link<string>;

/** The first link of relation `rel` (a missing rel is "alternate") that resolves. */
export function linkByRel(
  links: AtomLink[] | undefined,
  rel: string,
  base: string | null,
): string | null {
  for (const link of links ?? []) {
    if ((link.rel ?? "alternate").toLowerCase() === rel) {
      const url = resolveUrl(link.href, base);
      if (url !== null) return url;
    }
  }
  return null;
}

/** The alternate link, preferring an HTML page over other alternates. */
export function htmlLink(links: AtomLink[] | undefined, base: string | null): string | null {
  const alternates = (links ?? []).filter(
    (l) => (l.rel ?? "alternate").toLowerCase() === "alternate",
  );
  const html = alternates.filter((l) => !l.type || /html/i.test(l.type));
  return linkByRel(html, "alternate", base) ?? linkByRel(alternates, "alternate", base);
}

const LINK_ATTRIBUTES = ["href", "src", "cite", "poster"] as const;
const LAZY_SOURCES = ["data-src", "data-original", "data-lazy-src"] as const;
// A link attribute whose value does not start with a scheme, or any lazy-image attribute.
// The optional quote sits inside the lookahead: outside, `["']?` could match nothing and
// let the lookahead see the quote, so every quoted absolute link looked relative.
const NEEDS_RESOLVING =
  /\s(?:(?:href|src|cite|poster)\s*=\s*(?!["']?\s*[a-z][a-z0-9+.-]*:)|data-(?:src|original|lazy-src)\s*=)/i;

function countTags(html: string): number {
  return html.match(/<[a-z]/gi)?.length ?? 0;
}

/**
 * Makes href/src absolute against `base` before the sanitizer sees them (a relative link in
 * a stored article would point at our site), and promotes lazy-loading `data-src` images.
 * Everything is kept: the allowlist runs right after.
 */
export function absolutize(html: string, base: string | null): string {
  // Over the limit, sanitizeHtml refuses the markup anyway; and most feeds write absolute
  // URLs and no lazy images: in both cases one parse (the sanitizer's) is enough.
  if (!NEEDS_RESOLVING.test(html) || countTags(html) > MAX_HTML_TAGS) return html;
  const resolve = (value: string) => {
    if (base === null) return value;
    try {
      return new URL(value.trim(), base).href;
    } catch {
      return value;
    }
  };
  return sanitize(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    // Styles pass through untouched (the allowlist drops them next); parsing each one
    // with postcss here cost more than the rest of this pass.
    parseStyleAttributes: false,
    transformTags: {
      "*": (tagName, attribs) => {
        const out: sanitize.Attributes = { ...attribs };
        for (const name of LINK_ATTRIBUTES) {
          const value = attribs[name];
          if (value !== undefined) out[name] = resolve(value);
        }
        const lazy = LAZY_SOURCES.map((name) => attribs[name]).find((v) => v?.trim());
        if (tagName === "img" && lazy && (!attribs.src || /^\s*data:/i.test(attribs.src))) {
          out.src = resolve(lazy);
        }
        return { tagName, attribs: out };
      },
    },
  });
}
