import type { Config } from "../config/settings.ts";
import type { BreakingAlert } from "../domain/alert.ts";
import type { ImageSigner } from "../images/image-url.ts";
import type { LiveStamp } from "./live-head.ts";

/** What every page needs to know about the site, built once from the config. */
export interface SiteContext {
  name: string;
  url: string;
  locale: string;
  language: string;
  timeZone: string;
  stylesheetHref: string;
  /** The site's one deferred script (relative times); pages read fine without it. */
  scriptHref?: string;
  /** Relative-time phrases in the site locale for that script (JSON), made once here. */
  relativeTimes?: string;
  /** The sections for the masthead's navigation, read when a page renders. */
  sections?: readonly { slug: string; name: string }[];
  /** Signs outlets' image URLs for the image proxy; without it pages show no outlet images. */
  images?: ImageSigner;
  /** The breaking alert the page shows in its banner (set by the loaders); none when absent. */
  alert?: BreakingAlert | null;
  /** The events log's head the page reflects and its channels (set by `withLiveHead`). */
  live?: LiveStamp | null;
  /** The live client (site/live-client/), loaded by pages that carry `live`. */
  liveScriptHref?: string;
}

export function siteContext(
  config: Config,
  stylesheetHref: string,
  images?: ImageSigner,
): SiteContext {
  return {
    ...(images ? { images } : {}),
    relativeTimes: relativeTimeTemplates(config.SITE_LOCALE),
    name: config.SITE_NAME,
    url: config.SITE_URL,
    locale: config.SITE_LOCALE,
    language: config.siteLanguage,
    timeZone: config.SITE_TIMEZONE,
    stylesheetHref,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const languageNames = new Map<string, Intl.DisplayNames>();

/** "German" for "de", in the site's locale; the code itself where the locale has no name. */
export function languageName(site: SiteContext, code: string): string {
  let names = languageNames.get(site.locale);
  if (!names) {
    names = new Intl.DisplayNames(site.locale, { type: "language", fallback: "code" });
    languageNames.set(site.locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    // Not a well-formed tag (stored before validation): show it as it is.
    return code;
  }
}

/** "28 November 2026 at 12:41" in the site's locale and time zone. */
export function formatDateTime(site: SiteContext, iso: string): string {
  const key = `${site.locale}|${site.timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(site.locale, {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: site.timeZone,
    });
    formatters.set(key, f);
  }
  return f.format(new Date(iso));
}

/** "12:41": a time of day in the site's locale and time zone, for times within the last hours. */
export function formatTime(site: SiteContext, iso: string): string {
  const key = `time|${site.locale}|${site.timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(site.locale, { timeStyle: "short", timeZone: site.timeZone });
    formatters.set(key, f);
  }
  return f.format(new Date(iso));
}

/**
 * "now", "1 min ago", "{n} min ago"… in the site locale, so the browser need not load
 * Intl.RelativeTimeFormat's data (over 100 ms on a phone, all of it blocking). Locales with
 * more plural forms than one and other get an empty object: the script then asks Intl.
 */
export function relativeTimeTemplates(locale: string): string {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  if (categories.some((c) => c !== "one" && c !== "other")) return "{}";
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  const sample = 7;
  const templates: Record<string, string> = { now: rtf.format(0, "second") };
  for (const unit of ["minute", "hour", "day"] as const) {
    templates[`${unit}1`] = rtf.format(-1, unit);
    templates[unit] = rtf.format(-sample, unit).replace(String(sample), "{n}");
  }
  return JSON.stringify(templates);
}
