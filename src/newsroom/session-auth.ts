import { createHash, randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { SessionRepository } from "../db/session-repository.ts";
import type { User } from "../domain/user.ts";
import { cookieHeader, cookieName, readCookie } from "./cookies.ts";

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
  /** Cookies get Secure and the `__Host-` prefix (SITE_URL is https). */
  secure: boolean;
}

export interface SignedIn {
  user: User;
  /** The hash of the cookie's id, as the session table keys it; also the CSRF binding. */
  sessionHash: string;
}

export interface SessionAuth {
  readonly cookie: string;
  /** A new session (a new id: never one the browser brought) and its cookie. */
  signIn(user: User, request: FastifyRequest, reply: FastifyReply, now?: Date): Promise<SignedIn>;
  /** The request's live session, or null: unknown, idle too long, too old, or user disabled. */
  current(request: FastifyRequest, now?: Date): Promise<SignedIn | null>;
  signOut(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Ends every session of the user, this one included. */
  signOutEverywhere(userId: number): Promise<number>;
}

// last_seen_at is written at most this often per session: not a write on every request.
const TOUCH_EVERY_MS = 60_000;

export function hashSecret(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

export function createSessionAuth(
  sessions: SessionRepository,
  settings: SessionSettings,
): SessionAuth {
  const cookie = cookieName("dispatch_session", settings.secure);
  const idleMs = settings.idleMinutes * 60_000;
  const maxMs = settings.maxHours * 3_600_000;
  const clear = cookieHeader(cookie, "", { secure: settings.secure, maxAge: 0 });
  return {
    cookie,
    async signIn(user, request, reply, now = new Date()) {
      // Whatever session the browser had ends here: no fixation.
      const old = readCookie(request.headers.cookie, cookie);
      if (old) await sessions.delete(hashSecret(old));
      const id = randomBytes(32).toString("base64url");
      const sessionHash = hashSecret(id);
      await sessions.create({
        idHash: sessionHash,
        userId: user.id,
        now,
        expiresAt: new Date(now.getTime() + maxMs),
        client: (request.headers["user-agent"] ?? "").slice(0, 200) || null,
      });
      reply.header("set-cookie", cookieHeader(cookie, id, { secure: settings.secure }));
      return { user, sessionHash };
    },
    async current(request, now = new Date()) {
      const id = readCookie(request.headers.cookie, cookie);
      if (!id) return null;
      const sessionHash = hashSecret(id);
      const session = await sessions.get(sessionHash);
      if (!session) return null;
      const t = now.getTime();
      const lastSeen = Date.parse(session.lastSeenAt);
      if (
        session.user.disabledAt !== null ||
        Date.parse(session.expiresAt) <= t ||
        t - lastSeen >= idleMs
      ) {
        await sessions.delete(sessionHash);
        return null;
      }
      if (t - lastSeen >= TOUCH_EVERY_MS) await sessions.touch(sessionHash, now);
      return { user: session.user, sessionHash };
    },
    async signOut(request, reply) {
      const id = readCookie(request.headers.cookie, cookie);
      if (id) await sessions.delete(hashSecret(id));
      reply.header("set-cookie", clear);
    },
    signOutEverywhere: (userId) => sessions.deleteForUser(userId),
  };
}
