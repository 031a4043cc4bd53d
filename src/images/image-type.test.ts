import assert from "node:assert/strict";
import { test } from "node:test";
import sharp from "sharp";
import { declaredImageType, sniffImageType } from "./image-type.ts";

const base = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 10, g: 120, b: 200 } } });

test("sniffs every accepted format from bytes sharp wrote", async () => {
  assert.equal(sniffImageType(await base().jpeg().toBuffer()), "jpeg");
  assert.equal(sniffImageType(await base().png().toBuffer()), "png");
  assert.equal(sniffImageType(await base().gif().toBuffer()), "gif");
  assert.equal(sniffImageType(await base().webp().toBuffer()), "webp");
  assert.equal(sniffImageType(await base().avif().toBuffer()), "avif");
});

test("refuses SVG, HTML, TIFF, HEIC, PDF and fragments", async () => {
  const text = (s: string) => new TextEncoder().encode(s);
  assert.equal(sniffImageType(text('<svg xmlns="http://www.w3.org/2000/svg"/>')), null);
  assert.equal(sniffImageType(text('<?xml version="1.0"?><svg/>')), null);
  assert.equal(sniffImageType(text("<!doctype html><img src=x onerror=alert(1)>")), null);
  assert.equal(sniffImageType(text("%PDF-1.7")), null);
  assert.equal(sniffImageType(await base().tiff().toBuffer()), null);
  assert.equal(sniffImageType(new Uint8Array()), null);
  assert.equal(sniffImageType(new Uint8Array([0xff, 0xd8])), null, "too short to be a JPEG");
  assert.equal(sniffImageType(text("RIFF\0\0\0\0WAVEfmt ")), null, "RIFF but not WebP");
  // An HEIC header: the same container as AVIF, without an AVIF brand.
  const heic = new Uint8Array(24);
  new DataView(heic.buffer).setUint32(0, 24);
  heic.set(text("ftypheic\0\0\0\0mif1heic"), 4);
  assert.equal(sniffImageType(heic), null);
  // The same box naming avif among its compatible brands is AVIF.
  heic.set(text("avif"), 20);
  assert.equal(sniffImageType(heic), "avif");
  // A box size past the end of the bytes is not trusted.
  new DataView(heic.buffer).setUint32(0, 4000);
  assert.equal(sniffImageType(heic), null);
});

test("declared types: raster images only, parameters and case ignored", () => {
  assert.equal(declaredImageType("image/jpeg"), "jpeg");
  assert.equal(declaredImageType("Image/JPEG; charset=binary"), "jpeg");
  assert.equal(declaredImageType("image/png"), "png");
  assert.equal(declaredImageType("image/webp"), "webp");
  assert.equal(declaredImageType("image/avif"), "avif");
  assert.equal(declaredImageType("image/gif"), "gif");
  for (const refused of [
    "image/svg+xml",
    "text/html; charset=utf-8",
    "application/octet-stream",
    "image/tiff",
    "image/heic",
    "",
    null,
  ]) {
    assert.equal(declaredImageType(refused), null, String(refused));
  }
});
