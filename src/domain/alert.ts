/** A breaking alert: a headline linking somewhere, on every reader page until it ends. */
export interface BreakingAlert {
  id: number;
  headline: string;
  /** A path on this site (`/world/…`) or an https URL. */
  url: string;
  createdAt: string;
  expiresAt: string;
  withdrawnAt: string | null;
  createdBy: number | null;
}

export const ALERT_HEADLINE_MAX = 140;
export const ALERT_URL_MAX = 2_000;
export const ALERT_MINUTES_DEFAULT = 20;
export const ALERT_MINUTES_MAX = 1_440;

/** Shown to readers at `now`: not withdrawn, not yet expired. */
export function alertIsLive(alert: BreakingAlert, now: Date = new Date()): boolean {
  return alert.withdrawnAt === null && new Date(alert.expiresAt).getTime() > now.getTime();
}

/**
 * Why `url` cannot be an alert's link, or null when it can: a path on this site (not
 * `//host`, no backslashes, spaces or control characters) or an https URL.
 */
export function alertUrlProblem(url: string): string | null {
  if (url === "") return "Give the alert a link: a path on this site or an https address.";
  if (url.length > ALERT_URL_MAX) return `The link is longer than ${ALERT_URL_MAX} characters.`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\s\u0000-\u001f\u007f\\]/.test(url)) {
    return "The link may not contain spaces, backslashes or control characters.";
  }
  if (url.startsWith("/")) {
    return url.startsWith("//") ? "A path on this site starts with one slash, not two." : null;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "The link must be a path on this site (starting with /) or an https address.";
  }
  if (parsed.protocol !== "https:") {
    return `The link may not be a ${parsed.protocol} address: use a path on this site or an https address.`;
  }
  if (parsed.username || parsed.password) return "The link may not carry a user name or password.";
  return null;
}

/** The path on this site an alert links to (query and fragment dropped), or null if elsewhere. */
export function alertSitePath(url: string, siteUrl: string): string | null {
  try {
    const site = new URL(siteUrl);
    const target = new URL(url, site);
    return target.origin === site.origin ? target.pathname : null;
  } catch {
    return null;
  }
}
