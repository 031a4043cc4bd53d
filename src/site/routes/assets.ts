import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { CLIENT_JS } from "../client-script.ts";
import { STYLESHEET_CSS } from "../styles.ts";

const hashOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 12);

const STYLESHEET = Buffer.from(STYLESHEET_CSS, "utf8");
export const STYLESHEET_HREF = `/assets/site.${hashOf(STYLESHEET)}.css`;
const SCRIPT = Buffer.from(CLIENT_JS, "utf8");
export const SCRIPT_HREF = `/assets/site.${hashOf(SCRIPT)}.js`;

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
  app.get(SCRIPT_HREF, async (_request, reply) =>
    reply
      .header("content-type", "text/javascript; charset=utf-8")
      .header("cache-control", IMMUTABLE)
      .send(SCRIPT),
  );
  app.get(STYLESHEET_HREF, async (_request, reply) =>
    reply
      .header("content-type", "text/css; charset=utf-8")
      .header("cache-control", IMMUTABLE)
      .send(STYLESHEET),
  );
}
