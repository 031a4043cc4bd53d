import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { AuditRepository, NewAuditEntry } from "../db/audit-repository.ts";
import { AppError } from "../domain/errors.ts";
import { renderDocument } from "../site/render.ts";
import type { Viewer } from "./access.ts";
import type { NavItem, PageContext } from "./layout.tsx";
import { NEWSROOM_CSS } from "./styles.ts";

/**
 * What every newsroom module is handed: the page context, how a page goes out, the audit
 * log, and the bar to add its section to. A module is `register…(app, kit, deps)`.
 */
export interface NewsroomKit {
  readonly siteName: string;
  /** Modules push their section; the bar shows them in that order. */
  readonly nav: NavItem[];
  ctx(request: FastifyRequest): PageContext;
  /** The signed-in viewer of a route that requires one. */
  viewer(request: FastifyRequest): Viewer;
  /** A newsroom page: HTML, never stored by any cache. */
  send(reply: FastifyReply, page: VNode, status?: number): FastifyReply;
  /** Records a change under the request's viewer (an e-mail address or `token:<name>`). */
  audit(
    request: FastifyRequest,
    entry: Omit<NewAuditEntry, "actorId" | "actor" | "at">,
  ): Promise<void>;
  /** A path inside the newsroom to go back to after sign-in; anything else is /newsroom. */
  safeNext(raw: unknown): string;
}

const NEWSROOM_STYLESHEET = Buffer.from(NEWSROOM_CSS, "utf8");
export const NEWSROOM_STYLESHEET_HREF = `/newsroom/assets/newsroom.${createHash("sha256")
  .update(NEWSROOM_STYLESHEET)
  .digest("hex")
  .slice(0, 12)}.css`;

export function createKit(
  app: FastifyInstance,
  deps: { siteName: string; siteStylesheet: string; audits: AuditRepository },
): NewsroomKit {
  const nav: NavItem[] = [];
  const stylesheets = [deps.siteStylesheet, NEWSROOM_STYLESHEET_HREF];
  app.get(NEWSROOM_STYLESHEET_HREF, { config: { access: "public" } }, async (_request, reply) =>
    reply
      .header("content-type", "text/css; charset=utf-8")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(NEWSROOM_STYLESHEET),
  );
  const viewer = (request: FastifyRequest): Viewer => {
    if (!request.viewer) throw new AppError("sign_in_required", "sign in first", { status: 401 });
    return request.viewer;
  };
  return {
    siteName: deps.siteName,
    nav,
    ctx: (request) => ({
      siteName: deps.siteName,
      stylesheets,
      viewer: request.viewer,
      csrf: request.csrf,
      path: request.url.split("?")[0] ?? request.url,
      nav,
    }),
    viewer,
    send: (reply, page, status = 200) =>
      reply
        .code(status)
        .header("content-type", "text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(renderDocument(page)),
    async audit(request, entry) {
      const who = request.viewer;
      await deps.audits.record({
        ...entry,
        actorId: who?.user.id ?? null,
        actor: who?.actor ?? "anonymous",
      });
    },
    safeNext(raw) {
      if (typeof raw !== "string") return "/newsroom";
      // Only our own newsroom paths: never `//evil.example` or `/newsroom@evil`.
      return /^\/newsroom(?:[/?#][^\\\s]*)?$/.test(raw) && !raw.startsWith("//")
        ? raw
        : "/newsroom";
    },
  };
}
