import assert from "node:assert/strict";
import { test } from "node:test";
import sharp from "sharp";
import { isAppError } from "../domain/errors.ts";
import { chooseOutputFormat, transformImage } from "./image-transform.ts";
import { sniffImageType } from "./image-type.ts";

const photo = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isAppError(error) ? error.code : `not an AppError: ${String(error)}`;
  }
  return "no error";
}

test("shrinks to the width, keeps the aspect, writes WebP without metadata", async () => {
  const input = await photo(2000, 1000)
    .withExif({ IFD0: { Copyright: "Outlet", Artist: "Someone" } })
    .jpeg()
    .toBuffer();
  assert.ok((await sharp(input).metadata()).exif, "the fixture carries EXIF");
  const out = await transformImage(input, "jpeg", { width: 640, format: "webp" });
  const meta = await sharp(out).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ["webp", 640, 320]);
  assert.equal(meta.exif, undefined);
  assert.equal(meta.icc, undefined);
  assert.equal(meta.xmp, undefined);
});

test("never enlarges; JPEG output flattens transparency", async () => {
  const input = await photo(200, 100, 4).png().toBuffer();
  const out = await transformImage(input, "png", { width: 1280, format: "jpeg" });
  const meta = await sharp(out).metadata();
  assert.deepEqual(
    [meta.format, meta.width, meta.height, meta.hasAlpha],
    ["jpeg", 200, 100, false],
  );
});

test("applies EXIF orientation before dropping it", async () => {
  // Stored 400x200, orientation 6 (rotate 90°): shown 200x400.
  const input = await photo(400, 200).withMetadata({ orientation: 6 }).jpeg().toBuffer();
  const meta = await sharp(
    await transformImage(input, "jpeg", { width: 320, format: "webp" }),
  ).metadata();
  assert.deepEqual([meta.width, meta.height, meta.orientation], [200, 400, undefined]);
});

test("a very tall strip is capped at four times the width", async () => {
  const input = await photo(100, 4000).png().toBuffer();
  const meta = await sharp(
    await transformImage(input, "png", { width: 320, format: "webp" }),
  ).metadata();
  assert.ok((meta.height ?? 0) <= 1280, `height ${meta.height}`);
});

test("a header claiming more pixels than the budget is refused before decoding", async () => {
  const input = await photo(300, 300).png().toBuffer();
  assert.equal(
    await codeOf(transformImage(input, "png", { width: 320, format: "webp", maxPixels: 50_000 })),
    "too_many_pixels",
  );
});

test("bytes that do not decode as the sniffed format are refused", async () => {
  const png = await photo(10, 10).png().toBuffer();
  assert.equal(sniffImageType(png), "png");
  assert.equal(
    await codeOf(transformImage(png, "jpeg", { width: 320, format: "webp" })),
    "not_an_image",
  );
  const truncated = png.subarray(0, 40);
  assert.equal(
    await codeOf(transformImage(truncated, "png", { width: 320, format: "webp" })),
    "bad_image",
  );
});

test("chooseOutputFormat: WebP when the browser says so, else JPEG", () => {
  assert.equal(chooseOutputFormat("image/avif,image/webp,image/apng,image/*,*/*;q=0.8"), "webp");
  assert.equal(chooseOutputFormat("image/webp"), "webp");
  assert.equal(chooseOutputFormat("image/webp;q=0, image/jpeg"), "jpeg");
  assert.equal(chooseOutputFormat("image/png,image/*;q=0.8,*/*;q=0.5"), "jpeg");
  assert.equal(chooseOutputFormat("*/*"), "jpeg");
  assert.equal(chooseOutputFormat(undefined), "jpeg");
});
