import type { LiveArticle } from "../../domain/live-event.ts";

/** Elements built from payload text: text goes in as text, never as markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string | null,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/**
 * A payload's URL as a link target: a site path or an http(s) address. Anything else (a
 * `javascript:` a bug let through) becomes "#", so a payload can never run script.
 */
export function safeHref(url: string): string {
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : "#";
  } catch {
    return "#";
  }
}

/** A link to `url` already on the page (matched on its path, as the server writes them). */
export function linkTo(root: ParentNode, url: string): HTMLAnchorElement | null {
  const path = pathOf(url);
  for (const a of root.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    if (pathOf(a.getAttribute("href") ?? "") === path) return a;
  }
  return null;
}

export function pathOf(url: string): string {
  try {
    const parsed = new URL(url, location.href);
    return parsed.origin === location.origin ? parsed.pathname : parsed.href;
  } catch {
    return url;
  }
}

// The site's locale and zone, as the server wrote the page's other times (formatDateTime
// in site-context.ts): what arrives reads like what is already there.
const script = document.querySelector<HTMLScriptElement>("script[data-live-client]");
const locale = script?.dataset.locale || document.documentElement.lang || undefined;

const dateFormat = (() => {
  const options = { dateStyle: "long", timeStyle: "short" } as const;
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: script?.dataset.timeZone });
  } catch {
    // A zone this browser does not know: the reader's own.
    try {
      return new Intl.DateTimeFormat(locale, options);
    } catch {
      return null;
    }
  }
})();

/** The site's language, derived from its locale as the server does (config's siteLanguage). */
export const siteLanguage = (() => {
  try {
    return locale ? new Intl.Locale(locale).language : "";
  } catch {
    return document.documentElement.lang;
  }
})();

/**
 * A report's language when it is known and not the site's, for its item's `lang`; "" else.
 * Events the log kept from before payloads carried a language have none (or, from a bug,
 * not a string): read as unknown, not refused, so those reports still show, unmarked.
 */
export function foreignLanguage(article: LiveArticle): string {
  const code: unknown = article.language;
  return typeof code === "string" && code !== siteLanguage ? code : "";
}

let languageNames: Intl.DisplayNames | undefined;

/** "German" for "de" in the site's locale, as languageName in site-context.ts writes it. */
export function languageName(code: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(locale, { type: "language", fallback: "code" });
    return languageNames.of(code) ?? code;
  } catch {
    // Not a well-formed tag: shown as it is, as the server does.
    return code;
  }
}

/** "28 November 2026 at 12:41" in the site's locale and time zone; the ISO text if unreadable. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  return dateFormat && !Number.isNaN(at.getTime()) ? dateFormat.format(at) : iso;
}

/** A `<time>` for an ISO instant, in the site's locale and time zone. */
export function timeElement(iso: string): HTMLTimeElement {
  const time = el("time");
  time.dateTime = iso;
  time.textContent = formatDateTime(iso);
  return time;
}

/** A polite announcement for screen readers, one region per page. */
export function announce(text: string): void {
  let region = document.getElementById("live-announce");
  if (!region) {
    region = el("div", "live-sr");
    region.id = "live-announce";
    region.setAttribute("role", "status");
    document.body.append(region);
  }
  region.textContent = text;
}
