import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { CLIENT_JS } from "../client-script.ts";
import { buildLiveClient } from "../live-client-bundle.ts";
import { STYLESHEET_CSS } from "../styles.ts";

const hashOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 12);

const STYLESHEET = Buffer.from(STYLESHEET_CSS, "utf8");
export const STYLESHEET_HREF = `/assets/site.${hashOf(STYLESHEET)}.css`;
const SCRIPT = Buffer.from(CLIENT_JS, "utf8");
export const SCRIPT_HREF = `/assets/site.${hashOf(SCRIPT)}.js`;
const LIVE_SCRIPT = Buffer.from(buildLiveClient(), "utf8");
export const LIVE_SCRIPT_HREF = `/assets/live.${hashOf(LIVE_SCRIPT)}.js`;

// The masthead's red dot. Served for /favicon.ico too, which some clients ask for blindly.
const FAVICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#b3001b"/></svg>',
);
export const FAVICON_HREF = "/favicon.svg";

const IMMUTABLE = "public, max-age=31536000, immutable";

/** The stylesheet and script under content-hashed names, kept by browsers for a year. */
export function registerAssets(app: FastifyInstance): void {
  for (const path of [FAVICON_HREF, "/favicon.ico"]) {
    app.get(path, async (_request, reply) =>
      reply
        .header("content-type", "image/svg+xml")
        .header("cache-control", "public, max-age=86400")
        .send(FAVICON),
    );
  }
  for (const [href, bytes] of [
    [SCRIPT_HREF, SCRIPT],
    [LIVE_SCRIPT_HREF, LIVE_SCRIPT],
  ] as const) {
    app.get(href, async (_request, reply) =>
      reply
        .header("content-type", "text/javascript; charset=utf-8")
        .header("cache-control", IMMUTABLE)
        .send(bytes),
    );
  }
  app.get(STYLESHEET_HREF, async (_request, reply) =>
    reply
      .header("content-type", "text/css; charset=utf-8")
      .header("cache-control", IMMUTABLE)
      .send(STYLESHEET),
  );
}
