import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enclosure, imageEnclosure, mediaImage, uniqueEnclosures } from "./media.ts";

const base = "https://site.example/feed/";

describe("enclosures and media images", () => {
  it("reads an enclosure: absolute URL, lowercased type, 0 or junk length as unknown", () => {
    assert.deepEqual(enclosure("a.mp3", " Audio/MPEG ", 1200, base), {
      url: "https://site.example/feed/a.mp3",
      type: "audio/mpeg",
      length: 1200,
    });
    assert.equal(enclosure("a.mp3", undefined, 0, base)?.length, null);
    assert.equal(enclosure("a.mp3", "", Number.NaN, base)?.type, null);
    assert.equal(enclosure("javascript:x", "audio/mpeg", 1, base), null);
  });

  it("keeps one enclosure per URL and finds an image among them by type or extension", () => {
    const list = uniqueEnclosures([
      enclosure("/a.mp3", "audio/mpeg", 1, base),
      enclosure("/a.mp3", "audio/mpeg", 2, base),
      null,
      enclosure("/p.webp?w=800", undefined, undefined, base),
    ]);
    assert.equal(list.length, 2);
    assert.equal(imageEnclosure(list), "https://site.example/p.webp?w=800");
    assert.equal(imageEnclosure(list.slice(0, 1)), null);
  });

  it("prefers the default media:content image, then the widest, over thumbnails", () => {
    assert.equal(
      mediaImage(
        {
          contents: [
            { url: "/small.jpg", medium: "image", width: 300 },
            { url: "/video.mp4", type: "video/mp4", width: 1920 },
            { url: "/wide.jpg", type: "image/jpeg", width: 1200 },
          ],
          thumbnails: [{ url: "/thumb.jpg" }],
        },
        base,
      ),
      "https://site.example/wide.jpg",
    );
    assert.equal(
      mediaImage(
        {
          contents: [
            { url: "/wide.jpg", width: 1200 },
            { url: "/chosen.png", isDefault: true },
          ],
        },
        base,
      ),
      "https://site.example/chosen.png",
    );
  });

  it("falls back to thumbnails (widest first), then to media:group", () => {
    assert.equal(
      mediaImage(
        {
          thumbnails: [
            { url: "/t1.jpg", width: 120 },
            { url: "/t2.jpg", width: 480 },
          ],
        },
        base,
      ),
      "https://site.example/t2.jpg",
    );
    assert.equal(
      mediaImage(
        {
          groups: [
            {
              contents: [{ url: "/player.swf", type: "application/x-shockwave-flash" }],
              thumbnails: [{ url: "/g.jpg" }],
            },
          ],
        },
        base,
      ),
      "https://site.example/g.jpg",
    );
    assert.equal(mediaImage(undefined, base), null);
  });
});
