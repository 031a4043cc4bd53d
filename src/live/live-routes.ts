import type { ServerResponse } from "node:http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../domain/errors.ts";
import {
  formatLiveId,
  type LiveChannel,
  parseChannel,
  parseLiveId,
  RESYNC_EVENT,
} from "../domain/live-event.ts";
import { type LiveLog, type LogHead, resumeFrom } from "./live-log.ts";
import { eventMessage, retryLine, sseMessage } from "./sse-frame.ts";
import type { SseHub } from "./sse-hub.ts";

export interface LiveRouteDeps {
  log: LiveLog;
  hub: SseHub;
  maxChannels: number;
  /** The poll interval clients are told to keep, and the live head's cache lifetime. */
  pollMs?: number;
  /** The reconnection delay streams suggest. */
  retryMs?: number;
}

const REPLAY_PAGE = 2_000;
const POLL_PAGE = 500;
const CHANNELS_ALLOWED =
  "home, breaking, section:<slug>, topic:<slug>, story:<id>, live:<id> or article:<id>, separated by commas";

function badParameter(parameter: string, message: string): AppError {
  return new AppError("bad_parameter", message, { status: 400, context: { field: parameter } });
}

/** A query parameter given once, as text; twice is a 400 of its own. */
function single(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badParameter(name, `"${name}" may be given only once.`);
  return value;
}

/** `channels=home,section:news` (spaces also separate): known names only, within the limit. */
export function parseChannels(raw: string | undefined, max: number): LiveChannel[] {
  if (raw === undefined || raw.trim() === "") {
    throw badParameter("channels", `"channels" is required: ${CHANNELS_ALLOWED}.`);
  }
  const out = new Set<LiveChannel>();
  for (const name of raw.split(/[,\s]+/).filter(Boolean)) {
    const channel = parseChannel(name);
    if (!channel) {
      throw badParameter(
        "channels",
        `"${name.slice(0, 60)}" is not a channel: "channels" allows ${CHANNELS_ALLOWED}.`,
      );
    }
    out.add(channel);
  }
  if (out.size > max) {
    throw badParameter(
      "channels",
      `"channels" names ${out.size} channels; at most ${max} are allowed.`,
    );
  }
  return [...out];
}

/** `<epoch>:<id>` as the pages and streams write it, or a bare `0` (from the start). */
export function parsePosition(
  raw: string,
  parameter: string,
): { epoch: string | null; id: number } {
  if (/^\d{1,16}$/.test(raw)) return { epoch: null, id: Number(raw) };
  const parsed = parseLiveId(raw);
  if (!parsed) {
    throw badParameter(
      parameter,
      `"${parameter}" must be an event id as the pages carry it, "<epoch>:<number>", or 0 for the start.`,
    );
  }
  return parsed;
}

function clientAddress(request: FastifyRequest): string {
  return request.socket.remoteAddress ?? "unknown";
}

/**
 * `GET /live` (Server-Sent Events) and `GET /live/poll` (JSON, for clients that cannot hold a
 * stream). Both resume from an id the page embedded or the stream last sent; an id this log
 * cannot serve (another epoch, pruned, ahead of a restored log) gets a resync, never silence.
 * Input is checked before anything is held open.
 */
export function registerLiveRoutes(app: FastifyInstance, deps: LiveRouteDeps): void {
  const pollMs = deps.pollMs ?? 10_000;
  const retryMs = deps.retryMs ?? 3_000;

  app.get("/live", async (request, reply) => {
    const channels = parseChannels(single(request, "channels"), deps.maxChannels);
    const header = request.headers["last-event-id"];
    const query = single(request, "last_event_id");
    // The browser sends the header when it reconnects by itself: it is the newer position.
    const rawId = typeof header === "string" && header !== "" ? header : query;
    const position =
      rawId === undefined || rawId === ""
        ? null
        : parsePosition(
            rawId,
            typeof header === "string" && header !== "" ? "Last-Event-ID" : "last_event_id",
          );
    const address = clientAddress(request);
    deps.hub.admit(address);
    const head = await deps.log.head();

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
      "x-content-type-options": "nosniff",
      connection: "keep-alive",
    });
    res.flushHeaders();
    const stream = deps.hub.add(res, address, channels);
    res.write(retryLine(retryMs));
    try {
      const from =
        position === null ? { kind: "from" as const, id: head.lastId } : resumeFrom(position, head);
      if (from.kind === "resync") {
        res.write(resync(head));
        deps.hub.live(stream, head.lastId);
        return;
      }
      let at = from.id;
      for (;;) {
        const page = await deps.log.after(at, channels, REPLAY_PAGE);
        at = page.through;
        const frames = page.events.map((e) => eventMessage(head.epoch, e)).join("");
        // A long replay waits for the client to read it, rather than piling up in memory.
        if (frames && !(await written(res, frames))) return;
        if (!page.full) break;
      }
      deps.hub.live(stream, at);
    } catch (error) {
      request.log.warn({ err: error }, "live replay failed");
      res.destroy();
    }
  });

  app.get("/live/poll", async (request, reply) => {
    const channels = parseChannels(single(request, "channels"), deps.maxChannels);
    const raw = single(request, "after");
    if (raw === undefined || raw === "") {
      throw badParameter(
        "after",
        `"after" is required: the id the page or the last poll gave, "<epoch>:<number>".`,
      );
    }
    const position = parsePosition(raw, "after");
    const head = await deps.log.head();
    const from = resumeFrom(position, head);
    reply.header("x-content-type-options", "nosniff");
    if (from.kind === "resync") {
      reply.header("cache-control", `public, max-age=${Math.round(pollMs / 1000)}`);
      return {
        events: [],
        resync: true,
        last: formatLiveId(head.epoch, head.lastId),
        retry: pollMs,
      };
    }
    const page = await deps.log.after(from.id, channels, POLL_PAGE);
    // A full page is a closed range: the same answer for ever (ids are never reused), so a
    // CDN may keep it long. The head changes: kept for half a poll interval, so every reader
    // at the same position within it (they all hold the id of the last event) shares one.
    reply.header(
      "cache-control",
      page.full
        ? "public, max-age=86400, immutable"
        : `public, max-age=${Math.max(1, Math.round(pollMs / 2000))}`,
    );
    return {
      events: page.events,
      last: formatLiveId(
        head.epoch,
        page.full ? page.through : Math.max(page.through, head.lastId),
      ),
      retry: page.full ? 0 : pollMs,
    };
  });
}

/** Writes; when the socket's buffer is full, waits for it to drain. False once it closed. */
function written(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}

function resync(head: LogHead): string {
  return sseMessage({
    id: formatLiveId(head.epoch, head.lastId),
    event: RESYNC_EVENT,
    data: JSON.stringify({ epoch: head.epoch, last: head.lastId }),
  });
}
