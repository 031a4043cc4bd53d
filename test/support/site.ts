import type { SiteContext } from "../../src/site/site-context.ts";

/** A site for rendering a page component directly, without a server. */
export const TEST_SITE: SiteContext = {
  name: "Our Desk",
  url: "http://127.0.0.1",
  locale: "en-GB",
  language: "en",
  timeZone: "UTC",
  stylesheetHref: "/style.css",
};
