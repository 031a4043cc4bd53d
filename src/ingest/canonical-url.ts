/** Query parameters that identify a campaign or a click, never the document. */
const TRACKING = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "igshid",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "oly_anon_id",
  "oly_enc_id",
  "vero_id",
  "wt_mc",
  "cmpid",
  "ocid",
  "ncid",
  "sr_share",
  "smid",
  "taid",
  "at_medium",
  "at_campaign",
  "ito",
]);

/**
 * The URL that identifies a document: http(s) only, tracking parameters (utm_* and the
 * like) and the fragment removed, host lowercased, default port dropped. Null when the
 * input is not an http(s) URL.
 */
export function canonicalUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  const tracking = [...url.searchParams.keys()].filter((key) => {
    const k = key.toLowerCase();
    return k.startsWith("utm_") || TRACKING.has(k);
  });
  // Touch the query only when there is tracking to drop: URLSearchParams re-encodes what
  // it keeps, and an emptied query must not leave a bare "?".
  if (tracking.length > 0) {
    for (const key of tracking) url.searchParams.delete(key);
    if (url.searchParams.size === 0) url.search = "";
  }
  return url.href;
}
