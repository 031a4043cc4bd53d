import type { Metadata } from "sharp";
import { AppError } from "../domain/errors.ts";
import { lazily } from "../domain/lazily.ts";
import type { ImageType } from "./image-type.ts";

/**
 * An outlet's image made fit to serve: decoded within a pixel budget, oriented, shrunk to
 * the width asked for (never enlarged), metadata dropped, recompressed. Input must already
 * have passed sniffImageType; the format sharp finds must agree with it.
 */

export type OutputFormat = "webp" | "jpeg";

export const OUTPUT_CONTENT_TYPE: Readonly<Record<OutputFormat, string>> = {
  webp: "image/webp",
  jpeg: "image/jpeg",
};

/** 40 megapixels: any real photograph, far below what a crafted header can claim. */
export const MAX_INPUT_PIXELS = 40_000_000;
// A banner 1:4 still fits; a 1 px wide strip a mile long does not become a huge output.
const MAX_HEIGHT_PER_WIDTH = 4;
const TIMEOUT_SECONDS = 15;
const WEBP_QUALITY = 75;
// libvips loads on the first image, not with the web server.
const loadSharp = lazily(async () => (await import("sharp")).default);
const JPEG_QUALITY = 78;

const SHARP_FORMAT: Readonly<Record<ImageType, string>> = {
  jpeg: "jpeg",
  png: "png",
  gif: "gif",
  webp: "webp",
  avif: "heif",
};

/**
 * WebP for every browser that says it takes it; JPEG for the rest. AVIF would be a fifth
 * smaller but costs several times the CPU to encode on the request that misses the cache.
 */
export function chooseOutputFormat(accept: string | undefined): OutputFormat {
  for (const part of (accept ?? "").toLowerCase().split(",")) {
    const [type, ...params] = part.split(";").map((p) => p.trim());
    if (type !== "image/webp") continue;
    const q = params.find((p) => p.startsWith("q="));
    return q !== undefined && Number(q.slice(2)) === 0 ? "jpeg" : "webp";
  }
  return "jpeg";
}

export async function transformImage(
  input: Uint8Array,
  type: ImageType,
  options: { width: number; format: OutputFormat; maxPixels?: number },
): Promise<Buffer> {
  const maxPixels = options.maxPixels ?? MAX_INPUT_PIXELS;
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    // The header only: a bomb's claimed size is known before a pixel is decoded.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw badImage(error);
  }
  if (meta.format !== SHARP_FORMAT[type] || (type === "avif" && meta.compression !== "av1")) {
    throw new AppError("not_an_image", "the bytes are not the image they claim to be", {
      status: 415,
      context: { sniffed: type, decoded: meta.format },
    });
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width < 1 || height < 1) throw badImage(null);
  if (width * height > maxPixels) {
    throw new AppError("too_many_pixels", `the image has more than ${maxPixels} pixels`, {
      status: 502,
      context: { width, height, maxPixels },
    });
  }
  try {
    const resized = sharp(input, {
      // Checked again by the decoder itself, whatever the header said.
      limitInputPixels: maxPixels,
      sequentialRead: true,
      animated: false,
    })
      .timeout({ seconds: TIMEOUT_SECONDS })
      .rotate()
      .resize({
        width: options.width,
        height: options.width * MAX_HEIGHT_PER_WIDTH,
        fit: "inside",
        withoutEnlargement: true,
      });
    // No withMetadata()/keepMetadata(): EXIF, XMP and ICC are dropped, pixels in sRGB.
    const encoded =
      options.format === "webp"
        ? resized.webp({ quality: WEBP_QUALITY, effort: 4 })
        : resized.flatten({ background: "#ffffff" }).jpeg({ quality: JPEG_QUALITY, mozjpeg: true });
    return await encoded.toBuffer();
  } catch (error) {
    throw badImage(error);
  }
}

function badImage(cause: unknown): AppError {
  return new AppError("bad_image", "the image could not be decoded", { status: 502, cause });
}
