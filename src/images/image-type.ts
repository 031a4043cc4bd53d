/**
 * Which raster formats the image proxy accepts, by declared type and by the bytes
 * themselves. Both must say "image" before a decoder sees the bytes: the decoder behind
 * sharp also reads SVG, TIFF, PDF and more, whose parsers we do not want facing the web.
 */

export type ImageType = "jpeg" | "png" | "gif" | "webp" | "avif";

const DECLARED: Readonly<Record<string, ImageType>> = {
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/pjpeg": "jpeg",
  "image/png": "png",
  "image/apng": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/avif": "avif",
};

/** The image type a Content-Type header names, or null for anything else (SVG included). */
export function declaredImageType(contentType: string | null): ImageType | null {
  if (contentType === null) return null;
  const essence = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return DECLARED[essence] ?? null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const FTYP = ascii("ftyp");
const AVIF_BRANDS = new Set(["avif", "avis"]);

/** The image type the leading bytes prove, or null. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return "gif";
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "webp";
  if (isAvif(bytes)) return "avif";
  return null;
}

/**
 * AVIF is an ISO-BMFF file whose `ftyp` box names an AVIF brand, as major brand or among
 * the compatible ones. HEIC shares the container and is refused: it names only heic/mif1.
 */
function isAvif(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, FTYP, 4)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxSize = view.getUint32(0);
  if (boxSize < 16 || boxSize > bytes.length || boxSize > 4096 || boxSize % 4 !== 0) return false;
  const brand = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (AVIF_BRANDS.has(brand(8))) return true;
  // Offset 12 is the minor version; compatible brands follow to the end of the box.
  for (let at = 16; at + 4 <= boxSize; at += 4) {
    if (AVIF_BRANDS.has(brand(at))) return true;
  }
  return false;
}
