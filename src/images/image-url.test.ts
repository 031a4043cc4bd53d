import assert from "node:assert/strict";
import { test } from "node:test";
import { createImageSigner, IMAGE_WIDTHS, parseImageWidth } from "./image-url.ts";

const SECRET = "0123456789abcdef0123456789abcdef-test";
const PHOTO = "https://cdn.outlet.example/photos/harbour.jpg?w=2000";

function parts(path: string): { sig: string; width: number; encoded: string } {
  const match = /^\/img\/([^/]+)\/([0-9]+)\/([^/]+)$/.exec(path);
  assert.ok(match, `not a proxy path: ${path}`);
  return { sig: match[1] ?? "", width: Number(match[2]), encoded: match[3] ?? "" };
}

test("a signed path verifies back to its source URL", () => {
  const signer = createImageSigner(SECRET);
  const path = signer.imageProxyUrl(PHOTO, 640);
  assert.ok(path);
  const { sig, width, encoded } = parts(path);
  assert.equal(width, 640);
  assert.equal(sig.length, 22);
  assert.equal(Buffer.from(encoded, "base64url").toString(), PHOTO);
  assert.equal(signer.verify(sig, 640, encoded), PHOTO);
});

test("signing is deterministic per key, so every node with the key agrees", () => {
  assert.equal(
    createImageSigner(SECRET).imageProxyUrl(PHOTO, 320),
    createImageSigner(SECRET).imageProxyUrl(PHOTO, 320),
  );
  assert.notEqual(
    createImageSigner(SECRET).imageProxyUrl(PHOTO, 320),
    createImageSigner(`${SECRET}-other`).imageProxyUrl(PHOTO, 320),
  );
});

test("a tampered signature, width or source fails verification", () => {
  const signer = createImageSigner(SECRET);
  const { sig, encoded } = parts(signer.imageProxyUrl(PHOTO, 640) ?? "");
  const flipped = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
  assert.equal(signer.verify(flipped, 640, encoded), null);
  assert.equal(signer.verify(sig, 1280, encoded), null, "the width is signed too");
  const other = Buffer.from("http://169.254.169.254/latest/meta-data/").toString("base64url");
  assert.equal(signer.verify(sig, 640, other), null);
  assert.equal(signer.verify("", 640, encoded), null);
  assert.equal(signer.verify(`${sig}A`, 640, encoded), null);
  assert.equal(signer.verify(sig, 640, `${encoded}/x`), null);
  assert.equal(createImageSigner(`${SECRET}-other`).verify(sig, 640, encoded), null);
});

test("only plain http(s) URLs are signed", () => {
  const signer = createImageSigner(SECRET);
  assert.equal(signer.imageProxyUrl("data:image/png;base64,AAAA", 320), null);
  assert.equal(signer.imageProxyUrl("file:///etc/passwd", 320), null);
  assert.equal(signer.imageProxyUrl("javascript:alert(1)", 320), null);
  assert.equal(signer.imageProxyUrl("/relative.jpg", 320), null);
  assert.equal(signer.imageProxyUrl("https://user:pw@cdn.example/a.jpg", 320), null);
  assert.equal(signer.imageProxyUrl(`https://cdn.example/${"a".repeat(3000)}.jpg`, 320), null);
  // Normalised, fragment dropped: one image, one cache entry.
  const { encoded } = parts(signer.imageProxyUrl("HTTPS://CDN.example/a.jpg#top", 320) ?? "");
  assert.equal(Buffer.from(encoded, "base64url").toString(), "https://cdn.example/a.jpg");
});

test("srcset lists every width, each signed", () => {
  const signer = createImageSigner(SECRET);
  const srcset = signer.imageSrcset(PHOTO) ?? "";
  const entries = srcset.split(", ");
  assert.equal(entries.length, IMAGE_WIDTHS.length);
  for (const [i, width] of IMAGE_WIDTHS.entries()) {
    const [path = "", descriptor] = (entries[i] ?? "").split(" ");
    assert.equal(descriptor, `${width}w`);
    const p = parts(path);
    assert.equal(signer.verify(p.sig, width, p.encoded), PHOTO);
  }
  assert.equal(signer.imageSrcset("ftp://x/y.jpg"), null);
});

test("parseImageWidth takes only the widths served", () => {
  assert.equal(parseImageWidth("640"), 640);
  for (const bad of ["641", "0640", "64O", "", "-320", "1e3", "99999999"]) {
    assert.equal(parseImageWidth(bad), null, bad);
  }
});
