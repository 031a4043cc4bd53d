import type { MediaNs } from "feedsmith";
import type { Enclosure } from "../../domain/feed.ts";
import { plainText, textOnly } from "./fields.ts";
import { resolveUrl } from "./links.ts";

/** Enclosures and the pictures feeds name outside the body (Media RSS, image enclosures). */

export function enclosure(
  url: string | undefined,
  type: string | undefined,
  length: number | undefined,
  base: string | null,
): Enclosure | null {
  const resolved = resolveUrl(url, base);
  if (resolved === null) return null;
  return {
    url: resolved,
    type: type?.trim().toLowerCase() || null,
    // "0" is how feeds say "unknown".
    length:
      typeof length === "number" && Number.isSafeInteger(length) && length > 0 ? length : null,
  };
}

export function uniqueEnclosures(list: (Enclosure | null)[]): Enclosure[] {
  const out: Enclosure[] = [];
  for (const item of list) if (item && !out.some((e) => e.url === item.url)) out.push(item);
  return out;
}

const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

function isImage(type: string | null | undefined, url: string | null | undefined): boolean {
  if (type) return type.toLowerCase().startsWith("image/") || type.toLowerCase() === "image";
  return url ? IMAGE_EXTENSION.test(url) : false;
}

export function imageEnclosure(enclosures: Enclosure[]): string | null {
  return enclosures.find((e) => isImage(e.type, e.url))?.url ?? null;
}

type MediaContent = NonNullable<MediaNs.ItemOrFeed["contents"]>[number];
type MediaThumbnail = NonNullable<MediaNs.ItemOrFeed["thumbnails"]>[number];

/** media:content images (the default first, then the widest), thumbnails, then media:group. */
export function mediaImage(
  media: MediaNs.ItemOrFeed | undefined,
  base: string | null,
): string | null {
  if (!media) return null;
  const fromContents = (contents: MediaContent[] | undefined) => {
    const images = (contents ?? [])
      .filter((c) => isImage(c.medium ?? c.type, c.url))
      .sort(
        (a, b) =>
          Number(b.isDefault ?? 0) - Number(a.isDefault ?? 0) || (b.width ?? 0) - (a.width ?? 0),
      );
    return images.map((c) => resolveUrl(c.url, base)).find((url) => url !== null) ?? null;
  };
  const fromThumbnails = (thumbnails: MediaThumbnail[] | undefined) => {
    const sorted = [...(thumbnails ?? [])].sort((a, b) => (b.width ?? 0) - (a.width ?? 0));
    return sorted.map((t) => resolveUrl(t.url, base)).find((url) => url !== null) ?? null;
  };
  const groups = media.groups ?? [];
  return (
    fromContents(media.contents) ??
    fromThumbnails(media.thumbnails) ??
    fromThumbnails(media.contents?.flatMap((c) => c.thumbnails ?? [])) ??
    fromContents(groups.flatMap((g) => g.contents ?? [])) ??
    fromThumbnails(
      groups.flatMap((g) => [
        ...(g.thumbnails ?? []),
        ...(g.contents ?? []).flatMap((c) => c.thumbnails ?? []),
      ]),
    )
  );
}

type MediaTitle = NonNullable<MediaNs.ItemOrFeed["title"]>;

function mediaTitleText(title: MediaTitle | undefined): string | null {
  // media:title and media:description are plain text unless type="html".
  return (title?.type?.trim().toLowerCase() === "html" ? plainText : textOnly)(title?.value);
}

/**
 * An item's media:title or media:description: the item's own, then a media:group's, then
 * a media:content's; for items (videos, galleries) that carry their text only there.
 */
export function mediaText(
  media: MediaNs.ItemOrFeed | undefined,
  field: "title" | "description",
): string | null {
  if (!media) return null;
  const candidates = [
    media[field],
    ...(media.groups ?? []).map((g) => g[field]),
    ...(media.contents ?? []).map((c) => c[field]),
    ...(media.groups ?? []).flatMap((g) => (g.contents ?? []).map((c) => c[field])),
  ];
  for (const candidate of candidates) {
    const text = mediaTitleText(candidate);
    if (text !== null) return text;
  }
  return null;
}

/** media:category labels (else values) of the item, its groups and its media:content. */
export function mediaCategories(media: MediaNs.ItemOrFeed | undefined): (string | undefined)[] {
  if (!media) return [];
  const groups = media.groups ?? [];
  return [
    media,
    ...groups,
    ...(media.contents ?? []),
    ...groups.flatMap((g) => g.contents ?? []),
  ].flatMap((m) => (m.categories ?? []).map((c) => c.label || c.name));
}
