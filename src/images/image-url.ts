import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed addresses of Dispatch's image proxy: `/img/{sig}/{width}/{base64url(source)}`.
 * Only addresses the portal rendered carry a valid signature, so the proxy fetches what
 * our pages show and nothing a stranger asks for: it is not an open relay.
 */

/** The widths the proxy renders: few, so caches fill with a handful of variants each. */
export const IMAGE_WIDTHS = [320, 640, 960, 1280] as const;
export type ImageWidth = (typeof IMAGE_WIDTHS)[number];

export const IMAGE_PATH_PREFIX = "/img/";

/** Longer source URLs are not signed (the page then shows no image). */
const MAX_SOURCE_LENGTH = 2048;
// 128 bits of HMAC-SHA256: forging one is out of reach, and the path stays short.
const SIGNATURE_BYTES = 16;
const SIGNATURE = /^[A-Za-z0-9_-]{22}$/;
const ENCODED = /^[A-Za-z0-9_-]+$/;
// Derived, so the secret can sign other things later without one forging the other.
const PURPOSE = "dispatch image proxy v1";

export interface ImageSigner {
  /** The proxy path for an outlet's image at one width; null for what cannot be proxied. */
  imageProxyUrl(sourceUrl: string, width: ImageWidth): string | null;
  /** A `srcset` value over every width, for `<img srcset sizes>`; null as above. */
  imageSrcset(sourceUrl: string): string | null;
  /** The source URL a path's parts were signed for, or null if the signature is wrong. */
  verify(signature: string, width: ImageWidth, encoded: string): string | null;
}

export function createImageSigner(secret: string): ImageSigner {
  const key = createHmac("sha256", secret).update(PURPOSE).digest();
  const sign = (width: number, encoded: string) =>
    createHmac("sha256", key)
      .update(`${width}/${encoded}`)
      .digest()
      .subarray(0, SIGNATURE_BYTES)
      .toString("base64url");

  const encode = (sourceUrl: string): string | null => {
    const source = proxiableUrl(sourceUrl);
    return source === null ? null : Buffer.from(source, "utf8").toString("base64url");
  };
  const path = (encoded: string, width: ImageWidth) =>
    `${IMAGE_PATH_PREFIX}${sign(width, encoded)}/${width}/${encoded}`;

  return {
    imageProxyUrl(sourceUrl, width) {
      const encoded = encode(sourceUrl);
      return encoded === null ? null : path(encoded, width);
    },
    imageSrcset(sourceUrl) {
      const encoded = encode(sourceUrl);
      if (encoded === null) return null;
      return IMAGE_WIDTHS.map((width) => `${path(encoded, width)} ${width}w`).join(", ");
    },
    verify(signature, width, encoded) {
      if (!SIGNATURE.test(signature) || !ENCODED.test(encoded)) return null;
      if (encoded.length > Math.ceil((MAX_SOURCE_LENGTH * 4) / 3)) return null;
      const expected = Buffer.from(sign(width, encoded));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return proxiableUrl(Buffer.from(encoded, "base64url").toString("utf8"));
    },
  };
}

/** The width a path names, if it is one the proxy renders. */
export function parseImageWidth(text: string): ImageWidth | null {
  // Canonical digits only: "0640" is not a second address for the same image.
  if (!/^[1-9][0-9]{0,4}$/.test(text)) return null;
  const width = Number(text);
  return (IMAGE_WIDTHS as readonly number[]).includes(width) ? (width as ImageWidth) : null;
}

/** Plain http(s) URLs only, normalised; credentials in a URL are never sent on. */
function proxiableUrl(text: string): string | null {
  if (text.length > MAX_SOURCE_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "") return null;
  url.hash = "";
  return url.href.length > MAX_SOURCE_LENGTH ? null : url.href;
}
