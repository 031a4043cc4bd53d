import type { SiteContext } from "./site-context.ts";

/**
 * An outlet's picture, served through the image proxy at the width the layout needs; no
 * element at all when the page cannot sign its URL. Decorative beside its headline, so
 * `alt` is empty; the frame's ratio is fixed in CSS so nothing moves while it loads.
 */
export function OutletImage(props: {
  site: SiteContext;
  url: string | null;
  sizes: string;
  className: string;
  eager?: boolean;
}) {
  const { images } = props.site;
  if (!images || !props.url) return null;
  const src = images.imageProxyUrl(props.url, 640);
  const srcset = images.imageSrcset(props.url);
  if (src === null || srcset === null) return null;
  return (
    <img
      class={props.className}
      src={src}
      srcset={srcset}
      sizes={props.sizes}
      width={640}
      height={360}
      alt=""
      loading={props.eager ? undefined : "lazy"}
      // An eager image is the page's largest paint: ask for it before the rest.
      fetchpriority={props.eager ? "high" : undefined}
      decoding="async"
    />
  );
}
