import type { Config } from "../config/settings.ts";
import type { ImageSigner } from "./image-url.ts";

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
  /** The sections for the masthead's navigation, read when a page renders. */
  sections?: readonly { slug: string; name: string }[];
  /** Signs outlets' image URLs for the image proxy; without it pages show no outlet images. */
  images?: ImageSigner;
}

export function siteContext(
  config: Config,
  stylesheetHref: string,
  images?: ImageSigner,
): SiteContext {
  return {
    ...(images ? { images } : {}),
    name: config.SITE_NAME,
    url: config.SITE_URL,
    locale: config.SITE_LOCALE,
    language: new Intl.Locale(config.SITE_LOCALE).language,
    timeZone: config.SITE_TIMEZONE,
    stylesheetHref,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

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
