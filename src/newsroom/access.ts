import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import type { ApiTokenRepository } from "../db/api-token-repository.ts";
import type { UserRepository } from "../db/user-repository.ts";
import { AppError } from "../domain/errors.ts";
import {
  type Access,
  accessAllows,
  type NewsroomRole,
  roleAtLeast,
  type User,
} from "../domain/user.ts";
import { cookieHeader, cookieName, readCookie } from "./cookies.ts";
import { csrfToken, csrfValid } from "./csrf.ts";
import { hashSecret, type SessionAuth } from "./session-auth.ts";

/** Who is making a request, and as what. */
export interface Viewer {
  user: User;
  /** The user's role, or the API token's (a token may hold less than its maker). */
  role: NewsroomRole;
  via: "session" | "token";
  /** The session's hash (null for a token). */
  sessionHash: string | null;
  /** As the audit log names them: an e-mail address, or `token:<name>`. */
  actor: string;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route; every newsroom and write-API route must say. */
    access?: Access;
  }
  interface FastifyRequest {
    viewer: Viewer | null;
    /** The CSRF token to put in this page's forms. */
    csrf: string;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Routes that must declare their access: the whole newsroom, and every API write. */
export function isGuarded(method: string, url: string): boolean {
  if (url === "/newsroom" || url.startsWith("/newsroom/")) return true;
  return url.startsWith("/api/v1/") && !SAFE_METHODS.has(method);
}

function methods(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

export interface AccessDeps {
  auth: SessionAuth;
  users: UserRepository;
  tokens: ApiTokenRepository;
  secret: string;
  /** `https://news.example`: a state-changing request from another origin is refused. */
  siteOrigin: string;
  secure: boolean;
}

/**
 * Installs the access check on every guarded route as it is added (so reader pages pay
 * nothing for it) and returns the list of guarded routes, for the role-by-route test. A
 * guarded route without `config.access` stops the server at start.
 */
export function installAccess(app: FastifyInstance, deps: AccessDeps): RouteAccess[] {
  const routes: RouteAccess[] = [];
  const preCookie = cookieName("dispatch_csrf", deps.secure);
  app.decorateRequest("viewer", null);
  app.decorateRequest("csrf", "");

  async function viewerOf(request: FastifyRequest): Promise<Viewer | null> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined && request.url.startsWith("/api/")) {
      const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization);
      const token = match?.[1] ? await deps.tokens.use(hashSecret(match[1]), new Date()) : null;
      const user = token ? await deps.users.byId(token.createdBy) : null;
      if (!token || !user || user.disabledAt !== null) {
        throw new AppError("bad_token", "the API token is unknown, revoked or its maker disabled", {
          status: 401,
        });
      }
      return {
        user,
        // A token never does more than its maker may now: a demoted admin's tokens follow.
        role: roleAtLeast(user.role, token.role) ? token.role : user.role,
        via: "token",
        sessionHash: null,
        actor: `token:${token.name}`,
      };
    }
    const signedIn = await deps.auth.current(request);
    if (!signedIn) return null;
    const { user, sessionHash } = signedIn;
    return { user, role: user.role, via: "session", sessionHash, actor: user.email };
  }

  /** The session, or else a random pre-session cookie (set now if missing) binds the token. */
  function csrfBinding(request: FastifyRequest, reply: FastifyReply): string {
    if (request.viewer?.sessionHash) return request.viewer.sessionHash;
    const existing = readCookie(request.headers.cookie, preCookie);
    if (existing) return `pre:${existing}`;
    const fresh = randomBytes(24).toString("base64url");
    reply.header("set-cookie", cookieHeader(preCookie, fresh, { secure: deps.secure }));
    return `pre:${fresh}`;
  }

  function sameOrigin(request: FastifyRequest): boolean {
    // Browsers say where a request comes from; whatever they say must be us. Without
    // either header (old browsers, scripts) the token alone decides.
    const site = request.headers["sec-fetch-site"];
    if (site !== undefined && site !== "same-origin" && site !== "none") return false;
    const origin = request.headers.origin;
    // "null": a form posted from a page with no-referrer policy (ours) or a sandbox.
    if (origin === undefined || origin === "null" || origin === deps.siteOrigin) return true;
    // The page's own host counts too, so a SITE_URL naming localhost does not lock out 127.0.0.1.
    return (
      request.headers.host !== undefined &&
      origin === `${request.protocol}://${request.headers.host}`
    );
  }

  function givenToken(request: FastifyRequest): unknown {
    const header = request.headers["x-csrf-token"];
    if (typeof header === "string") return header;
    const body = request.body;
    if (body && typeof body === "object" && "_csrf" in body)
      return (body as { _csrf: unknown })._csrf;
    return undefined;
  }

  function checker(access: Access) {
    return async function checkAccess(request: FastifyRequest, reply: FastifyReply) {
      request.viewer = await viewerOf(request);
      const viewer = request.viewer;
      if (viewer?.via !== "token") {
        const binding = csrfBinding(request, reply);
        request.csrf = csrfToken(deps.secret, binding);
        if (!SAFE_METHODS.has(request.method)) {
          if (!sameOrigin(request) || !csrfValid(deps.secret, binding, givenToken(request))) {
            throw new AppError(
              "csrf_failed",
              "This form has expired or did not come from this site. Go back, reload the page and send it again.",
              { status: 403 },
            );
          }
        }
      }
      if (accessAllows(access, viewer?.role ?? null)) return;
      if (viewer === null) {
        if (request.method === "GET" && !request.url.startsWith("/api/")) {
          const next = encodeURIComponent(request.url);
          return reply.redirect(`/newsroom/login?next=${next}`, 303);
        }
        throw new AppError("sign_in_required", "sign in first", { status: 401 });
      }
      throw new AppError(
        "forbidden",
        access === "signed-in"
          ? "not allowed"
          : `This needs the ${access} role; you are ${viewer.role === "admin" ? "an" : "a"} ${viewer.role}.`,
        { status: 403 },
      );
    };
  }

  app.addHook("onRoute", (route) => {
    const guarded = methods(route).filter((m) => isGuarded(m, route.url));
    if (guarded.length === 0) return;
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`${guarded.join(",")} ${route.url} declares no config.access`);
    }
    for (const method of guarded)
      if (method !== "HEAD") routes.push({ method, url: route.url, access });
    const existing = route.preHandler;
    const own = checker(access);
    route.preHandler = existing ? [own, ...(Array.isArray(existing) ? existing : [existing])] : own;
  });
  return routes;
}
