import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { AppError } from "../domain/errors.ts";
import { MAX_INPUT_PIXELS } from "../images/image-transform.ts";
import { sniffImageType } from "../images/image-type.ts";

/**
 * Pictures the newsroom uploads for its articles, kept under `DATA_DIR/uploads` and served
 * to readers at `/uploads/<name>`. The type is told from the bytes (never the file's name
 * or declared type; SVG and everything that is not a raster photo format is refused), the
 * size capped, and what is kept is sharp's own re-encoding (WebP, at most 2000 px wide,
 * metadata dropped): the uploaded bytes never reach a reader.
 */
export const UPLOADS_FOLDER = "uploads";
export const UPLOAD_MAX_BYTES = 8 * 1024 * 1024;
export const UPLOAD_MAX_WIDTH = 2000;
/** A stored upload's name: its content hash, so the same picture is kept once. */
export const UPLOAD_NAME = /^[0-9a-f]{32}\.webp$/;

const bad = (code: string, message: string) =>
  new AppError(code, message, { status: 400, context: { field: "image" } });

export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, UPLOADS_FOLDER);
}

/** Checks and re-encodes an upload; answers the stored name. */
export async function storeUpload(dataDir: string, bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw bad("empty_upload", "The image file is empty.");
  if (bytes.length > UPLOAD_MAX_BYTES) {
    throw bad(
      "upload_too_large",
      `The image is larger than ${UPLOAD_MAX_BYTES / 1024 / 1024} MB: make it smaller first.`,
    );
  }
  const head = Buffer.from(bytes.subarray(0, 512)).toString("utf8").trimStart().toLowerCase();
  if (head.startsWith("<svg") || head.startsWith("<?xml") || head.includes("<svg")) {
    throw bad("svg_refused", "SVG images are not accepted: upload a JPEG, PNG, WebP, GIF or AVIF.");
  }
  if (sniffImageType(bytes) === null) {
    throw bad(
      "wrong_type",
      "That file is not a JPEG, PNG, WebP, GIF or AVIF image (told from its contents, not its name).",
    );
  }
  let out: Buffer;
  try {
    out = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate()
      .resize({ width: UPLOAD_MAX_WIDTH, withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw bad("unreadable_image", "The image could not be read: it may be damaged or too large.");
  }
  const name = `${createHash("sha256").update(out).digest("hex").slice(0, 32)}.webp`;
  const dir = uploadsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${name}.${process.pid}.tmp`);
  await writeFile(temp, out);
  await rename(temp, path.join(dir, name));
  return name;
}

/** `GET /uploads/<name>`: a stored upload, immutable (its name is its content's hash). */
export function registerUploadServing(app: FastifyInstance, dataDir: string): void {
  app.get("/uploads/:name", async (request, reply) => {
    const { name } = request.params as { name: string };
    if (!UPLOAD_NAME.test(name)) {
      throw new AppError("not_found", "no such image", { status: 404 });
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(uploadsDir(dataDir), name));
    } catch {
      throw new AppError("not_found", "no such image", { status: 404 });
    }
    return reply
      .header("content-type", "image/webp")
      .header("cache-control", "public, max-age=31536000, immutable")
      .header("content-security-policy", "default-src 'none'")
      .header("x-content-type-options", "nosniff")
      .send(bytes);
  });
}
